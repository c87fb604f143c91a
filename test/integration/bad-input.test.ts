import { beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { MAX_BODY_BYTES } from '../../functions/http/limits.js';
import { type Api, type ApiResponse, api, expectProblem, pointers } from '../support/api.js';
import {
  ADMIN,
  applicationBody,
  callBody,
  createCall,
  createDraft,
  partner,
  RESEARCHER,
} from '../support/fixtures.js';
import { createHarness, type Harness, harnessWithCall } from '../support/harness.js';
import { scanAll } from '../support/table.js';

let h: Harness;
let client: Api;
let call: Call;
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON
let draft: any;

beforeAll(async () => {
  ({ h, client, call } = await harnessWithCall());
  draft = await createDraft(client, call.id, RESEARCHER);
});

/** Runs a request that must be refused and asserts the table holds exactly the items it held before. */
async function refusedWithoutWrites(request: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await scanAll(h);
  const res = await request();
  expect(res.status, res.text).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text).toBeLessThan(500);
  const after = await scanAll(h);
  expect(after.length).toBe(before.length);
  expect(after).toEqual(expect.arrayContaining(before));
  return res;
}

/** Runs a request that must be refused as invalid input (400) without writing, and gives its problem. */
const invalidWithoutWrites = async (request: () => Promise<ApiResponse>) =>
  expectProblem(await refusedWithoutWrites(request), 400, 'VALIDATION_FAILED');

const postCall = (init: { raw?: string; body?: unknown; headers?: Record<string, string> }) =>
  client.send('POST', '/api/calls', ADMIN, init);
const patchDraft = (init: { raw?: string; body?: unknown; headers?: Record<string, string> }) =>
  client.send('PATCH', `/api/applications/${draft.id}`, RESEARCHER, {
    ...init,
    headers: { 'if-match': `"${draft.version}"`, ...init.headers },
  });

const routes = [
  ['POST /api/calls', postCall],
  ['PATCH /api/applications/{id}', patchDraft],
] as const;

describe.each(routes)('%s refuses bad input and writes nothing', (route, send) => {
  it.each([
    ['a truncated object', '{"title": "x"'],
    ['a trailing comma', '{"title": "x",}'],
    ['single quotes', "{'title': 'x'}"],
    ['plain text', 'hello'],
    ['an empty body', ''],
  ])('malformed JSON (%s) → 400 MALFORMED_BODY', async (_what, raw) => {
    const res = await refusedWithoutWrites(() => send({ raw }));
    expectProblem(res, 400, 'MALFORMED_BODY');
  });

  it.each([
    ['a JSON array', '[]'],
    ['a JSON string', '"title"'],
    ['JSON null', 'null'],
  ])('a body that is not an object (%s) → 400', async (_what, raw) => {
    await invalidWithoutWrites(() => send({ raw }));
  });

  it('a title of 100 000 characters → 400 at /title', async () => {
    const body = route.startsWith('POST')
      ? callBody({ title: 'x'.repeat(100_000) })
      : { title: 'x'.repeat(100_000) };
    const problem = await invalidWithoutWrites(() => send({ body }));
    expect(pointers(problem)).toEqual(['/title']);
  });

  it('a body over 256 kB → 413', async () => {
    const body = route.startsWith('POST')
      ? callBody({ description: 'x'.repeat(MAX_BODY_BYTES) })
      : { summary: 'x'.repeat(MAX_BODY_BYTES) };
    expectProblem(await refusedWithoutWrites(() => send({ body })), 413, 'BODY_TOO_LARGE');
  });

  it('a body over 256 kB without Content-Length → 413', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES) });
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
    const res = await refusedWithoutWrites(async () => {
      const isPost = route.startsWith('POST');
      const response = await h.app.request(isPost ? '/api/calls' : `/api/applications/${draft.id}`, {
        method: isPost ? 'POST' : 'PATCH',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await h.tokenFor(isPost ? ADMIN : RESEARCHER)}`,
          'if-match': '"1"',
        },
        body: stream(),
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
    });
    expectProblem(res, 413, 'BODY_TOO_LARGE');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['XML', 'application/xml'],
  ])('a wrong content type (%s) → 415', async (_what, contentType) => {
    const body = route.startsWith('POST') ? callBody() : { title: 'Ny' };
    const res = await refusedWithoutWrites(() =>
      send({ raw: JSON.stringify(body), headers: { 'content-type': contentType } }),
    );
    expectProblem(res, 415);
  });
});

describe('POST /api/calls: wrong types and unknown fields', () => {
  it('a string for maxAmountOre → 400 naming the field', async () => {
    const body = callBody({ grantTypes: [{ id: 'A', name: 'Forskningsprojekt', maxAmountOre: '50000000' }] });
    const problem = await invalidWithoutWrites(() => postCall({ body }));
    expect(pointers(problem)).toEqual(['/grantTypes/0/maxAmountOre']);
  });

  it('a fraction of an øre → 400', async () => {
    const problem = await invalidWithoutWrites(() => postCall({ body: callBody({ budgetOre: 1.5 }) }));
    expect(pointers(problem)).toEqual(['/budgetOre']);
  });

  it('an unknown top-level field → 400 with its pointer', async () => {
    const problem = await invalidWithoutWrites(() =>
      postCall({ body: callBody({ status: 'open', colour: 'red' }) }),
    );
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/status', code: 'unknown_field' }),
        expect.objectContaining({ pointer: '/colour', code: 'unknown_field' }),
      ]),
    );
  });

  it('an unknown nested field → 400 with its pointer', async () => {
    const body = callBody({
      grantTypes: [{ id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000, secret: true }],
    });
    const problem = await invalidWithoutWrites(() => postCall({ body }));
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/grantTypes/0/secret' })]);
  });

  it('server-owned fields (id, version, createdBy) cannot be sent', async () => {
    const body = callBody({ id: crypto.randomUUID(), version: 99, createdBy: 'someone-else' });
    const problem = await invalidWithoutWrites(() => postCall({ body }));
    expect(pointers(problem).sort()).toEqual(['/createdBy', '/id', '/version']);
  });
});

describe('PATCH /api/applications/{id}: wrong types and unknown fields', () => {
  it('a fractional amountOre (1.5) → 400 naming /budgetLines/0/amountOre', async () => {
    const body = { budgetLines: [{ category: 'Løn', year: 2027, amountOre: 1.5 }] };
    const problem = await invalidWithoutWrites(() => patchDraft({ body }));
    expect(pointers(problem)).toEqual(['/budgetLines/0/amountOre']);
  });

  it('a negative amount, a string year and a number title → 400 naming each', async () => {
    const body = { title: 42, budgetLines: [{ category: 'Løn', year: '2027', amountOre: -1 }] };
    const problem = await invalidWithoutWrites(() => patchDraft({ body }));
    expect(pointers(problem).sort()).toEqual(['/budgetLines/0/amountOre', '/budgetLines/0/year', '/title']);
  });

  it.each([
    ['status', 'submitted'],
    ['reference', 'FIM-2027-9999'],
    ['ownerId', 'demo-admin'],
    ['version', 42],
    ['requestedAmountOre', 1],
  ])('the server-owned field %s cannot be set → 400 naming it', async (field, value) => {
    const problem = await invalidWithoutWrites(() => patchDraft({ body: { [field]: value } }));
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: `/${field}`, code: 'unknown_field' }),
    ]);
  });

  it('an unknown field in a partner → 400 naming it', async () => {
    const problem = expectProblem(
      await refusedWithoutWrites(() =>
        patchDraft({ body: { partners: [{ organisation: 'X', cpr: '010101-1234' }] } }),
      ),
      400,
    );
    expect(pointers(problem)).toEqual(['/partners/0/cpr']);
  });

  it('a __proto__ key is refused and pollutes nothing', async () => {
    const raw = '{"title":"Ny","__proto__":{"status":"submitted","polluted":true}}';
    const problem = expectProblem(await refusedWithoutWrites(() => patchDraft({ raw })), 400);
    expect(pointers(problem)).toEqual(['/__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).toMatchObject({ status: 'draft', version: draft.version, title: draft.title });
  });
});

describe('non-UUID ids in paths → 400', () => {
  it.each([
    ['GET', '/api/calls/123', ADMIN],
    ['PATCH', '/api/calls/123', ADMIN],
    ['POST', '/api/calls/not-a-uuid/open', ADMIN],
    ['POST', '/api/calls/not-a-uuid/close', ADMIN],
    ['POST', "/api/calls/'%20OR%201=1/applications", RESEARCHER],
    ['GET', '/api/applications/123', RESEARCHER],
    ['PATCH', '/api/applications/123', RESEARCHER],
    ['POST', '/api/applications/CALL%23x/submit', RESEARCHER],
    ['POST', '/api/applications/x/withdraw', RESEARCHER],
    ['GET', '/api/applications/%3Cscript%3E/receipt', RESEARCHER],
  ])('%s %s', async (method, path, who) => {
    const hasBody = method !== 'GET' && !/\/(open|close|submit|withdraw)$/.test(path);
    const res = await refusedWithoutWrites(() =>
      client.send(method, path, who, {
        ...(hasBody ? { body: {} } : {}),
        headers: { 'if-match': '"1"' },
      }),
    );
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(pointers(problem)[0]).toMatch(/^\/param\/(callId|applicationId)$/);
  });
});

describe('injection strings are refused or kept as inert data', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const SQL = "'; DROP TABLE x; --";

  it('markup and SQL in text fields are stored verbatim and returned as JSON data', async () => {
    const created = await client.post(
      `/api/calls/${call.id}/applications`,
      applicationBody({ title: SCRIPT, summary: SQL, userInvolvement: '{"$ne":null}' }),
      RESEARCHER,
    );
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    const read = await client.get(`/api/applications/${created.body.id}`, RESEARCHER);
    expect(read.body).toMatchObject({ title: SCRIPT, summary: SQL, userInvolvement: '{"$ne":null}' });
    // The table is still there and still answers.
    expect((await client.get('/api/calls')).status).toBe(200);
  });

  it.each([
    ['an operator object', { $ne: null }],
    ['an array of operators', [{ $gt: '' }]],
    ['a number', 1],
    ['a boolean', true],
  ])('%s where text belongs → 400', async (_what, value) => {
    const problem = await invalidWithoutWrites(() => patchDraft({ body: { title: value } }));
    expect(pointers(problem)).toEqual(['/title']);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control, NEL', 'a\u0085b'],
    ['a right-to-left override', 'Bevægelse \u202Eetalp'],
    ['a left-to-right embedding', 'a\u202Ab'],
    ['a first-strong isolate', 'a\u2068b\u2069'],
    ['a right-to-left mark', 'a\u200Fb'],
    ['a zero-width space', 'FIM-2027-\u200B0007'],
    ['a zero-width joiner', 'a\u200Db'],
    ['a word joiner', 'a\u2060b'],
    ['a byte-order mark', 'a\uFEFFb'],
    ['a soft hyphen', 'Folke\u00ADsundhed'],
  ])('a control or invisible format character (%s) in text → 400', async (_what, value) => {
    const problem = await invalidWithoutWrites(() => patchDraft({ body: { title: value } }));
    expect(pointers(problem)).toEqual(['/title']);
  });

  it('a bidi override in a partner’s name → 400 naming it', async () => {
    const partners = [
      { ...partner('Aarhus Kommune', 'municipality'), contactName: 'Kim \u202Enesnah' },
      partner('Region Midtjylland', 'region'),
    ];
    const problem = await invalidWithoutWrites(() => patchDraft({ body: { partners } }));
    expect(pointers(problem)).toEqual(['/partners/0/contactName']);
  });

  it('a control character in a call title → 400', async () => {
    const problem = expectProblem(
      await refusedWithoutWrites(() => postCall({ body: callBody({ title: 'FIM\u0000 2027' }) })),
      400,
    );
    expect(pointers(problem)).toEqual(['/title']);
  });

  it('a NUL in the grant type id (an enum-like field) → 400', async () => {
    const problem = expectProblem(
      await refusedWithoutWrites(() => patchDraft({ body: { grantTypeId: 'A\u0000' } })),
      400,
    );
    expect(pointers(problem)).toEqual(['/grantTypeId']);
  });

  it('the web pages show stored markup escaped, never as markup', async () => {
    const local = await createHarness();
    const c = api(local);
    const evilCall = await createCall(c, { overrides: { title: `Opslag ${SCRIPT}` } });
    const created = await createDraft(
      c,
      evilCall.id,
      RESEARCHER,
      applicationBody({ title: SCRIPT, summary: `"><img src=x onerror=alert(1)>` }),
    );

    // Sign in through the login form, as a browser would.
    const login = await local.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email: RESEARCHER, next: '/' }).toString(),
    });
    expect(login.status).toBe(303);
    const cookie = /fim_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();

    const pages = [`/applications/${created.id}`, `/calls/${evilCall.id}`, '/applications', '/'];
    for (const path of pages) {
      const res = await local.app.request(path, { headers: { cookie: cookie ?? '' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html, path).not.toContain(SCRIPT);
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }

    // The admin's read-only view of the submitted application escapes it too.
    const submitted = await c.act(`/api/applications/${created.id}/submit`, RESEARCHER);
    expect(submitted.status, submitted.text).toBe(200);
    const adminCookie = `fim_session=${await local.sessionFor(ADMIN)}`;
    const view = await local.app.request(`/applications/${created.id}`, { headers: { cookie: adminCookie } });
    expect(view.status).toBe(200);
    const html = await view.text();
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
