import { Hono } from 'hono';
import type { z } from 'zod';
import { getCall } from '../../functions/core/calls/call.service.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import { ruleConflictSchema } from '../../functions/core/reviews/review.schema.js';
import { listCallConflicts, ruleOnConflict } from '../../functions/core/reviews/review.service.js';
import { AppError, type FieldError } from '../../functions/core/shared/errors.js';
import { parseInput } from '../../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { field } from '../forms.js';
import { page, type WebContext } from '../render.js';
import { chairCtx } from './board-context.js';
import { ConflictsPage, rulingKey } from './conflicts.page.js';

/** Conflicts of interest declared by reviewers, and the chair's rulings. */
export function conflictRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
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

  app.get('/calls/:callId/conflicts', (c) =>
    renderConflicts(
      c,
      c.req.param('callId'),
      c.req.query('ruled') ? { notice: texts[c.get('lang')].board.ruled } : {},
    ),
  );

  app.post('/calls/:callId/conflicts', async (c) => {
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

  return app;
}
