import { Hono } from 'hono';
import * as z from 'zod';
import { listErasures, ownErasure, requestErasure } from '../../functions/core/cases/erasure.service.js';
import { dryRunRetention, listRetentionRuns } from '../../functions/core/cases/retention.service.js';
import { readRetention } from '../../functions/http/config.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { formAction } from '../form-action.js';
import { page, webCtx } from '../render.js';
import { ConfirmErasurePage, ErasedPage, ErasuresPage, MyDataPage, RetentionPage } from './erasure.page.js';

/** "Mine data" and erasure for the person signed in (docs/cases.md "Erasure"). */
export function myDataRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const schedule = readRetention();
  app.get('/me/data', async (c) => {
    const ctx = webCtx(c);
    const erasure = await ownErasure(deps.core, ctx);
    return page(c, texts[ctx.lang].myData.title, <MyDataPage lang={ctx.lang} erasure={erasure} />);
  });
  app.get('/me/data/erase', (c) => {
    const { lang } = webCtx(c);
    return page(c, texts[lang].myData.confirmTitle, <ConfirmErasurePage lang={lang} />);
  });
  app.post(
    '/me/data/erase',
    formAction({
      values: () => ({}),
      input: () => ({}),
      schema: z.object({}),
      run: (_, { ctx }) => requestErasure(deps.core, ctx, schedule),
      // Signed out by the erasure: a page that needs no session.
      done: () => '/me/data/erased',
      render: (c) =>
        page(c, texts[c.get('lang')].myData.confirmTitle, <ConfirmErasurePage lang={c.get('lang')} />),
    }),
  );
  app.get('/me/data/erased', (c) => {
    const lang = c.get('lang');
    return page(c, texts[lang].myData.done, <ErasedPage lang={lang} />);
  });
  return app;
}

/** The secretariat's erasure requests and the retention schedule's dry run (mounted under /admin). */
export function erasureAdminRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const schedule = readRetention();
  app.get('/erasures', async (c) => {
    const ctx = webCtx(c);
    const cursor = c.req.query('cursor') || undefined;
    const found = await listErasures(deps.core, ctx, { limit: 50, ...(cursor ? { cursor } : {}) });
    return page(
      c,
      texts[ctx.lang].erasures.title,
      <ErasuresPage lang={ctx.lang} erasures={found.items} cursor={cursor} next={found.cursor} />,
    );
  });
  app.get('/retention', async (c) => {
    const ctx = webCtx(c);
    const runs = await listRetentionRuns(deps.core, ctx);
    const dryRun = c.req.query('dryRun') ? await dryRunRetention(deps.core, ctx, schedule) : undefined;
    return page(
      c,
      texts[ctx.lang].retention.title,
      <RetentionPage lang={ctx.lang} schedule={schedule} dryRun={dryRun} runs={runs} />,
    );
  });
  return app;
}
