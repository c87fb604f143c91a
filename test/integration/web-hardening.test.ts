import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, api } from '../support/api.js';
import { ADMIN, createCall, createDraft, FINANCE, RESEARCHER } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { browse, ORIGIN } from '../support/web.js';

/*
 * Headers and checks in front of every page and API answer: CSRF whatever the content type, no-store on what
 * is personal, a Permissions-Policy.
 */

let h: Harness;
let client: Api;
let postRoutes: string[];
let ids: string[];

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  const call = await createCall(client);
  const draft = await createDraft(client, call.id, RESEARCHER);
  ids = [call.id, draft.id];
  // Every state-changing route of the web app, read from the app itself.
  postRoutes = [
    ...new Set(
      h.app.routes
        .filter((r) => r.method === 'POST' && !r.path.startsWith('/api') && !r.path.endsWith('*'))
        .map((r) => r.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, ids[0] as string)),
    ),
  ];
});

const CONTENT_TYPES: [string, string][] = [
  ['application/json', '{"email":"admin@fim.local"}'],
  ['application/xml', '<a/>'],
  ['text/plain', 'email=admin@fim.local'],
  ['application/x-www-form-urlencoded', 'email=admin%40fim.local'],
  [
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nadmin@fim.local\r\n--x--\r\n',
  ],
  ['', ''],
];

async function post(path: string, type: string, body: string, headers: Record<string, string>) {
  return h.app.request(path, {
    method: 'POST',
    headers: {
      cookie: `fim_session=${await h.sessionFor(ADMIN)}`,
      ...(type ? { 'content-type': type } : {}),
      ...headers,
    },
    body,
  });
}

describe('CSRF: every state-changing web request, whatever its content type', () => {
  it.each(CONTENT_TYPES)('refuses a foreign Origin on every form route (%s)', async (type, body) => {
    for (const path of postRoutes) {
      const res = await post(path, type, body, { origin: 'https://evil.example' });
      expect(res.status, `POST ${path}`).toBe(403);
    }
  });

  it.each(CONTENT_TYPES)(
    'refuses a post that says it is cross-site or says nothing (%s)',
    async (type, body) => {
      const told: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        {},
      ];
      for (const headers of told) {
        const res = await post('/login', type, body, headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
      }
    },
  );

  it.each(CONTENT_TYPES)('lets this site’s own post through (%s)', async (type, body) => {
    const own: Record<string, string>[] = [{ origin: ORIGIN }, { 'sec-fetch-site': 'same-origin' }];
    for (const headers of own) {
      const res = await post('/logout', type, body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(303);
    }
  });

  it('a JSON-typed sign-in from a foreign site sets no session', async () => {
    const res = await h.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{"email":"admin@fim.local"}',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('Cache-Control and Permissions-Policy', () => {
  it('no-store on signed-in pages and downloads, on API JSON and problems; the stylesheet stays cacheable', async () => {
    const signedIn = await browse(h, RESEARCHER, '/applications');
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const download = await browse(h, FINANCE, '/finance/awards.csv');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/text\/csv/);
    expect(download.headers.get('cache-control')).toBe('no-store');

    expect((await client.get('/api/calls')).headers.get('cache-control')).toBe('no-store');
    expect((await client.get('/api/me', RESEARCHER)).headers.get('cache-control')).toBe('no-store');
    expect((await client.get('/api/nowhere')).headers.get('cache-control')).toBe('no-store');
    expect((await client.get(`/api/applications/${ids[1]}`, RESEARCHER)).headers.get('cache-control')).toBe(
      'no-store',
    );

    const css = await h.app.request('/static/app.css');
    expect(css.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
  });

  it('sends a Permissions-Policy that switches off every device feature, on pages and the API', async () => {
    for (const res of [await h.app.request('/'), await h.app.request('/api/health')]) {
      const policy = res.headers.get('permissions-policy') ?? '';
      for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']) {
        expect(policy).toContain(feature);
      }
    }
  });
});
