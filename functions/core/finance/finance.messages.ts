import type { Plain } from '../shared/messages.js';
import type { AwardStatus } from './award.schema.js';
import type { BalanceCounter } from './finance.schema.js';
import type { MovementKind } from './idempotency.js';

/**
 * The finance area's message codes and the values each carries (see ../shared/messages.ts). No words here:
 * functions/texts words them. Amounts are øre, dates ISO strings, parties by name as well as id.
 */
export interface FinanceMessages
  extends Record<
    /** Replacing a year's settings needs the version read. */
    | 'VERSION_REQUIRED'
    /** The grant share's numerator is above its denominator. */
    | 'share_above_whole'
    /** An adjustment of 0. */
    | 'not_zero'
    /** A payment form's amount of 0 kr (the form's own check; the API says too_small in øre). */
    | 'AMOUNT_NOT_POSITIVE'
    /** Adjustments correct a sent demand; before it is sent, the figures are corrected and run again. */
    | 'DEMAND_NOT_SENT'
    | 'EMPTY'
    | 'IMPORT_FILE_NOT_TEXT'
    /** An EAN/GLN number whose GS1 check digit does not match. */
    | 'ean_check_digit'
    /** A CVR number that fails the modulus 11 check. */
    | 'cvr_check_digit'
    /** A bank registration number (reg.nr.) that is not 4 digits. */
    | 'registration_number_digits'
    /** A bank account number that is not 1 to 10 digits. */
    | 'account_number_digits'
    /** The party page's words for a stale form: the details changed since the page was read. */
    | 'PARTY_CHANGED',
    Plain
  > {
  /** The year has no settings yet: nothing can be computed or sent. */
  YEAR_NOT_SET: { year: number };
  /** Payments are booked with the year's grant share: it cannot change once money came in. */
  GRANT_SHARE_LOCKED: { year: number };
  /** Parties without a population for the reference year (their names). */
  POPULATIONS_MISSING: { referenceYear: number; parties: readonly string[] };
  POPULATION_MISSING: { partyId: string; party: string; referenceYear: number };
  /** The year has no payment details (payee, reg.nr., account number): its demands cannot be sent. */
  PAYMENT_DETAILS_MISSING: { year: number };
  /** The year's contributions are not computed yet, so there is nothing to send. */
  NOT_RUN: { year: number };
  /** A payment dated after today (Copenhagen). */
  IN_FUTURE: { paidOn: string; today: string };
  /** The adjustment would take what the party owes below zero. */
  BELOW_ZERO: { demandOre: number; adjustmentsOre: number; amountOre: number };
  /** A money movement sent without its idempotency key. */
  IDEMPOTENCY_KEY_REQUIRED: { movement: MovementKind };
  IDEMPOTENCY_KEY_INVALID: { maxLength: number };
  /** The key was claimed by a different movement. */
  IDEMPOTENCY_KEY_REUSED: { movement: MovementKind; key: string };
  /** A population import with lines that cannot be used (`lines`: how many); nothing is saved. */
  IMPORT_HAS_ERRORS: { lines: number };
  COLUMNS: { line: number; found: number; expected: number };
  UNKNOWN_PARTY: { line: number; value: string };
  INVALID_YEAR: { line: number; value: string };
  NOT_JANUARY: { line: number; value: string };
  INVALID_POPULATION: { line: number; value: string };
  TOO_MANY_FIGURES: { figures: number; maxFigures: number };
  /** The import form's file or pasted text: too large, or no text at all. */
  IMPORT_FILE_TOO_LARGE: { maxBytes: number };
  IMPORT_TEXT_TOO_LARGE: { maxBytes: number };
  /** An import sent as neither of the media types the API reads. */
  IMPORT_CONTENT_TYPE: { accepted: readonly string[] };
}

/**
 * What the invariant check finds (ledger.service.ts `checkInvariants`), by code, with the figures that
 * disagree. Findings for finance staff rather than refusals, so a set of their own: functions/texts/finance.ts
 * words them, and the API shows each with its figures as members. A year's or the pool's balance, a
 * contribution's or an award's figures are named by `year` beside the message, `partyId` and `awardId` in it.
 */
export interface InvariantMessages {
  /** A balance's `availableOre` is not `receivedOre + refundedOre − committedOre` (`expectedOre`). */
  AVAILABLE_MISMATCH: { availableOre: number; expectedOre: number };
  /** A balance's `grantAvailableOre` is not `grantReceivedOre + refundedOre − committedOre` (`expectedOre`). */
  GRANT_AVAILABLE_MISMATCH: { grantAvailableOre: number; expectedOre: number };
  /** The grant share of what was received is below 0 or above all that was received. */
  GRANT_SHARE_MISMATCH: { grantReceivedOre: number; receivedOre: number };
  /** A balance paid out more than it committed. */
  OVER_DISBURSED: { disbursedOre: number; committedOre: number };
  /** A balance took back more than it paid out. */
  OVER_REFUNDED: { refundedOre: number; disbursedOre: number };
  /** A counter of the pool is not the years' summed. */
  POOL_MISMATCH: { counter: BalanceCounter; pool: number; sumOfYears: number };
  /** The pool committed more than it holds: for grants (`grantReceivedOre`), or in all (`receivedOre`). */
  OVER_COMMITTED: { committedOre: number; refundedOre: number } & (
    | { grantReceivedOre: number }
    | { receivedOre: number }
  );
  /** An entry whose amount is not a whole number of øre. */
  NOT_WHOLE_ORE: { entryId: string; amountOre: number };
  /** A payment booked without its grant share. */
  GRANT_SHARE_MISSING: { entryId: string };
  /** A counter of a year's balance is not the sum of its entries (`ENTRY_COUNT_MISMATCH`: the count). */
  BALANCE_MISMATCH: { counter: BalanceCounter; balance: number; sumOfEntries: number };
  ENTRY_COUNT_MISMATCH: { counter: BalanceCounter; balance: number; sumOfEntries: number };
  /** A day's stored movement of available money (the year page's chart) is not the sum of that day's entries. */
  DAY_BALANCE_MISMATCH: { date: string; dayOre: number; sumOfEntriesOre: number };
  /** An entry names a party that has no contribution for the year. */
  ENTRY_WITHOUT_CONTRIBUTION: { entryId: string; partyId: string };
  PAID_MISMATCH: { partyId: string; paidOre: number; sumOfPaymentsOre: number };
  ADJUSTMENTS_MISMATCH: { partyId: string; adjustmentsOre: number; sumOfAdjustmentsOre: number };
  /** What a party owes after its adjustments is below 0. */
  NEGATIVE_DEMAND: { partyId: string; demandOre: number; adjustmentsOre: number };
  /** Entries name an award that does not exist. */
  ENTRY_WITHOUT_AWARD: { awardId: string };
  /** An award's entries are booked in a year (`year`) other than its own (`awardYear`). */
  AWARD_YEAR_MISMATCH: { awardId: string; awardYear: number };
  /** An award needs exactly one commitment entry, of its amount. */
  COMMITTED_MISMATCH: {
    awardId: string;
    amountOre: number;
    commitments: number;
    sumOfCommitmentsOre: number;
  };
  DISBURSED_MISMATCH: { awardId: string; disbursedOre: number; sumOfDisbursementsOre: number };
  REFUNDED_MISMATCH: { awardId: string; refundedOre: number; sumOfRefundsOre: number };
  AWARD_OVER_DISBURSED: { awardId: string; disbursedOre: number; amountOre: number };
  AWARD_OVER_REFUNDED: { awardId: string; refundedOre: number; disbursedOre: number };
  RELEASED_MISMATCH: { awardId: string; releasedOre: number; sumOfReleasesOre: number };
  /** A closed award releases what it never paid out (`expectedOre`); a committed one nothing yet. */
  RELEASE_WRONG: { awardId: string; status: AwardStatus; releasedOre: number; expectedOre: number };
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface FinanceMail {
  /**
   * A party's demand for the year: what it owes, for how many citizens at what rate, by when (a Danish date),
   * where to pay it (the pool's account) and the reference to quote.
   */
  'contribution.demand': {
    year: number;
    partyId: string;
    partyName: string;
    demandOre: number;
    population: number;
    referenceYear: number;
    rateOre: number;
    dueDate: string;
    payee: string;
    registrationNumber: string;
    accountNumber: string;
    paymentReference: string;
  };
  /** A receipt for a payment recorded: what came in, and what the party has paid and still owes for the year. */
  'contribution.payment_received': {
    year: number;
    partyId: string;
    partyName: string;
    amountOre: number;
    /** The day the money came in (a Copenhagen date). */
    paidOn: string;
    paidOre: number;
    totalDueOre: number;
    outstandingOre: number;
  };
}
