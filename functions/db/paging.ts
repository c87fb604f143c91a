import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { stripKeys } from './key-attributes.js';

/*
 * A page merged from several index partitions, newest first: one Query per partition still to read, each of at
 * most `limit` items, merged by sort key and cut to `limit`. The cursor says where each partition stopped, so
 * a page's cost is the number of partitions times `limit` items, whatever the table holds. A filter
 * (`FilterExpression`) is applied within each Query: its rows cost what the items read cost.
 */

/** Where a page stopped, per index partition: the last sort key taken, or null when it has nothing more. */
type Positions = Partial<Record<string, string | null>>;

/** `<ISO time>#<id>`: every sort key these pages read. */
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]{1,64}$/;

export const invalidCursor = () =>
  new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_CURSOR' },
    { errors: [{ pointer: '/query/cursor', code: 'invalid_cursor' }] },
  );

const encodeCursor = (positions: Positions): string =>
  Buffer.from(JSON.stringify(positions), 'utf8').toString('base64url');

/** Takes back only a cursor made for the same partitions. @throws AppError VALIDATION_FAILED */
function decodeCursor(cursor: string | undefined, partitions: readonly string[]): Positions {
  if (cursor === undefined) return {};
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      !Array.isArray(parsed) &&
      Object.entries(parsed).every(
        ([partition, at]) =>
          partitions.includes(partition) && (at === null || (typeof at === 'string' && SORT_KEY.test(at))),
      )
    )
      return parsed as Positions;
  } catch {
    // falls through to the refusal below
  }
  throw invalidCursor();
}

export interface MergedPageQuery {
  index: 'gsi1' | 'gsi2' | 'gsi3';
  partitions: readonly string[];
  /** The table key of the item a sort key names (`<at>#<id>`): a Query on an index restarts from both. */
  keyOf: (id: string) => { pk: string; sk: string };
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  limit: number;
  cursor?: string;
}

/** One page, newest first, merged from the partitions. @throws AppError VALIDATION_FAILED (a cursor not ours) */
export async function mergedPage<T>(db: Db, q: MergedPageQuery): Promise<{ items: T[]; cursor?: string }> {
  const from = decodeCursor(q.cursor, q.partitions);
  const [pkName, skName] = [`${q.index}pk`, `${q.index}sk`];
  const found = await Promise.all(
    q.partitions
      .filter((partition) => from[partition] !== null)
      .map(async (partition) => {
        const after = from[partition];
        const out = await dynamo(() =>
          db.doc.send(
            new QueryCommand({
              TableName: db.tableName,
              IndexName: q.index,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': pkName, ...q.filter?.names },
              ExpressionAttributeValues: { ':pk': partition, ...q.filter?.values },
              ...(q.filter ? { FilterExpression: q.filter.expression } : {}),
              ScanIndexForward: false,
              Limit: q.limit,
              ...(after
                ? {
                    ExclusiveStartKey: {
                      [pkName]: partition,
                      [skName]: after,
                      ...q.keyOf(after.slice(after.lastIndexOf('#') + 1)),
                    },
                  }
                : {}),
            }),
          ),
        );
        const last = out.LastEvaluatedKey?.[skName];
        return {
          partition,
          items: (out.Items ?? []).map((item) => ({ at: String(item[skName]), item })),
          /** Where the partition's Query stopped, or null when it read to the end. */
          end: typeof last === 'string' ? last : null,
        };
      }),
  );
  const merged = found
    .flatMap((f) => f.items.map((entry) => ({ ...entry, partition: f.partition })))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, q.limit);
  const next: Positions = { ...from };
  for (const f of found) {
    const taken = merged.filter((m) => m.partition === f.partition);
    // All taken: on from where its Query stopped. Else after the last taken (or where it was, if none was).
    const position = taken.length === f.items.length ? f.end : (taken.at(-1)?.at ?? from[f.partition]);
    if (position === undefined) delete next[f.partition];
    else next[f.partition] = position;
  }
  const more = q.partitions.some((p) => next[p] !== null);
  return {
    items: merged.map((m) => stripKeys<T>(m.item)),
    ...(more ? { cursor: encodeCursor(next) } : {}),
  };
}
