import type { Call } from '../calls/call.schema.js';
import type { FieldError } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import type { Lang } from '../shared/validation.js';
import { AGREEMENT_SECTORS, type Application, sumBudgetOre } from './application.schema.js';

/** Longest project period the pool funds; longer is almost surely a typing error in a year. */
export const MAX_PROJECT_YEARS = 5;

export type SubmissionRuleCode =
  | 'CALL_NOT_OPEN'
  | 'CALL_NOT_YET_OPEN'
  | 'DEADLINE_PASSED'
  | 'REQUIRED'
  | 'GRANT_TYPE_UNKNOWN'
  | 'FOCUS_AREA_NOT_IN_CALL'
  | 'TOO_FEW_SECTORS'
  | 'AMOUNT_ZERO'
  | 'AMOUNT_OVER_MAX'
  | 'END_BEFORE_START'
  | 'START_IN_PAST'
  | 'PERIOD_TOO_LONG'
  | 'BUDGET_YEAR_OUTSIDE_PERIOD';

export interface RuleFailure {
  code: SubmissionRuleCode;
  pointer: string;
  params?: Record<string, string | number>;
}

const kr = (ore: number) =>
  new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }).format(ore / 100);

const messages: Record<SubmissionRuleCode, Record<Lang, (p: Record<string, string | number>) => string>> = {
  CALL_NOT_OPEN: {
    da: () => 'Opslaget er ikke åbent for ansøgninger',
    en: () => 'The call is not open for applications',
  },
  CALL_NOT_YET_OPEN: {
    da: () => 'Opslaget åbner først senere',
    en: () => 'The call has not opened yet',
  },
  DEADLINE_PASSED: {
    da: () => 'Ansøgningsfristen er overskredet',
    en: () => 'The deadline has passed',
  },
  REQUIRED: { da: () => 'Skal udfyldes', en: () => 'Required' },
  GRANT_TYPE_UNKNOWN: {
    da: () => 'Vælg en af opslagets bevillingstyper',
    en: () => 'Choose one of the call’s grant types',
  },
  FOCUS_AREA_NOT_IN_CALL: {
    da: () => 'Opslaget dækker ikke dette fokusområde',
    en: () => 'The call does not cover this focus area',
  },
  TOO_FEW_SECTORS: {
    da: (p) =>
      `Partnerne skal dække mindst ${p.min} af sektorerne kommune, region og almen praksis (nu ${p.found})`,
    en: (p) =>
      `Partners must cover at least ${p.min} of the sectors municipality, region and general practice (now ${p.found})`,
  },
  AMOUNT_ZERO: {
    da: () => 'Budgettet skal være større end 0 kr.',
    en: () => 'The budget must be more than 0 kr.',
  },
  AMOUNT_OVER_MAX: {
    da: (p) => `Det ansøgte beløb (${kr(Number(p.requested))}) overstiger maksimum ${kr(Number(p.max))}`,
    en: (p) => `The requested amount (${kr(Number(p.requested))}) exceeds the maximum ${kr(Number(p.max))}`,
  },
  END_BEFORE_START: {
    da: () => 'Slutdatoen skal ligge efter startdatoen',
    en: () => 'The end date must come after the start date',
  },
  START_IN_PAST: {
    da: () => 'Startdatoen må ikke ligge i fortiden',
    en: () => 'The start date may not be in the past',
  },
  PERIOD_TOO_LONG: {
    da: () => `Projektperioden må højst være ${MAX_PROJECT_YEARS} år`,
    en: () => `The project period may be at most ${MAX_PROJECT_YEARS} years`,
  },
  BUDGET_YEAR_OUTSIDE_PERIOD: {
    da: () => 'Budgetåret ligger uden for projektperioden',
    en: () => 'The budget year lies outside the project period',
  },
};

export const ruleFailureToFieldError = (failure: RuleFailure, lang: Lang): FieldError => ({
  pointer: failure.pointer,
  code: failure.code,
  detail: messages[failure.code][lang](failure.params ?? {}),
});

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/** Can a draft still be started or edited under this call? */
export function callAcceptsDrafts(call: Call, now: Date): boolean {
  return call.status === 'open' && now.getTime() < Date.parse(call.closesAt);
}

/**
 * Every submission rule, checked at once so the applicant sees all that is wrong in one go.
 * Returns an empty list when the application may be submitted.
 */
export function checkSubmission(application: Application, call: Call, now: Date): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const fail = (code: SubmissionRuleCode, pointer: string, params?: RuleFailure['params']) =>
    failures.push(params ? { code, pointer, params } : { code, pointer });

  if (call.status !== 'open') fail('CALL_NOT_OPEN', '');
  else if (now.getTime() < Date.parse(call.opensAt)) fail('CALL_NOT_YET_OPEN', '');
  if (now.getTime() >= Date.parse(call.closesAt)) fail('DEADLINE_PASSED', '');

  // Checked in the order the form shows the fields, so the error summary reads top to bottom.
  const grantType = call.grantTypes.find((g) => g.id === application.grantTypeId);
  if (blank(application.grantTypeId)) fail('REQUIRED', '/grantTypeId');
  else if (!grantType) fail('GRANT_TYPE_UNKNOWN', '/grantTypeId');
  for (const field of ['title', 'summary'] as const) {
    if (blank(application[field])) fail('REQUIRED', `/${field}`);
  }
  if (application.focusArea === undefined) fail('REQUIRED', '/focusArea');
  else if (!call.focusAreas.includes(application.focusArea)) fail('FOCUS_AREA_NOT_IN_CALL', '/focusArea');
  if (blank(application.userInvolvement)) fail('REQUIRED', '/userInvolvement');

  const { startDate, endDate } = application;
  if (!startDate) fail('REQUIRED', '/startDate');
  else if (startDate < copenhagenDate(now)) fail('START_IN_PAST', '/startDate');
  if (!endDate) fail('REQUIRED', '/endDate');
  const period = startDate && endDate ? checkPeriod(startDate, endDate) : undefined;
  if (period) fail(period, '/endDate');

  if (application.partners.length === 0) fail('REQUIRED', '/partners');
  application.partners.forEach((partner, i) => {
    for (const field of ['organisation', 'sector', 'contactName', 'contactEmail', 'role'] as const) {
      if (blank(partner[field])) fail('REQUIRED', `/partners/${i}/${field}`);
    }
  });
  const sectors = new Set(
    application.partners.flatMap((p) => (p.sector && AGREEMENT_SECTORS.includes(p.sector) ? [p.sector] : [])),
  );
  if (sectors.size < call.minSectors) {
    fail('TOO_FEW_SECTORS', '/partners', { min: call.minSectors, found: sectors.size });
  }

  if (application.budgetLines.length === 0) fail('REQUIRED', '/budgetLines');
  const [firstYear, lastYear] = [Number(startDate?.slice(0, 4)), Number(endDate?.slice(0, 4))];
  application.budgetLines.forEach((line, i) => {
    if (blank(line.category)) fail('REQUIRED', `/budgetLines/${i}/category`);
    if (line.year === undefined) fail('REQUIRED', `/budgetLines/${i}/year`);
    else if (startDate && endDate && !period && (line.year < firstYear || line.year > lastYear)) {
      fail('BUDGET_YEAR_OUTSIDE_PERIOD', `/budgetLines/${i}/year`);
    }
    if (line.amountOre === undefined) fail('REQUIRED', `/budgetLines/${i}/amountOre`);
  });
  const requested = sumBudgetOre(application.budgetLines);
  if (application.budgetLines.length > 0 && requested === 0) fail('AMOUNT_ZERO', '/budgetLines');
  if (grantType && requested > grantType.maxAmountOre) {
    fail('AMOUNT_OVER_MAX', '/budgetLines', { requested, max: grantType.maxAmountOre });
  }
  return failures;
}

/** What is wrong with a project period, if anything. */
function checkPeriod(startDate: string, endDate: string): SubmissionRuleCode | undefined {
  if (endDate <= startDate) return 'END_BEFORE_START';
  const limit = `${Number(startDate.slice(0, 4)) + MAX_PROJECT_YEARS}${startDate.slice(4)}`;
  return endDate > limit ? 'PERIOD_TOO_LONG' : undefined;
}

/** `FIM-2026-0007`: sequential per year of submission (Danish time). */
export const formatReference = (year: number, sequence: number): string =>
  `FIM-${year}-${String(sequence).padStart(4, '0')}`;
