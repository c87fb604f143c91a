import type { ServerType } from '@hono/node-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocally } from '../../functions/local/server.js';
import { type Api, api } from '../support/api.js';
import { ADMIN, BOARD, createCall, createDraft, FINANCE, RESEARCHER, REVIEWER } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';

/*
 * No input a browser (or anyone) can send makes the web answer 5xx. The form routes are read from the app
 * itself (every POST outside /api), so a new form is fuzzed the day it is added. fast-check draws the route,
 * who posts, the ids in the path and the body: malformed multipart above all, urlencoded fields with control,
 * bidi and invisible characters, bad escapes and return paths, and bodies of the wrong content type.
 */

let h: Harness;
let client: Api;
/** The app behind @hono/node-server, as `npm start` serves it: requests go over a real socket. */
let server: ServerType;
let base: string;
/** Real ids to put into paths, so a handler gets past its lookup to the body. */
let ids: string[];
let formRoutes: string[];

afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  const call = await createCall(client);
  const draft = await createDraft(client, call.id, RESEARCHER);
  ids = [call.id, draft.id, crypto.randomUUID()];
  server = serveLocally(h.app, { port: 0 });
  await new Promise<void>((ready) => server.once('listening', () => ready()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  formRoutes = [
    ...new Set(
      h.app.routes
        .filter((r) => r.method === 'POST' && !r.path.startsWith('/api'))
        .map((r) => r.path)
        .filter((path) => !path.endsWith('*')),
    ),
  ];
});

const WHO = [undefined, ADMIN, FINANCE, BOARD, REVIEWER, RESEARCHER] as const;

/** Text with the characters forms choke on: controls, bidi overrides, zero-width, lone surrogates, %-escapes. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '/%01x',
    '/\u0001x',
    '/\r\nSet-Cookie: x=y',
    '//evil.example',
    '/\\evil',
    '\u202Eevil',
    '\u200B',
    '%zz',
    '%',
    '\uD800',
    '-1.234,50',
    '=1+1',
    '9'.repeat(400),
  ),
);

const fieldNames = fc.oneof(
  fc.constantFrom(
    'next',
    'email',
    '_version',
    'title',
    'amount',
    'reference',
    'decision',
    'file',
    'to',
    'back',
  ),
  fc.string({ maxLength: 12 }),
);

const urlencoded = fc.array(fc.tuple(fieldNames, nasty), { maxLength: 6 }).map((pairs) => ({
  type: 'application/x-www-form-urlencoded',
  // As a browser encodes a form (a lone surrogate becomes U+FFFD).
  body: new URLSearchParams(pairs).toString(),
}));

/** Raw urlencoded text that is not well formed: stray `%`, lone `&`, `=` without a name. */
const rawUrlencoded = nasty.map((body) => ({ type: 'application/x-www-form-urlencoded', body }));

const malformedMultipart = fc
  .oneof(
    // A boundary announced and never used, or used and never closed.
    nasty.map((text) => ({ type: 'multipart/form-data; boundary=XyZ', body: text })),
    fc.tuple(fieldNames, nasty).map(([name, value]) => ({
      type: 'multipart/form-data; boundary=XyZ',
      body: `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    })),
    // No boundary at all, an empty one, or one the body does not match.
    fc.constantFrom(
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'multipart/form-data; boundary="',
    ),
    fc.constant('multipart/form-data; boundary=abc').map((type) => ({ type, body: '--xyz--\r\n' })),
    // A part without its headers' end, a file part with a broken header.
    fc.constant({
      type: 'multipart/form-data; boundary=XyZ',
      body: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n',
    }),
  )
  .map((m) => (typeof m === 'string' ? { type: m, body: '--XyZ\r\n\r\n--XyZ--' } : m));

const wrongType = fc
  .tuple(fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', ''), nasty)
  .map(([type, body]) => ({ type, body }));

const bodies = fc.oneof(malformedMultipart, urlencoded, rawUrlencoded, wrongType);

/** A path of the app with each `:param` filled with a real id, a random one, or garbage. */
const filled = (path: string) =>
  fc
    .array(fc.oneof(fc.constantFrom(...ids), fc.constantFrom('x', '%01', '..', '0')), {
      minLength: 8,
      maxLength: 8,
    })
    .map((values) => {
      let i = 0;
      return path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () => encodeURIComponent(values[i++] ?? 'x'));
    });

/** How often each status was answered: the fuzz must reach the handlers, not only the checks in front. */
const seen = new Map<number, number>();

async function post(path: string, who: string | undefined, sent: { type: string; body: string }) {
  // This site's own origin, as a browser posting its form sends it (the CSRF check passes).
  const headers: Record<string, string> = { origin: base };
  if (sent.type) headers['content-type'] = sent.type;
  if (who) headers.cookie = `fim_session=${await h.sessionFor(who)}`;
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: sent.body, redirect: 'manual' });
  await res.arrayBuffer();
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  return res.status;
}

/** A GET over the socket, not followed. */
const get = (path: string) => fetch(`${base}${path}`, { redirect: 'manual' });

describe('the web answers no fuzzed input with 5xx', () => {
  it('finds the form routes in the app', () => {
    // The anonymous sign-in is among them, and every area's forms: a route list that shrank would fuzz nothing.
    expect(formRoutes).toContain('/login');
    expect(formRoutes.length).toBeGreaterThan(20);
  });

  it('every form route, with malformed multipart on each', async () => {
    // Each route once with a malformed multipart body, anonymous and signed in, before the random runs.
    for (const path of formRoutes) {
      for (const who of [undefined, ADMIN]) {
        const at = path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, ids[0] as string);
        const status = await post(at, who, {
          type: 'multipart/form-data; boundary=XyZ',
          body: '--XyZ\r\nbroken',
        });
        expect(status, `POST ${at} as ${who ?? 'anonymous'}`).toBeLessThan(500);
      }
    }
  });

  it('random posts to every form route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...formRoutes).chain((path) => filled(path)),
        fc.constantFrom(...WHO),
        bodies,
        async (path, who, sent) => {
          const status = await post(path, who, sent);
          expect(status, `POST ${path} as ${who ?? 'anonymous'}: ${JSON.stringify(sent)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 13 },
    );
    expect(h.errors).toEqual([]);
    // Refused bodies (400), forms shown again (422), redirects to sign in or on (303), 404s and 403s: the
    // posts got as far as the handlers.
    expect([...seen.keys()]).toEqual(expect.arrayContaining([303, 400]));
  });

  it('return paths with control characters: /lang?back= and /login?next=', async () => {
    // Decoded, each is a control or a character no Location header takes; `%ff` is no UTF-8 and stays as sent.
    for (const back of [
      '/%01x',
      '/%0d%0aSet-Cookie:%20x=y',
      '/%7f',
      '/%e2%80%ae',
      '/%00',
      '/a%20b',
      '/%ff',
    ]) {
      const lang = await get(`/lang?to=en&back=${back}`);
      expect(lang.status, back).toBe(303);
      expect(lang.headers.get('location')).toBe(back === '/%ff' ? back : '/');
      const login = await get(`/login?next=${back}`);
      expect(login.status, back).toBe(200);
    }
    await fc.assert(
      fc.asyncProperty(nasty, async (next) => {
        const res = await get(`/lang?to=da&back=${new URLSearchParams({ next }).toString().slice(5)}`);
        expect(res.status).toBe(303);
        const form = await post('/login', undefined, {
          type: 'application/x-www-form-urlencoded',
          body: new URLSearchParams({ email: RESEARCHER, next }).toString(),
        });
        expect(form).toBe(303);
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
