import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  claimedState,
  MESSAGE_STATUSES,
  type MessageFilter,
  type MessagePage,
  type MessageStatus,
  type StoredMessage,
  storedMessage,
} from '../core/messages/message.schema.js';
import type { MessageRepository } from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { dynamo, failedConditions } from './errors.js';
import { casePk, keys, stripKeys } from './keys.js';
import { getItem } from './reads.js';
import { housekeeping, messageItem, type TransactItem, transact, versionedPut } from './transact.js';

/*
 * The messages and their sender's state (docs/messages.md). A claim and a settle are each one transaction,
 * conditioned on the version read (every change of a message bumps it), so two senders never both own one.
 */

export const invalidCursor = () =>
  new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_CURSOR' },
    { errors: [{ pointer: '/query/cursor', code: 'invalid_cursor' }] },
  );

/** Where a page stopped, per index partition: the last sort key taken, or null when it has nothing more. */
type Positions = Partial<Record<string, string | null>>;

const SORT_KEY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]{1,64}$/;

const encodeCursor = (positions: Positions): string =>
  Buffer.from(JSON.stringify(positions), 'utf8').toString('base64url');

/** Takes back only a cursor this repository made for the same partitions. @throws AppError VALIDATION_FAILED */
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

const idOf = (sortKey: string) => sortKey.slice(sortKey.lastIndexOf('#') + 1);

export function createMessageRepository(db: Db): MessageRepository {
  /** A write of the message's next state by the one who read it at `expectedVersion`. */
  const put = (next: StoredMessage, expectedVersion: number, leaseToken?: string): TransactItem => {
    const item = versionedPut(db, messageItem(next), expectedVersion);
    if (leaseToken === undefined || !item.Put) return item;
    return {
      Put: {
        ...item.Put,
        ConditionExpression: `${item.Put.ConditionExpression} AND #leaseToken = :leaseToken`,
        ExpressionAttributeNames: { ...item.Put.ExpressionAttributeNames, '#leaseToken': 'leaseToken' },
        ExpressionAttributeValues: { ...item.Put.ExpressionAttributeValues, ':leaseToken': leaseToken },
      },
    };
  };

  /** True when written; false when its condition failed (another sender moved the message meanwhile). */
  const written = async (write: Promise<void>): Promise<boolean> => {
    try {
      await write;
      return true;
    } catch (error) {
      if (failedConditions(error).includes('message')) return false;
      throw error;
    }
  };

  const query = async (input: Omit<QueryCommandInput, 'TableName'>) =>
    dynamo(() => db.doc.send(new QueryCommand({ ...input, TableName: db.tableName })));

  /**
   * One page, newest first, merged from index partitions (one Query each, at most `limit` items each): the
   * cost is the number of partitions, whatever the table holds. Kind and case kind filter each partition.
   */
  async function pageOf(
    index: 'gsi1' | 'gsi2',
    partitions: readonly string[],
    filter: Pick<MessageFilter, 'kind' | 'caseKind'>,
    page: { limit: number; cursor?: string },
  ): Promise<MessagePage> {
    const from = decodeCursor(page.cursor, partitions);
    const [pkName, skName] = index === 'gsi1' ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
    const filters = [
      ...(filter.kind ? ['#kind = :kind'] : []),
      ...(filter.caseKind ? ['#case.#caseKind = :caseKind'] : []),
    ];
    const found = await Promise.all(
      partitions
        .filter((partition) => from[partition] !== null)
        .map(async (partition) => {
          const after = from[partition];
          const out = await query({
            IndexName: index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: {
              '#pk': pkName,
              ...(filter.kind ? { '#kind': 'kind' } : {}),
              ...(filter.caseKind ? { '#case': 'case', '#caseKind': 'kind' } : {}),
            },
            ExpressionAttributeValues: {
              ':pk': partition,
              ...(filter.kind ? { ':kind': filter.kind } : {}),
              ...(filter.caseKind ? { ':caseKind': filter.caseKind } : {}),
            },
            ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
            ScanIndexForward: false,
            Limit: page.limit,
            ...(after
              ? { ExclusiveStartKey: { [pkName]: partition, [skName]: after, ...keys.outbox(idOf(after)) } }
              : {}),
          });
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
      .slice(0, page.limit);
    const next: Positions = { ...from };
    for (const f of found) {
      const taken = merged.filter((m) => m.partition === f.partition);
      // All taken: on from where its Query stopped. Else after the last taken (or where it was, if none was).
      const position = taken.length === f.items.length ? f.end : (taken.at(-1)?.at ?? from[f.partition]);
      if (position === undefined) delete next[f.partition];
      else next[f.partition] = position;
    }
    const more = partitions.some((p) => next[p] !== null);
    return {
      items: merged.map((m) => stripKeys<StoredMessage>(m.item)),
      ...(more ? { cursor: encodeCursor(next) } : {}),
    };
  }

  return {
    get: (id) => getItem<StoredMessage>(db, keys.outbox(id), true),

    async listDue(now, limit) {
      const due = async (status: MessageStatus, op: '<=' | '<') =>
        (
          await query({
            IndexName: 'gsi1',
            KeyConditionExpression: `gsi1pk = :pk AND gsi1sk ${op} :now`,
            ExpressionAttributeValues: {
              ':pk': keys.outboxWithStatus(status),
              // Pending: due at or before now; sending: a lease that ended before now.
              ':now': op === '<=' ? `${now}#\uffff` : now,
            },
            Limit: limit,
          })
        ).Items ?? [];
      const [pending, expired] = await Promise.all([due('pending', '<='), due('sending', '<')]);
      return [...expired, ...pending]
        .sort((a, b) => String(a.gsi1sk).localeCompare(String(b.gsi1sk)))
        .slice(0, limit)
        .map((item) => stripKeys<StoredMessage>(item));
    },

    async claim(read, lease) {
      const claimed = claimedState(read, lease);
      const ok = await written(
        transact(db, {
          items: { message: put(claimed, read.version) },
          audit: housekeeping('message.claim'),
        }),
      );
      return ok ? claimed : undefined;
    },

    settle: (claimed, next, audit) =>
      written(
        transact(db, {
          items: { message: put(next, claimed.version, claimed.leaseToken) },
          audit: audit
            ? { entityPk: casePk(claimed.case), event: audit }
            : housekeeping('message.reschedule'),
        }),
      ),

    recordDelivery: (next, expectedVersion, audit) =>
      transact(db, {
        items: { message: put(next, expectedVersion) },
        audit: { entityPk: casePk(next.case), event: audit },
      }),

    listByRecipient: (email, page) => pageOf('gsi2', [keys.outboxToRecipient(email)], {}, page),

    list: (filter, page) =>
      pageOf(
        'gsi1',
        (filter.status ? [filter.status] : MESSAGE_STATUSES).map((s) => keys.outboxWithStatus(s)),
        filter,
        page,
      ),

    resend: (original, copy, audit) =>
      transact(db, {
        items: {
          original: put({ ...original, resentAs: copy.id, version: original.version + 1 }, original.version),
          message: versionedPut(db, messageItem({ ...storedMessage(copy), resendOf: original.id })),
        },
        audit: { entityPk: casePk(copy.case), event: audit },
      }),
  };
}
