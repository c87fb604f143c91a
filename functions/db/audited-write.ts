import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, OutboxMessage } from '../core/audit/audit.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { keys, stripKeys } from './keys.js';

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * A put of a versioned item: creates only if absent, or replaces only the version that was read.
 * A stale write fails its condition, and the whole transaction with it.
 */
export function versionedPut(db: Db, item: Record<string, unknown>, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: item,
      ...(expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
}

export function auditPut(db: Db, entityPk: string, event: AuditEvent): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...keys.audit(entityPk, event.at, event.id), entity: 'audit', ...event },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export function outboxPut(db: Db, message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...keys.outbox(message.id),
        ...keys.outboxPending(message.createdAt, message.id),
        entity: 'outbox',
        status: 'pending',
        ...message,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The one way state changes are written: the change and its audit event (and any outbox message) in one
 * TransactWriteItems, so none is stored without the others.
 */
export async function writeWithAudit(
  db: Db,
  change: { items: TransactItem[]; entityPk: string; audit: AuditEvent; outbox?: OutboxMessage[] },
): Promise<void> {
  const items = [
    ...change.items,
    auditPut(db, change.entityPk, change.audit),
    ...(change.outbox ?? []).map((m) => outboxPut(db, m)),
  ];
  await dynamo(() => db.doc.send(new TransactWriteCommand({ TransactItems: items })));
}

export async function getItem<T>(
  db: Db,
  key: { pk: string; sk: string },
  consistent = false,
): Promise<T | undefined> {
  const out = await dynamo(() =>
    db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent })),
  );
  return out.Item ? stripKeys<T>(out.Item) : undefined;
}

/** Every page of a Query on a key or index (each access pattern's result is bounded by its partition). */
export async function queryAll<T>(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo(() =>
      db.doc.send(new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: start })),
    );
    for (const item of page.Items ?? []) items.push(stripKeys<T>(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export const queryIndex = (indexName: string, pkName: string, pkValue: string, newestFirst = false) => ({
  IndexName: indexName,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': pkName },
  ExpressionAttributeValues: { ':pk': pkValue },
  ScanIndexForward: !newestFirst,
});

const BATCH_LIMIT = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GetItem of many keys, consistently, in batches of 100; unprocessed keys are asked for again. */
export async function batchGet<T>(db: Db, wanted: readonly { pk: string; sk: string }[]): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < wanted.length; start += BATCH_LIMIT) {
    let pending: Record<string, unknown>[] = wanted.slice(start, start + BATCH_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await pause(Math.min(1000, 20 * 2 ** attempt));
      const out = await dynamo(() =>
        db.doc.send(
          new BatchGetCommand({
            RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } },
          }),
        ),
      );
      for (const item of out.Responses?.[db.tableName] ?? []) found.push(stripKeys<T>(item));
      pending = (out.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      if (attempt > 8 && pending.length > 0) {
        throw new AppError('UNAVAILABLE', 'Databasen er travl; prøv igen / The database is busy; try again');
      }
    }
  }
  return found;
}
