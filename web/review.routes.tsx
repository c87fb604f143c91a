import { Hono } from 'hono';
import { hasRole } from '../functions/core/auth/principal.js';
import { declareConflictSchema, reviewInputSchema } from '../functions/core/reviews/review.schema.js';
import {
  declareConflict,
  getMyReview,
  listApplicationReviews,
  listMyAssignments,
  saveReview,
  submitReview,
} from '../functions/core/reviews/review.service.js';
import { AppError, forbidden } from '../functions/core/shared/errors.js';
import { parseInput } from '../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { texts } from '../functions/texts/index.js';
import { Errors } from './components/fields.js';
import { field, formVersion } from './forms.js';
import {
  callTitleOf,
  type ReviewFormValues,
  ReviewPage,
  ReviewQueuePage,
  reviewInputFromValues,
  valuesFromAssignment,
  valuesFromReviewBody,
} from './pages/reviews.js';
import { page, type WebContext, webCtx } from './render.js';

/** The reviewer's pages: the queue, the scoring form beside the application, the conflict declaration. */
export function reviewRoutes(deps: AppDeps) {
  const web = new Hono<AppEnv>();
  web.use('*', async (c, next) => {
    if (!hasRole(webCtx(c).actor, 'reviewer')) throw forbidden();
    await next();
  });

  web.get('/', async (c) => {
    const { actor, lang } = webCtx(c);
    const assignments = await listMyAssignments(deps.core, actor);
    const callIds = [...new Set(assignments.map((a) => a.callId))];
    const calls = await Promise.all(callIds.map((id) => deps.core.calls.get(id)));
    const callTitles = new Map(
      calls.flatMap((call) => (call ? [[call.id, callTitleOf(call, lang)] as const] : [])),
    );
    return page(
      c,
      texts[lang].review.queueTitle,
      <ReviewQueuePage lang={lang} assignments={assignments} callTitles={callTitles} />,
    );
  });

  const render = async (
    c: WebContext,
    applicationId: string,
    options: {
      values?: ReviewFormValues;
      errors?: Errors;
      conflictErrors?: Errors;
      reason?: string;
      notice?: string;
      versionConflict?: boolean;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const view = await getMyReview(deps.core, actor, applicationId);
    const mine = view.assignment;
    let others: (typeof mine)[] = [];
    if (view.application && view.call.showReviewsToReviewers && mine.review.status === 'submitted') {
      try {
        others = (await listApplicationReviews(deps.core, actor, applicationId)).filter(
          (a) => a.reviewerId !== actor.userId,
        );
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
      }
    }
    return page(
      c,
      mine.applicationTitle || texts[lang].mine.untitled,
      <ReviewPage
        lang={lang}
        view={view}
        values={options.values ?? valuesFromAssignment(mine)}
        errors={options.errors ?? new Errors(lang)}
        conflictErrors={options.conflictErrors ?? new Errors(lang)}
        reason={options.reason ?? ''}
        notice={options.notice}
        versionConflict={options.versionConflict}
        others={others}
      />,
      options.status ?? 200,
    );
  };

  web.get('/:applicationId', (c) => {
    const r = texts[c.get('lang')].review;
    const notice = c.req.query('saved')
      ? r.saved
      : c.req.query('submitted')
        ? r.submittedNotice
        : c.req.query('declared')
          ? r.declared
          : undefined;
    return render(c, c.req.param('applicationId'), notice ? { notice } : {});
  });

  web.post('/:applicationId', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const body = await c.req.parseBody({ all: true });
    const { call } = await getMyReview(deps.core, ctx.actor, id);
    const values = valuesFromReviewBody(body, call);
    let input: ReturnType<typeof reviewInputSchema.parse>;
    try {
      input = parseInput(reviewInputSchema, reviewInputFromValues(values));
    } catch (error) {
      if (error instanceof AppError)
        return render(c, id, { values, errors: new Errors(ctx.lang, error.errors), status: 400 });
      throw error;
    }
    let saved: Awaited<ReturnType<typeof saveReview>>;
    try {
      saved = await saveReview(deps.core, ctx, id, input, formVersion(body) ?? -1);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT')
        return render(c, id, { values, versionConflict: true, status: 409 });
      if (error instanceof AppError && error.code === 'RULES_FAILED')
        return render(c, id, { values, errors: new Errors(ctx.lang, error.errors), status: 422 });
      throw error;
    }
    if (field(body, '_action') !== 'submit') return c.redirect(`/reviews/${id}?saved=1`, 303);
    try {
      await submitReview(deps.core, ctx, id, saved.version);
    } catch (error) {
      // The draft is saved; say so, and list what the submission still lacks.
      if (error instanceof AppError && error.code === 'RULES_FAILED')
        return render(c, id, {
          errors: new Errors(ctx.lang, error.errors),
          notice: texts[ctx.lang].review.savedNotSubmitted,
          status: 422,
        });
      throw error;
    }
    return c.redirect(`/reviews/${id}?submitted=1`, 303);
  });

  web.post('/:applicationId/conflict', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const body = await c.req.parseBody();
    const reason = field(body, 'reason');
    let parsed: { reason: string };
    try {
      parsed = parseInput(declareConflictSchema, { reason });
    } catch (error) {
      if (error instanceof AppError)
        return render(c, id, { reason, conflictErrors: new Errors(ctx.lang, error.errors), status: 400 });
      throw error;
    }
    await declareConflict(deps.core, ctx, id, parsed.reason);
    return c.redirect(`/reviews/${id}?declared=1`, 303);
  });

  return web;
}
