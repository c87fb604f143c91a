import type { Application } from '../applications/application.schema.js';
import { auditEvent, type OutboxMessage } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { isBoardOrAdmin, personConflict } from '../reviews/access.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import type { Award } from './award.schema.js';
import { awardClosing } from './award.service.js';
import { canManageFinance } from './population.service.js';
import { addDays, REMINDER_DAYS_BEFORE, reportObligations } from './report.rules.js';
import type { Report, ReportReturnInput, ReportSubmitInput } from './report.schema.js';

const awardEntity = (applicationId: string) => ({ type: 'award' as const, id: applicationId });

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

/** Who may read an award's reports: its owner, finance, admins and the board. */
const canRead = (actor: Principal, award: Award): boolean =>
  award.ownerId === actor.userId || canManageFinance(actor) || hasRole(actor, 'board');

/** An award's reports, by id. @throws AppError NOT_FOUND (no award, or not one the caller may read) */
export async function listReports(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Report[]> {
  const award = await deps.awards.get(applicationId);
  if (!award || !canRead(actor, award)) throw notFound('award');
  return deps.reports.listByAward(applicationId);
}

async function loadReport(deps: CoreDeps, applicationId: string, reportId: string): Promise<Report> {
  const report = await deps.reports.get(applicationId, reportId);
  if (!report) throw notFound('report');
  return report;
}

const invalidState = (report: Report, action: string) =>
  new AppError(
    'INVALID_STATE',
    `Rapporten kan ikke ${action} (status "${report.status}") / The report cannot be ${action === 'indsendes' ? 'submitted' : 'decided'} now`,
  );

/**
 * The project lead (the award's owner) submits a report that is due or was returned.
 * @throws AppError NOT_FOUND (others who may not read the award), FORBIDDEN (readers who are not the owner),
 * INVALID_STATE (submitted or approved), VERSION_CONFLICT
 */
export async function submitReport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
  input: ReportSubmitInput,
): Promise<Report> {
  const award = await deps.awards.get(applicationId);
  if (!award || !canRead(ctx.actor, award)) throw notFound('award');
  if (award.ownerId !== ctx.actor.userId) throw forbidden();
  const report = await loadReport(deps, applicationId, reportId);
  if (report.status !== 'due' && report.status !== 'returned') throw invalidState(report, 'indsendes');
  const now = deps.clock.now();
  const at = now.toISOString();
  const { spentOre: _previous, ...rest } = report;
  const submitted: Report = {
    ...rest,
    status: 'submitted',
    text: input.text,
    ...(input.spentOre !== undefined ? { spentOre: input.spentOre } : {}),
    submittedAt: at,
    submittedBy: ctx.actor.userId,
    version: report.version + 1,
    updatedAt: at,
  };
  await deps.reports.save(
    submitted,
    report.version,
    auditEvent(ctx.actor, now, 'report.submitted', awardEntity(applicationId), {
      reportId,
      kind: report.kind,
      version: submitted.version,
      spentOre: input.spentOre ?? null,
    }),
  );
  return submitted;
}

/** The board (not conflicted with the application) or an admin; never the project's own lead. */
async function requireDecider(deps: CoreDeps, actor: Principal, award: Award): Promise<void> {
  if (!isBoardOrAdmin(actor) || award.ownerId === actor.userId) throw forbidden();
  if (isAdmin(actor)) return;
  const application = await deps.applications.get(award.applicationId);
  if (!application) throw notFound('application');
  const assignments = await deps.reviews.listByApplication(award.applicationId);
  if (personConflict(actor, application, assignments)) {
    throw new AppError(
      'FORBIDDEN',
      'Du er inhabil i denne ansøgning / You are conflicted on this application',
    );
  }
}

async function loadForDecision(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
): Promise<{ award: Award; report: Report }> {
  if (!isBoardOrAdmin(ctx.actor)) throw forbidden();
  const award = await deps.awards.get(applicationId);
  if (!award) throw notFound('award');
  await requireDecider(deps, ctx.actor, award);
  const report = await loadReport(deps, applicationId, reportId);
  if (report.status !== 'submitted') throw invalidState(report, 'afgøres');
  return { award, report };
}

/**
 * The board or an admin approves a submitted report. Approving the final report closes a committed award
 * in the same transaction (its own audit event `award.closed`, `reason: final_report_approved`).
 * @throws AppError FORBIDDEN (not board or admin; conflicted; the project's lead), NOT_FOUND,
 * INVALID_STATE (not submitted), VERSION_CONFLICT
 */
export async function approveReport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
): Promise<{ report: Report; awardClosed: boolean }> {
  const { award, report } = await loadForDecision(deps, ctx, applicationId, reportId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const { returnReason: _reason, ...rest } = report;
  const approved: Report = {
    ...rest,
    status: 'approved',
    decidedAt: at,
    decidedBy: ctx.actor.userId,
    version: report.version + 1,
    updatedAt: at,
  };
  const closes = report.kind === 'final' && award.status === 'committed';
  await deps.reports.save(
    approved,
    report.version,
    auditEvent(ctx.actor, now, 'report.approved', awardEntity(applicationId), {
      reportId,
      kind: report.kind,
      version: approved.version,
    }),
    closes ? awardClosing(ctx.actor, now, award, 'final_report_approved') : undefined,
  );
  return { report: approved, awardClosed: closes };
}

/**
 * The board or an admin returns a submitted report with a reason: the lead submits it again.
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE (not submitted), VERSION_CONFLICT
 */
export async function returnReport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
  input: ReportReturnInput,
): Promise<Report> {
  const { report } = await loadForDecision(deps, ctx, applicationId, reportId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const returned: Report = {
    ...report,
    status: 'returned',
    returnReason: input.reason,
    decidedAt: at,
    decidedBy: ctx.actor.userId,
    version: report.version + 1,
    updatedAt: at,
  };
  await deps.reports.save(
    returned,
    report.version,
    auditEvent(ctx.actor, now, 'report.returned', awardEntity(applicationId), {
      reportId,
      kind: report.kind,
      version: returned.version,
    }),
  );
  return returned;
}

/**
 * Puts one reminder per report into the outbox when it is due within `REMINDER_DAYS_BEFORE` days (or
 * overdue) and not submitted. Reads the pending index up to today + 14 days (Copenhagen dates); each reminder
 * is one transaction conditioned on no reminder before, so running it every minute (or twice at once) never
 * queues two. Returns the reminded reports as `<applicationId>/<reportId>`.
 */
export async function queueReportReminders(deps: CoreDeps, ctx: RequestContext): Promise<string[]> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const until = addDays(copenhagenDate(now), REMINDER_DAYS_BEFORE);
  const queued: string[] = [];
  for (const candidate of await deps.reports.pendingDueBy(until)) {
    // The index can lag a write: the item itself decides.
    const report = await deps.reports.get(candidate.applicationId, candidate.reportId);
    if (!report || report.reminderQueuedAt) continue;
    if (report.status !== 'due' && report.status !== 'returned') continue;
    const reminded: Report = { ...report, reminderQueuedAt: at, version: report.version + 1, updatedAt: at };
    const name = report.kind === 'final' ? 'slutrapport / final report' : 'statusrapport / progress report';
    const message: OutboxMessage = {
      id: crypto.randomUUID(),
      createdAt: at,
      kind: 'report.reminder',
      to: report.ownerEmail,
      subject:
        `Påmindelse: ${name} ${report.reference ?? ''} skal afleveres senest ${report.dueDate}`.replace(
          /\s+/g,
          ' ',
        ),
      body:
        `Din ${name} for bevillingen ${report.reference ?? report.applicationId} skal afleveres senest ` +
        `${report.dueDate}. / Your ${name.split(' / ')[1]} is due on ${report.dueDate}.`,
      entityId: report.applicationId,
    };
    const written = await deps.reports.queueReminder(
      reminded,
      report.version,
      message,
      auditEvent(ctx.actor, now, 'report.reminder_queued', awardEntity(report.applicationId), {
        reportId: report.reportId,
        dueDate: report.dueDate,
        outboxId: message.id,
      }),
    );
    if (written) queued.push(`${report.applicationId}/${report.reportId}`);
  }
  return queued;
}
