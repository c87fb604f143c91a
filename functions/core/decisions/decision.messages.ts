import type { Plain } from '../shared/messages.js';
import type { Outcome } from './decision.schema.js';

/**
 * The decision area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface DecisionMessages
  extends Record<
    | 'CALL_NOT_CLOSED'
    /** The same application twice in one meeting. */
    | 'NOT_IN_CALL'
    /** Every attendee is conflicted with the application: no one is left to decide it. */
    | 'NO_QUORUM'
    /** An amount on a decision other than an approval. */
    | 'NOT_ALLOWED'
    /** A rejection without its written justification (forvaltningsloven §§ 22-24). */
    | 'JUSTIFICATION_REQUIRED'
    | 'DECISIONS_REFUSED'
    /** The meeting form: no attendee ticked. */
    | 'ATTENDEE_REQUIRED'
    /** The meeting form: no decision made. */
    | 'DECISION_REQUIRED'
    /** Approved minutes are locked: a change is a correction (a new version with its reason). */
    | 'MINUTES_APPROVED'
    /** A correction is of approved minutes; the version waiting for approval is approved first. */
    | 'MINUTES_NOT_APPROVED'
    /** A correction names a decision the meeting did not make (or one the reader may not see). */
    | 'NOT_IN_MEETING',
    Plain
  > {
  /** An attendee who is neither on the board nor an administrator. */
  NOT_BOARD: { userId: string };
  /** An approval above what was applied for. */
  OVER_REQUESTED: { requestedOre: number };
  /** The approvals would pass the call's budget: what is approved, what these ask, the budget, what is left. */
  BUDGET_EXCEEDED: { approvedOre: number; requestedOre: number; budgetOre: number; availableOre: number };
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface DecisionMail {
  /** The decision letter to the applicant; the call's title in both languages, conditions and justification as written. */
  'application.decision': {
    ownerName: string;
    reference: string;
    title: string;
    callTitle: string;
    callTitleEn?: string;
    outcome: Outcome;
    amountOre?: number;
    conditions?: string;
    justification?: string;
    /** What the decision rests on (notatpligt): when the board decided, and the reviews it had. */
    /** The day the board decided (a Copenhagen date). */
    decidedOn?: string;
    reviewsSubmitted?: number;
    /** The meeting that decided: the day it was held (a Copenhagen date); its title is the call's. */
    meetingHeldOn?: string;
  };
}
