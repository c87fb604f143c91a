import type { Plain } from '../shared/messages.js';
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
    | 'IMPORT_FILE_NOT_TEXT',
    Plain
  > {
  /** The year has no settings yet: nothing can be computed or sent. */
  YEAR_NOT_SET: { year: number };
  /** Payments are booked with the year's grant share: it cannot change once money came in. */
  GRANT_SHARE_LOCKED: { year: number };
  /** Parties without a population for the reference year (their names). */
  POPULATIONS_MISSING: { referenceYear: number; parties: readonly string[] };
  POPULATION_MISSING: { partyId: string; party: string; referenceYear: number };
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

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export interface FinanceMail {
  /** A party's demand for the year: what it owes, for how many citizens at what rate, and by when. */
  'contribution.demand': {
    year: number;
    partyId: string;
    partyName: string;
    demandOre: number;
    population: number;
    referenceYear: number;
    rateOre: number;
    dueDate: string;
  };
}
