/*
 * Every finance page and form post, walked by every role: finance staff and administrators may use them,
 * anyone else signed in is refused (403) and anonymous visitors are sent to sign in. The parties' public
 * pages are open to all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTIES } from '../../functions/core/finance/parties.js';
import { createHarness, type Harness } from '../support/harness.js';

const ROLES = {
  anonymous: undefined,
  applicant: 'researcher@fim.local',
  reviewer: 'reviewer1@fim.local',
  board: 'board@fim.local',
  chair: 'chair@fim.local',
  finance: 'finance@fim.local',
  admin: 'admin@fim.local',
} as const;
type Role = keyof typeof ROLES;
let h: Harness;
const cookies = new Map<Role, string>();
const PARTY = 'aarhus-kommune';

type Form = Record<string, string> | FormData;

async function request(role: Role, method: string, path: string, form?: Form) {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(role);
  if (cookie) headers.cookie = `fim_session=${cookie}`;
  if (method !== 'GET') headers.origin = 'http://localhost';
  // A FormData body is multipart/form-data with its boundary, set by the request itself.
  if (method !== 'GET' && !(form instanceof FormData))
    headers['content-type'] = 'application/x-www-form-urlencoded';
  return h.app.request(path, {
    method,
    headers,
    ...(method !== 'GET'
      ? { body: form instanceof FormData ? form : new URLSearchParams(form ?? {}).toString() }
      : {}),
  });
}

/** The import form as the browser sends it with a chosen file. */
function upload(text: string, action: string): FormData {
  const form = new FormData();
  form.set('csv', '');
  form.set('file', new File([text], 'folketal.csv', { type: 'text/csv' }));
  form.set('_action', action);
  return form;
}

async function api(method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await h.app.request(`/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await h.tokenFor(ROLES.finance)}`,
      'content-type': contentType,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${path} ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

beforeAll(async () => {
  h = await createHarness({ now: '2027-03-01T09:00:00Z' });
  for (const [role, email] of Object.entries(ROLES))
    if (email) cookies.set(role as Role, await h.tokenFor(email));
  const csv = [
    'party,year,population',
    ...PARTIES.filter((p) => p.kind === 'municipality').map((p, i) => `${p.id},2026,${10_000 + i}`),
  ].join('\n');
  await api('POST', '/populations/imports', csv, 'text/csv');
  await api('PUT', '/finance/years/2027', { referenceYear: 2026, dueDate: '2027-06-30' });
  await api('POST', '/finance/years/2027/contributions/run');
  await api('POST', '/finance/years/2027/contributions/send');
});

type Expect = Partial<Record<Role, number>> & { others: number };
const S = 303;
const F = (ok: number, admin = ok): Expect => ({ anonymous: S, finance: ok, admin, others: 403 });
const ALL = (status: number): Expect => ({ others: status });
const base = '/finance/years/2027';
const matrix: [string, string, Expect, Form?][] = [
  ['GET', '/finance', F(200)],
  ['GET', '/finance/balances', F(200)],
  ['GET', '/finance/years?year=2027', F(303)],
  ['GET', '/finance/populations/import', F(200)],
  ['POST', '/finance/populations/import', F(422), { csv: '', _action: 'preview' }],
  [
    'POST',
    '/finance/populations/import',
    F(422),
    { csv: 'party,year,population\nNowhere,2026,1', _action: 'apply' },
  ],
  [
    'POST',
    '/finance/populations/import',
    F(200),
    { csv: 'party,year,population\nSamsø,2026,3700', _action: 'preview' },
  ],
  [
    'POST',
    '/finance/populations/import',
    F(200),
    upload('party,year,population\nSamsø,2026,3700', 'preview'),
  ],
  ['POST', '/finance/populations/import', F(422), upload('\u0000\u0001PK', 'preview')],
  ['GET', base, F(200)],
  ['GET', `${base}/ledger`, F(200)],
  ['GET', `${base}/ledger?cursor=bm9wZQ`, F(400)],
  ['GET', '/finance/years/2031', F(200)],
  ['POST', `${base}/settings`, F(400), { referenceYear: 'x' }],
  ['POST', `${base}/run`, F(303)],
  ['POST', `${base}/send`, F(303)],
  ['POST', '/finance/years/2031/run', F(422)],
  ['GET', `${base}/parties/${PARTY}`, F(200)],
  ['GET', `${base}/parties/nowhere`, F(404)],
  [
    'POST',
    `${base}/parties/${PARTY}/payments`,
    F(400),
    { amount: 'abc', paidOn: '2027-02-01', reference: 'x' },
  ],
  ['POST', `${base}/parties/${PARTY}/adjustments`, F(400), { amount: '', reason: '' }],
  ['GET', `${base}/exports/contributions.csv`, F(200)],
  ['GET', `${base}/exports/ledger.csv`, F(200)],
  ['GET', '/parties', ALL(200)],
  ['GET', `/parties/${PARTY}`, ALL(200)],
  ['GET', '/parties/nowhere', ALL(404)],
];

describe.each(matrix)('%s %s', (method, path, e, form) => {
  it.each(Object.keys(ROLES) as Role[])('as %s', async (role) => {
    const res = await request(role, method, path, form);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(e[role] ?? e.others);
    if (res.status === 303 && role === 'anonymous')
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});

describe('the payment form', () => {
  it('records a payment once however often the same form is sent', async () => {
    const form = {
      amount: '1.250,50',
      paidOn: '2027-02-15',
      reference: 'Bank 42',
      idempotencyKey: 'form-key-1',
    };
    const first = await request('finance', 'POST', `${base}/parties/skive-kommune/payments`, form);
    const second = await request('finance', 'POST', `${base}/parties/skive-kommune/payments`, form);
    expect([first.status, second.status]).toEqual([303, 303]);
    const page = await (await request('finance', 'GET', `${base}/parties/skive-kommune`)).text();
    expect(page).toContain('Delvist betalt');
    expect(page.match(/Bank 42/g)?.length).toBe(1);
    const bytes = new Uint8Array(
      await (await request('finance', 'GET', `${base}/exports/ledger.csv`)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain(';1250,50;2027-02-15;Bank 42;');
  });

  it('shows a sent demand lowered by an adjustment with its reason', async () => {
    const res = await request('admin', 'POST', `${base}/parties/lemvig-kommune/adjustments`, {
      amount: '-100',
      reason: 'Rettet folketal',
    });
    expect(res.status).toBe(303);
    const page = await (await request('admin', 'GET', `${base}/parties/lemvig-kommune`)).text();
    expect(page).toContain('Rettet folketal');
    expect(page).toContain('-100,00');
  });
});
