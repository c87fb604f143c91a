/*
 * The award pages, walked by every role: the owner accepts an approved application's award on its page and
 * reads the award; finance and administrators list every award, pay tranches, record refunds, close and
 * export; anyone else signed in is refused (403 in the finance area, 404 where an award or an application
 * is not theirs) and anonymous visitors are sent to sign in. Then the forms' behaviour: the declaration,
 * the figures of a refusal, one tranche per form, closing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { AWARD_TERMS } from '../../functions/core/finance/award.schema.js';
import { PARTIES } from '../../functions/core/finance/parties.js';
import { texts } from '../../functions/texts/index.js';
import { createHarness, type Harness } from '../support/harness.js';

const ROLES = {
  anonymous: undefined,
  owner: 'researcher@fim.local',
  applicant: 'researcher2@fim.local',
  reviewer: 'reviewer1@fim.local',
  board: 'board@fim.local',
  finance: 'finance@fim.local',
  admin: 'admin@fim.local',
} as const;
type Role = keyof typeof ROLES;
let h: Harness;
const cookies = new Map<Role, string>();
const ids = { open: '', award: '', big: '', spare: '' };
const AWARD_TITLE = 'Bevæg dig i Lemvig';

async function request(role: Role, method: string, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(role);
  if (cookie) headers.cookie = `fim_session=${cookie}`;
  if (method !== 'GET') {
    headers.origin = 'http://localhost';
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return h.app.request(path, {
    method,
    headers,
    ...(method !== 'GET' ? { body: new URLSearchParams(form ?? {}).toString() } : {}),
  });
}

async function api(
  who: string,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
  contentType = 'application/json',
) {
  const res = await h.app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${await h.tokenFor(who)}`, 'content-type': contentType, ...extra },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${path} ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

/** An approved application written through the repository (the decision flow has its own tests). */
async function approved(owner: string, amountOre: number, title: string): Promise<string> {
  const user = h.user(owner);
  const now = h.clock.now().toISOString();
  const id = crypto.randomUUID();
  const application: Application = {
    id,
    callId: crypto.randomUUID(),
    status: 'approved',
    version: 3,
    ownerId: user.userId,
    ownerEmail: user.email,
    ownerName: user.name,
    title,
    reference: `FIM-2027-${id.slice(0, 4)}`,
    focusArea: 'prevention',
    partners: [
      { organisation: 'Lemvig Kommune', sector: 'municipality' },
      { organisation: 'Lægehuset', sector: 'general_practice' },
    ],
    budgetLines: [],
    requestedAmountOre: amountOre,
    createdAt: now,
    updatedAt: now,
    decision: {
      outcome: 'approved',
      amountOre,
      decidedAt: now,
      decidedBy: h.user(ROLES.admin).userId,
      meetingId: crypto.randomUUID(),
      recused: [],
    },
  };
  await h.core.applications.save(
    application,
    auditEvent(h.principal(ROLES.admin), new Date(now), 'application.decided', { type: 'application', id }),
  );
  return id;
}

beforeAll(async () => {
  h = await createHarness({ now: '2027-03-01T09:00:00Z' });
  for (const [role, email] of Object.entries(ROLES))
    if (email) cookies.set(role as Role, await h.tokenFor(email));
  const csv = [
    'party,year,population',
    ...PARTIES.filter((p) => p.kind === 'municipality').map((p, i) => `${p.id},2026,${10_000 + i}`),
  ].join('\n');
  const F = ROLES.finance;
  await api(F, 'POST', '/populations/imports', csv, {}, 'text/csv');
  await api(F, 'PUT', '/finance/years/2027', { referenceYear: 2026, dueDate: '2027-06-30' });
  await api(F, 'POST', '/finance/years/2027/contributions/run');
  await api(F, 'POST', '/finance/years/2027/contributions/send');
  await api(
    F,
    'POST',
    '/finance/years/2027/contributions/aarhus-kommune/payments',
    { amountOre: 100_000_000, paidOn: '2027-02-01', reference: 'Indbetaling' },
    { 'idempotency-key': crypto.randomUUID() },
  );
  ids.open = await approved(ROLES.owner, 10_000_000, 'Sund start');
  ids.award = await approved(ROLES.owner, 20_000_000, AWARD_TITLE);
  ids.big = await approved(ROLES.owner, 500_000_000, 'For stort projekt');
  ids.spare = await approved(ROLES.owner, 5_000_000, 'Reserve');
  await api(ROLES.owner, 'POST', `/applications/${ids.award}/award/accept`, {
    declaration: true,
    termsVersion: AWARD_TERMS.version,
  });
});

type Expect = Partial<Record<Role, number>> & { others: number };
const S = 303;
const F = (ok: number): Expect => ({ anonymous: S, finance: ok, admin: ok, others: 403 });
const ALL = (status: number): Expect => ({ others: status });
const matrix: [string, () => string, Expect, Record<string, string>?][] = [
  [
    'POST',
    () => `/applications/${ids.open}/award`,
    { anonymous: S, owner: 400, others: 404 },
    { termsVersion: AWARD_TERMS.version },
  ],
  ['GET', () => `/awards/${ids.award}`, { anonymous: S, owner: 200, finance: 200, admin: 200, others: 404 }],
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

describe.each(matrix)('%s %s', (method, path, e, form) => {
  it.each(Object.keys(ROLES) as Role[])('as %s', async (role) => {
    const res = await request(role, method, path(), form);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(e[role] ?? e.others);
    if (res.status === 303 && role === 'anonymous')
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});

describe('accepting an award on the application page', () => {
  it('shows the terms with their version and asks for the declaration', async () => {
    const page = await (await request('owner', 'GET', `/applications/${ids.open}`)).text();
    expect(page).toContain('Accepter bevillingen');
    expect(page).toContain(texts.da.award.termsText[AWARD_TERMS.version]);
    expect(page).toContain(AWARD_TERMS.version);
    expect(page).toContain('100.000,00');
    const refused = await request('owner', 'POST', `/applications/${ids.open}/award`, {
      termsVersion: AWARD_TERMS.version,
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Sæt flueben for at acceptere vilkårene');
  });

  it('says plainly when the pool does not hold enough, with the figures', async () => {
    const res = await request('owner', 'POST', `/applications/${ids.big}/award`, {
      termsVersion: AWARD_TERMS.version,
      declaration: 'true',
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('Puljen har ikke midler nok');
    expect(text).toContain('til rådighed til projektstøtte');
    expect(text).toContain('5.000.000,00');
  });

  it('refuses outdated terms', async () => {
    const res = await request('owner', 'POST', `/applications/${ids.spare}/award`, {
      termsVersion: 'old-terms',
      declaration: 'true',
    });
    expect(res.status).toBe(422);
    // The refusal (TERMS_OUTDATED) in the reader's words, in the summary, linked to the terms.
    const text = await res.text();
    expect(text).toContain('href="#f-termsVersion"');
    expect(text).toContain('Vilkårene er ændret; læs dem igen');
  });

  it('accepts once, then links to the award', async () => {
    const form = { termsVersion: AWARD_TERMS.version, declaration: 'true' };
    const res = await request('owner', 'POST', `/applications/${ids.open}/award`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/applications/${ids.open}#award`);
    const page = await (await request('owner', 'GET', `/applications/${ids.open}`)).text();
    expect(page).toContain(`href="/awards/${ids.open}"`);
    expect(page).not.toContain('Accepter bevillingen');
    expect((await request('owner', 'POST', `/applications/${ids.open}/award`, form)).status).toBe(409);
    const mine = await (await request('owner', 'GET', '/applications')).text();
    expect(mine).toContain(`href="/awards/${ids.open}"`);
    const award = await (await request('owner', 'GET', `/awards/${ids.open}`)).text();
    expect(award).toContain('Bevilling');
    expect(award).toContain('100.000,00');
  });
});

describe('the finance award pages', () => {
  const base = () => `/finance/awards/${ids.award}`;

  it('pays a tranche once however often the same form is sent', async () => {
    const form = { amount: '50.000,50', paidOn: '2027-02-15', reference: 'Rate 1', idempotencyKey: 'tr-1' };
    const first = await request('finance', 'POST', `${base()}/disbursements`, form);
    const second = await request('finance', 'POST', `${base()}/disbursements`, form);
    expect([first.status, second.status]).toEqual([303, 303]);
    const page = await (await request('finance', 'GET', base())).text();
    expect(page.match(/Rate 1/g)?.length).toBe(1);
    expect(page).toContain('149.999,50');
    const owner = await (await request('owner', 'GET', `/awards/${ids.award}`)).text();
    expect(owner).toContain('50.000,50');
    expect(owner).toContain('Rate 1');
  });

  it('refuses a tranche beyond what is left, with the figures beside the field', async () => {
    const res = await request('finance', 'POST', `${base()}/disbursements`, {
      amount: '200.000',
      paidOn: '2027-02-16',
      reference: 'For meget',
      idempotencyKey: 'tr-2',
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('id="f-tranche-amountOre-error"');
    expect(text).toContain('er mere end der resterer: 149.999,50');
  });

  it('records a refund and lists and exports the awards', async () => {
    const res = await request('admin', 'POST', `${base()}/refunds`, {
      amount: '500',
      paidOn: '2027-02-20',
      reference: 'Ubrugt',
    });
    expect(res.status).toBe(303);
    const list = await (await request('finance', 'GET', '/finance/awards')).text();
    expect(list).toContain(AWARD_TITLE);
    const bytes = new Uint8Array(
      await (await request('finance', 'GET', '/finance/awards.csv')).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toMatch(/^\uFEFF?Reference;Titel;Ansøger;Puljeår;Bevilget \(kr\.\);/);
    expect(csv).toContain(`;${AWARD_TITLE};`);
    expect(csv).toContain(';200000,00;50000,50;500,00;149999,50;Aktiv;');
  });

  it('closes the award: no more tranches', async () => {
    expect((await request('finance', 'POST', `${base()}/close`)).status).toBe(303);
    const page = await (await request('finance', 'GET', `${base()}?closed=1`)).text();
    expect(page).toContain('Bevillingen er lukket');
    expect(page).not.toContain('Registrér udbetalingen');
    const again = await request('finance', 'POST', `${base()}/close`);
    expect(again.status).toBe(409);
    const tranche = await request('finance', 'POST', `${base()}/disbursements`, {
      amount: '1',
      paidOn: '2027-02-16',
      reference: 'Efter lukning',
      idempotencyKey: 'tr-3',
    });
    expect(tranche.status).toBe(409);
  });

  it('shows the public what the pool has funded, without names', async () => {
    const page = await (await request('anonymous', 'GET', '/parties/lemvig-kommune')).text();
    expect(page).toContain(AWARD_TITLE);
    expect(page).toContain('Forebyggelse');
    expect(page).toContain('i forhold til deres folketal');
    expect(page).not.toContain(h.user(ROLES.owner).name);
  });
});
