import { Hono } from 'hono';
import {
  assignReviewers,
  confirmCallAssignment,
  getCallAssignment,
  reopenReview,
  suggestCallAssignment,
  unassignReviewer,
} from '../../functions/core/reviews/assignment.service.js';
import {
  type AssignmentPlan,
  assignReviewersSchema,
  confirmAssignmentSchema,
} from '../../functions/core/reviews/review.schema.js';
import { AppError } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { noticeOf } from '../components/notice.js';
import { formAction } from '../form-action.js';
import { field, fields, readBody } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { AssignmentPage, assignPointer, planPointer, SuggestionPage } from './assignment.page.js';

/**
 * A refusal's errors placed on the page's fields: the service names fields of the API's body
 * (`/assignments/3/reviewerIds/0`), the page shows one field per application.
 */
async function placed<R>(run: Promise<R>, place: (pointer: string) => string): Promise<R> {
  try {
    return await run;
  } catch (error) {
    if (!(error instanceof AppError) || error.errors.length === 0) throw error;
    const errors = error.errors.map((e) => ({ ...e, pointer: place(e.pointer) }));
    throw new AppError(error.code, error.reason, { errors, cause: error });
  }
}

/** The plan's entry a pointer names (`/assignments/3/…` is the fourth application), as the page's field. */
const planField = (plan: AssignmentPlan) => (pointer: string) => {
  const entry = plan[Number(/^\/assignments\/(\d+)/.exec(pointer)?.[1])];
  return entry ? planPointer(entry.applicationId) : pointer;
};

/** Assigning reviewers (the chair and admins): by hand, or from a suggested plan. */
export function assignmentRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const callIdOf = (c: WebContext) => c.req.param('callId') ?? '';
  const base = (c: WebContext) => `/board/calls/${callIdOf(c)}/assignment`;

  const renderAssignment = async (
    c: WebContext,
    options: {
      errors?: Errors;
      selected?: { applicationId: string; reviewerId: string };
      notice?: string | undefined;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const ctx = webCtx(c);
    const { call, rows, reviewers } = await getCallAssignment(deps.core, ctx, callIdOf(c));
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
    options: { plan?: AssignmentPlan; errors?: Errors; status?: 200 | 400 | 409 | 422 } = {},
  ) => {
    const ctx = webCtx(c);
    const { call, rows, reviewers } = await getCallAssignment(deps.core, ctx, callIdOf(c));
    const plan = options.plan
      ? new Map(options.plan.map((p) => [p.applicationId, p.reviewerIds]))
      : new Map(
          (await suggestCallAssignment(deps.core, ctx, call.id)).map((s) => [s.applicationId, s.suggested]),
        );
    return page(
      c,
      texts[ctx.lang].board.suggestionTitle,
      <SuggestionPage
        lang={ctx.lang}
        call={call}
        rows={rows}
        reviewers={reviewers}
        plan={plan}
        errors={options.errors ?? new Errors(ctx.lang)}
      />,
      options.status ?? 200,
    );
  };

  app.get('/calls/:callId/assignment', (c) => {
    if (c.req.query('suggest')) return renderSuggestion(c);
    const b = texts[c.get('lang')].board;
    const assigned = Number(c.req.query('assigned'));
    const notice =
      Number.isSafeInteger(assigned) && assigned >= 0 && c.req.query('assigned') !== undefined
        ? b.assigned(assigned)
        : noticeOf((flag) => c.req.query(flag), { removed: b.removed, reopened: b.reopened });
    return renderAssignment(c, { notice });
  });

  app.post(
    '/calls/:callId/assignment/add',
    formAction({
      values: (body) => ({
        applicationId: field(body, 'applicationId'),
        reviewerId: field(body, 'reviewerId'),
      }),
      input: (values, read) => {
        if (!values.reviewerId)
          read.errors.push({ pointer: assignPointer(values.applicationId), code: 'REVIEWER_REQUIRED' });
        return { reviewerIds: [values.reviewerId] };
      },
      schema: assignReviewersSchema,
      run: (input, { ctx, values }) =>
        placed(assignReviewers(deps.core, ctx, values.applicationId, input.reviewerIds), () =>
          assignPointer(values.applicationId),
        ),
      done: (_, { c }) => `${base(c)}?assigned=1`,
      render: (c, state) =>
        renderAssignment(c, { errors: state.errors, selected: state.values, status: state.status }),
    }),
  );

  // Bare buttons: which reviewer on which application, nothing typed.
  for (const [action, run, flag] of [
    ['remove', unassignReviewer, 'removed'],
    ['reopen', reopenReview, 'reopened'],
  ] as const) {
    app.post(`/calls/:callId/assignment/${action}`, async (c) => {
      const body = await readBody(c);
      await run(deps.core, webCtx(c), field(body, 'applicationId'), field(body, 'reviewerId'));
      return c.redirect(`${base(c)}?${flag}=1`, 303);
    });
  }

  app.post(
    '/calls/:callId/assignment/confirm',
    formAction({
      // Application ids from hidden fields, reviewer ids from each application's checkboxes.
      values: (body): AssignmentPlan =>
        fields(body, 'apps').map((applicationId) => ({
          applicationId,
          reviewerIds: fields(body, `a.${applicationId}`),
        })),
      input: (plan) => ({ assignments: plan }),
      schema: confirmAssignmentSchema,
      run: ({ assignments }, { c, ctx }) =>
        placed(confirmCallAssignment(deps.core, ctx, callIdOf(c), assignments), planField(assignments)),
      done: (created, { c }) => `${base(c)}?assigned=${created}`,
      render: (c, state) =>
        renderSuggestion(c, { plan: state.values, errors: state.errors, status: state.status }),
    }),
  );

  return app;
}
