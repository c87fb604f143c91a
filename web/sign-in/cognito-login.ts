import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oauth from 'oauth4webapi';
import { startSession } from '../../functions/core/auth/session.service.js';
import { syncUserProfile } from '../../functions/core/auth/users.service.js';
import type { CognitoOAuth } from '../../functions/http/auth/cognito-oauth.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { safeReturnPath, setSession } from '../session.js';
import { checkPrivacyNoticeNext } from '../site/privacy.routes.js';

const FLOW_COOKIE = 'fim_oauth';

/**
 * Sign-in through Cognito's hosted pages: authorization code with PKCE, by oauth4webapi. The flow's state and
 * PKCE verifier wait in a short HttpOnly cookie scoped to /auth; the callback starts a server-side session that
 * keeps the refresh token (core/auth/session.service.ts), and the browser gets only the session's id.
 */
export function cognitoLogin(deps: AppDeps, client: CognitoOAuth) {
  const r = new Hono<AppEnv>();

  r.get('/login', async (c) => {
    const state = oauth.generateRandomState();
    const verifier = oauth.generateRandomCodeVerifier();
    const next = safeReturnPath(c.req.query('next'));
    setCookie(c, FLOW_COOKIE, JSON.stringify({ state, verifier, next }), {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/auth',
      maxAge: 600,
    });
    const url = client.authorizationUrl(
      state,
      await oauth.calculatePKCECodeChallenge(verifier),
      c.get('lang'),
    );
    return c.redirect(url.toString(), 302);
  });

  r.get('/auth/callback', async (c) => {
    const raw = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: '/auth' });
    let flow: { state?: unknown; verifier?: unknown; next?: unknown } = {};
    try {
      flow = raw ? JSON.parse(raw) : {};
    } catch {
      flow = {};
    }
    const { state, verifier } = flow;
    const callback = new URL(c.req.url);
    if (
      typeof state !== 'string' ||
      typeof verifier !== 'string' ||
      !callback.searchParams.get('code') ||
      callback.searchParams.get('state') !== state
    ) {
      return c.redirect('/login', 303);
    }
    const signedIn = await client.exchangeCode(callback, state, verifier);
    const { principal } = signedIn;
    // The directory the chair assigns reviewers from follows Cognito: refreshed at every sign-in.
    await syncUserProfile(
      deps.core,
      { actor: principal },
      {
        userId: principal.userId,
        email: principal.email,
        name: principal.name,
        ...(principal.organisation ? { organisation: principal.organisation } : {}),
        roles: principal.roles,
        chair: principal.chair,
      },
    );
    const { id } = await startSession(deps.core, principal, {
      tokenExpiresAt: signedIn.tokenExpiresAt,
      ...(signedIn.refreshToken ? { refreshToken: signedIn.refreshToken } : {}),
    });
    setSession(c, id, true);
    checkPrivacyNoticeNext(c, true);
    return c.redirect(safeReturnPath(typeof flow.next === 'string' ? flow.next : undefined), 303);
  });
  return r;
}
