import { copenhagenDate } from '../shared/time.js';
import {
  BALANCE_COUNTERS,
  type Balance,
  type BalanceCounter,
  emptyPoolBalance,
  type LedgerEntry,
  type PoolBalance,
} from './finance.schema.js';

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

/** The pool's available money at the end of a day of the year, after that day's movements. */
export interface BalancePoint {
  /** A Danish date, YYYY-MM-DD. */
  date: string;
  /** The day's movements of available money summed. */
  amountOre: number;
  /** The running total after the day's movements. */
  totalOre: number;
}

/**
 * The pool's available money through the year: what earlier years carried over, then each day's movements of
 * the year's ledger (payments, refunds and releases add, commitments take; `balanceDeltas`), dated by the
 * payment's date or, for commitments and releases, the Copenhagen date they were booked.
 */
export function balancePoints(entries: readonly LedgerEntry[], openingOre: number): BalancePoint[] {
  const byDate = new Map<string, number>();
  for (const e of entries) {
    const delta = balanceDeltas(e).availableOre ?? 0;
    if (delta === 0) continue;
    const date = e.paidOn ?? copenhagenDate(new Date(e.at));
    byDate.set(date, (byDate.get(date) ?? 0) + delta);
  }
  let total = openingOre;
  return [...byDate.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([date, amountOre]) => {
      total += amountOre;
      return { date, amountOre, totalOre: total };
    });
}
