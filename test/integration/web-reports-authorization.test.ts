/*
 * The report pages, walked by every role: the project lead reads an award's reports on its page and submits
 * the ones due or returned; the board (free of conflict) and administrators read them under /board and
 * approve or return a submitted one; a conflicted board member is refused by the service (403); anyone else
 * is refused (403 in the board area, 403 or 404 on the award as the API answers) and anonymous visitors are
 * sent to sign in. Then the flow: submit, return with a reason, submit again, approve; approving the final
 * report closes the award.
 *
 * The applicant leads the award. The chair (chair@, board, Region Midtjylland) is conflicted with it, whose
 * partner is Region Midtjylland; the board member (board@, Aarhus Kommune) is not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../functions/core/finance/report.schema.js';
import { type Api, expectOk } from '../support/api.js';
import { acceptedAward, EVERYONE, partner, pay, RESEARCHER, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browserOf, type Expected, type PageCase, walkPages } from '../support/web.js';

const ROLES = EVERYONE;
type Role = keyof typeof ROLES;
let h: Harness;
let client: Api;
const request = browserOf(() => h, ROLES);
let awardId = '';
const AWARD_TITLE = 'Sunde skoleveje i Midten';

/** The award's reports as the API gives them to its owner. */
async function reports(): Promise<Report[]> {
  return expectOk(await client.get(`/api/awards/${awardId}/reports`, RESEARCHER)).items as Report[];
}
async function version(reportId: string): Promise<string> {
  const report = (await reports()).find((r) => r.reportId === reportId);
  if (!report) throw new Error(`no report ${reportId}`);
  return String(report.version);
}

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
  await setUpYear(client, 2027, { referenceYear: 2026, dueDate: '2027-06-30' });
  await pay(client, 2027, 100_000_000);
  awardId = await acceptedAward(client, {
    amountOre: 20_000_000,
    title: AWARD_TITLE,
    partners: [partner('Region Midtjylland', 'region'), partner('Lemvig Kommune', 'municipality')],
    endDate: '2028-12-31',
  });
});

type Expect = Expected<Role>;
const S = 303;
/** The board area: board members (conflicted or not) and admins; everyone else 403. */
const B = (ok: number, chair = ok): Expect => ({ anonymous: S, board: ok, chair, admin: ok, others: 403 });
const STALE = { _version: '0', text: 'Forældet', reason: 'Forældet' };
const matrix: PageCase<Role>[] = [
  [
    'GET',
    () => `/awards/${awardId}`,
    { anonymous: S, applicant: 200, finance: 200, admin: 200, others: 404 },
  ],
  [
    'POST',
    () => `/awards/${awardId}/reports/final`,
    { anonymous: S, applicant: 409, board: 403, chair: 403, finance: 403, admin: 403, others: 404 },
    STALE,
  ],

  [
    'POST',
    () => `/awards/${awardId}/reports/nowhere`,
    { anonymous: S, applicant: 404, board: 403, chair: 403, finance: 403, admin: 403, others: 404 },
    STALE,
  ],
  ['POST', () => '/awards/nowhere/reports/final', { anonymous: S, others: 404 }, STALE],
  ['GET', () => '/board/awards', B(200)],
  // The chair is conflicted with the award: recused from its reports (issue 11), a stale form included.
  ['GET', () => `/board/awards/${awardId}/reports`, B(200, 403)],
  ['GET', () => '/board/awards/nowhere/reports', B(404)],
  ['POST', () => `/board/awards/${awardId}/reports/final/approve`, B(409, 403), STALE],
  ['POST', () => `/board/awards/${awardId}/reports/final/return`, B(409, 403), STALE],
  ['POST', () => `/board/awards/${awardId}/reports/nowhere/approve`, B(404), STALE],
];

walkPages(() => h, ROLES, matrix);

describe('reports from the lead to the board', () => {
  const owner = () => `/awards/${awardId}`;
  const board = () => `/board/awards/${awardId}/reports`;
  /** Posts a form about the final report, at the version it stands at now. */
  const postFinal = async (role: Role, path: string, fields: Record<string, string> = {}, lang?: 'en') =>
    request(role, path, { form: { _version: await version('final'), ...fields }, ...(lang ? { lang } : {}) });

  it('lists the reports on the award page with a form for each one due', async () => {
    const page = (await request('applicant', owner())).html;
    expect(page).toContain('Rapporter');
    expect(page).toContain('Slutrapport');
    expect(page).toContain('Skal afleveres');
    expect(page).toContain(`action="/awards/${awardId}/reports/final"`);
    const en = (await request('applicant', owner(), { lang: 'en' })).html;
    expect(en).toContain('Final report');
    const finance = (await request('finance', owner())).html;
    expect(finance).toContain('Slutrapport');
    expect(finance).not.toContain(`action="/awards/${awardId}/reports/final"`);
  });

  it('puts the errors beside the fields', async () => {
    const res = await postFinal('applicant', `${owner()}/reports/final`, { text: ' ', spent: 'mange penge' });
    expect(res.status).toBe(400);
    const text = res.html;
    expect(text).toContain('id="f-reports-final-text-error"');
    expect(text).toContain('Skriv rapportens tekst.');
    expect(text).toContain('id="f-reports-final-spentOre-error"');
    expect(text).toContain('mange penge');
    // The same errors in the reader's language, from the catalogue.
    const english = await postFinal(
      'applicant',
      `${owner()}/reports/final`,
      { text: ' ', spent: 'mange penge' },
      'en',
    );
    expect(english.status).toBe(400);
    const words = english.html;
    expect(words).toContain('Write the report’s text.');
    expect(words).toContain('Write an amount in kroner');
  });

  it('submits every report, then refuses the same form again (409)', async () => {
    for (const r of await reports()) {
      const form = { _version: String(r.version), text: `Rapport ${r.reportId}`, spent: '1.250,50' };
      const res = await request('applicant', `${owner()}/reports/${r.reportId}`, { form });
      expect(res.status, res.html).toBe(303);
      expect(res.location).toBe(`/awards/${awardId}?submitted=1#reports`);
      const again = await request('applicant', `${owner()}/reports/${r.reportId}`, { form });
      expect(again.status).toBe(409);
    }
    const page = (await request('applicant', `${owner()}?submitted=1`)).html;
    expect(page).toContain('Rapporten er indsendt.');
    expect(page).toContain('Indsendt');
    expect(page).not.toContain(`action="/awards/${awardId}/reports/final"`);
    expect((await reports()).every((r) => r.status === 'submitted' && r.spentOre === 125_050)).toBe(true);
  });

  it('lets the board read them; a conflicted member may not decide (403)', async () => {
    const list = (await request('board', '/board/awards')).html;
    expect(list).toContain(AWARD_TITLE);
    expect(list).toContain(`href="/board/awards/${awardId}/reports"`);
    const page = (await request('board', board())).html;
    expect(page).toContain('Rapport final');
    expect(page).toContain('1.250,50');
    expect(page).toContain(`action="${board()}/final/approve"`);
    const res = await postFinal('chair', `${board()}/final/approve`);
    expect(res.status).toBe(403);
    const returned = await postFinal('chair', `${board()}/final/return`, { reason: 'Nej' });
    expect(returned.status).toBe(403);
    expect((await reports()).find((r) => r.reportId === 'final')?.status).toBe('submitted');
  });

  it('returns a report with a reason (required); the lead submits it again', async () => {
    const empty = await postFinal('board', `${board()}/final/return`, { reason: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('id="f-reports-final-reason-error"');
    const res = await postFinal('board', `${board()}/final/return`, { reason: 'Beskriv effekten nærmere.' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${board()}?done=returned`);
    const page = (await request('applicant', owner())).html;
    expect(page).toContain('Sendt retur');
    expect(page).toContain('Beskriv effekten nærmere.');
    expect(page).toContain(`action="/awards/${awardId}/reports/final"`);
    const again = await postFinal('applicant', `${owner()}/reports/final`, {
      text: 'Effekten er beskrevet.',
    });
    expect(again.status).toBe(303);
  });

  it('approves the final report and the award shows closed', async () => {
    for (const r of (await reports()).filter((x) => x.reportId !== 'final')) {
      const res = await request('admin', `${board()}/${r.reportId}/approve`, {
        form: {
          _version: String(r.version),
        },
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`${board()}?done=approved`);
    }
    const form = { _version: await version('final') };
    const res = await request('board', `${board()}/final/approve`, { form });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${board()}?done=closed`);
    const notice = (await request('board', `${board()}?done=closed`)).html;
    expect(notice).toContain('Slutrapporten er godkendt, og bevillingen er lukket.');
    expect((await request('board', `${board()}/final/approve`, { form })).status).toBe(409);
    const page = (await request('applicant', owner())).html;
    expect(page).toContain('Lukket');
    expect(page).toContain('Godkendt');
    expect((await reports()).every((r) => r.status === 'approved')).toBe(true);
  });
});
