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

describe('the finance forms show what is wrong beside each field, in the reader’s language', () => {
  const post = async (path: string, form: Record<string, string>, lang: 'da' | 'en' = 'da') => {
    const res = await h.app.request(path, {
      method: 'POST',
      headers: {
        cookie: `fim_session=${cookies.get('finance')}; fim_lang=${lang}`,
        origin: 'http://localhost',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, html: await res.text() };
  };
  const errorOf = (html: string, id: string) =>
    new RegExp(`<span class="error-message" id="${id}-error">([^<]*)</span>`).exec(html)?.[1];
  const hiddenKey = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
  const payments = `${base}/parties/horsens-kommune/payments`;

  it('keeps what was typed and words each error beside its field, the summary first', async () => {
    const form = { amount: 'mange', paidOn: '2027-02-15', reference: 'Bank 7', idempotencyKey: 'k-words' };
    const danish = await post(payments, form);
    expect(danish.status).toBe(400);
    expect(errorOf(danish.html, 'f-payment-amountOre')).toBe(
      'Skriv et beløb i kroner, fx 300.000 eller 1.250,50',
    );
    expect(danish.html).toContain('id="error-summary"');
    expect(danish.html).toContain('href="#f-payment-amountOre">Beløb (kr.): Skriv et beløb');
    expect(danish.html).toMatch(/id="f-payment-amountOre"[^>]*value="mange"/);
    expect(hiddenKey(danish.html)).toBe('k-words');
    const english = await post(payments, form, 'en');
    expect(english.status).toBe(400);
    expect(errorOf(english.html, 'f-payment-amountOre')).toBe(
      'Write an amount in kroner, e.g. 300.000 or 1.250,50',
    );
  });

  it('speaks of kroner above 0, and of a date not yet come', async () => {
    const zero = await post(payments, {
      amount: '0',
      paidOn: '2027-02-15',
      reference: 'x',
      idempotencyKey: 'k0',
    });
    expect(zero.status).toBe(400);
    expect(errorOf(zero.html, 'f-payment-amountOre')).toBe('Beløbet skal være over 0');
    const future = await post(payments, {
      amount: '10',
      paidOn: '2027-03-02',
      reference: 'x',
      idempotencyKey: 'k-future',
    });
    expect(future.status).toBe(422);
    expect(errorOf(future.html, 'f-payment-paidOn')).toBe(
      'Betalingsdatoen 2. marts 2027 ligger i fremtiden (i dag er 1. marts 2027)',
    );
  });

  it('gives the form a new key when its key was used for another payment', async () => {
    const form = { amount: '100', paidOn: '2027-02-15', reference: 'Bank 8', idempotencyKey: 'k-twice' };
    expect((await post(payments, form)).status).toBe(303);
    const other = await post(payments, { ...form, amount: '200' });
    expect(other.status).toBe(422);
    expect(other.html).toContain(
      'Idempotency-Key &quot;k-twice&quot; er allerede brugt til en anden betaling',
    );
    expect(hiddenKey(other.html)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an adjustment that would take the demand below zero, with the figures in kroner', async () => {
    const res = await post(`${base}/parties/odder-kommune/adjustments`, {
      amount: '-1.000.000',
      reason: 'Alt for meget',
    });
    expect(res.status).toBe(422);
    expect(errorOf(res.html, 'f-adjustment-amountOre')?.replaceAll('\u00a0', ' ')).toMatch(
      /^Bidraget kan ikke blive negativt: skyldigt nu [\d.]+,00 kr\., reguleringen -1\.000\.000,00 kr\.$/,
    );
  });

  it('asks for every figure of the settings, and shows them as they are when they changed meanwhile', async () => {
    const settings = await api('GET', '/finance/years/2027');
    const form = {
      _version: String(settings.version),
      referenceYear: '2026',
      dueDate: '2027-06-30',
      municipalityRate: '',
      regionRate: '1',
      numerator: '4',
      denominator: '5',
    };
    const blank = await post(`${base}/settings`, form);
    expect(blank.status).toBe(400);
    expect(errorOf(blank.html, 'f-rates-municipalityOre')).toBe('Skal udfyldes');
    const stale = await post(`${base}/settings`, {
      ...form,
      _version: String(settings.version - 1),
      municipalityRate: '2',
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Opsætningen er ændret et andet sted');
    expect(stale.html).toContain(`name="_version" value="${settings.version}"`);
    expect((await api('GET', '/finance/years/2027')).rates.municipalityOre).toBe(100);
  });

  it('lists every party without a population when the run cannot be done', async () => {
    await api('PUT', '/finance/years/2030', { referenceYear: 2001, dueDate: '2030-06-30' });
    const res = await post('/finance/years/2030/run', {});
    expect(res.status).toBe(422);
    expect(res.html).toContain('Favrskov Kommune: intet folketal for 2001');
    expect(res.html).toContain('(POPULATION_MISSING)');
  });

  it('answers a form body that cannot be read with 400, not 500', async () => {
    const res = await h.app.request(payments, {
      method: 'POST',
      headers: {
        cookie: `fim_session=${cookies.get('finance')}`,
        origin: 'http://localhost',
        'content-type': 'multipart/form-data',
      },
      body: 'no boundary',
    });
    expect(res.status).toBe(400);
  });
});
