import type { ApplicationStatus } from '../applications/application.schema.js';
import type { Plain } from '../shared/messages.js';

/**
 * The award area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them. Amounts are øre.
 */
export interface AwardMessages
  extends Record<
    | 'AWARD_ALREADY_ACCEPTED'
    /** A closed award takes no more tranches, and cannot be closed again. */
    | 'AWARD_CLOSED'
    /** The acceptance form's own: the declaration's box was not ticked. */
    | 'DECLARATION_MISSING'
    /** The finance award page's words for a stale form: the award changed since the page was read. */
    | 'AWARD_CHANGED'
    /** The tranche form had been used for another tranche (its key was claimed): the page gives it a new key. */
    | 'TRANCHE_FORM_REUSED',
    Plain
  > {
  /** Only an application approved with an amount has an award to accept. */
  APPLICATION_NOT_APPROVED: { status: ApplicationStatus };
  /** The terms the applicant was shown are not the ones in force. */
  TERMS_OUTDATED: { termsVersion: string; currentVersion: string };
  /** The pool cannot hold the commitment: `grantAvailableOre` is what awards may still take (over every year). */
  INSUFFICIENT_FUNDS: { amountOre: number; grantAvailableOre: number };
  /** A tranche beyond what remains of the award (amount − disbursed). */
  OVER_REMAINING: { amountOre: number; remainingOre: number; awardOre: number; disbursedOre: number };
  /** A refund beyond what was paid out and not yet paid back (disbursed − refunded). */
  OVER_DISBURSED: { amountOre: number; refundableOre: number; disbursedOre: number; refundedOre: number };
}

/** What every notice of money on an award names: the project lead, the award and the movement. */
interface AwardMoneyNotice {
  name: string;
  /** The application's reference ('' when it has none). */
  reference: string;
  title: string;
  amountOre: number;
  /** The day the money moved (a Copenhagen date). */
  paidOn: string;
  awardOre: number;
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface AwardMail {
  /** A tranche paid out to the project: how much, and how much of the award is paid out now. */
  'award.tranche_paid': AwardMoneyNotice & { disbursedOre: number };
  /** An approved award not accepted 14 days after the decision. */
  'award.acceptance_reminder': {
    name: string;
    reference: string;
    title: string;
    amountOre: number;
    decidedOn: string;
  };
  /** A refund booked: how much came back, and how much has come back in all. */
  'award.refund_booked': AwardMoneyNotice & { refundedOre: number };
}
