/*
 * Every finance page and form post, walked by every role: finance staff and administrators may use them,
 * anyone else signed in is refused (403) and anonymous visitors are sent to sign in. The parties' public
 * pages are open to all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, expectOk } from '../support/api.js';
import { everyoneBut, FINANCE, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browserOf, type Expected, fieldError, type PageCase, walkPages } from '../support/web.js';

const ROLES = everyoneBut('otherApplicant');
type Role = keyof typeof ROLES;
let h: Harness;
let client: Api;
const request = browserOf(() => h, ROLES);
const PARTY = 'aarhus-kommune';

/** The import form as the browser sends it with a chosen file. */
function upload(text: string, action: string): FormData {
  const form = new FormData();
  form.set('csv', '');
  form.set('file', new File([text], 'folketal.csv', { type: 'text/csv' }));
  form.set('_action', action);
  return form;
}

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
  await setUpYear(client, 2027, { referenceYear: 2026, dueDate: '2027-06-30' });
});

type Expect = Expected<Role>;
const S = 303;
const F = (ok: number, admin = ok): Expect => ({ anonymous: S, finance: ok, admin, others: 403 });
const ALL = (status: number): Expect => ({ others: status });
const base = '/finance/years/2027';
const matrix: PageCase<Role>[] = [
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
  ['GET', '/finance/parties', F(200)],
  ['GET', `/finance/parties/${PARTY}`, F(200)],
  ['GET', '/finance/parties/nowhere', F(404)],
  ['POST', `/finance/parties/${PARTY}`, F(400), { invoiceEmail: 'x', ean: '1', cvr: '', _version: '0' }],
  ['GET', '/parties', ALL(200)],
  ['GET', `/parties/${PARTY}`, ALL(200)],
  ['GET', '/parties/nowhere', ALL(404)],
];

walkPages(() => h, ROLES, matrix);

describe('the payment form', () => {
  it('records a payment once however often the same form is sent', async () => {
    const form = {
      amount: '1.250,50',
      paidOn: '2027-02-15',
      reference: 'Bank 42',
      idempotencyKey: 'form-key-1',
    };
    const first = await request('finance', `${base}/parties/skive-kommune/payments`, { form });
    const second = await request('finance', `${base}/parties/skive-kommune/payments`, { form });
    expect([first.status, second.status]).toEqual([303, 303]);
    const page = (await request('finance', `${base}/parties/skive-kommune`)).html;
    expect(page).toContain('Delvist betalt');
    expect(page.match(/Bank 42/g)?.length).toBe(1);
    const bytes = (await request('finance', `${base}/exports/ledger.csv`)).bytes;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain(';1250,50;2027-02-15;Bank 42;');
  });

  it('shows a sent demand lowered by an adjustment with its reason', async () => {
    const res = await request('admin', `${base}/parties/lemvig-kommune/adjustments`, {
      form: {
        amount: '-100',
        reason: 'Rettet folketal',
      },
    });
    expect(res.status).toBe(303);
    const page = (await request('admin', `${base}/parties/lemvig-kommune`)).html;
    expect(page).toContain('Rettet folketal');
    expect(page).toContain('-100,00');
  });
});

describe('the finance forms show what is wrong beside each field, in the reader’s language', () => {
  const post = (path: string, form: Record<string, string>, lang: 'da' | 'en' = 'da') =>
    request('finance', path, { form, lang });
  const hiddenKey = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
  const payments = `${base}/parties/horsens-kommune/payments`;

  it('keeps what was typed and words each error beside its field, the summary first', async () => {
    const form = { amount: 'mange', paidOn: '2027-02-15', reference: 'Bank 7', idempotencyKey: 'k-words' };
    const danish = await post(payments, form);
    expect(danish.status).toBe(400);
    expect(fieldError(danish.html, 'f-payment-amountOre')).toBe(
      'Skriv et beløb i kroner, fx 300.000 eller 1.250,50',
    );
    expect(danish.html).toContain('id="error-summary"');
    expect(danish.html).toContain('href="#f-payment-amountOre">Beløb (kr.): Skriv et beløb');
    expect(danish.html).toMatch(/id="f-payment-amountOre"[^>]*value="mange"/);
    expect(hiddenKey(danish.html)).toBe('k-words');
    const english = await post(payments, form, 'en');
    expect(english.status).toBe(400);
    expect(fieldError(english.html, 'f-payment-amountOre')).toBe(
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
    expect(fieldError(zero.html, 'f-payment-amountOre')).toBe('Beløbet skal være over 0');
    const future = await post(payments, {
      amount: '10',
      paidOn: '2027-03-02',
      reference: 'x',
      idempotencyKey: 'k-future',
    });
    expect(future.status).toBe(422);
    expect(fieldError(future.html, 'f-payment-paidOn')).toBe(
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
    expect(fieldError(res.html, 'f-adjustment-amountOre')?.replaceAll('\u00a0', ' ')).toMatch(
      /^Bidraget kan ikke blive negativt: skyldigt nu [\d.]+,00 kr\., reguleringen -1\.000\.000,00 kr\.$/,
    );
  });

  it('asks for every figure of the settings, and shows them as they are when they changed meanwhile', async () => {
    const settings = expectOk(await client.get('/api/finance/years/2027', FINANCE));
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
    expect(fieldError(blank.html, 'f-rates-municipalityOre')).toBe('Skal udfyldes');
    const stale = await post(`${base}/settings`, {
      ...form,
      _version: String(settings.version - 1),
      municipalityRate: '2',
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Opsætningen er ændret et andet sted');
    expect(stale.html).toContain(`name="_version" value="${settings.version}"`);
    expect(expectOk(await client.get('/api/finance/years/2027', FINANCE)).rates.municipalityOre).toBe(100);
  });

  it('takes the pool’s payment details on the settings form, and sends no demand without them', async () => {
    const year = '/api/finance/years/2032';
    expectOk(await client.put(year, { referenceYear: 2026, dueDate: '2032-06-30' }, FINANCE), 201);
    expectOk(await client.act(`${year}/contributions/run`, FINANCE));
    const page = await request('finance', '/finance/years/2032');
    expect(page.html).toContain('Årets betalingsoplysninger mangler');
    const refused = await post('/finance/years/2032/send', {});
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(
      'Opkrævningerne for 2032 kan ikke sendes: årets betalingsoplysninger (betalingsmodtager, reg.nr. og kontonummer) mangler.',
    );
    expect(expectOk(await client.get(`${year}/overview`, FINANCE)).rows[0].state).toBe('computed');

    const form = {
      _version: '1',
      referenceYear: '2026',
      dueDate: '2032-06-30',
      municipalityRate: '1',
      regionRate: '1',
      numerator: '4',
      denominator: '5',
      payee: 'FIM',
      registrationNumber: '123',
      accountNumber: '12345678901',
    };
    const bad = await post('/finance/years/2032/settings', form);
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'f-paymentDetails-registrationNumber')).toBe('Reg.nr. skal være 4 cifre');
    expect(fieldError(bad.html, 'f-paymentDetails-accountNumber')).toBe(
      'Kontonummeret skal være 1 til 10 cifre',
    );
    expect(bad.html).toContain('value="12345678901"');
    // An account is given whole: a field left empty beside the others is asked for.
    const partial = await post('/finance/years/2032/settings', {
      ...form,
      payee: '',
      registrationNumber: '0400',
    });
    expect(partial.status).toBe(400);
    expect(fieldError(partial.html, 'f-paymentDetails-payee')).toBe('Skal udfyldes');

    const typed = {
      ...form,
      payee: 'Region Midtjylland, Folkesundhed i Midten',
      registrationNumber: '04 00',
      accountNumber: '4010-123456',
    };
    const stale = await post('/finance/years/2032/settings', { ...typed, _version: '0' });
    expect(stale.status).toBe(409);
    expect(expectOk(await client.get(year, FINANCE)).paymentDetails).toBeUndefined();

    const saved = await post('/finance/years/2032/settings', typed);
    expect(saved.status).toBe(303);
    expect(expectOk(await client.get(year, FINANCE)).paymentDetails).toEqual({
      payee: 'Region Midtjylland, Folkesundhed i Midten',
      registrationNumber: '0400',
      accountNumber: '4010123456',
    });
    const shown = await request('finance', '/finance/years/2032');
    expect(shown.html).toContain(
      'Opkrævningerne beder om betaling til Region Midtjylland, Folkesundhed i Midten, reg.nr. 0400, kontonr. 4010123456.',
    );
    expect(await post('/finance/years/2032/send', {})).toMatchObject({ status: 303 });
  });

  it('lists every party without a population when the run cannot be done', async () => {
    expectOk(
      await client.put('/api/finance/years/2030', { referenceYear: 2001, dueDate: '2030-06-30' }, FINANCE),
      201,
    );
    const res = await post('/finance/years/2030/run', {});
    expect(res.status).toBe(422);
    expect(res.html).toContain('Favrskov Kommune: intet folketal for 2001');
    expect(res.html).toContain('(POPULATION_MISSING)');
  });

  it('answers a form body that cannot be read with 400, not 500', async () => {
    const res = await request('finance', payments, {
      raw: { type: 'multipart/form-data', body: 'no boundary' },
    });
    expect(res.status).toBe(400);
  });
});
