import { Hono } from 'hono';
import { z } from 'zod';
import { getCall } from '../functions/core/calls/call.service.js';
import { type MeetingInput, meetingInputSchema } from '../functions/core/decisions/decision.schema.js';
import { getMeeting, listMeetings, recordMeeting } from '../functions/core/decisions/decision.service.js';
import { awardView } from '../functions/core/finance/award.schema.js';
import { reportReturnInputSchema } from '../functions/core/finance/report.schema.js';
import { approveReport, listReports, returnReport } from '../functions/core/finance/report.service.js';
import { exportDecisionsCsv, exportScoresCsv } from '../functions/core/reviews/exports.js';
import { getRanking } from '../functions/core/reviews/ranking.js';
import { ruleConflictSchema } from '../functions/core/reviews/review.schema.js';
import {
  assignReviewers,
  confirmCallAssignment,
  isBoardOrAdmin,
  isChairOrAdmin,
  listApplicationReviews,
  listCallConflicts,
  listReviewers,
  reopenReview,
  ruleOnConflict,
  suggestCallAssignment,
  unassignReviewer,
} from '../functions/core/reviews/review.service.js';
import {
  AppError,
  type FieldError,
  forbidden,
  notFound,
  reasonAsError,
} from '../functions/core/shared/errors.js';
import { parseDateTimeInput, toCopenhagenLocalInput } from '../functions/core/shared/time.js';
import { parseInput } from '../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { formatKr, parseKrInput } from '../functions/texts/format.js';
import { say, texts } from '../functions/texts/index.js';
import type { Lang } from '../functions/texts/lang.js';
import { Errors } from './components/fields.js';
import { field, fields, formVersion } from './forms.js';
import {
  AssignmentPage,
  assignPointer,
  type BoardApplicationRow,
  BoardAwardsPage,
  BoardCallPage,
  BoardHomePage,
  BoardReportsPage,
  ConflictsPage,
  isReviewable,
  planPointer,
  reasonPointer,
  rulingKey,
  SuggestionPage,
} from './pages/board.js';
import {
  decisionPointer,
  emptyDecision,
  MeetingFormPage,
  type MeetingFormValues,
  MeetingListPage,
  MinutesPage,
} from './pages/meetings.js';
import { RankingPage } from './pages/ranking.js';
import { callTitleOf } from './pages/reviews.js';
import { page, type WebContext, webCtx } from './render.js';

/** A confirmed plan as the form posts it: application ids from hidden fields, reviewer ids from checkboxes. */
const planSchema = z
  .array(
    z.strictObject({
      applicationId: z.uuid(),
      reviewerIds: z.array(z.string().min(1).max(128)).max(20),
    }),
  )
  .min(1)
  .max(500);

/** The figures of a refused over-budget decision, from the error's detail (`approvedOre=… availableOre=…`). */
function budgetMessage(detail: string, lang: Lang): string {
  const figure = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(detail)?.[1] ?? 0);
  return texts[lang].meeting.budgetExceeded(
    formatKr(figure('approvedOre'), lang),
    formatKr(figure('requestedOre'), lang),
    formatKr(figure('budgetOre'), lang),
    formatKr(figure('availableOre'), lang),
  );
}

/** The board's pages: calls, assignment (chair), conflicts (chair), ranking, exports, meetings and minutes. */
export function boardRoutes(deps: AppDeps) {
  const board = new Hono<AppEnv>();
  board.use('*', async (c, next) => {
    if (!isBoardOrAdmin(webCtx(c).actor)) throw forbidden();
    await next();
  });
  const chairCtx = (c: WebContext) => {
    const ctx = webCtx(c);
    if (!isChairOrAdmin(ctx.actor)) throw forbidden();
    return ctx;
  };

  board.get('/', async (c) => {
    const { lang } = webCtx(c);
    const [open, closed] = await Promise.all([
      deps.core.calls.listByStatus('open'),
      deps.core.calls.listByStatus('closed'),
    ]);
    return page(c, texts[lang].board.title, <BoardHomePage lang={lang} open={open} closed={closed} />);
  });

  board.get('/awards', async (c) => {
    const { actor, lang } = webCtx(c);
    const awards = await deps.core.awards.listAll();
    const rows = await Promise.all(
      awards.map(async (award) => ({
        award: awardView(award),
        awaiting: (await listReports(deps.core, actor, award.applicationId)).filter(
          (x) => x.status === 'submitted',
        ).length,
      })),
    );
    rows.sort(
      (x, y) =>
        Number(y.awaiting > 0) - Number(x.awaiting > 0) ||
        y.award.committedAt.localeCompare(x.award.committedAt),
    );
    return page(c, texts[lang].report.boardListTitle, <BoardAwardsPage lang={lang} rows={rows} />);
  });

  const renderReports = async (
    c: WebContext,
    applicationId: string,
    options: {
      errors?: FieldError[];
      reasons?: Record<string, string>;
      notice?: string | undefined;
      status?: 200 | 400 | 409;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const reports = await listReports(deps.core, actor, applicationId);
    const award = await deps.core.awards.get(applicationId);
    if (!award) throw notFound('award');
    return page(
      c,
      `${texts[lang].report.boardTitle}: ${award.title ?? award.reference ?? ''}`,
      <BoardReportsPage
        lang={lang}
        award={awardView(award)}
        reports={reports}
        errors={new Errors(lang, options.errors ?? [])}
        reasons={options.reasons ?? {}}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  board.get('/awards/:applicationId/reports', (c) => {
    const r = texts[c.get('lang')].report;
    const done = c.req.query('done');
    const notice =
      done === 'approved'
        ? r.approved
        : done === 'closed'
          ? r.approvedClosed
          : done === 'returned'
            ? r.returned
            : undefined;
    return renderReports(c, c.req.param('applicationId'), { notice });
  });

  /** A decision's report as the form saw it: 409 when it changed since (or is no longer submitted). */
  const decisionGuard = async (c: WebContext, applicationId: string, reportId: string, version?: number) => {
    const { actor, lang } = webCtx(c);
    const report = (await listReports(deps.core, actor, applicationId)).find((x) => x.reportId === reportId);
    if (!report) throw notFound('report');
    if (version === report.version) return undefined;
    return renderReports(c, applicationId, {
      errors: [{ pointer: '', code: 'VERSION_CONFLICT', detail: texts[lang].report.conflict }],
      status: 409,
    });
  };
  const decisionConflict = (c: WebContext, applicationId: string, error: AppError) =>
    renderReports(c, applicationId, {
      errors: [
        {
          pointer: '',
          code: error.code,
          detail:
            error.code === 'VERSION_CONFLICT'
              ? texts[c.get('lang')].report.conflict
              : say(c.get('lang'), error.reason),
        },
      ],
      status: 409,
    });

  board.post('/awards/:applicationId/reports/:reportId/approve', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    const body = await c.req.parseBody();
    const stale = await decisionGuard(c, id, reportId, formVersion(body));
    if (stale) return stale;
    try {
      const { awardClosed } = await approveReport(deps.core, ctx, id, reportId);
      return c.redirect(`/board/awards/${id}/reports?done=${awardClosed ? 'closed' : 'approved'}`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'INVALID_STATE' || e.code === 'VERSION_CONFLICT'))
        return decisionConflict(c, id, e);
      throw e;
    }
  });

  board.post('/awards/:applicationId/reports/:reportId/return', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    const body = await c.req.parseBody();
    const stale = await decisionGuard(c, id, reportId, formVersion(body));
    if (stale) return stale;
    const reason = field(body, 'reason');
    try {
      const input = parseInput(reportReturnInputSchema, { reason });
      await returnReport(deps.core, ctx, id, reportId, input);
      return c.redirect(`/board/awards/${id}/reports?done=returned`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'INVALID_STATE' || e.code === 'VERSION_CONFLICT'))
        return decisionConflict(c, id, e);
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
        return renderReports(c, id, {
          errors: [
            {
              pointer: reasonPointer(reportId),
              code: 'required',
              detail: texts[ctx.lang].report.reasonMissing,
            },
          ],
          reasons: { [reportId]: reason },
          status: 400,
        });
      throw e;
    }
  });

  board.get('/calls/:callId', async (c) => {
    const { actor, lang } = webCtx(c);
    const call = await getCall(deps.core, actor, c.req.param('callId'));
    return page(
      c,
      callTitleOf(call, lang),
      <BoardCallPage lang={lang} call={call} chair={isChairOrAdmin(actor)} />,
    );
  });

  // Assignment (chair, admins).
  /** The call's applications by reference, each with its reviewers unless the reader is conflicted. */
  const loadRows = async (c: WebContext, callId: string): Promise<BoardApplicationRow[]> => {
    const { actor } = webCtx(c);
    const ranking = await getRanking(deps.core, actor, callId);
    const rows = [...ranking.rows].sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? ''));
    return Promise.all(
      rows.map(async (r) => ({
        applicationId: r.applicationId,
        title: r.title,
        reference: r.reference,
        status: r.status,
        conflicted: r.conflicted,
        assignments: r.conflicted ? [] : await listApplicationReviews(deps.core, actor, r.applicationId),
      })),
    );
  };

  const renderAssignment = async (
    c: WebContext,
    callId: string,
    options: {
      errors?: Errors;
      selected?: { applicationId: string; reviewerId: string };
      notice?: string;
      status?: 200 | 400 | 422;
    } = {},
  ) => {
    const ctx = chairCtx(c);
    const call = await getCall(deps.core, ctx.actor, callId);
    const [rows, reviewers] = await Promise.all([loadRows(c, callId), listReviewers(deps.core, ctx)]);
    return page(
      c,
      texts[ctx.lang].board.assignment,
      <AssignmentPage
        lang={ctx.lang}
        call={call}
        rows={rows}
        reviewers={reviewers}
        errors={options.errors ?? new Errors(ctx.lang)}
        selected={options.selected}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  const renderSuggestion = async (
    c: WebContext,
    callId: string,
    options: { plan?: Map<string, string[]>; errors?: Errors; status?: 200 | 422 } = {},
  ) => {
    const ctx = chairCtx(c);
    const call = await getCall(deps.core, ctx.actor, callId);
    const [rows, reviewers] = await Promise.all([loadRows(c, callId), listReviewers(deps.core, ctx)]);
    const plan =
      options.plan ??
      new Map(
        (await suggestCallAssignment(deps.core, ctx, callId)).map((s) => [s.applicationId, s.suggested]),
      );
    return page(
      c,
      texts[ctx.lang].board.suggestionTitle,
      <SuggestionPage
        lang={ctx.lang}
        call={call}
        rows={rows.filter((r) => !r.conflicted && isReviewable(r.status))}
        reviewers={reviewers}
        plan={plan}
        errors={options.errors ?? new Errors(ctx.lang)}
      />,
      options.status ?? 200,
    );
  };

  board.get('/calls/:callId/assignment', (c) => {
    const callId = c.req.param('callId');
    if (c.req.query('suggest')) return renderSuggestion(c, callId);
    const b = texts[c.get('lang')].board;
    const assigned = Number(c.req.query('assigned'));
    const notice =
      Number.isSafeInteger(assigned) && assigned >= 0 && c.req.query('assigned') !== undefined
        ? b.assigned(assigned)
        : c.req.query('removed')
          ? b.removed
          : c.req.query('reopened')
            ? b.reopened
            : undefined;
    return renderAssignment(c, callId, notice ? { notice } : {});
  });

  board.post('/calls/:callId/assignment/add', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody();
    const applicationId = field(body, 'applicationId');
    const reviewerId = field(body, 'reviewerId');
    const pointer = assignPointer(applicationId);
    if (!reviewerId) {
      const errors = new Errors(ctx.lang, [
        { pointer, code: 'REQUIRED', detail: texts[ctx.lang].board.chooseOne },
      ]);
      return renderAssignment(c, callId, { errors, status: 400 });
    }
    try {
      await assignReviewers(deps.core, ctx, applicationId, [reviewerId]);
    } catch (error) {
      if (error instanceof AppError && error.code === 'RULES_FAILED') {
        const errors = new Errors(
          ctx.lang,
          error.errors.map((e) => ({ ...e, pointer })),
        );
        return renderAssignment(c, callId, { errors, selected: { applicationId, reviewerId }, status: 422 });
      }
      throw error;
    }
    return c.redirect(`/board/calls/${callId}/assignment?assigned=1`, 303);
  });

  board.post('/calls/:callId/assignment/remove', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody();
    await unassignReviewer(deps.core, ctx, field(body, 'applicationId'), field(body, 'reviewerId'));
    return c.redirect(`/board/calls/${callId}/assignment?removed=1`, 303);
  });

  board.post('/calls/:callId/assignment/reopen', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody();
    await reopenReview(deps.core, ctx, field(body, 'applicationId'), field(body, 'reviewerId'));
    return c.redirect(`/board/calls/${callId}/assignment?reopened=1`, 303);
  });

  board.post('/calls/:callId/assignment/confirm', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody({ all: true });
    const plan = parseInput(
      planSchema,
      fields(body, 'apps').map((applicationId) => ({
        applicationId,
        reviewerIds: fields(body, `a.${applicationId}`),
      })),
    );
    try {
      const created = await confirmCallAssignment(deps.core, ctx, callId, plan);
      return c.redirect(`/board/calls/${callId}/assignment?assigned=${created}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'RULES_FAILED') {
        // `/assignments/3/reviewerIds/0` names the fourth application of the plan.
        const errors = error.errors.map((e) => {
          const index = Number(/^\/assignments\/(\d+)/.exec(e.pointer)?.[1]);
          const entry = plan[index];
          return entry ? { ...e, pointer: planPointer(entry.applicationId) } : e;
        });
        return renderSuggestion(c, callId, {
          plan: new Map(plan.map((p) => [p.applicationId, p.reviewerIds])),
          errors: new Errors(ctx.lang, errors),
          status: 422,
        });
      }
      throw error;
    }
  });

  // Conflicts of interest (chair, admins).
  const renderConflicts = async (
    c: WebContext,
    callId: string,
    options: {
      errors?: Errors;
      values?: { key: string; recused: string; note: string };
      notice?: string;
      status?: 200 | 400;
    } = {},
  ) => {
    const ctx = chairCtx(c);
    const call = await getCall(deps.core, ctx.actor, callId);
    const [declarations, ranking] = await Promise.all([
      listCallConflicts(deps.core, ctx, callId),
      getRanking(deps.core, ctx.actor, callId),
    ]);
    const conflicted = new Set(ranking.rows.filter((r) => r.conflicted).map((r) => r.applicationId));
    return page(
      c,
      texts[ctx.lang].board.declarations,
      <ConflictsPage
        lang={ctx.lang}
        call={call}
        declarations={declarations}
        conflictedApplicationIds={conflicted}
        errors={options.errors ?? new Errors(ctx.lang)}
        values={options.values}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  board.get('/calls/:callId/conflicts', (c) =>
    renderConflicts(
      c,
      c.req.param('callId'),
      c.req.query('ruled') ? { notice: texts[c.get('lang')].board.ruled } : {},
    ),
  );

  board.post('/calls/:callId/conflicts', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody();
    const applicationId = field(body, 'applicationId');
    const reviewerId = field(body, 'reviewerId');
    const recused = field(body, 'recused');
    const note = field(body, 'note');
    const key = rulingKey({ applicationId, reviewerId });
    const values = { key, recused, note };
    const fail = (errors: FieldError[]) =>
      renderConflicts(c, callId, {
        errors: new Errors(
          ctx.lang,
          errors.map((e) => ({ ...e, pointer: `/rulings/${key}${e.pointer}` })),
        ),
        values,
        status: 400,
      });
    if (recused !== 'yes' && recused !== 'no') {
      return fail([{ pointer: '/recused', code: 'REQUIRED', detail: texts[ctx.lang].board.chooseRuling }]);
    }
    let ruling: z.output<typeof ruleConflictSchema>;
    try {
      ruling = parseInput(ruleConflictSchema, {
        recused: recused === 'yes',
        ...(note.trim() ? { note } : {}),
      });
    } catch (error) {
      if (error instanceof AppError) return fail(error.errors);
      throw error;
    }
    await ruleOnConflict(deps.core, ctx, applicationId, reviewerId, ruling);
    return c.redirect(`/board/calls/${callId}/conflicts?ruled=1`, 303);
  });

  // Ranking and exports (board, admins).
  board.get('/calls/:callId/ranking', async (c) => {
    const { actor, lang } = webCtx(c);
    const callId = c.req.param('callId');
    const call = await getCall(deps.core, actor, callId);
    const ranking = await getRanking(deps.core, actor, callId);
    return page(c, texts[lang].ranking.title, <RankingPage lang={lang} call={call} ranking={ranking} />);
  });

  for (const [name, run] of [
    ['scores', exportScoresCsv],
    ['decisions', exportDecisionsCsv],
  ] as const) {
    board.get(`/calls/:callId/exports/${name}.csv`, async (c) => {
      const { actor } = webCtx(c);
      const callId = c.req.param('callId');
      return c.body(await run(deps.core, actor, callId), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="fim-${name}-${callId.slice(0, 8)}.csv"`,
        'Cache-Control': 'no-store',
      });
    });
  }

  // Meetings and decisions (board, admins).
  board.get('/calls/:callId/meetings', async (c) => {
    const { actor, lang } = webCtx(c);
    const callId = c.req.param('callId');
    const call = await getCall(deps.core, actor, callId);
    const meetings = await listMeetings(deps.core, actor, callId);
    return page(
      c,
      texts[lang].meeting.listTitle,
      <MeetingListPage lang={lang} call={call} meetings={meetings} />,
    );
  });

  const renderMeetingForm = async (
    c: WebContext,
    callId: string,
    options: {
      values?: MeetingFormValues;
      errors?: Errors;
      versionConflict?: boolean;
      status?: 200 | 400 | 409 | 422;
    },
  ) => {
    const { actor, lang } = webCtx(c);
    const call = await getCall(deps.core, actor, callId);
    const [ranking, users] = await Promise.all([
      getRanking(deps.core, actor, callId),
      deps.core.users.listAll(),
    ]);
    const rows = ranking.rows.filter((r) => isReviewable(r.status));
    const people = users
      .filter((u) => u.roles.includes('board') || u.roles.includes('admin'))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
    const values = options.values ?? {
      heldAt: toCopenhagenLocalInput(deps.core.clock.now().toISOString()),
      attendeeIds: people.some((p) => p.userId === actor.userId) ? [actor.userId] : [],
      notes: '',
      decisions: {},
    };
    return page(
      c,
      texts[lang].meeting.newTitle,
      <MeetingFormPage
        lang={lang}
        call={call}
        rows={rows}
        people={people}
        values={values}
        errors={options.errors ?? new Errors(lang)}
        versionConflict={options.versionConflict}
      />,
      options.status ?? 200,
    );
  };

  board.get('/calls/:callId/meetings/new', (c) => renderMeetingForm(c, c.req.param('callId'), {}));

  board.post('/calls/:callId/meetings', async (c) => {
    const ctx = webCtx(c);
    const { lang } = ctx;
    const m = texts[lang].meeting;
    const callId = c.req.param('callId');
    const body = await c.req.parseBody({ all: true });
    const appIds = field(body, 'apps')
      .split(',')
      .filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const values: MeetingFormValues = {
      heldAt: field(body, 'heldAt'),
      attendeeIds: fields(body, 'attendeeIds'),
      notes: field(body, 'notes'),
      decisions: Object.fromEntries(
        appIds.map((id) => [
          id,
          {
            ...emptyDecision(),
            outcome: field(body, `d.${id}.outcome`) || 'none',
            amount: field(body, `d.${id}.amount`),
            conditions: field(body, `d.${id}.conditions`),
            justification: field(body, `d.${id}.justification`),
          },
        ]),
      ),
    };
    const formErrors: FieldError[] = [];
    const heldAt = values.heldAt.trim() === '' ? undefined : parseDateTimeInput(values.heldAt);
    if (values.heldAt.trim() === '')
      formErrors.push({ pointer: '/heldAt', code: 'REQUIRED', detail: m.required });
    else if (!heldAt)
      formErrors.push({
        pointer: '/heldAt',
        code: 'not_a_datetime',
      });
    if (values.attendeeIds.length === 0)
      formErrors.push({ pointer: '/attendeeIds', code: 'REQUIRED', detail: m.chooseAttendee });
    // Decision i of the input is application order[i]: errors come back by index.
    const order: string[] = [];
    const decisions: Record<string, unknown>[] = [];
    for (const id of appIds) {
      const d = values.decisions[id] ?? emptyDecision();
      if (d.outcome === 'none') continue;
      let amountOre: number | undefined;
      // An amount belongs to an approval only; typed for another outcome it is left out.
      if (d.outcome === 'approved' && d.amount.trim() !== '') {
        amountOre = parseKrInput(d.amount);
        if (amountOre === undefined)
          formErrors.push({
            pointer: decisionPointer(id, 'amountOre'),
            code: 'not_an_amount',
          });
      }
      order.push(id);
      decisions.push({
        applicationId: id,
        outcome: d.outcome,
        ...(amountOre !== undefined ? { amountOre } : {}),
        ...(d.conditions.trim() ? { conditions: d.conditions } : {}),
        ...(d.justification.trim() ? { justification: d.justification } : {}),
      });
    }
    if (decisions.length === 0)
      formErrors.push({ pointer: '/decisions', code: 'REQUIRED', detail: m.atLeastOne });
    const remap = (errors: FieldError[]): FieldError[] =>
      errors.map((e) => {
        if (e.code === 'BUDGET_EXCEEDED')
          return { ...e, pointer: '/decisions', detail: budgetMessage(e.detail, lang) };
        const d = /^\/decisions\/(\d+)(?:\/(\w+))?/.exec(e.pointer);
        const id = d ? order[Number(d[1])] : undefined;
        if (d && id) return { ...e, pointer: decisionPointer(id, d[2] ?? 'outcome') };
        if (e.pointer.startsWith('/attendeeIds')) return { ...e, pointer: '/attendeeIds' };
        return e;
      });
    const fail = (errors: FieldError[], status: 400 | 409 | 422, versionConflict = false) =>
      renderMeetingForm(c, callId, {
        values,
        errors: new Errors(lang, remap(errors)),
        status,
        versionConflict,
      });
    if (formErrors.length > 0) return fail(formErrors, 400);
    let input: MeetingInput;
    try {
      input = parseInput(meetingInputSchema, {
        heldAt,
        attendeeIds: values.attendeeIds,
        ...(values.notes.trim() ? { notes: values.notes } : {}),
        decisions,
      });
    } catch (error) {
      if (error instanceof AppError) return fail(error.errors, 400);
      throw error;
    }
    try {
      const meeting = await recordMeeting(deps.core, ctx, callId, input);
      return c.redirect(`/board/meetings/${meeting.id}?saved=1`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'RULES_FAILED') {
        const errors = error.errors.length > 0 ? error.errors : [reasonAsError(error, '/decisions')];
        return fail(errors, 422);
      }
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return fail([], 409, true);
      throw error;
    }
  });

  board.get('/meetings/:meetingId', async (c) => {
    const { actor, lang } = webCtx(c);
    const meeting = await getMeeting(deps.core, actor, c.req.param('meetingId'));
    const call = await deps.core.calls.get(meeting.callId);
    return page(
      c,
      texts[lang].meeting.minutesTitle,
      <MinutesPage
        lang={lang}
        call={call}
        meeting={meeting}
        notice={c.req.query('saved') ? texts[lang].meeting.saved : undefined}
      />,
    );
  });

  return board;
}
