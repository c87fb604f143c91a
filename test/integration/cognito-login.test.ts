import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app/app.js';
import { hashId } from '../../functions/core/auth/session.service.js';
import * as keys from '../../functions/db/keys.js';
import { getItem } from '../../functions/db/reads.js';
import { rememberVerified } from '../../functions/http/auth/tokens.js';
import { createHarness, type Harness } from '../support/harness.js';

/*
 * AWS mode's web sign-in: Cognito's hosted page with the authorization code flow and PKCE (oauth4webapi), a
 * server-side session that keeps the refresh token, the ID token renewed with it, and revocation at sign-out.
 * Cognito is played by a fake token and revocation endpoint handed to oauth4webapi as its fetch; its ID tokens
 * are RS256, checked by the app's verifier against the test's key.
 */
const config = {
  mode: 'aws' as const,
  userPoolId: 'eu-north-1_abcdefghi',
  clientId: 'web-client',
  cognitoDomain: 'https://fim.auth.eu-north-1.amazoncognito.com',
  publicUrl: 'https://fim.example.dk',
  secureCookies: true as const,
};
const ISSUER = 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_abcdefghi';
const ORIGIN = 'https://fim.example.dk';

let h: Harness;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let verify: (token: string) => Promise<Record<string, unknown>>;

/** What the fake Cognito was asked, and how it answers the next refresh. */
let calls: { url: string; form: URLSearchParams }[] = [];
let refreshAnswer: 'ok' | 'revoked' = 'ok';
let groups = ['applicant'];

beforeAll(async () => {
  // Cognito's ID tokens are signed with real time: the app's clock starts at now.
  h = await createHarness({ now: new Date().toISOString() });
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const publicKey = await importJWK(await exportJWK(pair.publicKey), 'RS256');
  verify = async (token) =>
    (await jwtVerify(token, publicKey, { issuer: ISSUER, audience: config.clientId })).payload;
});
beforeEach(() => {
  calls = [];
  refreshAnswer = 'ok';
  groups = ['applicant'];
  h.clock.set(new Date().toISOString());
});

const idToken = (claims: Record<string, unknown> = {}, issuer = ISSUER) =>
  new SignJWT({
    token_use: 'id',
    email: 'sofie@auh.rm.dk',
    name: 'Sofie Andersen',
    'cognito:groups': groups,
    'custom:organisation': 'Aarhus Universitetshospital',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('cognito-sub-1')
    .setIssuer(issuer)
    .setAudience(config.clientId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);

/** Cognito's /oauth2/token and /oauth2/revoke, as oauth4webapi's fetch. */
const cognito = (options: { issuer?: string } = {}): typeof fetch =>
  (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const form = new URLSearchParams(String(init?.body ?? ''));
    calls.push({ url, form });
    if (url.endsWith('/oauth2/revoke')) return new Response(null, { status: 200 });
    if (form.get('grant_type') === 'refresh_token' && refreshAnswer === 'revoked') {
      return Response.json({ error: 'invalid_grant' }, { status: 400 });
    }
    return Response.json({
      id_token: await idToken({}, options.issuer),
      access_token: 'access',
      token_type: 'Bearer',
      expires_in: 3600,
      ...(form.get('grant_type') === 'authorization_code' ? { refresh_token: 'the-refresh-token' } : {}),
    });
  }) as typeof fetch;

function awsApp(fetcher: typeof fetch = cognito()) {
  return createApp({
    core: h.core,
    readiness: {},
    config,
    tokens: rememberVerified((token) => verify(token)),
    logError: () => {},
    fetch: fetcher,
  });
}
type AwsApp = ReturnType<typeof awsApp>;

async function startSignIn(app: AwsApp) {
  const res = await app.request(`${ORIGIN}/login?next=/applications`);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  const flowCookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { location, flowCookie, res };
}

/** The whole sign-in: the hosted page, the callback; the session cookie as the browser sends it back. */
async function signIn(app: AwsApp): Promise<{ cookie: string; res: Response }> {
  const { location, flowCookie } = await startSignIn(app);
  const state = location.searchParams.get('state') ?? '';
  const res = await app.request(`${ORIGIN}/auth/callback?code=the-code&state=${state}`, {
    headers: { cookie: flowCookie },
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('fim_session='));
  return { cookie: session?.split(';')[0] ?? '', res };
}

const open = (app: AwsApp, cookie: string, path = '/applications') =>
  app.request(`${ORIGIN}${path}`, { headers: { cookie } });

describe('sign-in through Cognito (AWS mode)', () => {
  it('sends the browser to the hosted page with PKCE and a state bound to an HttpOnly cookie', async () => {
    const { location, res } = await startSignIn(awsApp());
    expect(`${location.origin}${location.pathname}`).toBe(
      'https://fim.auth.eu-north-1.amazoncognito.com/oauth2/authorize',
    );
    expect(location.searchParams.get('client_id')).toBe('web-client');
    expect(location.searchParams.get('redirect_uri')).toBe('https://fim.example.dk/auth/callback');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
  });

  it('exchanges the code with the verifier and starts a session that keeps the refresh token server-side', async () => {
    const app = awsApp();
    const { cookie, res } = await signIn(app);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/applications');
    const [token] = calls;
    expect(token?.url).toBe('https://fim.auth.eu-north-1.amazoncognito.com/oauth2/token');
    expect(token?.form.get('code')).toBe('the-code');
    expect(token?.form.get('grant_type')).toBe('authorization_code');
    expect(token?.form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('fim_session='))).toMatch(
      /^fim_session=[A-Za-z0-9_-]{43};.*HttpOnly.*Secure/,
    );
    // The cookie carries no token; the item keeps the refresh token.
    expect(cookie).not.toContain('the-refresh-token');
    const id = cookie.slice('fim_session='.length);
    expect(await getItem(h.db, keys.session(await hashId(id)))).toMatchObject({
      refreshToken: 'the-refresh-token',
      principal: { email: 'sofie@auh.rm.dk' },
    });

    // The directory follows Cognito: the chair can now find this person when assigning reviewers.
    expect(await h.core.users.get('cognito-sub-1')).toMatchObject({
      email: 'sofie@auh.rm.dk',
      organisation: 'Aarhus Universitetshospital',
      roles: ['applicant'],
    });

    const mine = await open(app, cookie);
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('Sofie Andersen');
  });

  it('renews the ID token with the refresh token when it expires, taking in changed groups', async () => {
    const app = awsApp();
    const { cookie } = await signIn(app);
    calls = [];
    h.clock.advance(30 * 60_000);
    expect((await open(app, cookie)).status).toBe(200);
    expect(calls).toEqual([]);

    // Past the ID token's hour: one refresh, and the person's new groups with it.
    groups = ['applicant', 'admin'];
    h.clock.advance(31 * 60_000);
    const admin = await open(app, cookie, '/admin/users');
    expect(admin.status).toBe(200);
    expect(calls.map((c) => c.form.get('grant_type'))).toEqual(['refresh_token']);
    expect(calls[0]?.form.get('refresh_token')).toBe('the-refresh-token');
  });

  it('ends the session when Cognito refuses the refresh token (revoked, user disabled)', async () => {
    const app = awsApp();
    const { cookie } = await signIn(app);
    refreshAnswer = 'revoked';
    h.clock.advance(61 * 60_000);
    const res = await open(app, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fapplications');
  });

  it('signs out: the session deleted, the refresh token revoked, the hosted page told, the cookie dead', async () => {
    const app = awsApp();
    const { cookie } = await signIn(app);
    calls = [];
    const logout = await app.request(`${ORIGIN}/logout`, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN },
    });
    expect(logout.status).toBe(303);
    const to = new URL(logout.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe('https://fim.auth.eu-north-1.amazoncognito.com/logout');
    expect(to.searchParams.get('logout_uri')).toBe('https://fim.example.dk/');
    expect(calls.map((c) => c.url)).toEqual(['https://fim.auth.eu-north-1.amazoncognito.com/oauth2/revoke']);
    expect(calls[0]?.form.get('token')).toBe('the-refresh-token');
    expect(calls[0]?.form.get('client_id')).toBe('web-client');
    expect((await open(app, cookie)).status).toBe(303);
  });

  it('refuses a callback whose state does not match, or whose token is not the pool’s', async () => {
    const app = awsApp(cognito({ issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_other' }));
    const { location, flowCookie } = await startSignIn(app);
    const wrongState = await app.request(`${ORIGIN}/auth/callback?code=c&state=other`, {
      headers: { cookie: flowCookie },
    });
    expect(wrongState.status).toBe(303);
    expect(wrongState.headers.get('location')).toBe('/login');
    expect(calls).toEqual([]);

    const state = location.searchParams.get('state') ?? '';
    const forged = await app.request(`${ORIGIN}/auth/callback?code=c&state=${state}`, {
      headers: { cookie: flowCookie },
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('fim_session='))).toBe(false);
  });

  it('offers no demo sign-in in AWS mode', async () => {
    const app = awsApp();
    const res = await app.request(`${ORIGIN}/login`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=admin%40fim.local',
    });
    expect(res.status).toBe(404);
  });
});
