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
}

/** The e-mails this area sends, by kind, with the values each speaks of (worded by functions/texts). */
export type ApplicationMail = Record<never, never>;
