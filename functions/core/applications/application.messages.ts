import type { Plain } from '../shared/messages.js';

/**
 * The application area's message codes and the values each carries (see ../shared/messages.ts). No words
 * here: functions/texts words them.
 */
export interface ApplicationMessages
  extends Record<
    | 'CALL_NOT_OPEN'
    | 'CALL_NOT_YET_OPEN'
    | 'DEADLINE_PASSED'
    | 'GRANT_TYPE_UNKNOWN'
    | 'FOCUS_AREA_NOT_IN_CALL'
    | 'AMOUNT_ZERO'
    | 'END_BEFORE_START'
    | 'START_IN_PAST'
    | 'BUDGET_YEAR_OUTSIDE_PERIOD'
    /** A draft cannot be started: the call is not open or its deadline has passed (the errors say which). */
    | 'CALL_TAKES_NO_APPLICATIONS'
    /** Only a draft can be edited. */
    | 'APPLICATION_NOT_DRAFT'
    | 'APPLICATION_ALREADY_SUBMITTED'
    /** A submission refused by its rules (the errors name each one). */
    | 'APPLICATION_INCOMPLETE'
    /** Withdrawal is for drafts and submitted applications, before review starts. */
    | 'APPLICATION_NOT_WITHDRAWABLE'
    /** A receipt asked of an application that was never submitted. */
    | 'APPLICATION_NOT_SUBMITTED'
    /** A list of applications asked for without saying whose: `mine=true` or a `callId`. */
    | 'MINE_OR_CALL_ID'
    /** The secretariat's text search reads one call's or one status's partition: give one of them. */
    | 'q_needs_call_or_status',
    Plain
  > {
  TOO_FEW_SECTORS: { min: number; found: number };
  AMOUNT_OVER_MAX: { requestedOre: number; maxOre: number };
  PERIOD_TOO_LONG: { maxYears: number };
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
  /** A draft not yet submitted when its call closes in `daysLeft` days (7, then 1). */
  'application.deadline_reminder': {
    name: string;
    title: string;
    callTitle: string;
    callTitleEn?: string;
    /** UTC ISO; worded in Danish time. */
    closesAt: string;
    daysLeft: number;
  };
  /** The call of a draft was closed before its deadline, by the secretariat, for `reason`. */
  'application.call_closed_early': {
    name: string;
    title: string;
    callTitle: string;
    callTitleEn?: string;
    /** UTC ISO; worded in Danish time. */
    closedAt: string;
    reason: string;
  };
  /** Confirms a withdrawal to the applicant: a submitted application (with its reference) or a draft. */
  'application.withdrawn': {
    name: string;
    /** '' for a draft, which has no reference yet. */
    reference: string;
    title: string;
    callTitle: string;
    callTitleEn?: string;
    /** UTC ISO; worded in Danish time. */
    withdrawnAt: string;
  };
}
