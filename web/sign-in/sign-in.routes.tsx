import { Hono } from 'hono';
import {
  endSession,
  endUserSessions,
  listUserSessions,
  listUsersForAdmin,
  startSession,
} from '../../functions/core/auth/session.service.js';
import { findDemoUser, listDemoUsers } from '../../functions/core/auth/sign-in.service.js';
import { cognitoOAuthOf } from '../../functions/http/auth/cognito-oauth.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { canSign } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { field, readBody } from '../forms.js';
import { page, webCtx } from '../render.js';
import { clearSession, readSession, safeReturnPath, sessionDeps, setSession } from '../session.js';
import { checkPrivacyNoticeNext } from '../site/privacy.routes.js';
import { cognitoLogin } from './cognito-login.js';
import { LoginPage } from './sign-in.page.js';
import { UserSessionsPage, UsersPage } from './user-sessions.page.js';

/**
 * Sign-in and sign-out (demo users locally, Cognito's hosted sign-in in AWS), both starting the same server-side
 * session; and the administrator's pages that end a person's sessions.
 */
export function signInRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const secure = deps.config.secureCookies;
  const { tokens } = deps;
  const sessions = sessionDeps(deps);
  const cognito = cognitoOAuthOf(deps);

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
      // The person as a token for them says (the same claims and rules as a dev-login bearer token).
      const principal = await tokens.verify(await tokens.sign(user));
      const { id } = await startSession(sessions, principal);
      setSession(c, id, secure);
      checkPrivacyNoticeNext(c, secure);
      return c.redirect(safeReturnPath(field(body, 'next')), 303);
    });
  } else if (deps.config.mode === 'aws' && cognito) {
    app.route('/', cognitoLogin(deps, cognito));
  }

  app.post('/logout', async (c) => {
    const id = readSession(c);
    if (id) await endSession(sessions, id);
    clearSession(c);
    if (deps.config.mode === 'aws') {
      // Cognito's hosted pages keep a sign-in of their own: ended too, else the next sign-in skips the password.
      const url = new URL(`${deps.config.cognitoDomain}/logout`);
      url.search = new URLSearchParams({
        client_id: deps.config.clientId,
        logout_uri: `${deps.config.publicUrl}/`,
      }).toString();
      return c.redirect(url.toString(), 303);
    }
    return c.redirect('/', 303);
  });

  // ---- The administrator: people and their sessions --------------------------------------------------------
  app.get('/admin/users', async (c) => {
    const ctx = webCtx(c);
    const users = await listUsersForAdmin(deps.core, ctx);
    return page(c, texts[ctx.lang].sessions.usersTitle, <UsersPage lang={ctx.lang} users={users} />);
  });
  app.get('/admin/users/:userId', async (c) => {
    const ctx = webCtx(c);
    const { user, sessions: live } = await listUserSessions(sessions, ctx, c.req.param('userId'));
    const ended = c.req.query('ended');
    return page(
      c,
      texts[ctx.lang].sessions.title(user.name),
      <UserSessionsPage
        lang={ctx.lang}
        user={user}
        sessions={live}
        {...(ended && /^\d{1,4}$/.test(ended) ? { ended: Number(ended) } : {})}
      />,
    );
  });
  app.post('/admin/users/:userId/sessions/end', async (c) => {
    const userId = c.req.param('userId');
    const { ended } = await endUserSessions(sessions, webCtx(c), userId);
    return c.redirect(`/admin/users/${encodeURIComponent(userId)}?ended=${ended}`, 303);
  });
  return app;
}
