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
import type { CoreDeps, MessageRepository } from '../core/ports.js';
import { systemClock } from '../core/shared/time.js';
import type { Db } from './client.js';
import { dynamo, failedConditions } from './errors.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { casePk } from './keys.js';
import { mergedPage } from './paging.js';
import { getItem } from './reads.js';
import { housekeeping, messageItem, type TransactItem, transact, versionedPut } from './transact.js';

/*
 * The messages and their sender's state (docs/messages.md). A claim and a settle are each one transaction,
 * conditioned on the version read (every change of a message bumps it), so two senders never both own one.
 */

/** What the mail functions boot with (sender.service's SenderDeps): the messages and the clock, nothing else. */
export const wireMessages = (db: Db): Pick<CoreDeps, 'messages' | 'clock'> => ({
  messages: createMessageRepository(db),
  clock: systemClock,
});

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
    const filters = [
      ...(filter.kind ? ['#kind = :kind'] : []),
      ...(filter.caseKind ? ['#case.#caseKind = :caseKind'] : []),
    ];
    return mergedPage<StoredMessage>(db, {
      index,
      partitions,
      keyOf: keys.outbox,
      ...(filters.length > 0
        ? {
            filter: {
              expression: filters.join(' AND '),
              names: {
                ...(filter.kind ? { '#kind': 'kind' } : {}),
                ...(filter.caseKind ? { '#case': 'case', '#caseKind': 'kind' } : {}),
              },
              values: {
                ...(filter.kind ? { ':kind': filter.kind } : {}),
                ...(filter.caseKind ? { ':caseKind': filter.caseKind } : {}),
              },
            },
          }
        : {}),
      ...page,
    });
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
