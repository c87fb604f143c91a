import type { Principal } from '../auth/principal.js';
import type { Balance, LedgerEntry, MoneyMovementInput, PoolBalance } from './finance.schema.js';

/*
 * The finance schemas' plain values and functions, in a module without zod, so that the scheduled jobs (which
 * validate nothing) bundle none of it (docs/infra.md "Cold start"). finance.schema.ts re-exports them.
 */

/** A new ledger entry, recorded by `actor` at `now`. */
export const newLedgerEntry = (
  actor: Principal,
  now: Date,
  fields: Omit<LedgerEntry, 'id' | 'at' | 'recordedBy'>,
): LedgerEntry => ({
  id: crypto.randomUUID(),
  ...fields,
  at: now.toISOString(),
  recordedBy: { userId: actor.userId, email: actor.email },
});

/** What a movement of money on the bank statement books: its amount, its date and the bank's reference. */
export const moneyMoved = ({ amountOre, paidOn, reference }: MoneyMovementInput) => ({
  amountOre,
  paidOn,
  reference,
});

/** The counters every balance item carries. */
export const BALANCE_COUNTERS = [
  'receivedOre',
  'grantReceivedOre',
  'committedOre',
  'disbursedOre',
  'refundedOre',
  'releasedOre',
  'adjustmentsOre',
  'entries',
  'availableOre',
  'grantAvailableOre',
] as const satisfies readonly (keyof PoolBalance)[];
export type BalanceCounter = (typeof BALANCE_COUNTERS)[number];

export const emptyPoolBalance = (): PoolBalance => ({
  receivedOre: 0,
  grantReceivedOre: 0,
  committedOre: 0,
  disbursedOre: 0,
  refundedOre: 0,
  releasedOre: 0,
  adjustmentsOre: 0,
  entries: 0,
  availableOre: 0,
  grantAvailableOre: 0,
});

export const emptyBalance = (year: number): Balance => ({ year, ...emptyPoolBalance() });
