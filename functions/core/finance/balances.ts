import { copenhagenDate } from '../shared/time.js';
import type { Balance, LedgerEntry, PoolBalance } from './finance.schema.js';
import { BALANCE_COUNTERS, type BalanceCounter, emptyPoolBalance } from './finance.values.js';

/*
 * What each ledger entry does to the balances. One table for the writes (the repositories ADD these deltas to
 * the year's and the pool's balance items in the entry's transaction) and for the check (the counters must
 * equal the deltas summed over the entries).
 *
 *   available       = received + refunded − committed          (the definition)
 *   grantAvailable  = grantReceived + refunded − committed     (what grants may still be committed against)
 *
 * `committed` is what is still promised: a commitment adds its amount; a release (an award closed with money
 * not paid out) takes back what was never paid, so the money is available again.
 */

export type BalanceDeltas = Partial<Record<BalanceCounter, number>>;

/** The change one entry makes to every balance it is booked in (its year's and the pool's). */
export function balanceDeltas(
  entry: Pick<LedgerEntry, 'kind' | 'amountOre' | 'grantShareOre'>,
): BalanceDeltas {
  const a = entry.amountOre;
  switch (entry.kind) {
    case 'contribution_received': {
      const grant = entry.grantShareOre ?? 0;
      return {
        receivedOre: a,
        grantReceivedOre: grant,
        availableOre: a,
        grantAvailableOre: grant,
        entries: 1,
      };
    }
    case 'award_committed':
      return { committedOre: a, availableOre: -a, grantAvailableOre: -a, entries: 1 };
    case 'disbursement':
      return { disbursedOre: a, entries: 1 };
    case 'refund':
      return { refundedOre: a, availableOre: a, grantAvailableOre: a, entries: 1 };
    case 'commitment_released':
      return { committedOre: -a, releasedOre: a, availableOre: a, grantAvailableOre: a, entries: 1 };
    case 'adjustment':
      // An adjustment changes what a party owes, not the pool's money.
      return { adjustmentsOre: a, entries: 1 };
  }
}

/** The counters the entries add up to (what a balance booked with exactly these entries must hold). */
export function sumOfEntries(
  entries: Iterable<Pick<LedgerEntry, 'kind' | 'amountOre' | 'grantShareOre'>>,
): PoolBalance {
  const sum = emptyPoolBalance();
  for (const entry of entries) {
    for (const [counter, delta] of Object.entries(balanceDeltas(entry)) as [BalanceCounter, number][]) {
      sum[counter] += delta;
    }
  }
  return sum;
}

/** The pool overall as the years add up to it. */
export function sumOfYears(years: Iterable<PoolBalance>): PoolBalance {
  const sum = emptyPoolBalance();
  for (const year of years) for (const counter of BALANCE_COUNTERS) sum[counter] += year[counter];
  return sum;
}

export interface YearPosition {
  year: number;
  balance: Balance;
  /** What the pool had available (for grants) when the year began: every earlier year's, carried over. */
  openingAvailableOre: number;
  openingGrantAvailableOre: number;
  closingAvailableOre: number;
  closingGrantAvailableOre: number;
}

/**
 * Each year with what it carried in and out, oldest first. A year's own `availableOre` may be negative: it
 * committed money received in earlier years; the running sum never is (the pool's guard sees to it).
 */
export function yearPositions(balances: readonly Balance[]): YearPosition[] {
  let available = 0;
  let grantAvailable = 0;
  return [...balances]
    .sort((a, b) => a.year - b.year)
    .map((balance) => {
      const position = {
        year: balance.year,
        balance,
        openingAvailableOre: available,
        openingGrantAvailableOre: grantAvailable,
        closingAvailableOre: available + balance.availableOre,
        closingGrantAvailableOre: grantAvailable + balance.grantAvailableOre,
      };
      available = position.closingAvailableOre;
      grantAvailable = position.closingGrantAvailableOre;
      return position;
    });
}

/** What the pool had available when `year` began: the closing of the last year before it that has a balance. */
export function openingAvailable(positions: readonly YearPosition[], year: number): number {
  let opening = 0;
  for (const p of positions) if (p.year < year) opening = p.closingAvailableOre;
  return opening;
}

/** The day a movement of money counts on: the payment's date, else the Copenhagen date it was booked. */
export const movementDate = (entry: Pick<LedgerEntry, 'paidOn' | 'at'>): string =>
  entry.paidOn ?? copenhagenDate(new Date(entry.at));

/** A day's movements of the pool's available money summed (what the year's day balance item holds). */
export interface DayMovement {
  /** A Danish date, YYYY-MM-DD. */
  date: string;
  amountOre: number;
}

/**
 * Each day's movements of available money in these entries (payments, refunds and releases add, commitments
 * take; `balanceDeltas`), oldest day first; entries that move none (tranches, adjustments) make no day.
 */
export function dayMovements(entries: Iterable<LedgerEntry>): DayMovement[] {
  const byDate = new Map<string, number>();
  for (const e of entries) {
    const delta = balanceDeltas(e).availableOre ?? 0;
    if (delta === 0) continue;
    const date = movementDate(e);
    byDate.set(date, (byDate.get(date) ?? 0) + delta);
  }
  return [...byDate.entries()]
    .map(([date, amountOre]) => ({ date, amountOre }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The pool's available money at the end of a day of the year, after that day's movements. */
export interface BalancePoint extends DayMovement {
  /** The running total after the day's movements. */
  totalOre: number;
}

/**
 * The pool's available money through the year: what earlier years carried over, then each day's movements
 * (`dayMovements`, kept as the year's day balances by every entry's own transaction), oldest first.
 */
export function balancePoints(days: readonly DayMovement[], openingOre: number): BalancePoint[] {
  let total = openingOre;
  return [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(({ date, amountOre }) => {
      total += amountOre;
      return { date, amountOre, totalOre: total };
    });
}
