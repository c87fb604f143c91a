import { Hono } from 'hono';
import { requireReviewer } from '../../functions/core/reviews/access.js';
import { declareConflict } from '../../functions/core/reviews/conflict.service.js';
import { declareConflictSchema, reviewInputSchema } from '../../functions/core/reviews/review.schema.js';
import {
  getMyReview,
  listMyReviewQueue,
  listOtherReviews,
  saveReview,
  submitReview,
} from '../../functions/core/reviews/review.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { callTitle } from '../calls/calls.page.js';
import { Errors } from '../components/fields.js';
import { noticeOf } from '../components/notice.js';
import { type FormState, formAction } from '../form-action.js';
import { field, formVersion } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import {
  type ReviewFormValues,
  ReviewPage,
  ReviewQueuePage,
  reviewInputFromValues,
  valuesFromAssignment,
  valuesFromReviewBody,
} from './review.page.js';

/** The reviewer's pages: the queue, the scoring form beside the application, the conflict declaration. */
export function reviewRoutes(deps: AppDeps) {
  const web = new Hono<AppEnv>();
  web.use('*', async (c, next) => {
    requireReviewer(webCtx(c).actor);
    await next();
  });

  web.get('/', async (c) => {
    const { actor, lang } = webCtx(c);
    const asked = c.req.query('cursor') || undefined;
    const { assignments, calls, cursor } = await listMyReviewQueue(
      deps.core,
      actor,
      asked ? { cursor: asked.slice(0, 500) } : {},
    );
    const callTitles = new Map(calls.map((call) => [call.id, callTitle(call, lang)] as const));
    return page(
      c,
      texts[lang].review.queueTitle,
      <ReviewQueuePage
        lang={lang}
        assignments={assignments}
        callTitles={callTitles}
        cursor={asked}
        next={cursor}
      />,
    );
  });

  /** The review page: the application, the review form (or the review as submitted) and the conflict form. */
  const render = async (
    c: WebContext,
    options: {
      values?: ReviewFormValues;
      errors?: Errors;
      conflictErrors?: Errors;
      reason?: string;
      notice?: string | undefined;
      versionConflict?: boolean;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const applicationId = c.req.param('applicationId') ?? '';
    const view = await getMyReview(deps.core, actor, applicationId);
    const others = view.application ? await listOtherReviews(deps.core, actor, applicationId) : [];
    const mine = view.assignment;
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
    const notice = noticeOf((flag) => c.req.query(flag), {
      saved: r.saved,
      submitted: r.submittedNotice,
      declared: r.declared,
    });
    return render(c, { notice });
  });

  /**
   * Saves the draft and, with the submit button, submits it. A submission refused for what it lacks leaves
   * the draft saved: the page says so beside the list of what is missing.
   */
  web.post(
    '/:applicationId',
    formAction({
      values: valuesFromReviewBody,
      input: reviewInputFromValues,
      schema: reviewInputSchema,
      run: async (input, { c, ctx, body }) => {
        const id = c.req.param('applicationId') ?? '';
        const saved = await saveReview(deps.core, ctx, id, input, formVersion(body) ?? -1);
        const submit = field(body, '_action') === 'submit';
        if (submit) await submitReview(deps.core, ctx, id, saved.version);
        return submit ? 'submitted' : 'saved';
      },
      done: (flag, { c }) => `/reviews/${c.req.param('applicationId')}?${flag}=1`,
      render: (c, state: FormState<ReviewFormValues>) => {
        const savedNotSubmitted =
          typeof state.error?.reason === 'object' && state.error.reason.code === 'REVIEW_INCOMPLETE';
        return render(c, {
          values: state.values,
          // A stale version is told by the warning above the form, with the link to load it again.
          ...(state.conflict ? {} : { errors: state.errors }),
          versionConflict: state.conflict,
          status: state.status,
          notice: savedNotSubmitted ? texts[c.get('lang')].review.savedNotSubmitted : undefined,
        });
      },
    }),
  );

  web.post(
    '/:applicationId/conflict',
    formAction({
      values: (body) => ({ reason: field(body, 'reason') }),
      input: (values) => values,
      schema: declareConflictSchema,
      run: (input, { c, ctx }) =>
        declareConflict(deps.core, ctx, c.req.param('applicationId') ?? '', input.reason),
      done: (_, { c }) => `/reviews/${c.req.param('applicationId')}?declared=1`,
      render: (c, state) =>
        render(c, { reason: state.values.reason, conflictErrors: state.errors, status: state.status }),
    }),
  );

  return web;
}
