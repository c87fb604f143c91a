import { BatchWriteCommand, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { MessageCase } from '../../functions/core/audit/audit.js';
import type { Db } from '../../functions/db/client.js';
import type { Harness } from './harness.js';

/*
 * What the harness table holds, read directly: the audit trail, the outbox, the items a write left behind.
 * For assertions only; the code under test reads through its repositories.
 */

/**
 * The audit events stored under an entity's partition of the audit table (`CALL#<id>`, `APP#<id>`), in the order of the versions
 * they record. (Events of the same millisecond sort by their random id in the table, so the tests, whose
 * clock stands still, order them by version.)
 */
export async function auditEvents(h: Harness, entityPk: string): Promise<Record<string, unknown>[]> {
  const out = await h.db.doc.send(
    new QueryCommand({
      TableName: h.db.auditTableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': entityPk, ':audit': 'AUDIT#' },
      ConsistentRead: true,
    }),
  );
  const version = (item: Record<string, unknown>) =>
    Number((item.details as { version?: number } | undefined)?.version ?? 0);
  return (out.Items ?? []).sort(
    (a, b) => String(a.at).localeCompare(String(b.at)) || version(a) - version(b),
  );
}

/** The actions of the audit events under an entity's partition, in order. */
export const auditActions = async (h: Harness, entityPk: string): Promise<unknown[]> =>
  (await auditEvents(h, entityPk)).map((e) => e.action);

/** The pending outbox messages (GSI gsi1, pk OUTBOX#pending). */
export async function pendingOutbox(
  h: Harness,
): Promise<(Record<string, unknown> & { case: MessageCase })[]> {
  const out = await h.db.doc.send(
    new QueryCommand({
      TableName: h.db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'OUTBOX#pending' },
    }),
  );
  return (out.Items ?? []) as (Record<string, unknown> & { case: MessageCase })[];
}

/** One item by its keys, read consistently. */
export async function storedItem(
  h: Harness,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> {
  return (await h.db.doc.send(new GetCommand({ TableName: h.db.tableName, Key: key, ConsistentRead: true })))
    .Item;
}

/** Every item of the harness table (a Scan is fine at test sizes). */
export async function scanAll(h: Harness): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await h.db.doc.send(
      new ScanCommand({ TableName: h.db.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Items whose pk starts with a prefix (`REF#`, `COUNTER#`, `OUTBOX#`). */
export async function itemsWithPkPrefix(h: Harness, prefix: string): Promise<Record<string, unknown>[]> {
  return (await scanAll(h)).filter((item) => String(item.pk).startsWith(prefix));
}

/**
 * Items written straight into the table, 25 a request (what DynamoDB leaves unprocessed is sent again): stored
 * data made fast, as an earlier version or a large history left it, not through the app.
 */
export async function putItems(db: Db, items: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
    }
  }
}
