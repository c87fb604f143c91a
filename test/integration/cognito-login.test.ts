import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../functions/app/app.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { AppError } from '../../functions/core/shared/errors.js';
import type { TokenVerifier } from '../../functions/http/auth/tokens.js';
import { createHarness, type Harness } from '../support/harness.js';

/*
 * AWS mode's web sign-in: Cognito's hosted page with the authorization code flow and PKCE. Cognito itself is
 * played by a fake token endpoint; the ID token it returns must pass the same verifier as API bearer tokens.
 */
const config = {
  mode: 'aws' as const,
  userPoolId: 'eu-north-1_abcdefghi',
  clientId: 'web-client',
  cognitoDomain: 'https://fim.auth.eu-north-1.amazoncognito.com',
  publicUrl: 'https://fim.example.dk',
  secureCookies: true as const,
};

const sofie: Principal = {
  userId: 'cognito-sub-1',
  email: 'sofie@auh.rm.dk',
  name: 'Sofie Andersen',
  organisation: 'Aarhus Universitetshospital',
  roles: ['applicant'],
  chair: false,
};

const verifier: TokenVerifier = {
  async verify(token) {
    if (token === 'good-id-token') return sofie;
    throw new AppError('UNAUTHENTICATED', { code: 'SIGN_IN_AGAIN' });
  },
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function awsApp() {
  return createApp({ core: h.core, readiness: {}, config, tokens: verifier, logError: () => {} });
}

async function startSignIn(app: ReturnType<typeof awsApp>) {
  const res = await app.request('https://fim.example.dk/login?next=/applications');
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  const flowCookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { location, flowCookie, res };
}

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

  it('exchanges the code with the verifier, checks the ID token and starts the session', async () => {
    const token = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      Response.json({ id_token: 'good-id-token', access_token: 'a', token_type: 'Bearer' }),
    );
    vi.stubGlobal('fetch', token);
    const app = awsApp();
    const { location, flowCookie } = await startSignIn(app);
    const state = location.searchParams.get('state') ?? '';
    const res = await app.request(`https://fim.example.dk/auth/callback?code=the-code&state=${state}`, {
      headers: { cookie: flowCookie },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/applications');
    const [url, init] = token.mock.calls[0] ?? [];
    expect(String(url)).toBe('https://fim.auth.eu-north-1.amazoncognito.com/oauth2/token');
    const form = new URLSearchParams(String(init?.body));
    expect(form.get('code')).toBe('the-code');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('fim_session='));
    expect(session).toMatch(/^fim_session=good-id-token;.*HttpOnly.*Secure/);

    // The directory follows Cognito: the chair can now find this person when assigning reviewers.
    expect(await h.core.users.get('cognito-sub-1')).toMatchObject({
      email: 'sofie@auh.rm.dk',
      organisation: 'Aarhus Universitetshospital',
      roles: ['applicant'],
    });

    // The session works on the pages like any signed-in user.
    const mine = await app.request('https://fim.example.dk/applications', {
      headers: { cookie: 'fim_session=good-id-token' },
    });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('Sofie Andersen');
  });

  it('refuses a callback whose state does not match, or whose token fails verification', async () => {
    const token = vi.fn(async () => Response.json({ id_token: 'forged' }));
    vi.stubGlobal('fetch', token);
    const app = awsApp();
    const { location, flowCookie } = await startSignIn(app);
    const wrongState = await app.request('https://fim.example.dk/auth/callback?code=c&state=other', {
      headers: { cookie: flowCookie },
    });
    expect(wrongState.status).toBe(303);
    expect(wrongState.headers.get('location')).toBe('/login');
    expect(token).not.toHaveBeenCalled();

    const state = location.searchParams.get('state') ?? '';
    const forged = await app.request(`https://fim.example.dk/auth/callback?code=c&state=${state}`, {
      headers: { cookie: flowCookie },
    });
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('fim_session=forged'))).toBe(false);
  });

  it('offers no demo sign-in in AWS mode', async () => {
    const app = awsApp();
    const res = await app.request('https://fim.example.dk/login', {
      method: 'POST',
      headers: { origin: 'https://fim.example.dk', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=admin%40fim.local',
    });
    expect(res.status).toBe(404);
  });
});
