import { AppError, refusal } from '../shared/errors.js';
import type { Award } from './award.schema.js';

/*
 * The rules of an award's money, as pure functions and the refusals that carry the figures. The repository
 * enforces the same limits again as conditions of its transactions, so a race cannot get past them.
 */

/** Whether a tranche fits: at most what remains of the award (amount − disbursed). */
export const tranchFits = (award: Pick<Award, 'amountOre' | 'disbursedOre'>, amountOre: number): boolean =>
  amountOre > 0 && award.disbursedOre + amountOre <= award.amountOre;

/** Whether a refund fits: at most what was paid out and not yet paid back (disbursed − refunded). */
export const refundFits = (award: Pick<Award, 'disbursedOre' | 'refundedOre'>, amountOre: number): boolean =>
  amountOre > 0 && award.refundedOre + amountOre <= award.disbursedOre;

/**
 * What closing an award gives back to the pool: the part of its commitment never paid out. Refunds have
 * returned already when they were paid back, so they do not count here.
 */
export const releaseOnClose = (award: Pick<Award, 'amountOre' | 'disbursedOre'>): number =>
  Math.max(0, award.amountOre - award.disbursedOre);

export const alreadyAccepted = () => new AppError('INVALID_STATE', { code: 'AWARD_ALREADY_ACCEPTED' });

export const awardClosed = () => new AppError('INVALID_STATE', { code: 'AWARD_CLOSED' });

/** 422 with the figures: the pool cannot hold the commitment. */
export const insufficientFunds = (amountOre: number, grantAvailableOre: number) =>
  refusal('RULES_FAILED', '', { code: 'INSUFFICIENT_FUNDS', params: { amountOre, grantAvailableOre } });

/** 422 with the figures: a tranche beyond what remains of the award. */
export const overRemaining = (award: Award, amountOre: number) =>
  refusal('RULES_FAILED', '/amountOre', {
    code: 'OVER_REMAINING',
    params: {
      amountOre,
      remainingOre: award.amountOre - award.disbursedOre,
      awardOre: award.amountOre,
      disbursedOre: award.disbursedOre,
    },
  });

/** 422 with the figures: a refund beyond what was paid out and not yet paid back. */
export const overRefundable = (award: Award, amountOre: number) =>
  refusal('RULES_FAILED', '/amountOre', {
    code: 'OVER_DISBURSED',
    params: {
      amountOre,
      refundableOre: award.disbursedOre - award.refundedOre,
      disbursedOre: award.disbursedOre,
      refundedOre: award.refundedOre,
    },
  });
