import type { Plain } from '../shared/messages.js';
import type { CallStatus } from './call.schema.js';

/**
 * The call area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface CallMessages
  extends Record<
    | 'closes_before_opens'
    | 'grant_over_budget'
    | 'due_months_or_date'
    /** The review due date must come after the deadline's date. */
    | 'review_due_before_closes'
    /** A closed call is final: it cannot be changed. */
    | 'CALL_CLOSED'
    /** A change would leave an open call with its deadline in the past. */
    | 'OPEN_CALL_DEADLINE_PAST'
    /** Opening a call whose deadline has passed. */
    | 'CALL_DEADLINE_PASSED'
    /** A call whose review has started (reviewers assigned, or decisions made) cannot be opened again. */
    | 'CALL_REVIEW_STARTED',
    Plain
  > {
  /** A move from the wrong status: opening a call that is no draft, closing one that is not open. */
  CALL_STATUS_NOT: { callStatus: CallStatus; requiredStatus: CallStatus };
  /** Closing before the deadline needs a reason; the call is open until `closesAt` (UTC ISO). */
  CLOSE_REASON_REQUIRED: { closesAt: string };
}
