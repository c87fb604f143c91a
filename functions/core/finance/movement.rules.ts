import { refusal } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';

/**
 * Money moves on the day the bank statement says: a payment (or tranche) dated after today, in Copenhagen,
 * is a typing error. @throws AppError RULES_FAILED (IN_FUTURE, with the date and today)
 */
export function paidOnNotInFuture(paidOn: string, now: Date): void {
  const today = copenhagenDate(now);
  if (paidOn <= today) return;
  throw refusal('RULES_FAILED', '/paidOn', { code: 'IN_FUTURE', params: { paidOn, today } });
}
