import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import {
  acknowledgePrivacyNotice,
  mustSeePrivacyNotice,
} from '../../functions/core/auth/privacy-notice.service.js';
import { type ControllerConfig, readController } from '../../functions/http/config.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { formAction } from '../form-action.js';
import { field } from '../forms.js';
import { page } from '../render.js';
import { safeReturnPath } from '../session.js';
import { PrivacyPage } from './privacy.page.js';

/** Set at each sign-in: the first page after it asks whether the privacy notice has been shown. */
const CHECK_COOKIE = 'fim_privacy_check';

/** Called where a sign-in sets the session (web/sign-in): the next page shows the notice if still unseen. */
export function checkPrivacyNoticeNext(c: Context, secure: boolean): void {
  setCookie(c, CHECK_COOKIE, '1', { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 600 });
}

/** After the session is read: one look after a sign-in, so no page pays for it otherwise. */
export function privacyNoticeCheck(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('principal');
    if (actor && c.req.method === 'GET' && getCookie(c, CHECK_COOKIE)) {
      if (await mustSeePrivacyNotice(deps.core, { actor })) c.set('privacyNotice', true);
      else deleteCookie(c, CHECK_COOKIE, { path: '/' });
    }
    await next();
  };
}

/** The privacy notice, public; "I have read it" records it for the person signed in. */
export function privacyRoutes(deps: AppDeps, controller: ControllerConfig = readController()) {
  const app = new Hono<AppEnv>();
  app.get('/privatliv', (c) => {
    const lang = c.get('lang');
    return page(c, texts[lang].privacy.title, <PrivacyPage lang={lang} controller={controller} />);
  });
  app.post(
    '/privatliv/set',
    formAction({
      values: () => ({}),
      input: () => ({}),
      schema: z.object({}),
      run: async (_, { c, ctx }) => {
        await acknowledgePrivacyNotice(deps.core, ctx);
        deleteCookie(c, CHECK_COOKIE, { path: '/' });
      },
      done: (_, { body }) => safeReturnPath(field(body, 'next') || undefined),
      render: (c) =>
        page(
          c,
          texts[c.get('lang')].privacy.title,
          <PrivacyPage lang={c.get('lang')} controller={controller} />,
        ),
    }),
  );
  return app;
}
