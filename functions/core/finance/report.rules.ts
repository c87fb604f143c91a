import type { Application } from '../applications/application.schema.js';
import { envelope, type OutboxMessage } from '../audit/audit.js';
import type { Call, ReportRule } from '../calls/call.schema.js';
import { copenhagenDate } from '../shared/time.js';
import type { Award } from './award.schema.js';
import type { Report, ReportKind } from './report.schema.js';

/** What a call asks when it says nothing: a progress report after 12 months, a final one 3 months after the end. */
export const DEFAULT_REPORT_RULES: readonly ReportRule[] = [
  { kind: 'progress', dueAfterMonths: 12 },
  { kind: 'final', dueAfterMonths: 3 },
];

/** Reminders go out this many days before a report is due (or at once when it is closer or overdue). */
export const REMINDER_DAYS_BEFORE = 14;

/**
 * A calendar date plus whole months; a day the month does not have becomes its last day
 * (2027-01-31 + 1 month = 2027-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(month)}-${p(Math.min(d, last))}`;
}

export interface Obligation {
  reportId: string;
  kind: ReportKind;
  dueDate: string;
}

/**
 * The reports an award owes, from the call's rules (or the defaults) on its acceptance date:
 * - progress: `dueDate`, or acceptance + `dueAfterMonths` (default 12); numbered `progress-1`, `progress-2`…
 *   in the call's order;
 * - final: `dueDate`, or the project's end date (the acceptance date when there is none) + `dueAfterMonths`
 *   (default 3). There is always exactly one final report: it closes the award.
 */
export function reportObligations(
  rules: readonly ReportRule[] | undefined,
  acceptedOn: string,
  projectEndDate: string | null | undefined,
): Obligation[] {
  const given = rules && rules.length > 0 ? rules : DEFAULT_REPORT_RULES;
  const out: Obligation[] = [];
  let progress = 0;
  for (const rule of given.filter((r) => r.kind === 'progress')) {
    progress += 1;
    out.push({
      reportId: `progress-${progress}`,
      kind: 'progress',
      dueDate: rule.dueDate ?? addMonths(acceptedOn, rule.dueAfterMonths ?? 12),
    });
  }
  const final = given.find((r) => r.kind === 'final') ?? { kind: 'final' as const, dueAfterMonths: 3 };
  out.push({
    reportId: 'final',
    kind: 'final',
    dueDate: final.dueDate ?? addMonths(projectEndDate ?? acceptedOn, final.dueAfterMonths ?? 3),
  });
  return out;
}

/**
 * An accepted award's report obligations (from its call's `reports`, or the defaults), written in the
 * acceptance's own transaction (award.service.ts acceptAward), so an award never exists without them.
 */
export function buildReports(
  call: Call | undefined,
  award: Award,
  application: Pick<Application, 'endDate'>,
  at: string,
): Report[] {
  const acceptedOn = copenhagenDate(new Date(award.committedAt));
  return reportObligations(call?.reports, acceptedOn, application.endDate).map((o) => ({
    applicationId: award.applicationId,
    reportId: o.reportId,
    kind: o.kind,
    dueDate: o.dueDate,
    status: 'due',
    ownerId: award.ownerId,
    ownerEmail: award.ownerEmail,
    callId: award.callId,
    ...(award.reference ? { reference: award.reference } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  }));
}

/** A reminder to the project lead of a report due soon (`report.reminder`) or overdue (`report.overdue`). */
export const reportReminder = (
  report: Report,
  kind: 'report.reminder' | 'report.overdue',
  now: Date,
): OutboxMessage => ({
  ...envelope(
    now,
    report.ownerEmail,
    { kind: 'award', id: report.applicationId },
    `/awards/${report.applicationId}/reports`,
  ),
  kind,
  params: {
    kind: report.kind,
    reference: report.reference ?? null,
    applicationId: report.applicationId,
    dueDate: report.dueDate,
  },
});
