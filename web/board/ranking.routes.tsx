import { Hono } from 'hono';
import { getCall } from '../../functions/core/calls/call.service.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { csvHeaders, REVIEW_EXPORTS } from '../../functions/http/review-exports.js';
import { texts } from '../../functions/texts/index.js';
import { page, webCtx } from '../render.js';
import { RankingPage } from './ranking.page.js';

/** The call's ranking and its CSV exports (board and admins). */
export function rankingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/calls/:callId/ranking', async (c) => {
    const { actor, lang } = webCtx(c);
    const callId = c.req.param('callId');
    const ranking = await getRanking(deps.core, actor, callId);
    const call = await getCall(deps.core, actor, callId);
    return page(c, texts[lang].ranking.title, <RankingPage lang={lang} call={call} ranking={ranking} />);
  });

  // The same CSV as the API's, in the page's language.
  for (const name of ['scores', 'decisions'] as const) {
    app.get(`/calls/:callId/exports/${name}.csv`, async (c) => {
      const { actor, lang } = webCtx(c);
      const callId = c.req.param('callId');
      return c.body(await REVIEW_EXPORTS[name](deps.core, actor, callId, lang), 200, {
        ...csvHeaders(name, callId),
        'Cache-Control': 'no-store',
      });
    });
  }

  return app;
}
