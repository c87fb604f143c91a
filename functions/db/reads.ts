import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unavailable } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { stripKeys } from './key-attributes.js';
import { ATTEMPTS, backoff, pause } from './retry.js';

/*
 * The reads every repository shares: GetItem, every page of a Query, BatchGetItem. Each request goes through
 * the one retry policy (retry.ts) and its failure comes out in the core's terms (errors.ts).
 */

type Key = { pk: string; sk: string };

export async function getItem<T>(db: Db, key: Key, consistent = false): Promise<T | undefined> {
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

/**
 * GetItem of many keys, consistently (unless `consistent` is false: half the capacity), in batches of 100. Keys DynamoDB leaves unprocessed (it answers a busy
 * table with part of a batch) are asked for again after the retry policy's pause, as often as it tries a request.
 */
export async function batchGet<T>(db: Db, wanted: readonly Key[], consistent = true): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < wanted.length; start += BATCH_LIMIT) {
    let pending: Record<string, unknown>[] = wanted.slice(start, start + BATCH_LIMIT);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > ATTEMPTS) throw unavailable();
      if (attempt > 1) await pause(backoff(attempt - 1));
      const out = await dynamo(() =>
        db.doc.send(
          new BatchGetCommand({
            RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: consistent } },
          }),
        ),
      );
      for (const item of out.Responses?.[db.tableName] ?? []) found.push(stripKeys<T>(item));
      pending = (out.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return found;
}
