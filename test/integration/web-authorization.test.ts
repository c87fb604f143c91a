import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/*
 * Every web page and form post, walked by every role. Pages answer for themselves: anonymous visitors are
 * sent to sign in, others get 403 or 404, and a draft is its owner's alone.
 */
const ROLES = {
  anonymous: undefined,
  owner: 'researcher@fim.local',
  otherApplicant: 'researcher2@fim.local',
  reviewer: 'reviewer1@fim.local',
  board: 'board@fim.local',
  chair: 'chair@fim.local',
  finance: 'finance@fim.local',
  admin: 'admin@fim.local',
} as const;
type Role = keyof typeof ROLES;

const ORIGIN = 'http://localhost';

let h: Harness;
const ids = { openCall: '', draftCall: '', draft: '', submitted: '' };
const cookies = new Map<Role, string>();

async function request(role: Role, method: string, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(role);
  if (cookie) headers.cookie = `fim_session=${cookie}`;
  if (method !== 'GET') {
    headers.origin = ORIGIN;
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return h.app.request(path, {
    method,
    headers,
    ...(method !== 'GET' ? { body: new URLSearchParams(form ?? {}).toString() } : {}),
  });
}

const callBody = {
  title: 'FIM 2027',
  description: 'Opslag',
  grantTypes: [{ id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000 }],
  budgetOre: 200_000_000,
  opensAt: '2027-01-04T00:00:00+01:00',
  closesAt: '2027-09-01T12:00:00+02:00',
  focusAreas: ['prevention'],
  criteria: [{ id: 'quality', name: 'Kvalitet', weight: 1 }],
};

async function api(email: string, method: string, path: string, body?: unknown) {
  const res = await h.app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${await h.tokenFor(email)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as { id: string; version: number };
}

beforeAll(async () => {
  h = await createHarness();
  for (const [role, email] of Object.entries(ROLES)) {
    if (email) cookies.set(role as Role, await h.tokenFor(email));
  }
  const open = await api(ROLES.admin, 'POST', '/calls', callBody);
  await api(ROLES.admin, 'POST', `/calls/${open.id}/open`);
  ids.openCall = open.id;
  ids.draftCall = (await api(ROLES.admin, 'POST', '/calls', callBody)).id;
  ids.draft = (await api(ROLES.owner, 'POST', `/calls/${open.id}/applications`, { title: 'Kladde' })).id;
  const complete = await api(ROLES.owner, 'POST', `/calls/${open.id}/applications`, {
    grantTypeId: 'A',
    title: 'Indsendt',
    summary: 'Resumé',
    focusArea: 'prevention',
    userInvolvement: 'Borgerpanel',
    partners: [
      {
        organisation: 'Aarhus Kommune',
        sector: 'municipality',
        contactName: 'A',
        contactEmail: 'a@aarhus.dk',
        role: 'Leder',
      },
      {
        organisation: 'Region Midtjylland',
        sector: 'region',
        contactName: 'B',
        contactEmail: 'b@rm.dk',
        role: 'Partner',
      },
    ],
    budgetLines: [{ category: 'Løn', year: 2027, amountOre: 100_000 }],
    startDate: '2027-10-01',
    endDate: '2028-06-30',
  });
  await api(ROLES.owner, 'POST', `/applications/${complete.id}/submit`);
  ids.submitted = complete.id;
});

type Expect = number | (Partial<Record<Role, number>> & { others: number });
const expected = (e: Expect, role: Role): number => (typeof e === 'number' ? e : (e[role] ?? e.others));

const ALL_ROLES = Object.keys(ROLES) as Role[];
const signIn = 303;

const matrix: [string, string, () => string, Expect, Record<string, string>?][] = [
  ['GET', 'front page', () => '/', 200],
  ['GET', 'accessibility statement', () => '/tilgaengelighed', 200],
  ['GET', 'stylesheet', () => '/static/app.css', 200],
  ['GET', 'sign-in page', () => '/login', 200],
  ['GET', 'language switch', () => '/lang?to=en&back=/', 303],
  ['GET', 'open call', () => `/calls/${ids.openCall}`, 200],
  ['GET', 'draft call', () => `/calls/${ids.draftCall}`, { admin: 200, others: 404 }],
  ['POST', 'start an application', () => `/calls/${ids.openCall}/apply`, 303],
  [
    'POST',
    'start an application on a draft call',
    () => `/calls/${ids.draftCall}/apply`,
    { anonymous: signIn, others: 404 },
  ],
  ['GET', 'my applications', () => '/applications', { anonymous: signIn, others: 200 }],
  ['GET', 'a draft', () => `/applications/${ids.draft}`, { anonymous: signIn, owner: 200, others: 404 }],
  [
    'POST',
    'save a draft',
    () => `/applications/${ids.draft}`,
    { anonymous: signIn, owner: 409, others: 404 },
    { _version: '0', title: 'x' },
  ],
  [
    'GET',
    'a submitted application',
    () => `/applications/${ids.submitted}`,
    { anonymous: signIn, owner: 200, admin: 200, others: 404 },
  ],
  [
    'GET',
    'a receipt',
    () => `/applications/${ids.submitted}/receipt`,
    { anonymous: signIn, owner: 200, admin: 200, others: 404 },
  ],
  [
    'GET',
    'withdraw confirmation',
    () => `/applications/${ids.submitted}/withdraw`,
    { anonymous: signIn, owner: 200, admin: 200, others: 404 },
  ],
  [
    'POST',
    'withdraw someone else’s (stale version)',
    () => `/applications/${ids.submitted}/withdraw`,
    { anonymous: signIn, owner: 409, admin: 403, others: 404 },
    { _version: '0' },
  ],
  ['GET', 'admin: calls', () => '/admin/calls', { anonymous: signIn, admin: 200, others: 403 }],
  ['GET', 'admin: new call', () => '/admin/calls/new', { anonymous: signIn, admin: 200, others: 403 }],
  [
    'POST',
    'admin: create call (empty form)',
    () => '/admin/calls',
    { anonymous: signIn, admin: 400, others: 403 },
    {},
  ],
  [
    'GET',
    'admin: edit call',
    () => `/admin/calls/${ids.draftCall}`,
    { anonymous: signIn, admin: 200, others: 403 },
  ],
  [
    'POST',
    'admin: save call (stale)',
    () => `/admin/calls/${ids.draftCall}`,
    { anonymous: signIn, admin: 400, others: 403 },
    { _version: '0' },
  ],
  [
    'POST',
    'admin: open call (stale)',
    () => `/admin/calls/${ids.draftCall}/open`,
    { anonymous: signIn, admin: 409, others: 403 },
    { _version: '0' },
  ],
  [
    'POST',
    'admin: close call (stale)',
    () => `/admin/calls/${ids.openCall}/close`,
    { anonymous: signIn, admin: 409, others: 403 },
    { _version: '0' },
  ],
  ['POST', 'sign out', () => '/logout', 303],
];

describe.each(matrix)('%s %s', (method, _name, path, expectation, form) => {
  it.each(ALL_ROLES)('as %s', async (role) => {
    const res = await request(role, method, path(), form);
    expect(res.status).toBe(expected(expectation, role));
    if (
      res.status === signIn &&
      expected(expectation, 'anonymous') === signIn &&
      role === 'anonymous' &&
      !path().startsWith('/lang') &&
      path() !== '/logout'
    ) {
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    }
    if (res.status === 200 && res.headers.get('content-type')?.includes('text/html')) {
      expect(await res.text()).toMatch(/^<!DOCTYPE html><html lang="da">/);
    }
  });
});

describe('form posts are protected against cross-site requests', () => {
  it('refuses a post without an Origin of this site, and changes nothing', async () => {
    const before = await h.core.applications.get(ids.draft);
    for (const origin of [undefined, 'https://evil.example']) {
      const res = await h.app.request(`/applications/${ids.draft}`, {
        method: 'POST',
        headers: {
          cookie: `fim_session=${cookies.get('owner')}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...(origin ? { origin } : {}),
        },
        body: new URLSearchParams({ _version: String(before?.version), title: 'Kapret' }).toString(),
      });
      expect(res.status).toBe(403);
    }
    expect(await h.core.applications.get(ids.draft)).toEqual(before);
  });

  it('sets the session cookie HttpOnly and SameSite on sign-in, and sends security headers', async () => {
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'researcher@fim.local', next: '//evil.example/x' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^fim_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await h.app.request('/');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a form larger than the limit with a page, and saves nothing', async () => {
    const before = await h.core.applications.get(ids.draft);
    const res = await h.app.request(`/applications/${ids.draft}`, {
      method: 'POST',
      headers: {
        cookie: `fim_session=${cookies.get('owner')}`,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _version: String(before?.version),
        summary: 'x'.repeat(300 * 1024),
      }).toString(),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Formularen er for stor');
    expect(await h.core.applications.get(ids.draft)).toEqual(before);
  });

  it('treats a forged session cookie as signed out', async () => {
    const res = await h.app.request('/applications', {
      headers: { cookie: 'fim_session=forged.token.value' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fapplications');
  });
});
