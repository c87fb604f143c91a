import type { Award, AwardView } from './award.schema.js';

/*
 * The award schemas' plain values and functions, in a module without zod, so that the scheduled jobs (which
 * validate nothing) bundle none of it (docs/infra.md "Cold start"). award.schema.ts re-exports them.
 */

/**
 * The terms an applicant accepts, by version: a new wording gets a new version, and the award keeps the one
 * accepted. The wording of each version is in the catalogue (functions/texts/awards.ts `award.termsText`).
 */
export const AWARD_TERMS = { version: 'fim-award-terms-2027-1' } as const;
export type AwardTermsVersion = typeof AWARD_TERMS.version;

export const AWARD_STATUSES = ['committed', 'closed'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

export const awardView = (a: Award): AwardView => ({
  ...a,
  remainingOre: a.amountOre - a.disbursedOre - (a.releasedOre ?? 0),
  refundableOre: a.disbursedOre - a.refundedOre,
});
