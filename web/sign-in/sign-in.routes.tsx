import { Hono } from 'hono';
import { findDemoUser, listDemoUsers } from '../../functions/core/auth/sign-in.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { canSign } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { field, readBody } from '../forms.js';
import { page } from '../render.js';
import { clearSession, safeReturnPath, setSession } from '../session.js';
import { checkPrivacyNoticeNext } from '../site/privacy.routes.js';
import { cognitoLogin } from './cognito-login.js';
import { LoginPage } from './sign-in.page.js';

/** Sign-in and sign-out: demo users locally, Cognito's hosted sign-in in AWS. */
export function signInRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const secure = deps.config.secureCookies;
  const { tokens } = deps;

  if (deps.config.mode === 'local' && canSign(tokens)) {
    app.get('/login', async (c) => {
      const lang = c.get('lang');
      return page(
        c,
        texts[lang].login.title,
        <LoginPage
          lang={lang}
          users={await listDemoUsers(deps.core)}
          next={safeReturnPath(c.req.query('next'))}
        />,
      );
    });
    app.post('/login', async (c) => {
      const body = await readBody(c);
      // An unknown user is refused as a failed sign-in: back to the sign-in page.
      const user = await findDemoUser(deps.core, field(body, 'email'));
      setSession(c, await tokens.sign(user), secure);
      checkPrivacyNoticeNext(c, secure);
      return c.redirect(safeReturnPath(field(body, 'next')), 303);
    });
  } else if (deps.config.mode === 'aws') {
    app.route('/', cognitoLogin(deps.config, deps.tokens, deps.core));
  }

  app.post('/logout', (c) => {
    clearSession(c);
    return c.redirect('/', 303);
  });
  return app;
}
