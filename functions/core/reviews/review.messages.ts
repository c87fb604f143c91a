import type { ApplicationStatus } from '../applications/application.schema.js';
import type { Plain } from '../shared/messages.js';

/**
 * The review area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them. A field error's words never repeat the field's label: the error summary writes
 * `label: words`.
 */
export interface ReviewMessages
  extends Record<
    /** The reader is conflicted with the application and takes no part in its handling. */
    | 'CONFLICTED'
    /** Reviewers put forward for one application, refused (the errors say why). */
    | 'CANNOT_ASSIGN'
    /** A plan for a whole call, refused as a whole (the errors say why). */
    | 'CANNOT_CONFIRM_PLAN'
    | 'NOT_IN_REVIEW'
    | 'CANNOT_REMOVE_SUBMITTED'
    | 'UNKNOWN_CRITERIA'
    /** The reviewer declared a conflict and cannot work on the review. */
    | 'YOU_DECLARED_CONFLICT'
    | 'REVIEW_SUBMITTED'
    | 'REVIEW_NOT_SUBMITTED'
    | 'APPLICATION_DECIDED'
    | 'REVIEW_INCOMPLETE'
    | 'CONFLICT_ALREADY_DECLARED'
    | 'ALREADY_RULED'
    /** The assignment form: no reviewer chosen. */
    | 'REVIEWER_REQUIRED'
    /** The ruling form: neither "conflicted" nor "not conflicted" chosen. */
    | 'RULING_REQUIRED',
    Plain
  > {
  /** A person put forward as a reviewer who does not have the reviewer role. */
  NOT_A_REVIEWER: { reviewerId: string };
  /**
   * A conflict of interest: the named reviewer's organisation takes part in the application, or, with no
   * reviewer named, the reader is the one conflicted.
   */
  CONFLICT_OF_INTEREST: { reviewerName?: string; organisation?: string };
  /** The application is not where this step needs it: under another call, or in a status that rules it out. */
  INVALID_STATE: { applicationStatus?: ApplicationStatus };
  UNKNOWN_CRITERION: { criterionId: string };
  /**
   * The reader is conflicted with the application (issue 11): they learn its title and the ground of their
   * recusal, nothing else.
   */
  RECUSED: { applicationTitle: string; ground: 'organisation' | 'declared' };
}

/** What every e-mail to a reviewer about an application names. */
interface ReviewerLetter {
  reviewerName: string;
  /** The application's reference ('' when it has none) and title. */
  reference: string;
  title: string;
  callTitle: string;
  callTitleEn?: string;
  /** The call's review due date (a Copenhagen date), when it has one. */
  dueDate?: string;
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface ReviewMail {
  /** A reviewer is assigned an application to review, by the call's review due date when it has one. */
  'review.assigned': ReviewerLetter;
  /** A reviewer is taken off an application. */
  'review.unassigned': ReviewerLetter;
  /** The chair's ruling on the conflict the reviewer declared: recused (takes no part) or not. */
  'conflict.ruled': ReviewerLetter & { recused: boolean; note?: string };
  /** The review is due in `daysLeft` days (0: today) and is not submitted yet. */
  'review.due_reminder': ReviewerLetter & { dueDate: string; daysLeft: number };
  /** The review's due date has passed and it is not submitted yet. */
  'review.overdue': ReviewerLetter & { dueDate: string };
}
