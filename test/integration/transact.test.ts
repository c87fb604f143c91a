import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AuditEvent, auditEvent, type OutboxMessage } from '../../functions/core/audit/audit.js';
import { AppError, forbidden, notFound } from '../../functions/core/shared/errors.js';
import { failedConditions, TransactionCancelledError } from '../../functions/db/errors.js';
import { batchGet, getItem } from '../../functions/db/reads.js';
import { ATTEMPTS, backoff, rebuildWhileRaced } from '../../functions/db/retry.js';
import { type Audited, transact, versionedPut } from '../../functions/db/transact.js';
import { cancelled, dbMocks, serverError, throttling } from '../support/db-faults.js';
import { ADMIN } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { auditEvents } from '../support/table.js';

/*
 * The one transaction helper (functions/db/transact.ts) and the one retry policy (retry.ts), against DynamoDB
 * Local; aws-sdk-client-mock plays what DynamoDB Local cannot: throttling, server faults, clashes at a chosen
 * attempt.
 */

let h: Harness;
let realSend: DynamoDBDocumentClient['send'];
const faults = dbMocks();

beforeAll(async () => {
  h = await createHarness();
});

/** Mocks the harness's document client, passing every request on to DynamoDB Local unless a test says otherwise. */
function mockDb() {
  const mocked = faults.mock(h.db);
  realSend = mocked.realSend;
  return mocked.stub;
}

/** A thing of the test's own, under a partition of its own. */
const thing = (id: string, version = 1) => ({ pk: `THING#${id}`, sk: 'THING', entity: 'thing', id, version });

const event = (id: string): AuditEvent =>
  auditEvent(h.principal(ADMIN), h.clock.now(), 'demo.seeded', { type: 'call', id });

const auditOf = (id: string): Audited => ({ entityPk: `THING#${id}`, event: event(id) });

const stored = (id: string) =>
  getItem<Record<string, unknown>>(h.db, { pk: `THING#${id}`, sk: 'THING' }, true);

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('named items', () => {
  it('a failed condition names the item that failed, is VERSION_CONFLICT, and writes nothing', async () => {
    const existing = crypto.randomUUID();
    await transact(h.db, { items: { thing: versionedPut(h.db, thing(existing)) }, audit: auditOf(existing) });
    const fresh = crypto.randomUUID();
    const db = mockDb();

    const error = await rejection(
      transact(h.db, {
        items: {
          fresh: versionedPut(h.db, thing(fresh)),
          stale: versionedPut(h.db, thing(existing, 8), 7),
        },
        audit: auditOf(fresh),
      }),
    );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'VERSION_CONFLICT', reason: { code: 'VERSION_CONFLICT' } });
    const cause = (error as AppError).cause;
    expect(cause).toBeInstanceOf(TransactionCancelledError);
    expect((cause as TransactionCancelledError).failed).toEqual([
      { name: 'stale', reason: 'ConditionalCheckFailed' },
    ]);
    expect((cause as Error).message).toBe('Transaction cancelled: stale ConditionalCheckFailed');
    expect(failedConditions(error)).toEqual(['stale']);
    // A failed condition is never tried again: the same write would fail the same way.
    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    faults.restore();
    expect(await stored(fresh)).toBeUndefined();
    expect(await auditEvents(h, `THING#${fresh}`)).toEqual([]);
    expect(await stored(existing)).toMatchObject({ version: 1 });
  });

  it('a named refusal replaces the conflict; when several failed, the first one listed decides', async () => {
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    await transact(h.db, {
      items: { a: versionedPut(h.db, thing(a)), b: versionedPut(h.db, thing(b)) },
      audit: auditOf(a),
    });
    const bothStale = { a: versionedPut(h.db, thing(a, 3), 2), b: versionedPut(h.db, thing(b, 3), 2) };

    await expect(
      transact(h.db, {
        items: bothStale,
        audit: auditOf(a),
        refusals: { b: () => forbidden(), a: async () => notFound('call') },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      transact(h.db, {
        items: bothStale,
        audit: auditOf(a),
        refusals: { a: async () => notFound('call'), b: () => forbidden() },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', reason: { code: 'NOT_FOUND', params: { entity: 'call' } } });
    // A refusal for an item whose condition held does not apply: the conflict does.
    await expect(
      transact(h.db, {
        items: { a: versionedPut(h.db, thing(a, 2), 1), b: versionedPut(h.db, thing(b, 3), 2) },
        audit: auditOf(a),
        refusals: { a: () => forbidden() },
      }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await stored(a)).toMatchObject({ version: 1 });
  });

  it('sends the items in the order named, an undefined one left out, then the audit events and the outbox', async () => {
    const id = crypto.randomUUID();
    const other = crypto.randomUUID();
    const message: OutboxMessage = {
      id: crypto.randomUUID(),
      createdAt: h.clock.now().toISOString(),
      kind: 'report.reminder',
      to: 'someone@example.dk',
      params: { kind: 'final', reference: 'FIM-2027-0001', applicationId: id, dueDate: '2028-03-31' },
      case: { kind: 'award', id },
      link: `/awards/${id}/reports`,
    };
    const db = mockDb();

    await transact(h.db, {
      items: {
        second: versionedPut(h.db, { ...thing(other), entity: 'second' }),
        absent: undefined,
        first: versionedPut(h.db, thing(id)),
      },
      audit: [auditOf(id), auditOf(other)],
      outbox: [message],
    });

    const sent = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(sent.map((item) => item.Put?.Item?.entity)).toEqual([
      'second',
      'thing',
      'audit',
      'audit',
      'outbox',
    ]);
    faults.restore();
    expect(await stored(id)).toMatchObject({ id, version: 1 });
    expect((await auditEvents(h, `THING#${id}`)).map((e) => e.action)).toEqual(['demo.seeded']);
    expect((await auditEvents(h, `THING#${other}`)).map((e) => e.action)).toEqual(['demo.seeded']);
  });
});

describe('the audit event', () => {
  it('rides in every attempt of the same transaction as the change', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const id = crypto.randomUUID();
    const db = mockDb();
    db.on(TransactWriteCommand)
      .rejectsOnce(cancelled(['TransactionConflict', 'None']))
      .callsFake((input) => realSend(new TransactWriteCommand(input)));
    const audit = auditOf(id);

    await transact(h.db, { items: { thing: versionedPut(h.db, thing(id)) }, audit });

    const attempts = db.commandCalls(TransactWriteCommand);
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      const items = attempt.args[0].input.TransactItems ?? [];
      expect(items.map((item) => item.Put?.Item?.pk)).toEqual([`THING#${id}`, `THING#${id}`]);
      expect(items[1]?.Put?.Item).toMatchObject({
        entity: 'audit',
        id: audit.event.id,
        action: 'demo.seeded',
      });
    }
    faults.restore();
    expect(await auditEvents(h, `THING#${id}`)).toHaveLength(1);
  });

  it('is required: the type refuses a write without one, and so does the helper', async () => {
    const id = crypto.randomUUID();
    // @ts-expect-error: a write without its audit event does not compile
    const missing = transact(h.db, { items: { thing: versionedPut(h.db, thing(id)) } });
    await expect(missing).rejects.toThrow('A state change needs its audit event');
    // @ts-expect-error: nor does an empty list of audit events
    const empty = transact(h.db, { items: { thing: versionedPut(h.db, thing(id)) }, audit: [] });
    await expect(empty).rejects.toThrow('A state change needs its audit event');
    expect(await stored(id)).toBeUndefined();
  });
});

/** Writes one new thing, with its audit event: the plainest transaction. */
const writeThing = (id: string) =>
  transact(h.db, { items: { thing: versionedPut(h.db, thing(id)) }, audit: auditOf(id) });

/** A new thing's write, cancelled by DynamoDB every time for these reasons: the mock and what was thrown. */
async function cancelledAs(reasons: string[]) {
  const db = mockDb();
  db.on(TransactWriteCommand).rejects(cancelled(reasons));
  return { db, error: await rejection(writeThing(crypto.randomUUID())) };
}

describe('the retry policy', () => {
  // The pauses are random; zero keeps the tests fast without changing what is retried.
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });

  it.each([
    ['a clash with another transaction', () => cancelled(['None', 'TransactionConflict'])],
    [
      'a TransactionConflictException',
      () => Object.assign(new Error('clash'), { name: 'TransactionConflictException' }),
    ],
    ['a transaction cancelled by throttling', () => cancelled(['ThrottlingError', 'None'])],
    ['a ThrottlingException', throttling],
    ['a DynamoDB 500', serverError],
    ['a dropped connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('%s is tried again, and the write lands once', async (_, fault) => {
    const id = crypto.randomUUID();
    const db = mockDb();
    db.on(TransactWriteCommand)
      .rejectsOnce(fault())
      .rejectsOnce(fault())
      .callsFake((input) => realSend(new TransactWriteCommand(input)));

    await writeThing(id);

    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
    faults.restore();
    expect(await stored(id)).toMatchObject({ version: 1 });
    expect(await auditEvents(h, `THING#${id}`)).toHaveLength(1);
  });

  it('a fault that outlasts every attempt is 503, naming the items that clashed', async () => {
    const { db, error } = await cancelledAs(['TransactionConflict', 'None']);

    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, ATTEMPTS);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: { code: 'DATABASE_BUSY' } });
    expect(((error as AppError).cause as TransactionCancelledError).failed).toEqual([
      { name: 'thing', reason: 'TransactionConflict' },
    ]);
  });

  it('a failed condition is never tried again, even beside a clash', async () => {
    const { db, error } = await cancelledAs(['ConditionalCheckFailed', 'TransactionConflict']);

    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(error).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(failedConditions(error)).toEqual(['thing']);
  });

  it('a cancellation that is neither a condition nor a passing fault is thrown as it is (a 500), once', async () => {
    const { db, error } = await cancelledAs(['ValidationError', 'None']);

    expect(db).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(error).toBeInstanceOf(TransactionCancelledError);
    expect((error as TransactionCancelledError).failed).toEqual([
      { name: 'thing', reason: 'ValidationError' },
    ]);
  });

  it('reads go through the same policy', async () => {
    const db = mockDb();
    db.on(GetCommand)
      .rejectsOnce(throttling())
      .callsFake((input) => realSend(new GetCommand(input)));
    expect(await getItem(h.db, { pk: 'THING#none', sk: 'THING' })).toBeUndefined();
    expect(db).toHaveReceivedCommandTimes(GetCommand, 2);
  });

  it('batchGet asks again for the keys DynamoDB left unprocessed, and gives up with 503', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of ids) {
      await writeThing(id);
    }
    const wanted = ids.map((id) => ({ pk: `THING#${id}`, sk: 'THING' }));
    const db = mockDb();
    db.on(BatchGetCommand)
      .resolvesOnce({ Responses: {}, UnprocessedKeys: { [h.db.tableName]: { Keys: wanted } } })
      .callsFake((input) => realSend(new BatchGetCommand(input)));
    const found = await batchGet<{ id: string }>(h.db, wanted);
    expect(found.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(db).toHaveReceivedCommandTimes(BatchGetCommand, 2);

    db.on(BatchGetCommand).resolves({
      Responses: {},
      UnprocessedKeys: { [h.db.tableName]: { Keys: wanted } },
    });
    db.resetHistory();
    await expect(batchGet(h.db, wanted)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      reason: { code: 'DATABASE_BUSY' },
    });
    expect(db).toHaveReceivedCommandTimes(BatchGetCommand, ATTEMPTS);
  });

  it('the pause is random, up to a cap that doubles with each attempt and stops growing', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    const caps = Array.from({ length: 9 }, (_, i) => Math.round(backoff(i + 1)));
    expect(caps).toEqual([20, 40, 80, 160, 320, 640, 800, 800, 800]);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(backoff(3)).toBe(40);
  });
});

describe('rebuilding a read-build-write that lost a race', () => {
  beforeEach(() => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
  });

  const raced = () => new AppError('VERSION_CONFLICT', { code: 'VERSION_CONFLICT' });
  const lostRace = (error: unknown) => error instanceof AppError && error.code === 'VERSION_CONFLICT';
  const exhausted = () => new AppError('UNAVAILABLE', { code: 'TOO_MANY_SUBMISSIONS' });

  it('runs the whole of it again, read included, until it wins', async () => {
    let runs = 0;
    const result = await rebuildWhileRaced({
      attempts: 5,
      lostRace,
      exhausted,
      run: async () => {
        runs += 1;
        if (runs < 3) throw raced();
        return runs;
      },
    });
    expect(result).toBe(3);
  });

  it.each([
    [
      'is bounded, and says so with its own error',
      raced,
      4,
      { code: 'UNAVAILABLE', reason: { code: 'TOO_MANY_SUBMISSIONS' } },
    ],
    ['throws any other failure at once', forbidden, 1, { code: 'FORBIDDEN' }],
  ] as const)('%s', async (_name, failure, expectedRuns, thrown) => {
    let runs = 0;
    const run = async () => {
      runs += 1;
      throw failure();
    };
    await expect(rebuildWhileRaced({ attempts: 4, lostRace, exhausted, run })).rejects.toMatchObject(thrown);
    expect(runs).toBe(expectedRuns);
  });
});
