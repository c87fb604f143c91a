import { Hono } from 'hono';
import { z } from 'zod';
import { getCall } from '../../functions/core/calls/call.service.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import {
  assignReviewers,
  confirmCallAssignment,
  listApplicationReviews,
  listReviewers,
  reopenReview,
  suggestCallAssignment,
  unassignReviewer,
} from '../../functions/core/reviews/review.service.js';
import { AppError } from '../../functions/core/shared/errors.js';
import { parseInput } from '../../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { field, fields } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { AssignmentPage, assignPointer, planPointer, SuggestionPage } from './assignment.page.js';
import { type BoardApplicationRow, isReviewable } from './board.page.js';
import { chairCtx } from './board-context.js';

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

/** Assigning reviewers (the chair and admins): by hand, or from a suggested plan. */
export function assignmentRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
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

  app.get('/calls/:callId/assignment', (c) => {
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

  app.post('/calls/:callId/assignment/add', async (c) => {
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

  app.post('/calls/:callId/assignment/remove', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody();
    await unassignReviewer(deps.core, ctx, field(body, 'applicationId'), field(body, 'reviewerId'));
    return c.redirect(`/board/calls/${callId}/assignment?removed=1`, 303);
  });

  app.post('/calls/:callId/assignment/reopen', async (c) => {
    const ctx = chairCtx(c);
    const callId = c.req.param('callId');
    const body = await c.req.parseBody();
    await reopenReview(deps.core, ctx, field(body, 'applicationId'), field(body, 'reviewerId'));
    return c.redirect(`/board/calls/${callId}/assignment?reopened=1`, 303);
  });

  app.post('/calls/:callId/assignment/confirm', async (c) => {
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

  return app;
}
