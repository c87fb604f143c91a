import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { REFERENCE_ATTEMPTS } from '../../functions/db/applications.repository.js';
import { ATTEMPTS } from '../../functions/db/retry.js';
import { type Api, expectProblem } from '../support/api.js';
import { cancelled, dbMocks, serverError, throttling } from '../support/db-faults.js';
import { createDraft, RESEARCHER } from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { auditEvents, itemsWithPkPrefix, pendingOutbox } from '../support/table.js';

let h: Harness;
let client: Api;
let call: Call;
// The real send, kept so a mock can pass reads through to DynamoDB Local and fail only the chosen step.
let realSend: DynamoDBDocumentClient['send'];
const faults = dbMocks();

beforeAll(async () => {
  ({ h, client, call } = await harnessWithCall());
  // Sign in before any mock is set: the demo users are read from the table only at dev-login, not here.
  await h.tokenFor(RESEARCHER);
});

/** Mocks the harness's document client, passing every request on to DynamoDB Local unless a test says otherwise. */
function mockDb() {
  const mocked = faults.mock(h.db);
  realSend = mocked.realSend;
  return mocked.stub;
}

describe('passing faults are 503 once the retry policy gives up', () => {
  // The retry pauses are random; zero keeps the tests fast without changing what is retried.
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });

  it('a ThrottlingException on GET /api/calls → 503 problem+json, after every attempt', async () => {
    const db = mockDb();
    db.on(QueryCommand).rejects(throttling());
    const res = await client.get('/api/calls');
    const problem = expectProblem(res, 503, 'UNAVAILABLE');
    expect(problem.detail).not.toMatch(/Rate of requests/);
    expect(problem.reason).toBe('DATABASE_BUSY');
    expect(db).toHaveReceivedCommandTimes(QueryCommand, ATTEMPTS);
  });

  it('a ThrottlingException that passes is not seen at all', async () => {
    const db = mockDb();
    db.on(QueryCommand)
      .rejectsOnce(throttling())
      .callsFake((input) => realSend(new QueryCommand(input)));
    const res = await client.get('/api/calls');
    expect(res.status, res.text).toBe(200);
    expect(db).toHaveReceivedCommandTimes(QueryCommand, 2);
  });

  it('a ProvisionedThroughputExceededException on GET /api/calls/{id} → 503', async () => {
    const db = mockDb();
    db.on(GetCommand).rejects(
      new ProvisionedThroughputExceededException({ message: 'Too much', $metadata: { httpStatusCode: 400 } }),
    );
    expectProblem(await client.get(`/api/calls/${call.id}`), 503, 'UNAVAILABLE');
  });

  it('a DynamoDB 500 → 503', async () => {
    const db = mockDb();
    db.on(QueryCommand).rejects(serverError());
    expectProblem(await client.get('/api/calls'), 503, 'UNAVAILABLE');
  });

  it('a transaction cancelled by throttling on PATCH → 503', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const db = mockDb();
    db.on(TransactWriteCommand).rejects(cancelled(['ThrottlingError', 'None']));
    expectProblem(await client.patch(`/api/applications/${draft.id}`, { title: 'Ny' }, RESEARCHER, 1), 503);
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, ATTEMPTS);
    faults.restore();
    expect((await client.get(`/api/applications/${draft.id}`, RESEARCHER)).body.version).toBe(1);
  });
});

describe('conflicts are 409', () => {
  it('a TransactionCanceledException (ConditionalCheckFailed) on PATCH application → 409', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const db = mockDb();
    db.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed']));

    const res = await client.patch(`/api/applications/${draft.id}`, { title: 'Ny titel' }, RESEARCHER, 1);
    expectProblem(res, 409, 'VERSION_CONFLICT');
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems).toHaveLength(2);

    faults.restore();
    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).toMatchObject({ version: 1, title: draft.title });
  });

  it('a stale application put during submit → 409 at once, no retry', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const db = mockDb();
    db.on(TransactWriteCommand).rejects(
      cancelled(['None', 'ConditionalCheckFailed', 'None', 'None', 'None']),
    );
    expectProblem(
      await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER),
      409,
      'VERSION_CONFLICT',
    );
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });
});

describe('unexpected errors are a bare 500', () => {
  it('leaks no message, stack or name, and is logged', async () => {
    const secret = 'connect ECONNREFUSED 10.0.13.7:8000 at /var/task/index.mjs:1:2345 table=fim-prod-Table';
    const db = mockDb();
    db.on(GetCommand).rejects(Object.assign(new Error(secret), { name: 'WeirdSdkError' }));
    const errorsBefore = h.errors.length;

    const res = await client.get(`/api/calls/${call.id}`);
    const problem = expectProblem(res, 500, 'INTERNAL');
    expect(Object.keys(problem).sort()).toEqual(['code', 'instance', 'status', 'title', 'type']);
    for (const leak of [
      'ECONNREFUSED',
      '10.0.13.7',
      '/var/task',
      'WeirdSdkError',
      'fim-prod',
      'stack',
      ' at ',
    ]) {
      expect(res.text).not.toContain(leak);
    }
    expect(h.errors.length).toBe(errorsBefore + 1);
    expect(String(h.errors.at(-1))).toContain('ECONNREFUSED');
  });

  it('a non-Error rejection is a bare 500 too', async () => {
    const db = mockDb();
    db.on(QueryCommand).rejects('plain string failure' as unknown as Error);
    const res = await client.get('/api/calls');
    expectProblem(res, 500, 'INTERNAL');
    expect(res.text).not.toContain('plain string failure');
  });
});

describe('nothing is half-written', () => {
  it('a submit whose transaction keeps failing leaves the draft, and writes no reference, outbox or audit', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    // The retry pauses are random; zero keeps the test fast without changing what is retried.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const db = mockDb();
    db.on(TransactWriteCommand).rejects(cancelled(['None', 'None', 'None', 'TransactionConflict', 'None']));

    const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
    expectProblem(res, 503, 'UNAVAILABLE');
    // Every attempt was the whole submission (counter, application, reference, a flag per organisation name the
    // registry does not know, audit, outbox) in one transaction, tried as often as the retry policy tries a clash.
    const attempts = db.commandCalls(TransactWriteCommand);
    expect(attempts.length).toBe(ATTEMPTS);
    for (const attempt of attempts) {
      const items = attempt.args[0].input.TransactItems ?? [];
      const entities = items.map((i) => String(i.Put?.Item?.entity));
      expect(entities.filter((e) => e !== 'organisationFlag')).toEqual([
        'counter',
        'application',
        'reference',
        'audit',
        'outbox',
      ]);
      expect(entities.filter((e) => e === 'organisationFlag').length).toBeGreaterThan(0);
    }

    faults.restore();
    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).toMatchObject({ status: 'draft', version: 1 });
    expect(read.body.reference).toBeUndefined();
    expect(read.body.submittedAt).toBeUndefined();
    expect(await itemsWithPkPrefix(h, 'REF#')).toEqual([]);
    expect(await itemsWithPkPrefix(h, 'COUNTER#')).toEqual([]);
    expect(await pendingOutbox(h)).toEqual([]);
    expect((await auditEvents(h, `APP#${draft.id}`)).map((e) => e.action)).toEqual(['application.created']);
  });

  it('a submit that loses one race retries and takes the next free reference, with no gap', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const db = mockDb();
    db.on(TransactWriteCommand)
      .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None', 'None', 'None', 'None']))
      .callsFake((input) => realSend(new TransactWriteCommand(input)));

    const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', version: 2, reference: 'FIM-2027-0001' });
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 2);

    faults.restore();
    expect(await pendingOutbox(h)).toHaveLength(1);
    expect((await auditEvents(h, `APP#${draft.id}`)).map((e) => e.action)).toEqual([
      'application.created',
      'application.submitted',
    ]);
  });

  it('a submit that loses every race reads the counter again each time, then answers 503 and writes nothing', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const claimsBefore = await itemsWithPkPrefix(h, 'REF#');
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const db = mockDb();
    db.on(TransactWriteCommand).rejects(
      cancelled(['ConditionalCheckFailed', 'None', 'None', 'None', 'None']),
    );

    const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
    const problem = expectProblem(res, 503, 'UNAVAILABLE');
    expect(problem.reason).toBe('TOO_MANY_SUBMISSIONS');
    expect(problem.detail).toBe('For mange samtidige indsendelser; prøv igen');
    // A lost race is never sent again as it was: each attempt read the counter first.
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, REFERENCE_ATTEMPTS);
    const counterReads = db
      .commandCalls(GetCommand)
      .filter((c) => String(c.args[0].input.Key?.pk).startsWith('COUNTER#REFERENCE#'));
    expect(counterReads).toHaveLength(REFERENCE_ATTEMPTS);

    faults.restore();
    expect((await client.get(`/api/applications/${draft.id}`, RESEARCHER)).body).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect(await itemsWithPkPrefix(h, 'REF#')).toEqual(claimsBefore);
  });
});
