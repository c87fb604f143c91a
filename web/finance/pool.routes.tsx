import { Hono } from 'hono';
import { getBalances } from '../../functions/core/finance/ledger.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page, webCtx } from '../render.js';
import { PoolPage } from './pool.page.js';

/** The pool over the years: each year's balance with what it carried in and out, and the pool overall. */
export function poolRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/balances', async (c) => {
    const { actor, lang } = webCtx(c);
    const { pool, years } = await getBalances(deps.core, actor);
    return page(c, texts[lang].finance.poolTitle, <PoolPage lang={lang} pool={pool} years={years} />);
  });
  return app;
}
