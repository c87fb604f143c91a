import type { Outcome } from './decision.schema.js';

/**
 * The decision area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them.
 */
export interface DecisionMessages {
  CALL_NOT_CLOSED: Record<never, never>;
  /** An attendee who is neither on the board nor an administrator. */
  NOT_BOARD: { userId: string };
  /** The same application twice in one meeting. */
  NOT_IN_CALL: Record<never, never>;
  /** Every attendee is conflicted with the application: no one is left to decide it. */
  NO_QUORUM: Record<never, never>;
  /** An approval above what was applied for. */
  OVER_REQUESTED: { requestedOre: number };
  /** An amount on a decision other than an approval. */
  NOT_ALLOWED: Record<never, never>;
  /** A rejection without its written justification (forvaltningsloven §§ 22-24). */
  JUSTIFICATION_REQUIRED: Record<never, never>;
  DECISIONS_REFUSED: Record<never, never>;
  /** The approvals would pass the call's budget: what is approved, what these ask, the budget, what is left. */
  BUDGET_EXCEEDED: { approvedOre: number; requestedOre: number; budgetOre: number; availableOre: number };
  /** The meeting form: no attendee ticked. */
  ATTENDEE_REQUIRED: Record<never, never>;
  /** The meeting form: no decision made. */
  DECISION_REQUIRED: Record<never, never>;
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
  };
}
