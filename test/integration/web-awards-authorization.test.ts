/*
 * The award pages, walked by every role: the owner accepts an approved application's award on its page and
 * reads the award; finance and administrators list every award, pay tranches, record refunds, close and
 * export; anyone else signed in is refused (403 in the finance area, 404 where an award or an application
 * is not theirs) and anonymous visitors are sent to sign in. Then the forms' behaviour: the declaration,
 * the figures of a refusal, one tranche per form, closing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AWARD_TERMS } from '../../functions/core/finance/award.schema.js';
import { texts } from '../../functions/texts/index.js';
import { api, expectOk } from '../support/api.js';
import {
  ACCEPT,
  applicationsIn,
  everyoneBut,
  partnersWith,
  pay,
  RESEARCHER,
  setUpYear,
} from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { browserOf, type Expected, type PageCase, walkPages } from '../support/web.js';

const ROLES = everyoneBut('chair');
type Role = keyof typeof ROLES;
let h: Harness;
const request = browserOf(() => h, ROLES);
const ids = { open: '', award: '', big: '', spare: '' };
const AWARD_TITLE = 'Bevæg dig i Lemvig';

beforeAll(async () => {
  h = await createHarness({ now: '2027-03-01T09:00:00Z' });
  const client = api(h);
  await setUpYear(client, 2027, { referenceYear: 2026, dueDate: '2027-06-30' });
  await pay(client, 2027, 100_000_000);
  const partners = partnersWith('Lemvig Kommune');
  [ids.open = '', ids.award = '', ids.big = '', ids.spare = ''] = await applicationsIn(
    client,
    [
      { amountOre: 10_000_000, title: 'Sund start' },
      { amountOre: 20_000_000, title: AWARD_TITLE },
      { amountOre: 500_000_000, title: 'For stort projekt' },
      { amountOre: 5_000_000, title: 'Reserve' },
    ].map((approval) => ({ ...approval, partners })),
  );
  expectOk(await client.post(`/api/applications/${ids.award}/award/accept`, ACCEPT, RESEARCHER), 201);
});

type Expect = Expected<Role>;
const S = 303;
const F = (ok: number): Expect => ({ anonymous: S, finance: ok, admin: ok, others: 403 });
const ALL = (status: number): Expect => ({ others: status });
const matrix: PageCase<Role>[] = [
  [
    'POST',
    () => `/applications/${ids.open}/award`,
    { anonymous: S, applicant: 400, others: 404 },
    { termsVersion: AWARD_TERMS.version },
  ],
  [
    'GET',
    () => `/awards/${ids.award}`,
    { anonymous: S, applicant: 200, finance: 200, admin: 200, others: 404 },
  ],
  ['GET', () => '/awards/nowhere', { anonymous: S, others: 404 }],
  ['GET', () => '/finance/awards', F(200)],
  ['GET', () => '/finance/awards.csv', F(200)],
  ['GET', () => `/finance/awards/${ids.award}`, F(200)],
  ['GET', () => '/finance/awards/nowhere', F(404)],
  [
    'POST',
    () => `/finance/awards/${ids.award}/disbursements`,
    F(400),
    { amount: 'abc', paidOn: '2027-02-01', reference: 'x', idempotencyKey: 'k-matrix' },
  ],
  [
    'POST',
    () => `/finance/awards/${ids.award}/refunds`,
    F(422),
    { amount: '1.000', paidOn: '2027-02-01', reference: 'x' },
  ],
  ['POST', () => '/finance/awards/nowhere/close', F(404)],
  ['GET', () => '/parties/lemvig-kommune', ALL(200)],
];

walkPages(() => h, ROLES, matrix);

describe('accepting an award on the application page', () => {
  it('shows the terms with their version and asks for the declaration', async () => {
    const page = (await request('applicant', `/applications/${ids.open}`)).html;
    expect(page).toContain('Accepter bevillingen');
    expect(page).toContain(texts.da.award.termsText[AWARD_TERMS.version]);
    expect(page).toContain(AWARD_TERMS.version);
    expect(page).toContain('100.000,00');
    const refused = await request('applicant', `/applications/${ids.open}/award`, {
      form: {
        termsVersion: AWARD_TERMS.version,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Sæt flueben for at acceptere vilkårene');
  });

  it('says plainly when the pool does not hold enough, with the figures', async () => {
    const res = await request('applicant', `/applications/${ids.big}/award`, {
      form: {
        termsVersion: AWARD_TERMS.version,
        declaration: 'true',
      },
    });
    expect(res.status).toBe(422);
    const text = res.html;
    expect(text).toContain('Puljen har ikke midler nok');
    expect(text).toContain('til rådighed til projektstøtte');
    expect(text).toContain('5.000.000,00');
  });

  it('refuses outdated terms', async () => {
    const res = await request('applicant', `/applications/${ids.spare}/award`, {
      form: {
        termsVersion: 'old-terms',
        declaration: 'true',
      },
    });
    expect(res.status).toBe(422);
    // The refusal (TERMS_OUTDATED) in the reader's words, in the summary, linked to the terms.
    const text = res.html;
    expect(text).toContain('href="#f-termsVersion"');
    expect(text).toContain('Vilkårene er ændret; læs dem igen');
  });

  it('accepts once, then links to the award', async () => {
    const form = { termsVersion: AWARD_TERMS.version, declaration: 'true' };
    const res = await request('applicant', `/applications/${ids.open}/award`, { form });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/applications/${ids.open}#award`);
    const page = (await request('applicant', `/applications/${ids.open}`)).html;
    expect(page).toContain(`href="/awards/${ids.open}"`);
    expect(page).not.toContain('Accepter bevillingen');
    expect((await request('applicant', `/applications/${ids.open}/award`, { form })).status).toBe(409);
    const mine = (await request('applicant', '/applications')).html;
    expect(mine).toContain(`href="/awards/${ids.open}"`);
    const award = (await request('applicant', `/awards/${ids.open}`)).html;
    expect(award).toContain('Bevilling');
    expect(award).toContain('100.000,00');
  });
});

describe('the finance award pages', () => {
  const base = () => `/finance/awards/${ids.award}`;

  it('pays a tranche once however often the same form is sent', async () => {
    const form = { amount: '50.000,50', paidOn: '2027-02-15', reference: 'Rate 1', idempotencyKey: 'tr-1' };
    const first = await request('finance', `${base()}/disbursements`, { form });
    const second = await request('finance', `${base()}/disbursements`, { form });
    expect([first.status, second.status]).toEqual([303, 303]);
    const page = (await request('finance', base())).html;
    expect(page.match(/Rate 1/g)?.length).toBe(1);
    expect(page).toContain('149.999,50');
    const owner = (await request('applicant', `/awards/${ids.award}`)).html;
    expect(owner).toContain('50.000,50');
    expect(owner).toContain('Rate 1');
  });

  it('refuses a tranche beyond what is left, with the figures beside the field', async () => {
    const res = await request('finance', `${base()}/disbursements`, {
      form: {
        amount: '200.000',
        paidOn: '2027-02-16',
        reference: 'For meget',
        idempotencyKey: 'tr-2',
      },
    });
    expect(res.status).toBe(422);
    const text = res.html;
    expect(text).toContain('id="f-tranche-amountOre-error"');
    expect(text).toContain('er mere end der resterer: 149.999,50');
  });

  it('records a refund and lists and exports the awards', async () => {
    const res = await request('admin', `${base()}/refunds`, {
      form: {
        amount: '500',
        paidOn: '2027-02-20',
        reference: 'Ubrugt',
      },
    });
    expect(res.status).toBe(303);
    const list = (await request('finance', '/finance/awards')).html;
    expect(list).toContain(AWARD_TITLE);
    const bytes = (await request('finance', '/finance/awards.csv')).bytes;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toMatch(/^\uFEFF?Reference;Titel;Ansøger;Puljeår;Bevilget \(kr\.\);/);
    expect(csv).toContain(`;${AWARD_TITLE};`);
    expect(csv).toContain(';200000,00;50000,50;500,00;149999,50;Aktiv;');
  });

  it('closes the award: no more tranches', async () => {
    expect((await request('finance', `${base()}/close`, { method: 'POST' })).status).toBe(303);
    const page = (await request('finance', `${base()}?closed=1`)).html;
    expect(page).toContain('Bevillingen er lukket');
    expect(page).not.toContain('Registrér udbetalingen');
    const again = await request('finance', `${base()}/close`, { method: 'POST' });
    expect(again.status).toBe(409);
    const tranche = await request('finance', `${base()}/disbursements`, {
      form: {
        amount: '1',
        paidOn: '2027-02-16',
        reference: 'Efter lukning',
        idempotencyKey: 'tr-3',
      },
    });
    expect(tranche.status).toBe(409);
  });

  it('shows the public what the pool has funded, without names', async () => {
    const page = (await request('anonymous', '/parties/lemvig-kommune')).html;
    expect(page).toContain(AWARD_TITLE);
    expect(page).toContain('Forebyggelse');
    expect(page).toContain('i forhold til deres folketal');
    expect(page).not.toContain(h.user(RESEARCHER).name);
  });
});
