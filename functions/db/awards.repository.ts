import { BatchGetCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  alreadyAccepted,
  awardClosed,
  insufficientFunds,
  overRefundable,
  overRemaining,
} from '../core/finance/award.rules.js';
import type { Award } from '../core/finance/award.schema.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { AwardRepository, DisbursementClaim } from '../core/ports.js';
import { AppError, versionConflict } from '../core/shared/errors.js';
import { auditPut, getItem, queryAll, queryIndex, type TransactItem, versionedPut } from './audited-write.js';
import type { Db } from './client.js';
import { cancellationCodes, dynamo, mapDynamoError } from './errors.js';
import { keys, stripKeys } from './keys.js';
import { reportItem } from './reports.repository.js';

/** Transactions on the one balance item clash when many land at once; each is tried again a few times. */
const MAX_ATTEMPTS = 12;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const awardItem = (a: Award) => ({
  ...keys.award(a.applicationId),
  ...keys.awardByOwner(a.ownerId, a.committedAt, a.applicationId),
  ...keys.awardList(a.committedAt, a.applicationId),
  entity: 'award',
  ...a,
});

const ledgerPut = (db: Db, entry: LedgerEntry, awardId: string): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item: {
      ...keys.ledgerEntry(entry.year, entry.at, entry.id),
      ...keys.ledgerEntryOfAward(awardId, entry.at, entry.id),
      entity: 'ledger-entry',
      ...entry,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** A clash with another transaction (not a failed condition of ours): worth another try. */
function clashed(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  if (name === 'TransactionConflictException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const codes = cancellationCodes(error);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/** Sends a transaction, trying again (with a random pause) while it only clashed with others. */
async function transact(db: Db, items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!clashed(error) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(Math.random() * 15 * attempt);
    }
  }
}

export function createAwardRepository(db: Db): AwardRepository {
  const get = async (applicationId: string) => {
    const out = await dynamo(() =>
      db.doc.send(
        new GetCommand({ TableName: db.tableName, Key: keys.award(applicationId), ConsistentRead: true }),
      ),
    );
    return out.Item ? stripKeys<Award>(out.Item) : undefined;
  };
  const balanceOf = async (year: number) => {
    const out = await dynamo(() =>
      db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.balance(year), ConsistentRead: true })),
    );
    return out.Item ?? {};
  };
  return {
    get,

    async getMany(applicationIds) {
      const found: Award[] = [];
      const ids = [...new Set(applicationIds)];
      for (let start = 0; start < ids.length; start += 100) {
        let pending: Record<string, unknown>[] = ids.slice(start, start + 100).map((id) => keys.award(id));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 8) throw new AppError('UNAVAILABLE', 'Databasen er travl / The database is busy');
          if (attempt > 0) await pause(20 * 2 ** attempt);
          const out = await dynamo(() =>
            db.doc.send(
              new BatchGetCommand({
                RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } },
              }),
            ),
          );
          for (const item of out.Responses?.[db.tableName] ?? []) found.push(stripKeys<Award>(item));
          pending =
            (out.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        }
      }
      return found;
    },

    listByOwner: (ownerId) => queryAll<Award>(db, queryIndex('gsi1', 'gsi1pk', keys.awardsOfOwner(ownerId))),
    listAll: () => queryAll<Award>(db, queryIndex('gsi2', 'gsi2pk', keys.awardsPk)),
    entries: (applicationId) =>
      queryAll<LedgerEntry>(db, queryIndex('gsi1', 'gsi1pk', keys.ledgerOfAward(applicationId))),

    async commit(award, entry, audit, applicationVersion, reports) {
      // The pool's guard is the first item, so its failure is told apart from the others.
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: keys.balance(award.year),
            UpdateExpression:
              'SET entity = :entity, #year = :year ADD committedOre :amount, availableOre :minus, entries :one',
            ConditionExpression: 'availableOre >= :amount',
            ExpressionAttributeNames: { '#year': 'year' },
            ExpressionAttributeValues: {
              ':entity': 'balance',
              ':year': award.year,
              ':amount': award.amountOre,
              ':minus': -award.amountOre,
              ':one': 1,
            },
          },
        },
        {
          Put: {
            TableName: db.tableName,
            Item: awardItem(award),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          ConditionCheck: {
            TableName: db.tableName,
            Key: keys.application(award.applicationId),
            ConditionExpression: '#status = :approved AND #version = :version',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: { ':approved': 'approved', ':version': applicationVersion },
          },
        },
        ledgerPut(db, entry, award.applicationId),
        auditPut(db, keys.award(award.applicationId).pk, audit),
        ...reports.map((report) => versionedPut(db, reportItem(report))),
      ];
      try {
        await transact(db, items);
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes[1] === 'ConditionalCheckFailed') throw alreadyAccepted();
        if (codes[2] === 'ConditionalCheckFailed') throw versionConflict();
        if (codes[0] === 'ConditionalCheckFailed') {
          const balance = await balanceOf(award.year);
          throw insufficientFunds(
            award.year,
            award.amountOre,
            (balance.availableOre as number | undefined) ?? 0,
          );
        }
        throw mapDynamoError(error);
      }
    },

    getDisbursementClaim: (applicationId, key) =>
      getItem<DisbursementClaim>(db, keys.disbursementClaim(applicationId, key)),

    async move({ award, entry, audit, claim }) {
      const disbursement = entry.kind === 'disbursement';
      if (!disbursement && entry.kind !== 'refund') throw new Error(`Not an award movement: ${entry.kind}`);
      const items: TransactItem[] = [];
      if (claim) {
        items.push({
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.disbursementClaim(award.applicationId, claim.key),
              entity: 'idempotency',
              requestHash: claim.requestHash,
              entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      const awardIndex = items.length;
      items.push({
        Update: {
          TableName: db.tableName,
          Key: keys.award(award.applicationId),
          UpdateExpression: 'SET #version = #version + :one, updatedAt = :at ADD #field :amount',
          // amountOre never changes and disbursedOre only grows, so limits from the figures read are sound.
          ConditionExpression: disbursement
            ? '#status = :committed AND disbursedOre <= :limit'
            : 'refundedOre <= :limit AND disbursedOre >= :disbursed',
          ExpressionAttributeNames: {
            '#version': 'version',
            '#field': disbursement ? 'disbursedOre' : 'refundedOre',
            ...(disbursement ? { '#status': 'status' } : {}),
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':at': entry.at,
            ':amount': entry.amountOre,
            ...(disbursement
              ? { ':committed': 'committed', ':limit': award.amountOre - entry.amountOre }
              : { ':limit': award.disbursedOre - entry.amountOre, ':disbursed': award.disbursedOre }),
          },
        },
      });
      items.push(ledgerPut(db, entry, award.applicationId));
      items.push({
        Update: {
          TableName: db.tableName,
          Key: keys.balance(award.year),
          UpdateExpression: disbursement
            ? 'SET entity = :entity, #year = :year ADD disbursedOre :amount, entries :one'
            : 'SET entity = :entity, #year = :year ADD refundedOre :amount, availableOre :amount, entries :one',
          ExpressionAttributeNames: { '#year': 'year' },
          ExpressionAttributeValues: {
            ':entity': 'balance',
            ':year': award.year,
            ':amount': entry.amountOre,
            ':one': 1,
          },
        },
      });
      items.push(auditPut(db, keys.award(award.applicationId).pk, audit));
      try {
        await transact(db, items);
      } catch (error) {
        const codes = cancellationCodes(error);
        if (claim && codes[0] === 'ConditionalCheckFailed') {
          throw new AppError('RULES_FAILED', 'Idempotency-Key er brugt / Idempotency-Key already used', {
            errors: [
              { pointer: '/headers/idempotency-key', code: 'IDEMPOTENCY_KEY_CLAIMED', detail: claim.key },
            ],
          });
        }
        if (codes[awardIndex] === 'ConditionalCheckFailed') {
          const now = await get(award.applicationId);
          if (!now) throw mapDynamoError(error);
          if (disbursement && now.status !== 'committed') throw awardClosed();
          throw disbursement ? overRemaining(now, entry.amountOre) : overRefundable(now, entry.amountOre);
        }
        throw mapDynamoError(error);
      }
    },

    async close(award, audit, expectedVersion) {
      await dynamo(() =>
        transact(db, [
          {
            Put: {
              TableName: db.tableName,
              Item: awardItem(award),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          auditPut(db, keys.award(award.applicationId).pk, audit),
        ]),
      );
    },
  };
}
