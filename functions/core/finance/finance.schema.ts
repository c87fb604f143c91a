import * as z from 'zod';
import { versioned } from '../shared/fields.schema.js';
import type { MessageOf } from '../shared/messages.js';
import { text } from '../shared/validation.js';
import { DEFAULT_GRANT_SHARE, DEFAULT_RATE_ORE_PER_CITIZEN } from './contributions.js';
import type { InvariantMessages } from './finance.messages.js';

// The plain values and functions live in finance.values.ts (no zod: the jobs import them without the schemas).
export {
  BALANCE_COUNTERS,
  type BalanceCounter,
  emptyBalance,
  emptyPoolBalance,
  moneyMoved,
  newLedgerEntry,
} from './finance.values.js';

/*
 * Money is integer øre everywhere (`...Ore`), times are UTC ISO strings, dates (`YYYY-MM-DD`) are Danish
 * calendar dates.
 */

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;
/** The most figures one import may hold: they are written in one transaction (100 items at most). */
export const MAX_IMPORT_FIGURES = 90;
/** A payment or adjustment beyond 100 million kr is a typing error, not a contribution. */
export const MAX_MOVEMENT_ORE = 10_000_000_000;

export const yearSchema = z.int().min(MIN_YEAR).max(MAX_YEAR);

export const partyKindSchema = z.enum(['municipality', 'region']);

/** A party's population on 1 January of `year`, as imported. */
export const populationFigureSchema = z.object({
  partyId: z.string(),
  year: z.int(),
  population: z.int(),
  source: z.string(),
  ...versioned,
  updatedBy: z.string(),
});
export type PopulationFigure = z.infer<typeof populationFigureSchema>;

export const partyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: partyKindSchema,
  latestPopulation: z
    .object({
      year: z.int(),
      population: z.int(),
      /** The region's figure is the sum of its municipalities' when it has none of its own for that year. */
      derived: z.boolean(),
    })
    .nullable(),
});
export type PartyView = z.infer<typeof partyViewSchema>;

const ratesSchema = z.strictObject({
  municipalityOre: z.int().min(0).max(100_000).default(DEFAULT_RATE_ORE_PER_CITIZEN),
  regionOre: z.int().min(0).max(100_000).default(DEFAULT_RATE_ORE_PER_CITIZEN),
});

/** Checked against the denominator by the service (numerator <= denominator), which names the field. */
const grantShareSchema = z.strictObject({
  numerator: z.int().min(0).max(1000),
  denominator: z.int().min(1).max(1000),
});

/** A Danish bank registration number (reg.nr.): 4 digits. */
export const REGISTRATION_NUMBER = /^\d{4}$/;
/** A Danish bank account number: up to 10 digits. */
export const ACCOUNT_NUMBER = /^\d{1,10}$/;

/**
 * Where the parties pay their contributions: the pool's bank account (registration and account number, digits
 * only, as strings: leading zeros count) and the payee the bank shows. All three or none: an account is
 * known whole. A year may be saved without it, but its demands cannot be sent until it is given.
 */
export const paymentDetailsSchema = z.strictObject({
  payee: text(120).min(2),
  registrationNumber: z.string().refine((v) => REGISTRATION_NUMBER.test(v), 'registration_number_digits'),
  accountNumber: z.string().refine((v) => ACCOUNT_NUMBER.test(v), 'account_number_digits'),
});
export type PaymentDetails = z.infer<typeof paymentDetailsSchema>;

/** PUT of a year's settings: the whole of them; rates and share fall back to FIM's defaults. */
export const yearSettingsInputSchema = z.strictObject({
  /** Whose population counts: the figures of 1 January of this year. */
  referenceYear: yearSchema,
  dueDate: z.iso.date(),
  rates: ratesSchema.default({
    municipalityOre: DEFAULT_RATE_ORE_PER_CITIZEN,
    regionOre: DEFAULT_RATE_ORE_PER_CITIZEN,
  }),
  grantShare: grantShareSchema.default({ ...DEFAULT_GRANT_SHARE }),
  /** Needed before the demands are sent; left out, the year has none (a PUT replaces the whole). */
  paymentDetails: paymentDetailsSchema.optional(),
});
export type YearSettingsInput = z.infer<typeof yearSettingsInputSchema>;

export const yearSettingsSchema = z.object({
  year: z.int(),
  referenceYear: z.int(),
  dueDate: z.string(),
  rates: z.object({ municipalityOre: z.int(), regionOre: z.int() }),
  grantShare: z.object({ numerator: z.int(), denominator: z.int() }),
  /** Absent on a year saved before they were asked for, or not given yet: the demands wait for them. */
  paymentDetails: z
    .object({ payee: z.string(), registrationNumber: z.string(), accountNumber: z.string() })
    .optional(),
  ...versioned,
  updatedBy: z.string(),
});
export type YearSettings = z.infer<typeof yearSettingsSchema>;

export const CONTRIBUTION_STATES = ['computed', 'sent'] as const;
export const CONTRIBUTION_STATUSES = ['due', 'partly_paid', 'paid', 'overdue'] as const;

/**
 * A party's contribution for a year. The demand is recomputed while `computed`; once `sent` it is never
 * edited again, and corrections are adjustment entries that move `adjustmentsOre`.
 */
export const contributionSchema = z.object({
  year: z.int(),
  partyId: z.string(),
  partyName: z.string(),
  kind: partyKindSchema,
  state: z.enum(CONTRIBUTION_STATES),
  referenceYear: z.int(),
  population: z.int(),
  /** True when the region's population is the sum of its municipalities'. */
  populationDerived: z.boolean(),
  rateOre: z.int(),
  demandOre: z.int(),
  adjustmentsOre: z.int(),
  paidOre: z.int(),
  computedAt: z.string(),
  sentAt: z.string().optional(),
  ...versioned,
});
export type Contribution = z.infer<typeof contributionSchema>;

/** A contribution with where it stands today (judged on the Copenhagen date). */
export const contributionViewSchema = contributionSchema.extend({
  /** Demand plus adjustments: what the party owes for the year. */
  totalDueOre: z.int(),
  outstandingOre: z.int(),
  overpaidOre: z.int(),
  status: z.enum(CONTRIBUTION_STATUSES),
});
export type ContributionView = z.infer<typeof contributionViewSchema>;

export const LEDGER_KINDS = [
  'contribution_received',
  'award_committed',
  'disbursement',
  'refund',
  'commitment_released',
  'adjustment',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One movement of money: written once with the change that caused it, never edited or deleted. */
export const ledgerEntrySchema = z.object({
  id: z.string(),
  year: z.int(),
  kind: z.enum(LEDGER_KINDS),
  /** Positive, except an adjustment, which is signed (a demand raised or lowered). */
  amountOre: z.int(),
  /**
   * A contribution received: the part of it earmarked for project grants (the year's grant share of this
   * payment, rounded down to the øre; the rest goes to the pool's other purposes). Fixed when booked.
   */
  grantShareOre: z.int().optional(),
  at: z.string(),
  partyId: z.string().optional(),
  awardId: z.string().optional(),
  /** The payment's date on the bank statement (Danish date). */
  paidOn: z.string().optional(),
  reference: z.string().optional(),
  reason: z.string().optional(),
  idempotencyKey: z.string().optional(),
  recordedBy: z.object({ userId: z.string(), email: z.string() }),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/**
 * Running totals, moved with ADD in the same transaction as each ledger entry: one item per year (the
 * entries booked in that year's ledger) and one for the pool overall (every year's entries). Each entry's
 * effect is `balanceDeltas` (balances.ts); `committedOre` is what is still promised (commitments less what
 * was released when awards closed).
 */
export const poolBalanceSchema = z.object({
  receivedOre: z.int(),
  /** The part of `receivedOre` earmarked for project grants (the sum of the payments' `grantShareOre`). */
  grantReceivedOre: z.int(),
  committedOre: z.int(),
  disbursedOre: z.int(),
  refundedOre: z.int(),
  /** Commitments given back to the pool when awards closed with money not paid out. */
  releasedOre: z.int(),
  adjustmentsOre: z.int(),
  entries: z.int(),
  /** received + refunded − committed, kept as a counter of its own: a condition expression cannot add. */
  availableOre: z.int(),
  /**
   * grantReceived + refunded − committed: what project grants may still be committed against. The pool's is
   * the guard of every commitment (`grantAvailableOre >= amount`).
   */
  grantAvailableOre: z.int(),
});
export type PoolBalance = z.infer<typeof poolBalanceSchema>;

export const balanceSchema = poolBalanceSchema.extend({ year: z.int() });
export type Balance = z.infer<typeof balanceSchema>;

/** Money in or out on a date, with the bank's reference: a payment received, a tranche paid out, a refund. */
export const moneyMovementInputSchema = z.strictObject({
  amountOre: z.int().min(1).max(MAX_MOVEMENT_ORE),
  paidOn: z.iso.date(),
  reference: text(200).min(1),
});
export type MoneyMovementInput = z.infer<typeof moneyMovementInputSchema>;

export const paymentInputSchema = moneyMovementInputSchema;
export type PaymentInput = MoneyMovementInput;

export const adjustmentInputSchema = z.strictObject({
  /** Signed; never 0 (the service says so by field). */
  amountOre: z.int().min(-MAX_MOVEMENT_ORE).max(MAX_MOVEMENT_ORE),
  reason: text(2_000).min(3),
});
export type AdjustmentInput = z.infer<typeof adjustmentInputSchema>;

/** A year's ledger and the pool; without a year, every year that has a balance and the pool. */
export const invariantsInputSchema = z.strictObject({ year: yearSchema.optional() });

/** One broken invariant: its code with the figures, and the year whose ledger or balance is at fault (absent: the pool). */
export type InvariantProblem = MessageOf<InvariantMessages> & { year?: number };
