import { Hono } from 'hono';
import { getCall } from '../../functions/core/calls/call.service.js';
import { exportDecisionsCsv, exportScoresCsv } from '../../functions/core/reviews/exports.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page, webCtx } from '../render.js';
import { RankingPage } from './ranking.page.js';

/** The call's ranking and its CSV exports (board and admins). */
export function rankingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Ranking and exports (board, admins).
  app.get('/calls/:callId/ranking', async (c) => {
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
    app.get(`/calls/:callId/exports/${name}.csv`, async (c) => {
      const { actor } = webCtx(c);
      const callId = c.req.param('callId');
      return c.body(await run(deps.core, actor, callId), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="fim-${name}-${callId.slice(0, 8)}.csv"`,
        'Cache-Control': 'no-store',
      });
    });
  }

  return app;
}
