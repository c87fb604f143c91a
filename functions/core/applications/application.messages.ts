/**
 * The application area's message codes and the values each carries (see ../shared/messages.ts). No words
 * here: functions/texts words them.
 */
export interface ApplicationMessages {
  CALL_NOT_OPEN: Record<never, never>;
  CALL_NOT_YET_OPEN: Record<never, never>;
  DEADLINE_PASSED: Record<never, never>;
  GRANT_TYPE_UNKNOWN: Record<never, never>;
  FOCUS_AREA_NOT_IN_CALL: Record<never, never>;
  TOO_FEW_SECTORS: { min: number; found: number };
  AMOUNT_ZERO: Record<never, never>;
  AMOUNT_OVER_MAX: { requestedOre: number; maxOre: number };
  END_BEFORE_START: Record<never, never>;
  START_IN_PAST: Record<never, never>;
  PERIOD_TOO_LONG: { maxYears: number };
  BUDGET_YEAR_OUTSIDE_PERIOD: Record<never, never>;
  /** A draft cannot be started: the call is not open or its deadline has passed (the errors say which). */
  CALL_TAKES_NO_APPLICATIONS: Record<never, never>;
  /** Only a draft can be edited. */
  APPLICATION_NOT_DRAFT: Record<never, never>;
  APPLICATION_ALREADY_SUBMITTED: Record<never, never>;
  /** A submission refused by its rules (the errors name each one). */
  APPLICATION_INCOMPLETE: Record<never, never>;
  /** Withdrawal is for drafts and submitted applications, before review starts. */
  APPLICATION_NOT_WITHDRAWABLE: Record<never, never>;
  /** A receipt asked of an application that was never submitted. */
  APPLICATION_NOT_SUBMITTED: Record<never, never>;
  /** A list of applications asked for without saying whose: `mine=true` or a `callId`. */
  MINE_OR_CALL_ID: Record<never, never>;
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface ApplicationMail {
  /** Proof of submission, to the applicant; the call's title in both languages, as the call has them. */
  'application.receipt': {
    name: string;
    reference: string;
    title: string;
    callTitle: string;
    callTitleEn?: string;
    requestedOre: number;
    /** When it was received (UTC ISO); worded in Danish time. */
    submittedAt: string;
  };
}
