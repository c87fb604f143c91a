import * as z from 'zod';
import { SECTORS } from '../applications/application.schema.js';
import { FOCUS_AREAS } from '../calls/call.schema.js';
import { ofApplication, ownedBy, versioned } from '../shared/fields.schema.js';
import { AWARD_STATUSES } from './award.values.js';
import { type MoneyMovementInput, moneyMovementInputSchema } from './finance.schema.js';

/*
 * An award: an approved application whose owner has accepted the terms, committed against the pool (what is
 * earmarked for grants over every year) and booked in the ledger of the Copenhagen year of acceptance, like
 * its disbursements, refunds and the release of what was never paid out when it closes.
 */

// The plain values and awardView live in award.values.ts (no zod: the jobs import them without the schemas).
export {
  AWARD_STATUSES,
  AWARD_TERMS,
  type AwardStatus,
  type AwardTermsVersion,
  awardView,
} from './award.values.js';

export const awardSchema = z.object({
  /** The application's (`applicationId`): one award per application. */
  ...ofApplication,
  title: z.string().optional(),
  /** Copied from the application at acceptance, so the public list reads the awards alone (absent on older items). */
  focusArea: z.enum(FOCUS_AREAS).optional(),
  /** The partners' distinct sectors, copied at acceptance like `focusArea`. */
  sectors: z.array(z.enum(SECTORS)).optional(),
  ...ownedBy,
  ownerName: z.string(),
  /** The Copenhagen year of acceptance: the ledger its movements go to. */
  year: z.int(),
  amountOre: z.int(),
  disbursedOre: z.int(),
  refundedOre: z.int(),
  /** What went back to the pool when the award closed: the part never paid out (absent on older items: 0). */
  releasedOre: z.int().optional(),
  status: z.enum(AWARD_STATUSES),
  termsVersion: z.string(),
  committedAt: z.string(),
  committedBy: z.string(),
  closedAt: z.string().optional(),
  ...versioned,
});
export type Award = z.infer<typeof awardSchema>;

/** An award with what is left to pay out. */
export const awardViewSchema = awardSchema.extend({
  /** amount − disbursed − released: the most the next tranche may be (0 once closed). */
  remainingOre: z.int(),
  /** disbursed − refunded: the most a refund may be. */
  refundableOre: z.int(),
});
export type AwardView = z.infer<typeof awardViewSchema>;

export const awardAcceptInputSchema = z.strictObject({
  /** The applicant declares they accept the terms. */
  declaration: z.literal(true),
  /** The version of the terms shown to them (`AWARD_TERMS.version`). */
  termsVersion: z.string().min(1).max(100),
});
export type AwardAcceptInput = z.infer<typeof awardAcceptInputSchema>;

/** A tranche paid out or money paid back: a movement of money like a payment received. */
export const awardMovementInputSchema = moneyMovementInputSchema;
export type AwardMovementInput = MoneyMovementInput;
