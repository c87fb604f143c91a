import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  alreadyAccepted,
  awardClosed,
  insufficientFunds,
  overRefundable,
  overRemaining,
} from '../core/finance/award.rules.js';
import type { Award } from '../core/finance/award.schema.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { AwardRepository, MovementClaim } from '../core/ports.js';
import { versionConflict } from '../core/shared/errors.js';
import { closingWrites } from './award-closing.js';
import { balanceUpdates } from './balances.js';
import type { Db } from './client.js';
import { dynamo, idempotencyKeyClaimed } from './errors.js';
import { awardItem, awardLedgerPut, claimPut, reportItem } from './items.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { batchGet, getItem, queryAll, queryIndex } from './reads.js';
import { transact, versionedPut } from './transact.js';

/**
 * Where a page of the awards list ended, as the key to start after; a cursor that is not one (made up, out of
 * date in form) starts from the newest.
 */
function decodeAwardCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (!cursor) return undefined;
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  const applicationId = /^[0-9T:.Z-]+#([\w-]{1,100})$/.exec(sk)?.[1];
  if (!applicationId) return undefined;
  return { ...keys.award(applicationId), ...keys.awardList(sk.slice(0, sk.indexOf('#')), applicationId) };
}

export function createAwardRepository(db: Db): AwardRepository {
  const get = (applicationId: string) => getItem<Award>(db, keys.award(applicationId), true);
  const grantAvailable = async () =>
    (await getItem<{ grantAvailableOre?: number }>(db, keys.poolBalance, true))?.grantAvailableOre ?? 0;
  const underAward = (award: Award) => keys.award(award.applicationId).pk;
  return {
    get,

    getMany: (applicationIds) =>
      batchGet<Award>(
        db,
        [...new Set(applicationIds)].map((id) => keys.award(id)),
      ),

    listByOwner: (ownerId) => queryAll<Award>(db, queryIndex('gsi1', 'gsi1pk', keys.awardsOfOwner(ownerId))),
    listAll: () => queryAll<Award>(db, queryIndex('gsi2', 'gsi2pk', keys.awardsPk)),
    async listNewest(page) {
      const start = decodeAwardCursor(page.cursor);
      const out = await dynamo(() =>
        db.doc.send(
          new QueryCommand({
            ...queryIndex('gsi2', 'gsi2pk', keys.awardsPk, true),
            TableName: db.tableName,
            Limit: page.limit,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      );
      const last = out.LastEvaluatedKey;
      return {
        items: (out.Items ?? []).map((item) => stripKeys<Award>(item)),
        ...(last ? { cursor: Buffer.from(String(last.gsi2sk), 'utf8').toString('base64url') } : {}),
      };
    },
    entries: (applicationId) =>
      queryAll<LedgerEntry>(db, queryIndex('gsi1', 'gsi1pk', keys.ledgerOfAward(applicationId))),

    async commit(award, entry, audit, applicationVersion, reports) {
      await transact(db, {
        items: {
          ...balanceUpdates(db, entry, { guardGrantAvailable: true }),
          award: versionedPut(db, awardItem(award)),
          application: {
            ConditionCheck: {
              TableName: db.tableName,
              Key: keys.application(award.applicationId),
              ConditionExpression: '#status = :approved AND #version = :version',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
              ExpressionAttributeValues: { ':approved': 'approved', ':version': applicationVersion },
            },
          },
          ledger: awardLedgerPut(db, entry, award.applicationId),
          ...Object.fromEntries(
            reports.map((report) => [`report:${report.reportId}`, versionedPut(db, reportItem(report))]),
          ),
        },
        audit: { entityPk: underAward(award), event: audit },
        refusals: {
          award: alreadyAccepted,
          application: versionConflict,
          poolBalance: async () => insufficientFunds(award.amountOre, await grantAvailable()),
        },
      });
    },

    getDisbursementClaim: (applicationId, key) =>
      getItem<MovementClaim>(db, keys.disbursementClaim(applicationId, key)),

    async move({ award, entry, audit, claim, outbox }) {
      const disbursement = entry.kind === 'disbursement';
      if (!disbursement && entry.kind !== 'refund') throw new Error(`Not an award movement: ${entry.kind}`);
      await transact(db, {
        items: {
          claim: claimPut(db, claim, entry, (key) => keys.disbursementClaim(award.applicationId, key)),
          award: {
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
          },
          ledger: awardLedgerPut(db, entry, award.applicationId),
          ...balanceUpdates(db, entry),
        },
        audit: { entityPk: underAward(award), event: audit },
        ...(outbox ? { outbox } : {}),
        refusals: {
          claim: idempotencyKeyClaimed,
          award: async () => {
            const now = await get(award.applicationId);
            if (!now) return versionConflict();
            if (disbursement && now.status !== 'committed') return awardClosed();
            return disbursement ? overRemaining(now, entry.amountOre) : overRefundable(now, entry.amountOre);
          },
        },
      });
    },

    async close(closing) {
      const { items, audit } = closingWrites(db, closing);
      await transact(db, {
        items,
        audit,
        refusals: {
          award: async () =>
            (await get(closing.award.applicationId))?.status === 'closed' ? awardClosed() : versionConflict(),
        },
      });
    },
  };
}
