import { QueryCommand, TransactGetCommand } from '@aws-sdk/lib-dynamodb';
import { grantShareLocked } from '../core/finance/contributions.js';
import type {
  Balance,
  Contribution,
  LedgerEntry,
  LedgerKind,
  PoolBalance,
  PopulationFigure,
  YearSettings,
} from '../core/finance/finance.schema.js';
import { BALANCE_COUNTERS } from '../core/finance/finance.values.js';
import type { ContributionMovement, FinanceRepository, MovementClaim } from '../core/ports.js';
import { AppError, notFound, versionConflict } from '../core/shared/errors.js';
import { balanceUpdates } from './balances.js';
import type { Db } from './client.js';
import { dynamo, idempotencyKeyClaimed } from './errors.js';
import { claimPut, ledgerPut } from './items.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { batchGet, getItem, queryAll, queryIndex } from './reads.js';
import { transact, versionedPut } from './transact.js';

type Key = { pk: string; sk: string };

/** The contribution counter each kind of contribution entry moves. */
const CONTRIBUTION_FIELD: Partial<Record<LedgerKind, 'paidOre' | 'adjustmentsOre'>> = {
  contribution_received: 'paidOre',
  adjustment: 'adjustmentsOre',
};

const populationItem = (f: PopulationFigure) => ({
  ...keys.population(f.partyId, f.year),
  ...keys.populationByYear(f.year, f.partyId),
  entity: 'population',
  ...f,
});

const contributionItem = (c: Contribution) => ({
  ...keys.contribution(c.year, c.partyId),
  ...keys.contributionByYear(c.year, c.partyId),
  entity: 'contribution',
  ...c,
});

const yearBalanceOf = (item: Record<string, unknown>): Balance => ({
  year: item.year as number,
  ...countersOf(item),
});

/** A balance item's counters; one never moved (or absent) is 0. */
function countersOf(item: Record<string, unknown> | undefined): PoolBalance {
  return Object.fromEntries(
    BALANCE_COUNTERS.map((counter) => [counter, typeof item?.[counter] === 'number' ? item[counter] : 0]),
  ) as PoolBalance;
}

const invalidCursor = () =>
  new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_CURSOR' },
    { errors: [{ pointer: '/query/cursor', code: 'invalid_cursor' }] },
  );

/** A ledger page's position as an opaque token; only a position inside the same year's ledger is taken back. */
const encodeCursor = (key: Record<string, unknown>): string =>
  Buffer.from(JSON.stringify({ sk: key.sk }), 'utf8').toString('base64url');

function decodeCursor(year: number, cursor: string): Key {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { sk?: unknown };
    if (
      typeof parsed.sk === 'string' &&
      parsed.sk.startsWith(keys.ledgerEntryPrefix) &&
      parsed.sk.length < 200
    )
      return { pk: keys.ledgerPk(year), sk: parsed.sk };
  } catch {
    // falls through to the refusal below
  }
  throw invalidCursor();
}

export function createFinanceRepository(db: Db): FinanceRepository {
  return {
    getPopulations: (wanted) =>
      batchGet<PopulationFigure>(
        db,
        wanted.map((w) => keys.population(w.partyId, w.year)),
      ),

    async latestPopulations(partyIds) {
      const missing = new Set(partyIds);
      const figures: PopulationFigure[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo(() =>
          db.doc.send(
            new QueryCommand({
              ...queryIndex('gsi1', 'gsi1pk', keys.populationsPk, true),
              TableName: db.tableName,
              ExclusiveStartKey: start,
            }),
          ),
        );
        for (const item of page.Items ?? []) {
          const figure = stripKeys<PopulationFigure>(item);
          figures.push(figure);
          missing.delete(figure.partyId);
        }
        start = page.LastEvaluatedKey;
      } while (start && missing.size > 0);
      return figures;
    },

    async savePopulations(writes, audit) {
      await transact(db, {
        items: Object.fromEntries(
          writes.map((w) => [
            `population:${w.figure.partyId}:${w.figure.year}`,
            versionedPut(db, populationItem(w.figure), w.expectedVersion),
          ]),
        ),
        audit: { entityPk: keys.populationImportsPk, event: audit },
      });
    },

    getYear: (year) => getItem<YearSettings>(db, keys.financeYear(year)),

    async saveYear(settings, audit, expectedVersion, grantShareChanged) {
      await transact(db, {
        items: {
          settings: versionedPut(
            db,
            { ...keys.financeYear(settings.year), entity: 'finance-year', ...settings },
            expectedVersion,
          ),
          // A payment's split is fixed when booked: the share may change only while the year received nothing.
          nothingReceived: grantShareChanged
            ? {
                ConditionCheck: {
                  TableName: db.tableName,
                  Key: keys.balance(settings.year),
                  ConditionExpression: 'attribute_not_exists(receivedOre) OR receivedOre = :zero',
                  ExpressionAttributeValues: { ':zero': 0 },
                },
              }
            : undefined,
        },
        audit: { entityPk: keys.financeYearPk(settings.year), event: audit },
        refusals: { nothingReceived: () => grantShareLocked(settings.year) },
      });
    },

    async getYearAndBalance(year) {
      const items = await batchGet<Record<string, unknown>>(db, [
        keys.financeYear(year),
        keys.balance(year),
        keys.poolBalance,
      ]);
      // Told apart by their attributes (the keys are stripped): only the settings have a due date, only the
      // pool's balance has no year.
      const settings = items.find((i) => 'dueDate' in i) as YearSettings | undefined;
      return {
        ...(settings ? { settings } : {}),
        balance: { year, ...countersOf(items.find((i) => 'year' in i && !('dueDate' in i))) },
        pool: countersOf(items.find((i) => !('year' in i))),
      };
    },

    async listBalances(options = {}) {
      const indexed = queryAll<Record<string, unknown>>(db, queryIndex('gsi1', 'gsi1pk', keys.balancesPk));
      if (!options.consistent) {
        const [years, pool] = await Promise.all([
          indexed,
          getItem<Record<string, unknown>>(db, keys.poolBalance),
        ]);
        return { years: years.map(yearBalanceOf), pool: countersOf(pool) };
      }
      // The check: the index only says which years exist (it lags a write by a moment in AWS); the pool and
      // the years' items are then read in one TransactGetItems, a snapshot no write lands in the middle of.
      const wanted = [keys.poolBalance, ...(await indexed).map((item) => keys.balance(item.year as number))];
      if (wanted.length > 100) throw new Error('More than 99 years of balances: read them in parts');
      const out = await dynamo(() =>
        db.doc.send(
          new TransactGetCommand({
            TransactItems: wanted.map((Key) => ({ Get: { TableName: db.tableName, Key } })),
          }),
        ),
      );
      const [pool, ...years] = (out.Responses ?? []).map((r) => r.Item);
      return {
        years: years.filter((item) => item !== undefined).map(yearBalanceOf),
        pool: countersOf(pool),
      };
    },

    getContribution: (year, partyId) => getItem<Contribution>(db, keys.contribution(year, partyId)),

    listContributions: (year) =>
      queryAll<Contribution>(db, queryIndex('gsi2', 'gsi2pk', keys.contributionsOfYear(year))),

    getContributions: (year, partyIds) =>
      batchGet<Contribution>(
        db,
        partyIds.map((id) => keys.contribution(year, id)),
      ),

    async saveContributions(year, writes, audit, outbox) {
      await transact(db, {
        items: Object.fromEntries(
          writes.map((w) => [
            `contribution:${w.contribution.partyId}`,
            versionedPut(db, contributionItem(w.contribution), w.expectedVersion),
          ]),
        ),
        audit: { entityPk: keys.financeYearPk(year), event: audit },
        ...(outbox ? { outbox } : {}),
      });
    },

    async getPaymentClaim(year, partyId, key) {
      return getItem<MovementClaim>(db, keys.paymentClaim(year, partyId, key));
    },

    async recordMovement(movement: ContributionMovement) {
      const { entry, audit, claim, expectedVersion, outbox } = movement;
      const partyId = entry.partyId;
      const field = CONTRIBUTION_FIELD[entry.kind];
      if (!partyId || !field) throw new Error(`Not a contribution movement: ${entry.kind}`);
      const contributionKey = keys.contribution(entry.year, partyId);
      await transact(db, {
        items: {
          claim: claimPut(db, claim, entry, (key) => keys.paymentClaim(entry.year, partyId, key)),
          contribution: {
            Update: {
              TableName: db.tableName,
              Key: contributionKey,
              UpdateExpression: 'SET #version = #version + :one, updatedAt = :at ADD #field :amount',
              ConditionExpression:
                expectedVersion === undefined
                  ? 'attribute_exists(pk)'
                  : 'attribute_exists(pk) AND #version = :expected',
              ExpressionAttributeNames: { '#version': 'version', '#field': field },
              ExpressionAttributeValues: {
                ':one': 1,
                ':at': entry.at,
                ':amount': entry.amountOre,
                ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }),
              },
            },
          },
          ledger: ledgerPut(
            db,
            entry,
            keys.ledgerEntryOfContribution(entry.year, partyId, entry.at, entry.id),
          ),
          ...balanceUpdates(db, entry),
        },
        audit: { entityPk: contributionKey.pk, event: audit },
        ...(outbox ? { outbox } : {}),
        refusals: {
          claim: idempotencyKeyClaimed,
          contribution: () => (expectedVersion === undefined ? notFound('contribution') : versionConflict()),
        },
      });
    },

    async listLedger(year, page) {
      const out = await dynamo(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
            ExpressionAttributeValues: { ':pk': keys.ledgerPk(year), ':entry': keys.ledgerEntryPrefix },
            Limit: page.limit,
            ...(page.cursor ? { ExclusiveStartKey: decodeCursor(year, page.cursor) } : {}),
          }),
        ),
      );
      const items = (out.Items ?? []).map((i) => stripKeys<LedgerEntry>(i));
      return {
        items,
        ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}),
      };
    },

    async dayMovements(year, options = {}) {
      const days = await queryAll<{ date: string; availableOre: number }>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
        ExpressionAttributeValues: { ':pk': keys.financeYearPk(year), ':day': keys.dayBalancePrefix },
        ConsistentRead: options.consistent ?? false,
      });
      return days.map((d) => ({ date: d.date, amountOre: d.availableOre }));
    },

    allLedgerEntries: (year) =>
      queryAll<LedgerEntry>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': keys.ledgerPk(year), ':entry': keys.ledgerEntryPrefix },
        ConsistentRead: true,
      }),

    contributionEntries: (year, partyId) =>
      queryAll<LedgerEntry>(db, queryIndex('gsi1', 'gsi1pk', keys.ledgerOfContribution(year, partyId))),

    getContributionsOfParty: (partyId, years) =>
      batchGet<Contribution>(
        db,
        years.map((year) => keys.contribution(year, partyId)),
      ),
  };
}
