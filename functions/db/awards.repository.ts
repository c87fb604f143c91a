import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  alreadyAccepted,
  awardClosed,
  insufficientFunds,
  overRefundable,
  overRemaining,
} from '../core/finance/award.rules.js';
import type { Award } from '../core/finance/award.schema.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { AwardClosing, AwardRepository, DisbursementClaim } from '../core/ports.js';
import { AppError, versionConflict } from '../core/shared/errors.js';
import {
  auditPut,
  batchGet,
  getItem,
  queryAll,
  queryIndex,
  type TransactItem,
  versionedPut,
} from './audited-write.js';
import { balanceUpdates, transactMoney } from './balances.js';
import type { Db } from './client.js';
import { cancellationCodes, dynamo, mapDynamoError } from './errors.js';
import { keys, stripKeys } from './keys.js';
import { reportItem } from './reports.repository.js';

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

/**
 * The writes that close an award (award.service.ts `awardClosing`): the closed award at the version read and
 * while committed, the release entry with its balance moves, and the audit event. The award is the first item.
 */
export function closingItems(db: Db, closing: AwardClosing): TransactItem[] {
  const { award, release } = closing;
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: awardItem(award),
        ConditionExpression: '#version = :expected AND #status = :committed',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':expected': closing.expectedVersion, ':committed': 'committed' },
      },
    },
    ...(release ? [ledgerPut(db, release, award.applicationId), ...balanceUpdates(db, release)] : []),
    auditPut(db, keys.award(award.applicationId).pk, closing.audit),
  ];
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
  const grantAvailable = async () =>
    ((await getItem<Record<string, unknown>>(db, keys.poolBalance, true))?.grantAvailableOre as
      | number
      | undefined) ?? 0;
  return {
    get,

    getMany: (applicationIds) =>
      batchGet<Award>(
        db,
        [...new Set(applicationIds)].map((id) => keys.award(id)),
      ),

    listByOwner: (ownerId) => queryAll<Award>(db, queryIndex('gsi1', 'gsi1pk', keys.awardsOfOwner(ownerId))),
    listAll: () => queryAll<Award>(db, queryIndex('gsi2', 'gsi2pk', keys.awardsPk)),
    entries: (applicationId) =>
      queryAll<LedgerEntry>(db, queryIndex('gsi1', 'gsi1pk', keys.ledgerOfAward(applicationId))),

    async commit(award, entry, audit, applicationVersion, reports) {
      // The pool's guard is the first item, so its failure is told apart from the others.
      const items: TransactItem[] = [
        ...balanceUpdates(db, entry, { guardGrantAvailable: true }),
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
        await transactMoney(db, items);
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes[2] === 'ConditionalCheckFailed') throw alreadyAccepted();
        if (codes[3] === 'ConditionalCheckFailed') throw versionConflict();
        if (codes[0] === 'ConditionalCheckFailed')
          throw insufficientFunds(award.amountOre, await grantAvailable());
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
      items.push(...balanceUpdates(db, entry));
      items.push(auditPut(db, keys.award(award.applicationId).pk, audit));
      try {
        await transactMoney(db, items);
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

    async close(closing) {
      try {
        await transactMoney(db, closingItems(db, closing));
      } catch (error) {
        if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') {
          const now = await get(closing.award.applicationId);
          throw now?.status === 'closed' ? awardClosed() : versionConflict();
        }
        throw mapDynamoError(error);
      }
    },
  };
}
