import { Hono } from 'hono';
import { acceptsApplications } from '../../functions/core/applications/application.service.js';
import { getCall, listCalls } from '../../functions/core/calls/call.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page } from '../render.js';
import { CallPage, callTitle, HomePage } from './calls.page.js';

/** The public pages of calls: the open calls on the front page, and each call's page. */
export function callRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const lang = c.get('lang');
    return page(
      c,
      texts[lang].home.title,
      <HomePage lang={lang} calls={await listCalls(deps.core, undefined)} />,
    );
  });

  app.get('/calls/:callId', async (c) => {
    const lang = c.get('lang');
    const call = await getCall(deps.core, c.get('principal'), c.req.param('callId'));
    return page(
      c,
      callTitle(call, lang),
      <CallPage
        lang={lang}
        call={call}
        signedIn={Boolean(c.get('principal'))}
        acceptsDrafts={acceptsApplications(deps.core, call)}
      />,
    );
  });
  return app;
}
