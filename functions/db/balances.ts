import { type BalanceDeltas, balanceDeltas, movementDate } from '../core/finance/balances.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import type { TransactItem } from './transact.js';

/*
 * Every ledger entry moves two balance items in its own transaction: its year's (FINYEAR#<year> / BALANCE,
 * indexed under BALANCES) and the pool's (POOL / BALANCE), by the same deltas (core/finance/balances.ts); and,
 * when it moves the available money, its day's (FINYEAR#<year> / DAY#<date>), which the year page draws.
 * Every movement of money touches the pool's item, so such transactions clash when many land at once: the
 * transaction helper tries a clash again (retry.ts), and none of these writes depends on a figure read before
 * (the updates add, the guard is judged on the item as it stands), so no read needs repeating.
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
 * The balance updates of an entry, named for the transaction: the pool's, the year's and (when it moves the
 * available money) the day's. With `guardGrantAvailable`, the pool's update is conditioned on
 * `grantAvailableOre >= amount` (a commitment): its failure is `poolBalance`'s.
 */
export function balanceUpdates(
  db: Db,
  entry: LedgerEntry,
  options: { guardGrantAvailable?: boolean } = {},
): { poolBalance: TransactItem; yearBalance: TransactItem; dayBalance: TransactItem | undefined } {
  const deltas = balanceDeltas(entry);
  const { add, names, values } = addExpression(deltas);
  const date = movementDate(entry);
  return {
    dayBalance: deltas.availableOre
      ? {
          Update: {
            TableName: db.tableName,
            Key: keys.dayBalance(entry.year, date),
            UpdateExpression: 'SET entity = :entity, #date = :date ADD availableOre :delta',
            ExpressionAttributeNames: { '#date': 'date' },
            ExpressionAttributeValues: {
              ':entity': 'day-balance',
              ':date': date,
              ':delta': deltas.availableOre,
            },
          },
        }
      : undefined,
    poolBalance: {
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
    yearBalance: {
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
  };
}
