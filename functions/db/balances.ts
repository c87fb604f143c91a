import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type BalanceDeltas, balanceDeltas } from '../core/finance/balances.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { TransactItem } from './audited-write.js';
import type { Db } from './client.js';
import { cancellationCodes } from './errors.js';
import { keys } from './keys.js';

/*
 * Every ledger entry moves two balance items in its own transaction: its year's (FINYEAR#<year> / BALANCE,
 * indexed under BALANCES) and the pool's (POOL / BALANCE), by the same deltas (core/finance/balances.ts).
 */

function addExpression(deltas: BalanceDeltas) {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds = Object.entries(deltas).map(([counter, delta], i) => {
    names[`#c${i}`] = counter;
    values[`:d${i}`] = delta;
    return `#c${i} :d${i}`;
  });
  return { add: `ADD ${adds.join(', ')}`, names, values };
}

/**
 * The two balance updates of an entry. With `guardGrantAvailable`, the pool's update is conditioned on
 * `grantAvailableOre >= amount` (a commitment), and it comes first so a caller can tell its failure apart.
 */
export function balanceUpdates(
  db: Db,
  entry: LedgerEntry,
  options: { guardGrantAvailable?: boolean } = {},
): [pool: TransactItem, year: TransactItem] {
  const { add, names, values } = addExpression(balanceDeltas(entry));
  return [
    {
      Update: {
        TableName: db.tableName,
        Key: keys.poolBalance,
        UpdateExpression: `SET entity = :entity ${add}`,
        ...(options.guardGrantAvailable ? { ConditionExpression: 'grantAvailableOre >= :amount' } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ...values,
          ':entity': 'pool-balance',
          ...(options.guardGrantAvailable ? { ':amount': entry.amountOre } : {}),
        },
      },
    },
    {
      Update: {
        TableName: db.tableName,
        Key: keys.balance(entry.year),
        UpdateExpression: `SET entity = :entity, #year = :year, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ${add}`,
        ExpressionAttributeNames: { ...names, '#year': 'year' },
        ExpressionAttributeValues: {
          ...values,
          ':entity': 'balance',
          ':year': entry.year,
          ':gsi1pk': keys.balanceByYear(entry.year).gsi1pk,
          ':gsi1sk': keys.balanceByYear(entry.year).gsi1sk,
        },
      },
    },
  ];
}

/** Transactions on the balance items clash when many land at once; each is tried again a few times. */
const MAX_ATTEMPTS = 12;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clash with another transaction (not a failed condition of ours): worth another try. */
function clashed(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  if (name === 'TransactionConflictException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const codes = cancellationCodes(error);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/**
 * Sends a transaction that moves balances, trying again (after a random pause) while it only clashed with
 * others: every movement of money touches the one pool item. The raw error is thrown for the caller to map.
 */
export async function transactMoney(db: Db, items: TransactItem[]): Promise<void> {
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
