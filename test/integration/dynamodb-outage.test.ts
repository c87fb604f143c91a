import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../functions/db/client.js';
import { type RunningDynamoDb, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { type Api, api, expectProblem } from '../support/api.js';
import { until, within } from '../support/deadline.js';
import { createCall, createDraft, RESEARCHER } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { auditActions, itemsWithPkPrefix, pendingOutbox, storedItem } from '../support/table.js';
import { browse } from '../support/web.js';

/*
 * DynamoDB down and stalled, played by the real DynamoDB Local process: this file starts its own (the run's
 * shared one stays up for the other files), stops it with SIGSTOP (a stalled server: connections are accepted,
 * nothing is answered) and then for good. The API answers 503 problem+json with Retry-After, the web a
 * "prøv igen om lidt" page, /api/health/ready names the dependency, and no write is left half done.
 */

/** How long an answer may take while DynamoDB is down or stalled: the wait fails past it. */
const DEADLINE_MS = 3_000;

let dynamo: RunningDynamoDb | undefined;
let stalled = false;
let h: Harness;
let client: Api;
let callId: string;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({});
  h = await createHarness({ db: createDb({ tableName: 'outage', endpoint: dynamo.endpoint }) });
  client = api(h);
  callId = (await createCall(client)).id;
});

afterAll(async () => {
  // Whatever a test left it in, the process this file started is woken and stopped.
  if (stalled && dynamo) process.kill(dynamo.pid, 'SIGCONT');
  await dynamo?.stop();
  h?.db.doc.destroy();
});

function stall(): void {
  if (!dynamo) throw new Error('DynamoDB Local is not running');
  process.kill(dynamo.pid, 'SIGSTOP');
  stalled = true;
}

function resume(): void {
  if (!dynamo) throw new Error('DynamoDB Local is not running');
  process.kill(dynamo.pid, 'SIGCONT');
  stalled = false;
}

/** Waits (bounded) until DynamoDB answers again. */
const waitUntilReady = () =>
  until('ready again', async () => (await client.get('/api/health/ready')).status === 200);

/**
 * What an outage must look like from outside: 503 + Retry-After on the API and the web, a cheap liveness.
 * `session` is the researcher's, started before the outage (a sign-in itself writes her session to the table).
 */
async function expectUnavailable(session: string): Promise<void> {
  const calls = await within(DEADLINE_MS, client.get('/api/calls'), 'GET /api/calls');
  const problem = expectProblem(calls, 503, 'UNAVAILABLE');
  expect(calls.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(problem.reason).toBe('DATABASE_BUSY');

  const signedIn: Harness = { ...h, sessionFor: async () => session };
  const page = await within(DEADLINE_MS, browse(signedIn, RESEARCHER, '/applications'), 'GET /applications');
  expect(page.status).toBe(503);
  expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(page.html).toMatch(/^<!DOCTYPE html><html lang="da">/);
  expect(page.html).toContain('Databasen svarer ikke lige nu; prøv igen om lidt');
  // English beside the Danish, from the same catalogue, marked as English for a screen reader.
  expect(page.html).toMatch(/lang="en"[^>]*>[^<]*try again shortly/i);

  const ready = await within(DEADLINE_MS, client.get('/api/health/ready'), 'GET /api/health/ready');
  expectProblem(ready, 503, 'UNAVAILABLE');
  expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(ready.body).toMatchObject({
    reason: 'NOT_READY',
    unavailable: ['dynamodb'],
    checks: { dynamodb: 'unavailable', mail: 'ok' },
  });

  const live = await within(DEADLINE_MS, client.get('/api/health'), 'GET /api/health');
  expect(live.status).toBe(200);
  expect(h.errors).toEqual([]);
}

describe('DynamoDB stalled (SIGSTOP)', () => {
  it('answers 503 with Retry-After within 3 s and leaves no submission half written', async () => {
    const draft = await createDraft(client, callId, RESEARCHER);
    const session = await h.sessionFor(RESEARCHER);
    expect((await client.get('/api/health/ready')).body).toMatchObject({
      status: 'ok',
      checks: { dynamodb: 'ok', mail: 'ok' },
    });
    stall();
    try {
      const submitted = await within(
        DEADLINE_MS,
        client.act(`/api/applications/${draft.id}/submit`, RESEARCHER),
        'POST submit',
      );
      expectProblem(submitted, 503, 'UNAVAILABLE');
      expect(submitted.headers.get('retry-after')).toMatch(/^\d+$/);
      await expectUnavailable(session);
    } finally {
      resume();
    }
    await waitUntilReady();

    // The stalled submit may still land once DynamoDB wakes (it was sent), but only whole: the application, its
    // reference, the counter, the audit event and the receipt together, or none of them.
    const pk = `APP#${draft.id}`;
    const application = await storedItem(h, { pk, sk: 'APP' });
    const references = (await itemsWithPkPrefix(h, 'REF#')).filter((r) => r.applicationId === draft.id);
    const receipts = (await pendingOutbox(h)).filter((m) => m.kind === 'application.receipt');
    const submittedEvents = (await auditActions(h, pk)).filter((a) => a === 'application.submitted');
    if (application?.status === 'submitted') {
      expect(references).toHaveLength(1);
      expect(submittedEvents).toHaveLength(1);
      expect(receipts).toHaveLength(1);
    } else {
      expect(application?.status).toBe('draft');
      expect(references).toEqual([]);
      expect(submittedEvents).toEqual([]);
      expect(receipts).toEqual([]);
      expect(await itemsWithPkPrefix(h, 'COUNTER#')).toEqual([]);
    }
    // And it works again: the same request now goes through (or finds it already done).
    const again = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
    expect([200, 409], again.text).toContain(again.status);
  });
});

describe('DynamoDB down (its process stopped)', () => {
  it('answers 503 with Retry-After within 3 s on the API, the web and readiness', async () => {
    const session = await h.sessionFor(RESEARCHER);
    await dynamo?.stop();
    await expectUnavailable(session);
  });
});
