import type { Call } from '../calls/call.schema.js';
import { daysBetween } from '../shared/time.js';
import type { Assignment } from './review.schema.js';

/*
 * The review due date's reminders (issue 9): a call may set the date its reviews are due (`reviewDueAt`, a
 * Copenhagen date) and how many days before it the reviewers who owe a review are reminded
 * (`reviewReminderDays`, default 7); once the date has passed they are reminded that the review is overdue.
 * Each reminder goes once per assignment (the reminders job's markers).
 */

/**
 * How long after the due date an overdue review is still reminded: a daily run reads only the calls due in that
 * window, so its reads do not grow with the years of closed calls (and a run missed for days still catches up).
 */
export const REVIEW_OVERDUE_WINDOW_DAYS = 30;

export type ReviewReminder = { kind: 'review.due_reminder'; daysLeft: number } | { kind: 'review.overdue' };

/** The reminder a call's owed reviews are due on `today` (a Copenhagen date), if any. */
export function reviewReminderOn(
  call: Pick<Call, 'reviewDueAt' | 'reviewReminderDays'>,
  today: string,
): ReviewReminder | undefined {
  if (!call.reviewDueAt) return undefined;
  const left = daysBetween(today, call.reviewDueAt);
  if (left < -REVIEW_OVERDUE_WINDOW_DAYS) return undefined;
  if (left < 0) return { kind: 'review.overdue' };
  if (left <= call.reviewReminderDays) return { kind: 'review.due_reminder', daysLeft: left };
  return undefined;
}

/**
 * Whether an assignment still owes its review: not submitted, and no conflict standing in the way (one declared
 * and not yet ruled on, or ruled a recusal).
 */
export const owesReview = (assignment: Assignment): boolean =>
  assignment.review.status !== 'submitted' &&
  (!assignment.conflict || assignment.conflict.ruling?.recused === false);
