import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { syncUserProfile } from '../../functions/core/auth/users.service.js';
import type { CoreDeps } from '../../functions/core/ports.js';
import { AppError } from '../../functions/core/shared/errors.js';
import type { TokenVerifier } from '../../functions/http/auth/tokens.js';
import type { AppConfig } from '../../functions/http/config.js';
import type { AppEnv } from '../../functions/http/context.js';
import { safeReturnPath, setSession } from '../session.js';
import { checkPrivacyNoticeNext } from '../site/privacy.routes.js';

const FLOW_COOKIE = 'fim_oauth';

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/**
 * Sign-in through Cognito's hosted pages: authorization code with PKCE. The ID token it returns becomes the
 * session cookie, verified on every request by the same verifier as API bearer tokens.
 */
export function cognitoLogin(
  config: Extract<AppConfig, { mode: 'aws' }>,
  tokens: TokenVerifier,
  core: Pick<CoreDeps, 'users' | 'clock'>,
  fetcher: typeof fetch = fetch,
) {
  const r = new Hono<AppEnv>();
  const redirectUri = `${config.publicUrl}/auth/callback`;

  r.get('/login', async (c) => {
    const state = random();
    const verifier = random();
    const challenge = base64url(
      new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
    );
    const next = safeReturnPath(c.req.query('next'));
    setCookie(c, FLOW_COOKIE, JSON.stringify({ state, verifier, next }), {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/auth',
      maxAge: 600,
    });
    const url = new URL(`${config.cognitoDomain}/oauth2/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      lang: c.get('lang'),
    }).toString();
    return c.redirect(url.toString(), 302);
  });

  r.get('/auth/callback', async (c) => {
    const raw = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: '/auth' });
    let flow: { state?: string; verifier?: string; next?: string } = {};
    try {
      flow = raw ? JSON.parse(raw) : {};
    } catch {
      flow = {};
    }
    const code = c.req.query('code');
    if (!code || !flow.state || !flow.verifier || c.req.query('state') !== flow.state) {
      return c.redirect('/login', 303);
    }
    const response = await fetcher(`${config.cognitoDomain}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code,
        redirect_uri: redirectUri,
        code_verifier: flow.verifier,
      }),
    });
    const body = (await response.json().catch(() => ({}))) as { id_token?: string };
    if (!response.ok || !body.id_token) {
      throw new AppError('UNAVAILABLE', { code: 'SIGN_IN_UNAVAILABLE' });
    }
    // A token that fails here would fail again at once: a page, not another round trip to Cognito.
    const principal = await tokens.verify(body.id_token).catch(() => {
      // Not UNAUTHENTICATED: that sends the browser to sign in again, and round it would go.
      throw new AppError('FORBIDDEN', { code: 'SIGN_IN_NOT_VERIFIED' });
    });
    // The directory the chair assigns reviewers from follows Cognito: refreshed at every sign-in.
    await syncUserProfile(
      core,
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
    setSession(c, body.id_token, true);
    checkPrivacyNoticeNext(c, true);
    return c.redirect(safeReturnPath(flow.next), 303);
  });
  return r;
}
