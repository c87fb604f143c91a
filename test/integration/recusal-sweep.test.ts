import { beforeAll, describe, expect, it } from 'vitest';
import { seedRegistry } from '../../functions/local/seed.js';
import { type Api, api, expectOk, expectProblem } from '../support/api.js';
import { TEST_KINDS } from '../support/documents.js';
import {
  ACCEPT,
  ADMIN,
  applicationsIn,
  BOARD,
  CHAIR,
  partner,
  pay,
  person,
  RESEARCHER2,
  setUpYear,
} from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { compact, pdfText } from '../support/pdf-text.js';
import { browse } from '../support/web.js';

/*
 * Recusal is airtight (issue 11): a board member conflicted with an application learns its title and that they
 * are recused, nothing else. MEMBER works for Region Midtjylland; the hidden application's partner is Aarhus
 * Universitetshospital, under the region in the registry. It is approved, its award accepted, decided at a
 * meeting. MEMBER walks every route and page that shows applications; none shows its reference, amounts, the
 * call's true approved total or what is left of the budget, its people or its outcome. The same walk by a
 * member free of conflict finds them, so the sweep can fail.
 */

const MEMBER = person('board-region', ['applicant', 'board'], 'Region Midtjylland', { name: 'Rikke Region' });
const HIDDEN = 'Skjult projekt om hjerterehabilitering';
const HIDDEN_ORE = 12_345_600;
const VISIBLE_ORE = 2_000_000;
const BUDGET_ORE = 50_000_000;

let h: Harness;
let client: Api;
const HIDDEN_CV = 'cv-hjerterehabilitering.pdf';

const ids = { call: '', hidden: '', visible: '', meetings: [] as string[], documents: [] as string[] };
let secrets: string[] = [];

beforeAll(async () => {
  h = await withUsers(await createHarness(), [MEMBER]);
  await seedRegistry(h.db, h.core);
  client = api(h);
  await setUpYear(client, 2027);
  await pay(client, 2027, 100_000_000);
  [ids.hidden = '', ids.visible = ''] = await applicationsIn(
    client,
    [
      {
        owner: RESEARCHER2,
        title: HIDDEN,
        amountOre: HIDDEN_ORE,
        fileNames: { cv_project_lead: HIDDEN_CV },
        partners: [
          partner('Aarhus Universitetshospital', 'region', 'Karen Skjult'),
          partner('Skive Kommune', 'municipality'),
        ],
      },
      { owner: RESEARCHER2, title: 'Synligt projekt', amountOre: VISIBLE_ORE },
    ],
    // A grant type's ceiling of its own: the largest amount asked for would otherwise be the ceiling.
    // The call asks for documents (a CV, a declaration per partner): the case's files and their links are its too.
    {
      budgetOre: BUDGET_ORE,
      grantTypes: [{ id: 'A', name: 'Forskningsprojekt', maxAmountOre: 30_000_000 }],
      documentKinds: TEST_KINDS,
    },
  );
  expectOk(await client.post(`/api/applications/${ids.hidden}/award/accept`, ACCEPT, RESEARCHER2), 201);
  const hidden = expectOk(await client.get(`/api/applications/${ids.hidden}`, ADMIN));
  ids.call = hidden.callId;
  ids.meetings = expectOk(await client.get(`/api/calls/${ids.call}/meetings`, ADMIN)).items.map(
    (m: { id: string }) => m.id,
  );
  ids.documents = expectOk(await client.get(`/api/applications/${ids.hidden}/documents`, ADMIN)).items.map(
    (d: { id: string }) => d.id,
  );
  expect(ids.documents).toHaveLength(4);
  secrets = [
    hidden.reference,
    '123.456', // its amount in kroner, as pages write it
    String(HIDDEN_ORE),
    '143.456', // the call's true approved total: with the visible approval it would give the amount away
    String(HIDDEN_ORE + VISIBLE_ORE),
    '356.544', // what is truly left of the budget
    'Karen Skjult',
    'karen.skjult@example.dk',
    'Aarhus Universitetshospital',
    HIDDEN_CV,
    // Its documents by id: no link to any of them (the board's view, the pack, the documents pages).
    ...ids.documents,
  ];
});

/** Every route and page that shows applications (or their awards, reports, decisions, messages). */
const apiPaths = () => [
  `/api/calls/${ids.call}/ranking`,
  `/api/calls/${ids.call}/exports/decisions.csv`,
  `/api/calls/${ids.call}/exports/scores.csv`,
  `/api/calls/${ids.call}/meetings`,
  ...ids.meetings.map((m) => `/api/meetings/${m}`),
  ...ids.meetings.flatMap((m) => [
    `/api/meetings/${m}/minutes`,
    `/api/meetings/${m}/minutes.pdf`,
    `/api/meetings/${m}/pack`,
  ]),
  `/api/calls/${ids.call}/conflicts`,
  `/api/calls/${ids.call}/found-conflicts`,
  `/api/calls/${ids.call}/assignment-suggestion`,
  `/api/board/applications/${ids.hidden}`,
  `/api/applications/${ids.hidden}`,
  `/api/applications/${ids.hidden}/assignments`,
  `/api/applications/${ids.hidden}/review`,
  `/api/awards`,
  `/api/awards/${ids.hidden}`,
  `/api/awards/${ids.hidden}/reports`,
  `/api/me/messages`,
  `/api/reviews`,
  `/api/applications/${ids.hidden}/documents`,
  ...ids.documents.map((d) => `/api/documents/${d}/download`),
];
const pagePaths = () => [
  '/',
  '/board',
  `/board/calls/${ids.call}`,
  `/board/calls/${ids.call}/ranking`,
  `/board/calls/${ids.call}/exports/decisions.csv`,
  `/board/calls/${ids.call}/exports/scores.csv`,
  `/board/calls/${ids.call}/meetings`,
  `/board/calls/${ids.call}/meetings/new`,
  ...ids.meetings.map((m) => `/board/meetings/${m}`),
  ...ids.meetings.flatMap((m) => [
    `/board/meetings/${m}/minutes`,
    `/board/meetings/${m}/minutes.pdf`,
    `/board/meetings/${m}/pack`,
  ]),
  `/board/calls/${ids.call}/assignment`,
  `/board/calls/${ids.call}/conflicts`,
  '/board/awards',
  `/board/awards/${ids.hidden}/reports`,
  `/board/applications/${ids.hidden}`,
  `/applications/${ids.hidden}`,
  '/applications',
  `/awards/${ids.hidden}`,
  '/awards',
  '/messages',
  `/reviews/${ids.hidden}`,
  '/reviews',
  `/calls/${ids.call}`,
  `/applications/${ids.hidden}/documents`,
  ...ids.documents.map((d) => `/documents/${d}/download`),
];

/** What `who` is shown on every route and page of the sweep, by path. */
async function walk(who: string): Promise<Map<string, string>> {
  const shown = new Map<string, string>();
  // A PDF (the minutes, the meeting pack) is read as its reader reads it: its text, not its compressed bytes.
  const isPdf = (headers: Headers) => headers.get('content-type') === 'application/pdf';
  for (const path of apiPaths()) {
    const res = await h.app.request(path, { headers: { authorization: `Bearer ${await h.tokenFor(who)}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = isPdf(res.headers) ? pdfText(bytes) : new TextDecoder().decode(bytes);
    expect(res.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
    shown.set(path, text);
  }
  for (const path of pagePaths()) {
    const page = await browse(h, who, path);
    expect(page.status, `${path}: ${page.html.slice(0, 200)}`).toBeLessThan(500);
    shown.set(path, isPdf(page.headers) ? pdfText(page.bytes) : page.html);
  }
  return shown;
}

/** The table row (or list item) that names the hidden application's title, on a page that has one. */
const rowsNaming = (html: string, title: string): string[] =>
  [...html.matchAll(/<(tr|li|fieldset)\b[\s\S]*?<\/\1>/g)]
    .map((m) => m[0])
    .filter((row) => row.includes(title));

describe('a conflicted board member sweeps every route and page', () => {
  it('finds nothing of the case beyond its title and the recusal', async () => {
    const shown = await walk(MEMBER.email);
    // Without whitespace: a PDF's line breaks fall where they fall.
    // A document's id in the path asked for is the member's own words (a refusal may echo its path).
    for (const [path, text] of shown)
      for (const secret of secrets.filter((x) => !path.includes(x)))
        expect(compact(text), `${path} shows "${secret}"`).not.toContain(compact(secret));
    // Every pack's ranking names the case, as "Inhabil", and the sweep read it.
    for (const m of ids.meetings) {
      const pack = shown.get(`/api/meetings/${m}/pack`) ?? '';
      expect(compact(pack)).toContain(compact(`${HIDDEN}Inhabil`));
    }
    // The title and the recusal are there; no outcome beside the title.
    const ranking = shown.get(`/board/calls/${ids.call}/ranking`) ?? '';
    expect(ranking).toContain(HIDDEN);
    expect(ranking).toContain('Inhabil');
    expect(ranking).toContain('ikke talt med');
    for (const path of [
      `/board/calls/${ids.call}/ranking`,
      ...ids.meetings.map((m) => `/board/meetings/${m}`),
    ])
      for (const row of rowsNaming(shown.get(path) ?? '', HIDDEN)) {
        expect(row, path).not.toContain('Bevilget');
        expect(row, path).not.toContain('Forpligtet');
      }
    expect(shown.get(`/api/board/applications/${ids.hidden}`)).toContain('"reason":"RECUSED"');
    const csv = shown.get(`/api/calls/${ids.call}/exports/decisions.csv`) ?? '';
    expect(csv.split('\r\n').find((line) => line.includes(HIDDEN))).toContain('Inhabil');
    const api = JSON.parse(shown.get(`/api/calls/${ids.call}/ranking`) ?? '{}');
    expect(api).toMatchObject({ approvedOre: VISIBLE_ORE, leftOut: 1 });
  }, 240_000);

  it('while a member free of conflict finds them: the sweep can fail', async () => {
    const shown = await walk(BOARD);
    const everything = [...shown.values()].join('\n');
    for (const secret of secrets.slice(0, 4)) expect(everything).toContain(secret);
    // The PDFs are read too: the free member's pack names the case's reference.
    for (const m of ids.meetings) expect(shown.get(`/api/meetings/${m}/pack`)).toContain(secrets[0]);
    expect(shown.get(`/board/applications/${ids.hidden}`)).toContain('Karen Skjult');
    // The board's view lists the case's files and links each to the download route, which gives them.
    for (const d of ids.documents) {
      expect(shown.get(`/board/applications/${ids.hidden}`)).toContain(`href="/documents/${d}/download"`);
      expect(shown.get(`/api/board/applications/${ids.hidden}`)).toContain(d);
    }
    expect(shown.get(`/board/applications/${ids.hidden}`)).toContain(HIDDEN_CV);
    expect(
      ids.meetings.some((m) =>
        compact(shown.get(`/api/meetings/${m}/pack`) ?? '').includes(compact(HIDDEN_CV)),
      ),
    ).toBe(true);
  }, 240_000);
});

describe('the chair rules a found conflict away', () => {
  const ruling = () => `/api/applications/${ids.hidden}/found-conflicts/${MEMBER.userId}/ruling`;
  const REASON = 'Regionen er stor; Rikke arbejder i en anden forvaltning end hospitalet.';

  it('lists the found conflict for admins; a chair conflicted with the application neither sees nor rules it', async () => {
    const found = expectOk(await client.get(`/api/calls/${ids.call}/found-conflicts`, ADMIN)).items;
    expect(found).toContainEqual(
      expect.objectContaining({
        applicationId: ids.hidden,
        userId: MEMBER.userId,
        organisation: 'Region Midtjylland',
        applicationOrganisation: 'Aarhus Universitetshospital',
      }),
    );
    // The demo chair works for Region Midtjylland too: conflicted, so the case is hidden from them.
    const seenByChair = expectOk(await client.get(`/api/calls/${ids.call}/found-conflicts`, CHAIR)).items;
    expect(seenByChair.map((f: { applicationId: string }) => f.applicationId)).not.toContain(ids.hidden);
    expectProblem(await client.post(ruling(), { reason: REASON }, CHAIR), 403);
    expectProblem(await client.post(ruling(), { reason: REASON }, MEMBER.email), 403);
    expectProblem(await client.post(ruling(), { reason: 'kort' }, ADMIN), 400);
    // BOARD (Aarhus Kommune) has no found conflict with it: nothing to rule away.
    expectProblem(
      await client.post(
        `/api/applications/${ids.hidden}/found-conflicts/demo-board/ruling`,
        { reason: REASON },
        ADMIN,
      ),
      404,
    );
  });

  it('once ruled away, with its reason recorded and audited, the member reads the case', async () => {
    expect(
      expectProblem(await client.get(`/api/board/applications/${ids.hidden}`, MEMBER.email), 403).reason,
    ).toBe('RECUSED');
    const recorded = expectOk(await client.post(ruling(), { reason: REASON }, ADMIN), 201);
    expect(recorded).toMatchObject({ userId: MEMBER.userId, reason: REASON, byUserId: 'demo-admin' });
    expectProblem(await client.post(ruling(), { reason: REASON }, ADMIN), 409);
    const view = await client.get(`/api/board/applications/${ids.hidden}`, MEMBER.email);
    expect(view.status, view.text).toBe(200);
    expect(view.text).toContain('Karen Skjult');
    const found = expectOk(await client.get(`/api/calls/${ids.call}/found-conflicts`, ADMIN)).items;
    expect(found.find((f: { userId: string }) => f.userId === MEMBER.userId)?.ruling).toMatchObject({
      reason: REASON,
    });
    const page = await browse(h, ADMIN, `/board/calls/${ids.call}/conflicts`);
    expect(page.html).toContain(REASON);
    const record = expectOk(await client.get(`/api/cases/application/${ids.hidden}/events`, ADMIN));
    expect(JSON.stringify(record)).toContain('conflict.ruled_away');
  });
});
