import { Hono } from 'hono';
import { getCallConflicts, ruleOnConflict } from '../../functions/core/reviews/conflict.service.js';
import { ruleConflictSchema } from '../../functions/core/reviews/review.schema.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { field } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { ConflictsPage, type RulingValues } from './conflicts.page.js';

/** Conflicts of interest declared by reviewers, and the chair's rulings (the chair and admins). */
export function conflictRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const callIdOf = (c: WebContext) => c.req.param('callId') ?? '';

  const renderConflicts = async (
    c: WebContext,
    options: {
      errors?: Errors;
      values?: RulingValues;
      notice?: string | undefined;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const ctx = webCtx(c);
    const { call, declarations, conflictedApplicationIds } = await getCallConflicts(
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
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/calls/:callId/conflicts', (c) =>
    renderConflicts(c, { notice: c.req.query('ruled') ? texts[c.get('lang')].board.ruled : undefined }),
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
