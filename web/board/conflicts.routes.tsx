import { Hono } from 'hono';
import {
  getCallConflicts,
  ruleFoundConflictAway,
  ruleOnConflict,
} from '../../functions/core/reviews/conflict.service.js';
import { ruleConflictSchema, ruleFoundConflictSchema } from '../../functions/core/reviews/review.schema.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { field } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { ConflictsPage, type RulingValues } from './conflicts.page.js';
import type { FoundRulingValues } from './found-conflicts.js';

/** Conflicts of interest declared by reviewers, and the chair's rulings (the chair and admins). */
export function conflictRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const callIdOf = (c: WebContext) => c.req.param('callId') ?? '';

  const renderConflicts = async (
    c: WebContext,
    options: {
      errors?: Errors;
      values?: RulingValues;
      foundValues?: FoundRulingValues;
      notice?: string | undefined;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const ctx = webCtx(c);
    const { call, declarations, conflictedApplicationIds, found } = await getCallConflicts(
      deps.core,
      ctx,
      callIdOf(c),
    );
    return page(
      c,
      texts[ctx.lang].board.declarations,
      <ConflictsPage
        lang={ctx.lang}
        call={call}
        declarations={declarations}
        conflictedApplicationIds={new Set(conflictedApplicationIds)}
        errors={options.errors ?? new Errors(ctx.lang)}
        values={options.values}
        found={found}
        foundValues={options.foundValues}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/calls/:callId/conflicts', (c) =>
    renderConflicts(c, {
      notice: c.req.query('ruled')
        ? texts[c.get('lang')].board.ruled
        : c.req.query('ruledAway')
          ? texts[c.get('lang')].foundConflicts.ruled
          : undefined,
    }),
  );

  app.post(
    '/calls/:callId/conflicts/found',
    formAction({
      values: (body): FoundRulingValues => ({
        applicationId: field(body, 'applicationId'),
        userId: field(body, 'userId'),
        reason: field(body, 'reason'),
      }),
      input: (values) => ({ reason: values.reason }),
      schema: ruleFoundConflictSchema,
      run: ({ reason }, { ctx, values }) =>
        ruleFoundConflictAway(deps.core, ctx, values.applicationId, values.userId, reason),
      done: (_, { c }) => `/board/calls/${callIdOf(c)}/conflicts?ruledAway=1#found-conflicts`,
      render: (c, state) =>
        renderConflicts(c, { errors: state.errors, foundValues: state.values, status: state.status }),
    }),
  );

  app.post(
    '/calls/:callId/conflicts',
    formAction({
      values: (body): RulingValues => ({
        applicationId: field(body, 'applicationId'),
        reviewerId: field(body, 'reviewerId'),
        recused: field(body, 'recused'),
        note: field(body, 'note'),
      }),
      input: (values, read) => {
        if (values.recused !== 'yes' && values.recused !== 'no')
          read.errors.push({ pointer: '/recused', code: 'RULING_REQUIRED' });
        return { recused: values.recused === 'yes', note: read.optional(values.note) };
      },
      schema: ruleConflictSchema,
      run: (ruling, { ctx, values }) =>
        ruleOnConflict(deps.core, ctx, values.applicationId, values.reviewerId, ruling),
      done: (_, { c }) => `/board/calls/${callIdOf(c)}/conflicts?ruled=1`,
      render: (c, state) =>
        renderConflicts(c, { errors: state.errors, values: state.values, status: state.status }),
    }),
  );

  return app;
}
