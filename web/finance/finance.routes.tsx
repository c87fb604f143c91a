import { Hono } from 'hono';
import { canManageFinance } from '../../functions/core/finance/population.service.js';
import { forbidden } from '../../functions/core/shared/errors.js';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page, webCtx } from '../render.js';
import { contributionRoutes } from './contributions.routes.js';
import { FinanceHomePage } from './finance.page.js';
import { yearOf } from './finance-context.js';
import { ledgerRoutes } from './ledger.routes.js';
import { partyDetailsRoutes } from './party-details.routes.js';
import { poolRoutes } from './pool.routes.js';
import { populationRoutes } from './populations.routes.js';
import { yearRoutes } from './years.routes.js';

/**
 * Finance's pages, for finance staff and administrators: population imports, the years (settings, the run,
 * the demands), each party's contribution (payments, adjustments), the ledger and its exports, the pool.
 * Every service they call checks the role again; the gate keeps the pages that call none to them too.
 */
export function financeRoutes(deps: AppDeps) {
  const finance = new Hono<AppEnv>();
  finance.use('*', async (c, next) => {
    if (!canManageFinance(webCtx(c).actor)) throw forbidden();
    await next();
  });

  finance.get('/', (c) => {
    const { lang } = webCtx(c);
    const thisYear = Number(copenhagenDate(deps.core.clock.now()).slice(0, 4));
    return page(c, texts[lang].finance.title, <FinanceHomePage lang={lang} thisYear={thisYear} />);
  });

  // The home page's "choose a year" form.
  finance.get('/years', (c) =>
    c.redirect(`/finance/years/${yearOf(c, (c.req.query('year') ?? '').trim())}`, 303),
  );

  finance.route('/', populationRoutes(deps));
  finance.route('/', yearRoutes(deps));
  finance.route('/', contributionRoutes(deps));
  finance.route('/', ledgerRoutes(deps));
  finance.route('/', poolRoutes(deps));
  finance.route('/', partyDetailsRoutes(deps));
  return finance;
}
