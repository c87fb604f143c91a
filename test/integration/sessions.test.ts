import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app/app.js';
import {
  hashId,
  SESSION_IDLE_MINUTES,
  SESSION_WORKING_DAY_HOURS,
} from '../../functions/core/auth/session.service.js';
import * as keys from '../../functions/db/keys.js';
import { getItem } from '../../functions/db/reads.js';
import { createLocalTokens } from '../../functions/http/auth/tokens.js';
import { type Api, api, checkRoutes, expectProblem, rolesOf } from '../support/api.js';
import { ADMIN, createCall, createDraft, EVERYONE, RESEARCHER } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { auditEvents } from '../support/table.js';
import { ORIGIN, type PageCase, walkPages } from '../support/web.js';

/*
 * Server-side sessions through the app: the cookie holds only a random id, the table a hash of it; sessions end
 * when idle, at the working day's end, at logout and when an administrator ends them; a form posted after the
 * end is kept while its person signs in again. Bearer tokens without `exp` are refused.
 */

const MINUTE = 60_000;

let h: Harness;
let client: Api;
let callId = '';

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  callId = (await createCall(client)).id;
});

const cookieValue = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** Signs in through the demo sign-in page, as a browser does: the session cookie's value. */
async function signIn(email: string, next = '/'): Promise<{ id: string; res: Response }> {
  const res = await h.app.request('/login', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, next }).toString(),
  });
  expect(res.status).toBe(303);
  const id = cookieValue(res, 'fim_session');
  if (!id) throw new Error('no session cookie');
  return { id, res };
}

const open = (path: string, cookie: string) => h.app.request(path, { headers: { cookie } });

const userOf = (email: string) => h.user(email).userId;

/** The session events on a person's record (their audit events). */
const auditActions = async (email: string) =>
  (
    (await auditEvents(h, keys.user(userOf(email)).pk)) as {
      action: string;
      details: Record<string, unknown>;
    }[]
  ).filter((e) => e.action.startsWith('session.'));

describe('the session cookie', () => {
  it('holds a random id only; the table keeps its hash, and sign-in is on the person’s record', async () => {
    const { id, res } = await signIn(RESEARCHER);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(await getItem(h.db, keys.session(id))).toBeUndefined();
    const stored = await getItem<{ userId: string; principal: { email: string } }>(
      h.db,
      keys.session(await hashId(id)),
    );
    expect(stored).toMatchObject({ userId: userOf(RESEARCHER), principal: { email: RESEARCHER } });
    expect(JSON.stringify(stored)).not.toContain(id);
    const page = await open('/applications', `fim_session=${id}`);
    expect(page.status).toBe(200);
    expect(await auditActions(RESEARCHER)).toContainEqual(
      expect.objectContaining({ action: 'session.started' }),
    );
  });

  it('refuses an id no one was given', async () => {
    for (const id of ['x'.repeat(43), 'forged.token.value', '']) {
      const res = await open('/applications', `fim_session=${id}`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?next=%2Fapplications');
    }
  });
});

describe('the end of a session', () => {
  it('ends after the idle limit, and each use moves the limit on', async () => {
    const { id } = await signIn(RESEARCHER);
    const start = h.clock.now().getTime();
    try {
      // Used just before the idle limit: still signed in, and the limit moves on from here.
      h.clock.set(new Date(start + (SESSION_IDLE_MINUTES - 1) * MINUTE).toISOString());
      expect((await open('/applications', `fim_session=${id}`)).status).toBe(200);
      h.clock.set(new Date(start + (2 * SESSION_IDLE_MINUTES - 2) * MINUTE).toISOString());
      expect((await open('/applications', `fim_session=${id}`)).status).toBe(200);
      // Then left alone past the limit: signed out, and the cookie is forgotten.
      h.clock.set(new Date(start + 3 * SESSION_IDLE_MINUTES * MINUTE).toISOString());
      const late = await open('/applications', `fim_session=${id}`);
      expect(late.status).toBe(303);
      expect(late.headers.get('set-cookie')).toMatch(/^fim_session=;.*Max-Age=0/);
      expect(await getItem(h.db, keys.session(await hashId(id)))).toBeUndefined();
    } finally {
      h.clock.set(new Date(start).toISOString());
    }
  });

  it('ends at the working day’s end however often it is used', async () => {
    const { id } = await signIn(RESEARCHER);
    const start = h.clock.now().getTime();
    try {
      for (let minutes = 60; minutes < SESSION_WORKING_DAY_HOURS * 60; minutes += 60) {
        h.clock.set(new Date(start + minutes * MINUTE).toISOString());
        expect((await open('/applications', `fim_session=${id}`)).status, `${minutes} min`).toBe(200);
      }
      h.clock.set(new Date(start + SESSION_WORKING_DAY_HOURS * 60 * MINUTE).toISOString());
      expect((await open('/applications', `fim_session=${id}`)).status).toBe(303);
    } finally {
      h.clock.set(new Date(start).toISOString());
    }
  });

  it('ends at logout: a copy of the cookie no longer works, and the logout is on the record', async () => {
    const { id } = await signIn(RESEARCHER);
    const copied = `fim_session=${id}`;
    expect((await open('/applications', copied)).status).toBe(200);
    const logout = await h.app.request('/logout', {
      method: 'POST',
      headers: { cookie: copied, origin: ORIGIN },
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/^fim_session=;.*Max-Age=0/);
    expect(await getItem(h.db, keys.session(await hashId(id)))).toBeUndefined();
    const after = await open('/applications', copied);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
    expect(await auditActions(RESEARCHER)).toContainEqual(
      expect.objectContaining({ action: 'session.ended', details: { by: 'logout', sessions: 1 } }),
    );
  });
});

describe('a form posted after the session ended', () => {
  it('keeps what was typed: sign in, then the same form again, filled in, and nothing saved', async () => {
    const draft = await createDraft(client, callId, RESEARCHER, { title: 'Før' });
    const { id } = await signIn(RESEARCHER);
    const start = h.clock.now().getTime();
    h.clock.set(new Date(start + SESSION_WORKING_DAY_HOURS * 60 * MINUTE).toISOString());
    let resumeCookie = '';
    try {
      const typed = 'Skrevet mens sessionen udløb: æøå';
      const posted = await h.app.request(`/applications/${draft.id}`, {
        method: 'POST',
        headers: {
          cookie: `fim_session=${id}`,
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          _version: '1',
          _action: 'save',
          title: typed,
          grantTypeId: 'A',
        }).toString(),
      });
      expect(posted.status).toBe(303);
      const location = posted.headers.get('location') ?? '';
      expect(location).toBe('/login?next=%2Fresume');
      resumeCookie = cookieValue(posted, 'fim_resume') ?? '';
      expect(resumeCookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Nothing typed travels in the address or a cookie.
      expect(posted.headers.getSetCookie().join(';')).not.toContain('Skrevet');
      expect((await h.core.applications.get(draft.id))?.title).toBe('Før');

      // Signed in again, back where the sign-in was asked to return: the form as it was typed.
      const again = await signIn(RESEARCHER, '/resume');
      expect(again.res.headers.get('location')).toBe('/resume');
      const shown = await open('/resume', `fim_session=${again.id}; fim_resume=${resumeCookie}`);
      expect(shown.status).toBe(200);
      const html = await shown.text();
      expect(html).toContain(`value="${typed}"`);
      expect(html).toContain('Det du skrev er gemt her');
      expect(html).toContain(`action="/applications/${draft.id}"`);
      expect(shown.headers.get('set-cookie')).toMatch(/fim_resume=;.*Max-Age=0/);
      // Shown, not saved: the person checks it and sends it.
      expect((await h.core.applications.get(draft.id))?.title).toBe('Før');

      // Kept once.
      const twice = await open('/resume', `fim_session=${again.id}; fim_resume=${resumeCookie}`);
      expect(twice.status).toBe(303);
      expect(twice.headers.get('location')).toBe('/');
    } finally {
      h.clock.set(new Date(start).toISOString());
    }
  });

  it('is kept for no one else: without its cookie, or for a visitor not signed in, nothing is shown', async () => {
    const anonymous = await open('/resume', 'fim_resume=abc');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fresume');
    const { id } = await signIn(RESEARCHER);
    const none = await open('/resume', `fim_session=${id}; fim_resume=${'y'.repeat(43)}`);
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/');
  });
});

describe('an administrator ending a person’s sessions', () => {
  it('ends every session of the person at once, through the API, and it is on their record', async () => {
    const first = await signIn(RESEARCHER);
    const second = await signIn(RESEARCHER);
    const ended = await client.send('DELETE', `/api/admin/users/${userOf(RESEARCHER)}/sessions`, ADMIN);
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body.ended).toBeGreaterThanOrEqual(2);
    for (const { id } of [first, second]) {
      expect((await open('/applications', `fim_session=${id}`)).status).toBe(303);
    }
    expect(await auditActions(RESEARCHER)).toContainEqual(
      expect.objectContaining({ action: 'session.ended', details: expect.objectContaining({ by: 'admin' }) }),
    );
    // Nothing left to end.
    const again = await client.send('DELETE', `/api/admin/users/${userOf(RESEARCHER)}/sessions`, ADMIN);
    expect(again.body).toEqual({ ended: 0 });
  });

  it('ends them from the person’s page too, which lists them', async () => {
    const { id } = await signIn(RESEARCHER);
    const admin = await signIn(ADMIN);
    const pageOf = await open(`/admin/users/${userOf(RESEARCHER)}`, `fim_session=${admin.id}`);
    expect(pageOf.status).toBe(200);
    const html = await pageOf.text();
    expect(html).toContain(RESEARCHER);
    expect(html).toContain(`action="/admin/users/${userOf(RESEARCHER)}/sessions/end"`);
    const end = await h.app.request(`/admin/users/${userOf(RESEARCHER)}/sessions/end`, {
      method: 'POST',
      headers: { cookie: `fim_session=${admin.id}`, origin: ORIGIN },
    });
    expect(end.status).toBe(303);
    expect(end.headers.get('location')).toBe(`/admin/users/${userOf(RESEARCHER)}?ended=1`);
    expect((await open('/applications', `fim_session=${id}`)).status).toBe(303);
    // The administrator's own session is untouched.
    const after = await open(end.headers.get('location') ?? '', `fim_session=${admin.id}`);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('1 session er afsluttet');
  });

  it('answers 404 for a person who does not exist', async () => {
    expectProblem(await client.send('DELETE', '/api/admin/users/no-such-user/sessions', ADMIN), 404);
  });
});

describe('bearer tokens', () => {
  it('refuses a token that never expires, though its signature is good', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fim-exp-'));
    const tokens = await createLocalTokens(dataDir);
    const app = createApp({
      core: h.core,
      readiness: {},
      config: { mode: 'local', dataDir, secureCookies: false },
      tokens,
      logError: () => {},
    });
    const key = Buffer.from(readFileSync(join(dataDir, 'local-signing-key'), 'utf8').trim(), 'base64url');
    const user = h.user(RESEARCHER);
    const claims = { email: user.email, name: user.name, 'cognito:groups': user.roles, token_use: 'id' };
    const sign = (withExp: boolean) => {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.userId)
        .setIssuer('urn:fim:local')
        .setAudience('urn:fim:local:app')
        .setIssuedAt();
      return (withExp ? jwt.setExpirationTime('1h') : jwt).sign(key);
    };
    const me = async (token: string) =>
      app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    // The same token with `exp` is accepted: the refusal is for the missing expiry alone.
    expect((await me(await sign(true))).status).toBe(200);
    const refused = await me(await sign(false));
    expect(refused.status).toBe(401);
    // And so is a dev-login token: it carries `exp`.
    const login = await app.request('/api/auth/dev-login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: RESEARCHER }),
    });
    const { token } = (await login.json()) as { token: string };
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp?: number;
    };
    expect(payload.exp).toBeTypeOf('number');
  });
});

// ---- Who may end sessions and see the pages ----------------------------------------------------------------
const ROLES = rolesOf(EVERYONE);
type Role = keyof typeof EVERYONE;

checkRoutes(ROLES, [
  {
    route: 'DELETE /api/admin/users/{userId}/sessions',
    expected: ROLES.all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.send('DELETE', `/api/admin/users/${userOf(RESEARCHER)}/sessions`, who),
  },
]);

const pages: PageCase<Role>[] = [
  ['GET', () => '/admin/users', { anonymous: 303, admin: 200, others: 403 }],
  ['GET', () => `/admin/users/${userOf(RESEARCHER)}`, { anonymous: 303, admin: 200, others: 403 }],
  [
    'POST',
    () => `/admin/users/${userOf(RESEARCHER)}/sessions/end`,
    { anonymous: 303, admin: 303, others: 403 },
  ],
  ['GET', () => '/resume', { anonymous: 303, others: 303 }],
];
walkPages(() => h, EVERYONE, pages);
