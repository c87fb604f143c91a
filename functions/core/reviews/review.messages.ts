import type { ApplicationStatus } from '../applications/application.schema.js';

/**
 * The review area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them. A field error's words never repeat the field's label: the error summary writes
 * `label: words`.
 */
export interface ReviewMessages {
  /** The reader is conflicted with the application and takes no part in its handling. */
  CONFLICTED: Record<never, never>;
  /** A person put forward as a reviewer who does not have the reviewer role. */
  NOT_A_REVIEWER: { reviewerId: string };
  /**
   * A conflict of interest: the named reviewer's organisation takes part in the application, or, with no
   * reviewer named, the reader is the one conflicted.
   */
  CONFLICT_OF_INTEREST: { reviewerName?: string; organisation?: string };
  /** The application is not where this step needs it: under another call, or in a status that rules it out. */
  INVALID_STATE: { applicationStatus?: ApplicationStatus };
  /** Reviewers put forward for one application, refused (the errors say why). */
  CANNOT_ASSIGN: Record<never, never>;
  /** A plan for a whole call, refused as a whole (the errors say why). */
  CANNOT_CONFIRM_PLAN: Record<never, never>;
  NOT_IN_REVIEW: Record<never, never>;
  CANNOT_REMOVE_SUBMITTED: Record<never, never>;
  UNKNOWN_CRITERIA: Record<never, never>;
  UNKNOWN_CRITERION: { criterionId: string };
  /** The reviewer declared a conflict and cannot work on the review. */
  YOU_DECLARED_CONFLICT: Record<never, never>;
  REVIEW_SUBMITTED: Record<never, never>;
  REVIEW_NOT_SUBMITTED: Record<never, never>;
  APPLICATION_DECIDED: Record<never, never>;
  REVIEW_INCOMPLETE: Record<never, never>;
  CONFLICT_ALREADY_DECLARED: Record<never, never>;
  ALREADY_RULED: Record<never, never>;
  /** The assignment form: no reviewer chosen. */
  REVIEWER_REQUIRED: Record<never, never>;
  /** The ruling form: neither "conflicted" nor "not conflicted" chosen. */
  RULING_REQUIRED: Record<never, never>;
}
