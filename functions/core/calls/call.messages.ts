import type { CallStatus } from './call.schema.js';

/**
 * The call area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface CallMessages {
  closes_before_opens: Record<never, never>;
  grant_over_budget: Record<never, never>;
  due_months_or_date: Record<never, never>;
  /** A closed call is final: it cannot be changed. */
  CALL_CLOSED: Record<never, never>;
  /** A change would leave an open call with its deadline in the past. */
  OPEN_CALL_DEADLINE_PAST: Record<never, never>;
  /** A move from the wrong status: opening a call that is no draft, closing one that is not open. */
  CALL_STATUS_NOT: { callStatus: CallStatus; requiredStatus: CallStatus };
  /** Opening a call whose deadline has passed. */
  CALL_DEADLINE_PASSED: Record<never, never>;
}
