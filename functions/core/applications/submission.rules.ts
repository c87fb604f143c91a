import type { Call } from '../calls/call.schema.js';
import { missingDocuments } from '../documents/document.rules.js';
import type { Document } from '../documents/document.schema.js';
import { EMPTY_TREE, type OrganisationTree, sectorOf } from '../organisations/tree.js';
import type { FieldError } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import type { ApplicationMessages } from './application.messages.js';
import type { Application } from './application.schema.js';
import { AGREEMENT_SECTORS, sumBudgetOre } from './application.values.js';

/** Longest project period the pool funds; longer is almost surely a typing error in a year. */
export const MAX_PROJECT_YEARS = 5;

/** A submission rule that failed: its code and values, at the field it concerns. */
export type RuleFailure = Extract<
  FieldError,
  { code: keyof ApplicationMessages | 'REQUIRED' | 'DOCUMENT_MISSING' }
>;

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

/** Can a draft still be started or edited under this call? */
export function callAcceptsDrafts(call: Call, now: Date): boolean {
  return call.status === 'open' && now.getTime() < Date.parse(call.closesAt);
}

/** The rules whose message carries no values. */
type PlainRule =
  | 'REQUIRED'
  | {
      [K in keyof ApplicationMessages]: keyof ApplicationMessages[K] extends never ? K : never;
    }[keyof ApplicationMessages];

/**
 * Every submission rule, checked at once so the applicant sees all that is wrong in one go. The sector rule
 * reads each partner's sector from the registry's `tree` when the partner names an organisation it knows.
 * Returns an empty list when the application may be submitted.
 */
export function checkSubmission(
  application: Application,
  call: Call,
  now: Date,
  documents: readonly Document[] = [],
  tree: OrganisationTree = EMPTY_TREE,
): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const fail = (code: PlainRule, pointer: string) => failures.push({ code, pointer });

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
  if (period === 'PERIOD_TOO_LONG') {
    failures.push({ code: period, pointer: '/endDate', params: { maxYears: MAX_PROJECT_YEARS } });
  } else if (period) fail(period, '/endDate');

  if (application.partners.length === 0) fail('REQUIRED', '/partners');
  application.partners.forEach((partner, i) => {
    for (const field of ['organisation', 'sector', 'contactName', 'contactEmail', 'role'] as const) {
      if (blank(partner[field])) fail('REQUIRED', `/partners/${i}/${field}`);
    }
  });
  // A partner the registry knows counts in the registry's sector, whatever sector was typed beside it.
  const sectors = new Set(
    application.partners.flatMap((p) => {
      const sector = sectorOf(tree, p.organisation) ?? p.sector;
      return sector && AGREEMENT_SECTORS.includes(sector) ? [sector] : [];
    }),
  );
  if (sectors.size < call.minSectors) {
    failures.push({
      code: 'TOO_FEW_SECTORS',
      pointer: '/partners',
      params: { min: call.minSectors, found: sectors.size },
    });
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
    failures.push({
      code: 'AMOUNT_OVER_MAX',
      pointer: '/budgetLines',
      params: { requestedOre: requested, maxOre: grantType.maxAmountOre },
    });
  }
  failures.push(...missingDocuments(application, call, documents));
  return failures;
}

/** What is wrong with a project period, if anything. */
function checkPeriod(startDate: string, endDate: string): 'END_BEFORE_START' | 'PERIOD_TOO_LONG' | undefined {
  if (endDate <= startDate) return 'END_BEFORE_START';
  const limit = `${Number(startDate.slice(0, 4)) + MAX_PROJECT_YEARS}${startDate.slice(4)}`;
  return endDate > limit ? 'PERIOD_TOO_LONG' : undefined;
}

/** `FIM-2026-0007`: sequential per year of submission (Danish time). */
export const formatReference = (year: number, sequence: number): string =>
  `FIM-${year}-${String(sequence).padStart(4, '0')}`;
