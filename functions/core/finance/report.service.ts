import { type AuditEvent, auditEvent } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import { conflictedAmong, recused } from '../board/board-application.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { AwardClosing, CoreDeps, RequestContext } from '../ports.js';
import { conflicted, isBoardOrAdmin, personConflict } from '../reviews/access.js';
import { AppError, forbidden, notFound, versionConflict } from '../shared/errors.js';
import { addDays, copenhagenDate } from '../shared/time.js';
import type { Award, AwardView } from './award.schema.js';
import { awardClosing } from './award.service.js';
import { awardView } from './award.values.js';
import { canManageFinance } from './population.service.js';
import { REMINDER_DAYS_BEFORE, reportReminder } from './report.rules.js';
import type { Report, ReportReturnInput, ReportSubmitInput } from './report.schema.js';

const awardEntity = (applicationId: string) => ({ type: 'award' as const, id: applicationId });

/** Who may read an award's reports: its owner, finance, admins and the board. */
const canRead = (actor: Principal, award: Award): boolean =>
  award.ownerId === actor.userId || canManageFinance(actor) || hasRole(actor, 'board');

/**
 * An award the caller may read. A board member who reads it only as the board (not its owner, finance or an
 * admin) and is conflicted with its application learns its title and the recusal, nothing else.
 */
async function loadReadable(deps: CoreDeps, actor: Principal, applicationId: string): Promise<Award> {
  const award = await deps.awards.get(applicationId);
  if (!award || !canRead(actor, award)) throw notFound('award');
  if (award.ownerId !== actor.userId && !canManageFinance(actor)) {
    const application = await deps.applications.get(applicationId);
    const [assignments, tree] = await Promise.all([
      deps.reviews.listByApplication(applicationId),
      loadOrganisationTree(deps),
    ]);
    const conflict = application && personConflict(actor, application, assignments, tree);
    if (conflict) throw recused(application.title ?? '', conflict.ground);
  }
  return award;
}

/** An award's reports, by id. @throws AppError NOT_FOUND (no award, or not one the caller may read) */
export async function listReports(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Report[]> {
  await loadReadable(deps, actor, applicationId);
  return deps.reports.listByAward(applicationId);
}

/**
 * An award with its reports, for those who may read them (its owner, finance, admins, the board), and
 * whether the caller is its project lead, who submits them.
 * @throws AppError NOT_FOUND (no award, or not one the caller may read)
 */
export async function getAwardReports(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<{ award: AwardView; reports: Report[]; lead: boolean }> {
  const award = await loadReadable(deps, actor, applicationId);
  return {
    award: awardView(award),
    reports: await deps.reports.listByAward(applicationId),
    lead: award.ownerId === actor.userId,
  };
}

/** An award and how many of its reports wait for the board's decision. */
export interface AwardAwaitingReports {
  award: AwardView;
  awaiting: number;
}

/** Awards on a page of the board's list (after those awaiting it). */
export const BOARD_AWARDS_PAGE = 50;

const newestFirst = (x: AwardAwaitingReports, y: AwardAwaitingReports) =>
  y.award.committedAt.localeCompare(x.award.committedAt);

/**
 * The board's list (board, admins): on the first page every award with reports awaiting the board (from the
 * index of submitted reports), newest first, then a page of the other awards, newest first, and the cursor of
 * the next page (which leaves out those awaiting too). Three requests whatever the number of awards: the
 * awaiting reports, their awards, a page.
 * @throws AppError FORBIDDEN
 */
export async function listAwardsForBoard(
  deps: CoreDeps,
  actor: Principal,
  page: { cursor?: string } = {},
): Promise<{
  rows: AwardAwaitingReports[];
  recused: { applicationId: string; title: string }[];
  cursor?: string;
}> {
  if (!isBoardOrAdmin(actor)) throw forbidden();
  const [awaitingReports, newest] = await Promise.all([
    deps.reports.listAwaiting(),
    deps.awards.listNewest({ limit: BOARD_AWARDS_PAGE, ...(page.cursor ? { cursor: page.cursor } : {}) }),
  ]);
  const awaiting = new Map<string, number>();
  for (const r of awaitingReports) awaiting.set(r.applicationId, (awaiting.get(r.applicationId) ?? 0) + 1);
  // The waiting ones head the first page only; every page leaves them out of the rest.
  const waiting = (page.cursor ? [] : await deps.awards.getMany([...awaiting.keys()]))
    .map((award) => ({ award: awardView(award), awaiting: awaiting.get(award.applicationId) ?? 0 }))
    .sort(newestFirst);
  const others = newest.items
    .filter((award) => !awaiting.has(award.applicationId))
    .map((award) => ({ award: awardView(award), awaiting: 0 }));
  const all = [...waiting, ...others];
  // A conflicted member sees such an award's title and that they are recused: not its status or reports.
  const hidden = await conflictedAmong(
    deps,
    actor,
    all.map((r) => r.award.applicationId),
  );
  return {
    rows: all.filter((r) => !hidden.has(r.award.applicationId)),
    recused: all
      .filter((r) => hidden.has(r.award.applicationId))
      .map((r) => ({ applicationId: r.award.applicationId, title: r.award.title ?? '' })),
    ...(newest.cursor ? { cursor: newest.cursor } : {}),
  };
}

async function loadReport(deps: CoreDeps, applicationId: string, reportId: string): Promise<Report> {
  const report = await deps.reports.get(applicationId, reportId);
  if (!report) throw notFound('report');
  return report;
}

/** A form read at an older version than the report's is stale. */
function sameVersion(report: Report, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== report.version) throw versionConflict();
}

/**
 * The report its project lead (the award's owner) may submit: the lead's pages ask before they read the form.
 * @throws AppError NOT_FOUND (others who may not read the award; no such report), FORBIDDEN (readers who are
 * not the owner)
 */
export async function getReportForLead(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
  reportId: string,
): Promise<Report> {
  const award = await loadReadable(deps, actor, applicationId);
  if (award.ownerId !== actor.userId) throw forbidden();
  return loadReport(deps, applicationId, reportId);
}

/**
 * The project lead (the award's owner) submits a report that is due or was returned; with `expectedVersion`
 * (a form's), only the version read.
 * @throws AppError NOT_FOUND (others who may not read the award), FORBIDDEN (readers who are not the owner),
 * VERSION_CONFLICT, INVALID_STATE (REPORT_NOT_DUE: submitted or approved)
 */
export async function submitReport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
  input: ReportSubmitInput,
  expectedVersion?: number,
): Promise<Report> {
  const report = await getReportForLead(deps, ctx.actor, applicationId, reportId);
  sameVersion(report, expectedVersion);
  if (report.status !== 'due' && report.status !== 'returned') {
    throw new AppError('INVALID_STATE', { code: 'REPORT_NOT_DUE', params: { status: report.status } });
  }
  const { spentOre: _previous, ...rest } = report;
  return saveReport(
    deps,
    ctx,
    report,
    (at) => ({
      ...rest,
      status: 'submitted',
      text: input.text,
      ...(input.spentOre !== undefined ? { spentOre: input.spentOre } : {}),
      submittedAt: at,
      submittedBy: ctx.actor.userId,
    }),
    { spentOre: input.spentOre ?? null },
  );
}

/**
 * Writes a report's next state (`next`, given the time) at the version read, with its audit event
 * `report.<status>` naming the report, its kind, its new version and `details`; with `closing`, the award's
 * closing in the same transaction.
 */
async function saveReport(
  deps: CoreDeps,
  ctx: RequestContext,
  report: Report,
  next: (at: string) => Omit<Report, 'version' | 'updatedAt'>,
  details: AuditEvent['details'] = {},
  closing?: (now: Date) => AwardClosing,
): Promise<Report> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const saved: Report = { ...next(at), version: report.version + 1, updatedAt: at };
  await deps.reports.save(
    saved,
    report.version,
    auditEvent(ctx.actor, now, `report.${saved.status}`, awardEntity(report.applicationId), {
      reportId: report.reportId,
      kind: report.kind,
      version: saved.version,
      ...details,
    }),
    closing?.(now),
  );
  return saved;
}

/** The board (not conflicted with the application) or an admin; never the project's own lead. */
async function requireDecider(deps: CoreDeps, actor: Principal, award: Award): Promise<void> {
  if (!isBoardOrAdmin(actor) || award.ownerId === actor.userId) throw forbidden();
  if (isAdmin(actor)) return;
  const application = await deps.applications.get(award.applicationId);
  if (!application) throw notFound('application');
  const [assignments, tree] = await Promise.all([
    deps.reviews.listByApplication(award.applicationId),
    loadOrganisationTree(deps),
  ]);
  if (personConflict(actor, application, assignments, tree)) throw conflicted();
}

/**
 * A report the caller may decide now. A stale form is refused before who sends it is weighed: the board may
 * read the report in any case, and the page it was read on is out of date whoever sent it.
 */
async function loadForDecision(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
  expectedVersion: number | undefined,
): Promise<{ award: Award; report: Report }> {
  if (!isBoardOrAdmin(ctx.actor)) throw forbidden();
  const award = await deps.awards.get(applicationId);
  if (!award) throw notFound('award');
  const report = await loadReport(deps, applicationId, reportId);
  sameVersion(report, expectedVersion);
  await requireDecider(deps, ctx.actor, award);
  if (report.status !== 'submitted') {
    throw new AppError('INVALID_STATE', { code: 'REPORT_NOT_SUBMITTED', params: { status: report.status } });
  }
  return { award, report };
}

/**
 * The board or an admin approves a submitted report; with `expectedVersion` (a form's), only the version
 * read. Approving the final report closes a committed award in the same transaction (its own audit event
 * `award.closed`, `reason: final_report_approved`).
 * @throws AppError FORBIDDEN (not board or admin; conflicted; the project's lead), NOT_FOUND,
 * INVALID_STATE (REPORT_NOT_SUBMITTED), VERSION_CONFLICT
 */
export async function approveReport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
  expectedVersion?: number,
): Promise<{ report: Report; awardClosed: boolean }> {
  const { award, report } = await loadForDecision(deps, ctx, applicationId, reportId, expectedVersion);
  const { returnReason: _reason, ...rest } = report;
  const closes = report.kind === 'final' && award.status === 'committed';
  const approved = await saveReport(
    deps,
    ctx,
    report,
    (at) => ({ ...rest, status: 'approved', decidedAt: at, decidedBy: ctx.actor.userId }),
    {},
    closes ? (now) => awardClosing(ctx.actor, now, award, 'final_report_approved') : undefined,
  );
  return { report: approved, awardClosed: closes };
}

/**
 * The board or an admin returns a submitted report with a reason (with `expectedVersion`, only the version
 * read): the lead submits it again.
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE (REPORT_NOT_SUBMITTED), VERSION_CONFLICT
 */
export async function returnReport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reportId: string,
  input: ReportReturnInput,
  expectedVersion?: number,
): Promise<Report> {
  const { report } = await loadForDecision(deps, ctx, applicationId, reportId, expectedVersion);
  return saveReport(deps, ctx, report, (at) => ({
    ...report,
    status: 'returned',
    returnReason: input.reason,
    decidedAt: at,
    decidedBy: ctx.actor.userId,
  }));
}

/**
 * Puts one reminder per report into the outbox when it is due within `REMINDER_DAYS_BEFORE` days (or
 * overdue) and not submitted. Reads the pending index up to today + 14 days (Copenhagen dates); each reminder
 * is one transaction conditioned on no reminder before, so running it again (or twice at once) never
 * queues two. Returns the reminded reports as `<applicationId>/<reportId>`.
 */
export async function queueReportReminders(
  deps: Pick<CoreDeps, 'reports' | 'clock'>,
  ctx: RequestContext,
): Promise<string[]> {
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
    const message = reportReminder(report, 'report.reminder', now);
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
