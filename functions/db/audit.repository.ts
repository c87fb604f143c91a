import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../core/audit/audit.js';
import type {
  CasePage,
  CaseRecordQuery,
  CaseRecordRepository,
  CaseRef,
  EventPage,
  EventPageQuery,
} from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { casePk } from './keys.js';
import { transact } from './transact.js';

/*
 * The case record: the audit events of one case, read from the audit table (table-definition.ts), which the
 * running functions may only add to and read. Events sort by `AUDIT#<at>#<id>`, so one Query reads them in time
 * order, a page at a time; a filter (kind of event, person) reads on in the same partition until the page is
 * full, at most MAX_READS Queries a page.
 */

/** How many events one Query reads (before a filter): a page of the unfiltered view is one Query. */
const READ_SIZE = 200;
/** Queries a filtered page may take before it answers with what it found and a cursor to read on. */
const MAX_READS = 10;

const SORT_KEY = /^AUDIT#\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]{1,64}$/;

const invalidCursor = () =>
  new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_CURSOR' },
    { errors: [{ pointer: '/query/cursor', code: 'invalid_cursor' }] },
  );

const encodeCursor = (sk: string): string => Buffer.from(sk, 'utf8').toString('base64url');

/** Takes back only a cursor made here: an audit sort key. @throws AppError VALIDATION_FAILED */
function decodeCursor(cursor: string): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SORT_KEY.test(sk)) throw invalidCursor();
  return sk;
}

/** Every audit event of a case's partition, oldest first (a party's invoicing history: a handful). */
export async function caseRecord(db: Db, entityPk: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo(() =>
      db.doc.send(
        new QueryCommand({
          TableName: db.auditTableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
          ExpressionAttributeValues: { ':pk': entityPk, ':audit': keys.auditPrefix },
          ExclusiveStartKey: start,
        }),
      ),
    );
    for (const item of page.Items ?? []) events.push(stripKeys<AuditEvent>(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return events;
}

/** One page of a case's record, oldest first, after the cursor, with the filters applied in DynamoDB. */
export async function casePage(db: Db, entityPk: string, query: CaseRecordQuery): Promise<CasePage> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': entityPk, ':audit': keys.auditPrefix };
  const filters: string[] = [];
  if (query.action) {
    names['#action'] = 'action';
    values[':action'] = query.action;
    filters.push('#action = :action');
  }
  if (query.actorId) {
    names['#actor'] = 'actor';
    names['#userId'] = 'userId';
    values[':actorId'] = query.actorId;
    filters.push('#actor.#userId = :actorId');
  }
  const base: QueryCommandInput = {
    TableName: db.auditTableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
    ExpressionAttributeValues: values,
    ...(filters.length > 0
      ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }
      : {}),
    Limit: filters.length > 0 ? READ_SIZE : query.limit,
  };
  const events: { sk: string; event: AuditEvent }[] = [];
  let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  let more = true;
  for (let reads = 0; reads < MAX_READS && events.length < query.limit && more; reads++) {
    const page = await dynamo(() =>
      db.doc.send(
        new QueryCommand({ ...base, ...(after ? { ExclusiveStartKey: { pk: entityPk, sk: after } } : {}) }),
      ),
    );
    for (const item of page.Items ?? [])
      events.push({ sk: String(item.sk), event: stripKeys<AuditEvent>(item) });
    const last = page.LastEvaluatedKey?.sk;
    more = typeof last === 'string';
    if (more) after = String(last);
  }
  const kept = events.slice(0, query.limit);
  // More to read: events found past the page, or the partition read on past the last one kept.
  const lastKept = kept.at(-1)?.sk;
  const next =
    events.length > query.limit
      ? lastKept
      : more
        ? events.length === query.limit
          ? lastKept
          : after
        : undefined;
  return { events: kept.map((e) => e.event), ...(next ? { nextCursor: encodeCursor(next) } : {}) };
}

/** `[pk, sk]` of the last event a page of the index by actor read, as a cursor. */
const encodeActorCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify([key.pk, key.sk]), 'utf8').toString('base64url');

/** Takes back only a cursor made here: a partition key and an audit sort key. @throws AppError VALIDATION_FAILED */
function decodeActorCursor(cursor: string): { pk: string; sk: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      /^[A-Z_]+(#\S{1,200})?$/.test(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      SORT_KEY.test(parsed[1])
    )
      return { pk: parsed[0], sk: parsed[1] };
  } catch {
    // falls through to the refusal below
  }
  throw invalidCursor();
}

/**
 * One page of the events one person caused, whatever case they sit under, oldest first: one Query of the audit
 * table's index by actor (`byActor`, table-definition.ts), `limit` events, flat however many there are.
 * @throws AppError VALIDATION_FAILED (a cursor not made here)
 */
export async function actorPage(db: Db, userId: string, query: EventPageQuery): Promise<EventPage> {
  const { actorPk } = keys.auditByActor(userId);
  const after = query.cursor === undefined ? undefined : decodeActorCursor(query.cursor);
  const page = await dynamo(() =>
    db.doc.send(
      new QueryCommand({
        TableName: db.auditTableName,
        IndexName: 'byActor',
        KeyConditionExpression: 'actorPk = :actor',
        ExpressionAttributeValues: { ':actor': actorPk },
        Limit: query.limit,
        ...(after ? { ExclusiveStartKey: { ...after, actorPk } } : {}),
      }),
    ),
  );
  return {
    events: (page.Items ?? []).map((item) => stripKeys<AuditEvent>(item)),
    ...(page.LastEvaluatedKey ? { cursor: encodeActorCursor(page.LastEvaluatedKey) } : {}),
  };
}

export function createCaseRecordRepository(db: Db): CaseRecordRepository {
  return {
    page: (ref: CaseRef, query) => casePage(db, casePk(ref), query),
    recordView: (ref, event) => transact(db, { items: {}, audit: { entityPk: casePk(ref), event } }),
  };
}
