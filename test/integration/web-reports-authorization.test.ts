/*
 * The report pages, walked by every role: the project lead reads an award's reports on its page and submits
 * the ones due or returned; the board (free of conflict) and administrators read them under /board and
 * approve or return a submitted one; a conflicted board member is refused by the service (403); anyone else
 * is refused (403 in the board area, 403 or 404 on the award as the API answers) and anonymous visitors are
 * sent to sign in. Then the flow: submit, return with a reason, submit again, approve; approving the final
 * report closes the award.
 *
 * CONFLICTED (chair@, board, Region Midtjylland) is conflicted with the award here, whose partner is Region
 * Midtjylland; BOARD (board@, Aarhus Kommune) is not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { AWARD_TERMS } from '../../functions/core/finance/award.schema.js';
import { PARTIES } from '../../functions/core/finance/parties.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import { createHarness, type Harness } from '../support/harness.js';

const ROLES = {
  anonymous: undefined,
  owner: 'researcher@fim.local',
  applicant: 'researcher2@fim.local',
  reviewer: 'reviewer1@fim.local',
  board: 'board@fim.local',
  conflicted: 'chair@fim.local',
  finance: 'finance@fim.local',
  admin: 'admin@fim.local',
} as const;
type Role = keyof typeof ROLES;
let h: Harness;
const cookies = new Map<Role, string>();
let awardId = '';
const AWARD_TITLE = 'Sunde skoleveje i Midten';

async function request(
  role: Role,
  method: string,
  path: string,
  form?: Record<string, string>,
  lang: 'da' | 'en' = 'da',
) {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(role);
  headers.cookie = cookie ? `fim_session=${cookie}; fim_lang=${lang}` : `fim_lang=${lang}`;
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

/** The award's reports as the API gives them to its owner. */
async function reports(): Promise<Report[]> {
  return (await api(ROLES.owner, 'GET', `/awards/${awardId}/reports`)).items as Report[];
}
async function version(reportId: string): Promise<string> {
  const report = (await reports()).find((r) => r.reportId === reportId);
  if (!report) throw new Error(`no report ${reportId}`);
  return String(report.version);
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
      { organisation: 'Region Midtjylland', sector: 'region' },
      { organisation: 'Lemvig Kommune', sector: 'municipality' },
    ],
    budgetLines: [],
    requestedAmountOre: amountOre,
    endDate: '2028-12-31',
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
  awardId = await approved(ROLES.owner, 20_000_000, AWARD_TITLE);
  await api(ROLES.owner, 'POST', `/applications/${awardId}/award/accept`, {
    declaration: true,
    termsVersion: AWARD_TERMS.version,
  });
});

type Expect = Partial<Record<Role, number>> & { others: number };
const S = 303;
/** The board area: board members (conflicted or not) and admins; everyone else 403. */
const B = (ok: number): Expect => ({ anonymous: S, board: ok, conflicted: ok, admin: ok, others: 403 });
const STALE = { _version: '0', text: 'Forældet', reason: 'Forældet' };
const matrix: [string, () => string, Expect, Record<string, string>?][] = [
  ['GET', () => `/awards/${awardId}`, { anonymous: S, owner: 200, finance: 200, admin: 200, others: 404 }],
  [
    'POST',
    () => `/awards/${awardId}/reports/final`,
    { anonymous: S, owner: 409, board: 403, conflicted: 403, finance: 403, admin: 403, others: 404 },
    STALE,
  ],

  [
    'POST',
    () => `/awards/${awardId}/reports/nowhere`,
    { anonymous: S, owner: 404, board: 403, conflicted: 403, finance: 403, admin: 403, others: 404 },
    STALE,
  ],
  ['POST', () => '/awards/nowhere/reports/final', { anonymous: S, others: 404 }, STALE],
  ['GET', () => '/board/awards', B(200)],
  ['GET', () => `/board/awards/${awardId}/reports`, B(200)],
  ['GET', () => '/board/awards/nowhere/reports', B(404)],
  ['POST', () => `/board/awards/${awardId}/reports/final/approve`, B(409), STALE],
  ['POST', () => `/board/awards/${awardId}/reports/final/return`, B(409), STALE],
  ['POST', () => `/board/awards/${awardId}/reports/nowhere/approve`, B(404), STALE],
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

describe('reports from the lead to the board', () => {
  const owner = () => `/awards/${awardId}`;
  const board = () => `/board/awards/${awardId}/reports`;

  it('lists the reports on the award page with a form for each one due', async () => {
    const page = await (await request('owner', 'GET', owner())).text();
    expect(page).toContain('Rapporter');
    expect(page).toContain('Slutrapport');
    expect(page).toContain('Skal afleveres');
    expect(page).toContain(`action="/awards/${awardId}/reports/final"`);
    const en = await (await request('owner', 'GET', owner(), undefined, 'en')).text();
    expect(en).toContain('Final report');
    const finance = await (await request('finance', 'GET', owner())).text();
    expect(finance).toContain('Slutrapport');
    expect(finance).not.toContain(`action="/awards/${awardId}/reports/final"`);
  });

  it('puts the errors beside the fields', async () => {
    const res = await request('owner', 'POST', `${owner()}/reports/final`, {
      _version: await version('final'),
      text: ' ',
      spent: 'mange penge',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('id="f-reports-final-text-error"');
    expect(text).toContain('Skriv rapportens tekst.');
    expect(text).toContain('id="f-reports-final-spentOre-error"');
    expect(text).toContain('mange penge');
    // The same errors in the reader's language, from the catalogue.
    const english = await request(
      'owner',
      'POST',
      `${owner()}/reports/final`,
      { _version: await version('final'), text: ' ', spent: 'mange penge' },
      'en',
    );
    expect(english.status).toBe(400);
    const words = await english.text();
    expect(words).toContain('Write the report’s text.');
    expect(words).toContain('Write an amount in kroner');
  });

  it('submits every report, then refuses the same form again (409)', async () => {
    for (const r of await reports()) {
      const form = { _version: String(r.version), text: `Rapport ${r.reportId}`, spent: '1.250,50' };
      const res = await request('owner', 'POST', `${owner()}/reports/${r.reportId}`, form);
      expect(res.status, await res.text()).toBe(303);
      expect(res.headers.get('location')).toBe(`/awards/${awardId}?submitted=1#reports`);
      const again = await request('owner', 'POST', `${owner()}/reports/${r.reportId}`, form);
      expect(again.status).toBe(409);
    }
    const page = await (await request('owner', 'GET', `${owner()}?submitted=1`)).text();
    expect(page).toContain('Rapporten er indsendt.');
    expect(page).toContain('Indsendt');
    expect(page).not.toContain(`action="/awards/${awardId}/reports/final"`);
    expect((await reports()).every((r) => r.status === 'submitted' && r.spentOre === 125_050)).toBe(true);
  });

  it('lets the board read them; a conflicted member may not decide (403)', async () => {
    const list = await (await request('board', 'GET', '/board/awards')).text();
    expect(list).toContain(AWARD_TITLE);
    expect(list).toContain(`href="/board/awards/${awardId}/reports"`);
    const page = await (await request('board', 'GET', board())).text();
    expect(page).toContain('Rapport final');
    expect(page).toContain('1.250,50');
    expect(page).toContain(`action="${board()}/final/approve"`);
    const res = await request('conflicted', 'POST', `${board()}/final/approve`, {
      _version: await version('final'),
    });
    expect(res.status).toBe(403);
    const returned = await request('conflicted', 'POST', `${board()}/final/return`, {
      _version: await version('final'),
      reason: 'Nej',
    });
    expect(returned.status).toBe(403);
    expect((await reports()).find((r) => r.reportId === 'final')?.status).toBe('submitted');
  });

  it('returns a report with a reason (required); the lead submits it again', async () => {
    const empty = await request('board', 'POST', `${board()}/final/return`, {
      _version: await version('final'),
      reason: ' ',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('id="f-reports-final-reason-error"');
    const res = await request('board', 'POST', `${board()}/final/return`, {
      _version: await version('final'),
      reason: 'Beskriv effekten nærmere.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${board()}?done=returned`);
    const page = await (await request('owner', 'GET', owner())).text();
    expect(page).toContain('Sendt retur');
    expect(page).toContain('Beskriv effekten nærmere.');
    expect(page).toContain(`action="/awards/${awardId}/reports/final"`);
    const again = await request('owner', 'POST', `${owner()}/reports/final`, {
      _version: await version('final'),
      text: 'Effekten er beskrevet.',
    });
    expect(again.status).toBe(303);
  });

  it('approves the final report and the award shows closed', async () => {
    for (const r of (await reports()).filter((x) => x.reportId !== 'final')) {
      const res = await request('admin', 'POST', `${board()}/${r.reportId}/approve`, {
        _version: String(r.version),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${board()}?done=approved`);
    }
    const form = { _version: await version('final') };
    const res = await request('board', 'POST', `${board()}/final/approve`, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${board()}?done=closed`);
    const notice = await (await request('board', 'GET', `${board()}?done=closed`)).text();
    expect(notice).toContain('Slutrapporten er godkendt, og bevillingen er lukket.');
    expect((await request('board', 'POST', `${board()}/final/approve`, form)).status).toBe(409);
    const page = await (await request('owner', 'GET', owner())).text();
    expect(page).toContain('Lukket');
    expect(page).toContain('Godkendt');
    expect((await reports()).every((r) => r.status === 'approved')).toBe(true);
  });
});
