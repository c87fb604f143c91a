import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import { createCall, createDraft, EVERYONE, RESEARCHER, submitApplication } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { browse, ORIGIN, type PageCase, walkPages } from '../support/web.js';

/*
 * Every web page and form post, walked by every role. Pages answer for themselves: anonymous visitors are
 * sent to sign in, others get 403 or 404, and a draft is its owner's alone.
 */
const ROLES = EVERYONE;
type Role = keyof typeof ROLES;

let h: Harness;
const ids = { openCall: '', draftCall: '', draft: '', submitted: '' };

beforeAll(async () => {
  h = await createHarness();
  const client = api(h);
  ids.openCall = (await createCall(client)).id;
  ids.draftCall = (await createCall(client, { open: false })).id;
  ids.draft = (await createDraft(client, ids.openCall, RESEARCHER, { title: 'Kladde' })).id;
  ids.submitted = await submitApplication(client, ids.openCall, RESEARCHER, { title: 'Indsendt' });
});

/** Where an anonymous visitor is sent: to sign in. */
const SIGN_IN = 303;

const matrix: PageCase<Role>[] = [
  // Front page
  ['GET', () => '/', 200],
  // Accessibility statement
  ['GET', () => '/tilgaengelighed', 200],
  // Stylesheet
  ['GET', () => '/static/app.css', 200],
  // Sign-in page
  ['GET', () => '/login', 200],
  // Language switch
  ['GET', () => '/lang?to=en&back=/', 303],
  // Open call
  ['GET', () => `/calls/${ids.openCall}`, 200],
  // Draft call
  ['GET', () => `/calls/${ids.draftCall}`, { admin: 200, others: 404 }],
  // Start an application
  ['POST', () => `/calls/${ids.openCall}/apply`, 303],
  // Start an application on a draft call
  ['POST', () => `/calls/${ids.draftCall}/apply`, { anonymous: SIGN_IN, others: 404 }],
  // My applications
  ['GET', () => '/applications', { anonymous: SIGN_IN, others: 200 }],
  // A draft
  ['GET', () => `/applications/${ids.draft}`, { anonymous: SIGN_IN, applicant: 200, others: 404 }],
  // Save a draft
  [
    'POST',
    () => `/applications/${ids.draft}`,
    { anonymous: SIGN_IN, applicant: 409, others: 404 },
    { _version: '0', title: 'x' },
  ],
  // A submitted application
  [
    'GET',
    () => `/applications/${ids.submitted}`,
    { anonymous: SIGN_IN, applicant: 200, admin: 200, others: 404 },
  ],
  // A receipt
  [
    'GET',
    () => `/applications/${ids.submitted}/receipt`,
    { anonymous: SIGN_IN, applicant: 200, admin: 200, others: 404 },
  ],
  // Withdraw confirmation
  [
    'GET',
    () => `/applications/${ids.submitted}/withdraw`,
    { anonymous: SIGN_IN, applicant: 200, admin: 200, others: 404 },
  ],
  // Withdraw someone else’s (stale version)
  [
    'POST',
    () => `/applications/${ids.submitted}/withdraw`,
    { anonymous: SIGN_IN, applicant: 409, admin: 403, others: 404 },
    { _version: '0' },
  ],
  // Admin: calls
  ['GET', () => '/admin/calls', { anonymous: SIGN_IN, admin: 200, others: 403 }],
  // Admin: new call
  ['GET', () => '/admin/calls/new', { anonymous: SIGN_IN, admin: 200, others: 403 }],
  // Admin: create call (empty form)
  ['POST', () => '/admin/calls', { anonymous: SIGN_IN, admin: 400, others: 403 }, {}],
  // Admin: edit call
  ['GET', () => `/admin/calls/${ids.draftCall}`, { anonymous: SIGN_IN, admin: 200, others: 403 }],
  // Admin: save call (stale)
  [
    'POST',
    () => `/admin/calls/${ids.draftCall}`,
    { anonymous: SIGN_IN, admin: 400, others: 403 },
    { _version: '0' },
  ],
  // Admin: open call (stale)
  [
    'POST',
    () => `/admin/calls/${ids.draftCall}/open`,
    { anonymous: SIGN_IN, admin: 409, others: 403 },
    { _version: '0' },
  ],
  // Admin: close call (stale)
  [
    'POST',
    () => `/admin/calls/${ids.openCall}/close`,
    { anonymous: SIGN_IN, admin: 409, others: 403 },
    { _version: '0' },
  ],
  // Sign out
  ['POST', () => '/logout', 303],
];

walkPages(() => h, ROLES, matrix);

describe('form posts are protected against cross-site requests', () => {
  it('refuses a post without an Origin of this site, and changes nothing', async () => {
    const before = await h.core.applications.get(ids.draft);
    for (const origin of [undefined, 'https://evil.example']) {
      const res = await h.app.request(`/applications/${ids.draft}`, {
        method: 'POST',
        headers: {
          cookie: `fim_session=${await h.sessionFor(RESEARCHER)}`,
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
      body: new URLSearchParams({ email: RESEARCHER, next: '//evil.example/x' }).toString(),
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
    const res = await browse(h, RESEARCHER, `/applications/${ids.draft}`, {
      form: { _version: String(before?.version), summary: 'x'.repeat(300 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.html).toContain('Formularen er for stor');
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
