import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/app/app.js';
import { AppError } from '../../functions/core/shared/errors.js';
import { createLocalTokens } from '../../functions/http/auth/tokens.js';
import { DEMO_USERS } from '../../functions/local/seed.js';
import {
  type Api,
  checkRoutes,
  expectProblem,
  expectSignInFirst,
  type RouteCase,
  rolesOf,
} from '../support/api.js';
import {
  ADMIN,
  CLOSE_EARLY,
  callBody,
  createCall,
  createDraft,
  EVERYONE,
  RESEARCHER,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';

const MATRIX = rolesOf(EVERYONE);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

/** Admin-only routes: anonymous 401, every other role 403. */
const adminOnly = (adminStatus: number) => all(403, { anonymous: 401, admin: adminStatus });
/** The applicant's own application: others cannot tell it exists. */
const ownerOnly = (ownerStatus: number, except: Partial<Record<Role, number>> = {}) =>
  all(404, { anonymous: 401, applicant: ownerStatus, ...except });

let h: Harness;
let client: Api;
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON
let fixtures: Record<'draftCall' | 'openCall' | 'closedCall' | 'draftApp' | 'submittedApp', any>;

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
  const draftCall = await createCall(client, { open: false });
  const openCall = await createCall(client);
  const closedCall = await createCall(client);
  expect((await client.post(`/api/calls/${closedCall.id}/close`, CLOSE_EARLY, ADMIN)).status).toBe(200);
  const draftApp = await createDraft(client, openCall.id, RESEARCHER);
  const submittedApp = await createDraft(client, openCall.id, RESEARCHER);
  expect((await client.act(`/api/applications/${submittedApp.id}/submit`, RESEARCHER)).status).toBe(200);
  fixtures = { draftCall, openCall, closedCall, draftApp, submittedApp };
});

/** A complete draft of the applicant's, fresh for a case that changes it. */
const freshDraft = () => createDraft(client, fixtures.openCall.id, RESEARCHER);
const freshSubmitted = async () => {
  const draft = await freshDraft();
  const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
  expect(res.status).toBe(200);
  return res.body;
};

const matrix: RouteCase<Role>[] = [
  { route: 'GET /api/health', expected: all(200), run: (who) => client.get('/api/health', who) },
  {
    route: 'GET /api/health/ready',
    expected: all(200),
    run: (who) => client.get('/api/health/ready', who),
  },
  { route: 'GET /api/me', expected: all(200, { anonymous: 401 }), run: (who) => client.get('/api/me', who) },
  { route: 'GET /api/calls', expected: all(200), run: (who) => client.get('/api/calls', who) },
  // Only admins may ask for drafts or closed calls: anonymous callers are asked to sign in, others refused.
  {
    route: 'GET /api/calls?status=draft',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get('/api/calls?status=draft', who),
  },
  {
    route: 'GET /api/calls?status=closed',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get('/api/calls?status=closed', who),
  },
  {
    route: 'POST /api/calls',
    expected: adminOnly(201),
    run: (who) => client.post('/api/calls', callBody(), who),
  },
  {
    route: 'GET /api/calls/{draft call}',
    expected: all(404, { admin: 200 }),
    run: (who) => client.get(`/api/calls/${fixtures.draftCall.id}`, who),
  },
  {
    route: 'GET /api/calls/{open call}',
    expected: all(200),
    run: (who) => client.get(`/api/calls/${fixtures.openCall.id}`, who),
  },
  {
    route: 'GET /api/calls/{closed call}',
    expected: all(200),
    run: (who) => client.get(`/api/calls/${fixtures.closedCall.id}`, who),
  },
  {
    route: 'PATCH /api/calls/{draft call}',
    expected: adminOnly(200),
    run: async (who) => {
      const call = await createCall(client, { open: false });
      return client.patch(`/api/calls/${call.id}`, { title: 'Ændret titel' }, who, 1);
    },
  },
  {
    route: 'POST /api/calls/{draft call}/open',
    expected: adminOnly(200),
    run: async (who) => {
      const call = await createCall(client, { open: false });
      return client.act(`/api/calls/${call.id}/open`, who);
    },
  },
  {
    route: 'POST /api/calls/{open call}/close',
    expected: adminOnly(200),
    run: async (who) => {
      const call = await createCall(client);
      return client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, who);
    },
  },
  {
    route: 'POST /api/calls/{open call}/applications',
    expected: all(201, { anonymous: 401 }),
    run: (who) => client.post(`/api/calls/${fixtures.openCall.id}/applications`, {}, who),
  },
  {
    route: 'POST /api/calls/{draft call}/applications',
    expected: all(404, { anonymous: 401 }),
    run: (who) => client.post(`/api/calls/${fixtures.draftCall.id}/applications`, {}, who),
  },
  {
    route: 'GET /api/applications?mine=true',
    expected: all(200, { anonymous: 401 }),
    run: (who) => client.get('/api/applications?mine=true', who),
  },
  {
    route: 'GET /api/applications?callId=',
    expected: adminOnly(200),
    run: (who) => client.get(`/api/applications?callId=${fixtures.openCall.id}`, who),
  },
  {
    route: 'GET /api/applications/{draft}',
    expected: ownerOnly(200),
    run: (who) => client.get(`/api/applications/${fixtures.draftApp.id}`, who),
  },
  {
    route: 'GET /api/applications/{submitted}',
    expected: ownerOnly(200, { admin: 200 }),
    run: (who) => client.get(`/api/applications/${fixtures.submittedApp.id}`, who),
  },
  {
    route: 'PATCH /api/applications/{draft}',
    expected: ownerOnly(200),
    run: async (who) => {
      const draft = await freshDraft();
      return client.patch(`/api/applications/${draft.id}`, { title: 'Ny titel' }, who, 1);
    },
  },
  {
    // Admins may read it once submitted, but never change someone else's application.
    route: 'PATCH /api/applications/{submitted}',
    expected: ownerOnly(409, { admin: 403 }),
    run: (who) => client.patch(`/api/applications/${fixtures.submittedApp.id}`, { title: 'X' }, who, 2),
  },
  {
    route: 'POST /api/applications/{draft}/submit',
    expected: ownerOnly(200),
    run: async (who) => {
      const draft = await freshDraft();
      return client.act(`/api/applications/${draft.id}/submit`, who);
    },
  },
  {
    route: 'POST /api/applications/{draft}/withdraw',
    expected: ownerOnly(200),
    run: async (who) => {
      const draft = await freshDraft();
      return client.act(`/api/applications/${draft.id}/withdraw`, who);
    },
  },
  {
    route: 'POST /api/applications/{submitted}/withdraw',
    expected: ownerOnly(200, { admin: 403 }),
    run: async (who) => {
      const submitted = await freshSubmitted();
      return client.act(`/api/applications/${submitted.id}/withdraw`, who);
    },
  },
  {
    route: 'GET /api/applications/{submitted}/receipt',
    expected: ownerOnly(200, { admin: 200 }),
    run: (who) => client.get(`/api/applications/${fixtures.submittedApp.id}/receipt`, who),
  },
  {
    route: 'GET /api/applications/{draft}/receipt',
    expected: ownerOnly(409),
    run: (who) => client.get(`/api/applications/${fixtures.draftApp.id}/receipt`, who),
  },
];

// A refusal names no one else's data.
checkRoutes(MATRIX, matrix, ['Sofie Andersen']);

describe('GET /api/me', () => {
  it.each(DEMO_USERS.map((u) => [u.email, u] as const))(
    '%s sees their own profile and roles',
    async (email, user) => {
      const res = await client.get('/api/me', email);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        userId: user.userId,
        email: user.email,
        name: user.name,
        organisation: user.organisation,
        roles: user.roles,
        chair: user.chair,
      });
    },
  );
});

describe('POST /api/auth/dev-login (local mode)', () => {
  it.each(DEMO_USERS.map((u) => [u.email, u] as const))('signs in %s', async (email, user) => {
    const res = await client.post('/api/auth/dev-login', { email });
    expect(res.status, res.text).toBe(200);
    expect(res.body.user).toMatchObject({ userId: user.userId, email, roles: user.roles, chair: user.chair });
    const me = await h.app.request('/api/me', { headers: { authorization: `Bearer ${res.body.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: user.userId, email });
  });

  it('accepts the e-mail in any case', async () => {
    const res = await client.post('/api/auth/dev-login', { email: 'Admin@FIM.local' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.user.userId).toBe('demo-admin');
  });

  it('answers 401 for an unknown e-mail', async () => {
    expectProblem(
      await client.post('/api/auth/dev-login', { email: 'nobody@fim.local' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers 400 for a body that is no e-mail', async () => {
    expectProblem(await client.post('/api/auth/dev-login', { email: 'admin' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await client.post('/api/auth/dev-login', { email: ADMIN, roles: ['admin'] }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('bad credentials', () => {
  const me = (authorization: string) => h.app.request('/api/me', { headers: { authorization } });

  it.each([
    ['a garbage bearer token', 'Bearer not-a-token'],
    ['a bearer token of three garbage parts', 'Bearer aaa.bbb.ccc'],
    ['Bearer without a token', 'Bearer'],
    ['another scheme', `Basic ${Buffer.from('admin@fim.local:x').toString('base64')}`],
  ])('%s → 401 problem+json', async (_what, authorization) => {
    const res = await me(authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('a token signed with another key → 401', async () => {
    const otherKey = await createLocalTokens(mkdtempSync(join(tmpdir(), 'fim-other-')));
    const forged = await otherKey.sign(h.user(ADMIN));
    const res = await me(`Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    // And it opens no admin route either.
    const create = await h.app.request('/api/calls?status=draft', {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(create.status).toBe(401);
  });

  it('an unsigned token (alg none) with admin claims → 401', async () => {
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const genuine = await h.tokenFor(ADMIN);
    const payload = JSON.parse(Buffer.from(genuine.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    expect((await me(`Bearer ${unsigned}`)).status).toBe(401);
  });

  it('a genuine token with its claims changed → 401', async () => {
    const genuine = await h.tokenFor(RESEARCHER);
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    expect((await me(`Bearer ${header}.${tampered}.${signature}`)).status).toBe(401);
  });

  it('a bad token is refused even on routes open to anonymous users', async () => {
    const res = await h.app.request('/api/calls', { headers: { authorization: 'Bearer garbage' } });
    expect(res.status).toBe(401);
  });

  it('an anonymous PATCH without If-Match is told to sign in (401), not to send a version', async () => {
    expectProblem(
      await client.patch(`/api/calls/${fixtures.draftCall.id}`, { title: 'Anonym ændring' }, undefined),
      401,
      'UNAUTHENTICATED',
    );
    expectProblem(
      await client.patch(`/api/applications/${fixtures.draftApp.id}`, { title: 'Anonym ændring' }, undefined),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('AWS mode', () => {
  const awsApp = () =>
    createApp({
      core: h.core,
      readiness: {},
      config: {
        mode: 'aws',
        userPoolId: 'eu-north-1_x',
        clientId: 'c',
        cognitoDomain: 'https://x',
        publicUrl: 'https://y',
        secureCookies: true,
      },
      tokens: {
        verify: async () => {
          throw new AppError('UNAUTHENTICATED', { code: 'SIGN_IN_AGAIN' });
        },
      },
      logError: () => {},
    });

  it('has no dev-login (404)', async () => {
    const res = await awsApp().request('/api/auth/dev-login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN }),
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).not.toHaveProperty('token');
  });

  it('refuses local tokens and serves anonymous reads', async () => {
    const app = awsApp();
    const local = await h.tokenFor(ADMIN);
    expect((await app.request('/api/me', { headers: { authorization: `Bearer ${local}` } })).status).toBe(
      401,
    );
    const calls = await app.request('/api/calls');
    expect(calls.status).toBe(200);
    const listed = (await calls.json()) as { items: { id: string }[] };
    expect(listed.items.map((c) => c.id)).toContain(fixtures.openCall.id);
  });

  it('sends the web sign-in to Cognito instead of the demo user list', async () => {
    const res = await awsApp().request('/login');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/^https:\/\/x\/oauth2\/authorize\?/);
  });

  it('asks an anonymous caller to sign in before reading any input', async () => {
    await expectSignInFirst(h, [
      ['POST', '/api/calls'],
      ['POST', `/api/calls/${fixtures.draftCall.id}/applications`],
      ['PATCH', `/api/applications/${fixtures.draftApp.id}`],
      ['GET', '/api/applications?bogus=1'],
      ['GET', '/api/nothing-here'],
    ]);
  });
});
