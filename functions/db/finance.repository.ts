import { BatchGetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type {
  Balance,
  Contribution,
  LedgerEntry,
  LedgerKind,
  PopulationFigure,
  YearSettings,
} from '../core/finance/finance.schema.js';
import { emptyBalance } from '../core/finance/finance.schema.js';
import type { ContributionMovement, FinanceRepository, PaymentClaim } from '../core/ports.js';
import { AppError, notFound, versionConflict } from '../core/shared/errors.js';
import {
  auditPut,
  getItem,
  queryAll,
  queryIndex,
  type TransactItem,
  versionedPut,
  writeWithAudit,
} from './audited-write.js';
import type { Db } from './client.js';
import { cancellationCodes, dynamo, mapDynamoError } from './errors.js';
import { keys, stripKeys } from './keys.js';

type Key = { pk: string; sk: string };

/** The balance counter each kind of entry moves. */
const BALANCE_FIELD: Record<LedgerKind, keyof Balance> = {
  contribution_received: 'receivedOre',
  award_committed: 'committedOre',
  disbursement: 'disbursedOre',
  refund: 'refundedOre',
  adjustment: 'adjustmentsOre',
};

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

const BATCH_LIMIT = 100;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GetItem of many keys, consistently, in batches of 100; unprocessed keys are asked for again. */
async function batchGet<T>(db: Db, wanted: readonly Key[]): Promise<T[]> {
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

const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'Ugyldig cursor / Invalid cursor', {
    errors: [{ pointer: '/query/cursor', code: 'invalid_cursor', detail: 'Brug cursor fra forrige side' }],
  });

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
      await writeWithAudit(db, {
        items: writes.map((w) => versionedPut(db, populationItem(w.figure), w.expectedVersion)),
        entityPk: keys.populationImportsPk,
        audit,
      });
    },

    getYear: (year) => getItem<YearSettings>(db, keys.financeYear(year)),

    async saveYear(settings, audit, expectedVersion) {
      await writeWithAudit(db, {
        items: [
          versionedPut(
            db,
            { ...keys.financeYear(settings.year), entity: 'finance-year', ...settings },
            expectedVersion,
          ),
        ],
        entityPk: keys.financeYearPk(settings.year),
        audit,
      });
    },

    async getYearAndBalance(year) {
      const items = await batchGet<Record<string, unknown>>(db, [keys.financeYear(year), keys.balance(year)]);
      // Both items carry `year`; the settings are the one with a due date.
      const settings = items.find((i) => 'dueDate' in i) as YearSettings | undefined;
      const balance = items.find((i) => 'entries' in i) as Partial<Balance> | undefined;
      return { ...(settings ? { settings } : {}), balance: { ...emptyBalance(year), ...balance } };
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
      await writeWithAudit(db, {
        items: writes.map((w) => versionedPut(db, contributionItem(w.contribution), w.expectedVersion)),
        entityPk: keys.financeYearPk(year),
        audit,
        ...(outbox ? { outbox: [...outbox] } : {}),
      });
    },

    async getPaymentClaim(year, partyId, key) {
      return getItem<PaymentClaim>(db, keys.paymentClaim(year, partyId, key));
    },

    async recordMovement(movement: ContributionMovement) {
      const { entry, audit, claim, expectedVersion } = movement;
      const partyId = entry.partyId;
      const field = CONTRIBUTION_FIELD[entry.kind];
      if (!partyId || !field) throw new Error(`Not a contribution movement: ${entry.kind}`);
      const contributionKey = keys.contribution(entry.year, partyId);
      const items: TransactItem[] = [];
      if (claim) {
        items.push({
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.paymentClaim(entry.year, partyId, claim.key),
              entity: 'idempotency',
              requestHash: claim.requestHash,
              entry,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      const contributionIndex = items.length;
      items.push({
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
      });
      items.push({
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.ledgerEntry(entry.year, entry.at, entry.id),
            ...keys.ledgerEntryOfContribution(entry.year, partyId, entry.at, entry.id),
            entity: 'ledger-entry',
            ...entry,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      items.push({
        Update: {
          TableName: db.tableName,
          Key: keys.balance(entry.year),
          // A payment adds to `availableOre` too: the counter an award's commitment is conditioned on
          // (received + refunded − committed, kept as one attribute since a condition cannot add).
          UpdateExpression:
            entry.kind === 'contribution_received'
              ? 'SET entity = :entity, #year = :year ADD #field :amount, entries :one, availableOre :amount'
              : 'SET entity = :entity, #year = :year ADD #field :amount, entries :one',
          ExpressionAttributeNames: { '#year': 'year', '#field': BALANCE_FIELD[entry.kind] },
          ExpressionAttributeValues: {
            ':entity': 'balance',
            ':year': entry.year,
            ':amount': entry.amountOre,
            ':one': 1,
          },
        },
      });
      items.push(auditPut(db, contributionKey.pk, audit));
      try {
        await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        const codes = cancellationCodes(error);
        if (claim && codes[0] === 'ConditionalCheckFailed') {
          throw new AppError('RULES_FAILED', 'Idempotency-Key er brugt / Idempotency-Key already used', {
            errors: [
              { pointer: '/headers/idempotency-key', code: 'IDEMPOTENCY_KEY_CLAIMED', detail: claim.key },
            ],
          });
        }
        if (codes[contributionIndex] === 'ConditionalCheckFailed') {
          throw expectedVersion === undefined ? notFound('Bidraget / The contribution') : versionConflict();
        }
        throw mapDynamoError(error);
      }
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

    allLedgerEntries: (year) =>
      queryAll<LedgerEntry>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':pk': keys.ledgerPk(year), ':entry': keys.ledgerEntryPrefix },
        ConsistentRead: true,
      }),

    contributionEntries: (year, partyId) =>
      queryAll<LedgerEntry>(db, queryIndex('gsi1', 'gsi1pk', keys.ledgerOfContribution(year, partyId))),
  };
}
