import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, OutboxMessage } from '../core/audit/audit.js';
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

export async function getItem<T>(db: Db, key: { pk: string; sk: string }): Promise<T | undefined> {
  const out = await dynamo(() => db.doc.send(new GetCommand({ TableName: db.tableName, Key: key })));
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
