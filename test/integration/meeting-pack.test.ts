/*
 * The meeting pack and the minutes as PDFs (issue 11), against DynamoDB Local with the registry seeded as
 * `npm start` seeds it. CHAIR (Region Midtjylland) and HOSPITAL_BOARD (Regionshospitalet Silkeborg) are
 * conflicted through the tree with the application whose partner is Regionshospitalet Silkeborg: their pack and
 * minutes carry its title and their recusal, nothing else. BOARD (Aarhus Kommune) is free of conflict.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { SCANNER } from '../../functions/core/auth/system.js';
import { seedRegistry } from '../../functions/local/seed.js';
import { formatKr } from '../../functions/texts/format.js';
import { type Api, api, checkRoutes, expectOk, type RouteCase, rolesOf } from '../support/api.js';
import { submitWithDocuments, TEST_KINDS } from '../support/documents.js';
import {
  ADMIN,
  applicationBody,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  FINANCE,
  fullReview,
  partner,
  partnersWith,
  person,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  reviewAndSubmit,
} from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { compact, pdfText } from '../support/pdf-text.js';
import { browse, type PageCase, walkPages } from '../support/web.js';

const HOSPITAL_BOARD = person('board-hospital', ['applicant', 'board'], 'Regionshospitalet Silkeborg', {
  name: 'Hanne Holm',
});

const MATRIX = rolesOf({
  anonymous: undefined,
  applicant: RESEARCHER,
  owner: RESEARCHER2,
  reviewer: REVIEWER,
  board: BOARD,
  hospitalBoard: HOSPITAL_BOARD.email,
  chair: CHAIR,
  finance: FINANCE,
  admin: ADMIN,
});
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

const SUMMARY = 'Et akutteam på Regionshospitalet Silkeborg følger ældre borgere hjem.';
const FREE_SUMMARY = 'Unge i Skive lærer at lave mad sammen med deres bedsteforældre.';
const SECRET_COMMENT = 'Akutteamets budget er for stramt.';
const FREE_COMMENT = 'Et stærkt projekt med klare mål.';
const JUSTIFICATION = 'Ligger uden for puljens formål i år.';
const CONDITIONS = 'Halvårlig status til sekretariatet.';

let h: Harness;
let client: Api;
const ids = { call: '', free: '', freeCv: '', region: '', third: '', meeting: '', regionReference: '' };
const FREE_CV = 'cv-madskole.pdf';
const SECRET_CV = 'cv-akutteam.pdf';

beforeAll(async () => {
  h = await withUsers(await createHarness(), [HOSPITAL_BOARD]);
  await seedRegistry(h.db, h.core);
  client = api(h);
  ids.call = (
    await createCall(client, { overrides: { title: 'Mødemappens opslag', documentKinds: TEST_KINDS } })
  ).id;
  const free = await submitWithDocuments(
    client,
    ids.call,
    RESEARCHER2,
    applicationBody({
      title: 'Madskole i Skive',
      summary: FREE_SUMMARY,
      partners: partnersWith('Skive Kommune'),
    }),
    { cv_project_lead: FREE_CV },
  );
  const region = await submitWithDocuments(
    client,
    ids.call,
    RESEARCHER2,
    applicationBody({
      title: 'Akutteam i Silkeborg',
      summary: SUMMARY,
      partners: [
        partner('Regionshospitalet Silkeborg', 'region', 'Jens Akut'),
        partner('Skive Kommune', 'municipality'),
      ],
    }),
    { cv_project_lead: SECRET_CV },
  );
  ids.free = free.id;
  ids.freeCv = free.documents.cv_project_lead ?? '';
  ids.region = region.id;
  ids.third = (
    await submitWithDocuments(
      client,
      ids.call,
      RESEARCHER2,
      applicationBody({ title: 'Tredje ansøgning', partners: partnersWith('Skive Kommune') }),
    )
  ).id;
  await closeCallNow(client, ids.call);
  for (const id of [ids.free, ids.region, ids.third])
    expectOk(
      await client.post(`/api/applications/${id}/assignments`, { reviewerIds: ['demo-reviewer1'] }, ADMIN),
    );
  await reviewAndSubmit(client, ids.free, REVIEWER, { ...fullReview(5, 4, 4), overallComment: FREE_COMMENT });
  await reviewAndSubmit(client, ids.region, REVIEWER, {
    ...fullReview(2, 3, 2, 'do_not_fund'),
    overallComment: SECRET_COMMENT,
  });
  ids.regionReference = expectOk(
    await client.get(`/api/board/applications/${ids.region}`, ADMIN),
  ).application.reference;
  ids.meeting = expectOk(
    await client.post(
      `/api/calls/${ids.call}/meetings`,
      {
        heldAt: '2027-03-10T14:00:00+01:00',
        attendeeIds: ['demo-chair', 'demo-board', HOSPITAL_BOARD.userId],
        decisions: [
          { applicationId: ids.free, outcome: 'approved', amountOre: 10_000_000, conditions: CONDITIONS },
          { applicationId: ids.region, outcome: 'rejected', justification: JUSTIFICATION },
        ],
      },
      ADMIN,
    ),
    201,
  ).id;
}, 120_000);

const pdfOf = async (path: string, who: string, headers: Record<string, string> = {}) => {
  const res = await h.app.request(path, {
    headers: { authorization: `Bearer ${await h.tokenFor(who)}`, ...headers },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: res.status === 200 ? compact(pdfText(bytes)) : '' };
};

describe('GET /api/meetings/{id}/pack', () => {
  it('gives a member free of conflict the ranking and each application with its reviews', async () => {
    const { res, bytes, text } = await pdfOf(`/api/meetings/${ids.meeting}/pack`, BOARD);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('moedemappe-2027-03-10.pdf');
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(text).toContain(compact('Mødemappe'));
    expect(text).toContain(compact('Bestyrelsesmøde 10. marts 2027: Mødemappens opslag'));
    expect(text).toContain(compact('Prioritering'));
    expect(text).toContain(compact('Tredje ansøgning'));
    for (const shown of [
      FREE_SUMMARY,
      FREE_COMMENT,
      SUMMARY,
      SECRET_COMMENT,
      'Jens Akut',
      ids.regionReference,
      FREE_CV,
      SECRET_CV,
      'Ledelseserklæring (Regionshospitalet Silkeborg)',
    ])
      expect(text).toContain(compact(shown));
    expect(text).toContain(compact('Bevilg ikke'));
    // Each document with its checksum, as the board's view lists it.
    const view = expectOk(await client.get(`/api/board/applications/${ids.free}`, BOARD));
    expect(view.documents).toHaveLength(4);
    for (const d of view.documents) expect(text).toContain(d.sha256);
  });

  it('shows a conflicted member the case’s title and “Inhabil”, nothing of it', async () => {
    for (const who of [CHAIR, HOSPITAL_BOARD.email]) {
      const { res, text } = await pdfOf(`/api/meetings/${ids.meeting}/pack`, who);
      expect(res.status).toBe(200);
      expect(text).toContain(compact('Akutteam i Silkeborg'));
      expect(text).toContain(compact('Inhabil'));
      expect(text).toContain(compact(FREE_SUMMARY));
      expect(text).toContain(compact('ansøgning(er), du er inhabil i, er ikke talt med'));
      for (const hidden of [
        SUMMARY,
        SECRET_COMMENT,
        'Jens Akut',
        ids.regionReference,
        JUSTIFICATION,
        SECRET_CV,
      ])
        expect(text).not.toContain(compact(hidden));
      expect(text).toContain(compact(FREE_CV));
    }
  });

  it('is answered 304 while nothing in it changed, and built again when something did', async () => {
    const first = await pdfOf(`/api/meetings/${ids.meeting}/pack`, BOARD);
    const etag = first.res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"[\w-]{43}"$/);
    expect(first.res.headers.get('cache-control')).toBe('private, no-cache');
    const again = await pdfOf(`/api/meetings/${ids.meeting}/pack`, BOARD, { 'if-none-match': etag });
    expect(again.res.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect(again.res.headers.get('etag')).toBe(etag);
    expect(again.res.headers.get('cache-control')).toBe('private, no-cache');
    // Another member's pack is theirs: never the same key, even where it shows the same.
    const other = await pdfOf(`/api/meetings/${ids.meeting}/pack`, ADMIN, { 'if-none-match': etag });
    expect(other.res.status).toBe(200);
    const en = await pdfOf(`/api/meetings/${ids.meeting}/pack?lang=en`, BOARD, { 'if-none-match': etag });
    expect(en.res.status).toBe(200);
    expect(en.text).toContain(compact('Meeting pack'));
    // A review of an application in the ranking changes the ranking: a new pack.
    await reviewAndSubmit(client, ids.third, REVIEWER, fullReview(3, 3, 3));
    const changed = await pdfOf(`/api/meetings/${ids.meeting}/pack`, BOARD, { 'if-none-match': etag });
    expect(changed.res.status).toBe(200);
    const changedTag = changed.res.headers.get('etag') ?? '';
    expect(changedTag).not.toBe(etag);
    expect(
      (await pdfOf(`/api/meetings/${ids.meeting}/pack`, BOARD, { 'if-none-match': changedTag })).res.status,
    ).toBe(304);
    // A document changes (a late verdict quarantines the CV): a new pack, without it.
    const cv = await h.core.documents.get(ids.free, ids.freeCv);
    if (!cv) throw new Error('the CV is gone');
    const now = h.clock.now();
    await h.core.documents.save(
      { ...cv, status: 'infected', version: cv.version + 1, updatedAt: now.toISOString() },
      auditEvent(
        SCANNER,
        now,
        'document.infected',
        { type: 'application', id: ids.free },
        { documentId: cv.id },
      ),
      cv.version,
    );
    const quarantined = await pdfOf(`/api/meetings/${ids.meeting}/pack`, BOARD, {
      'if-none-match': changedTag,
    });
    expect(quarantined.res.status).toBe(200);
    expect(quarantined.res.headers.get('etag')).not.toBe(changedTag);
    expect(quarantined.text).not.toContain(compact(FREE_CV));
    expect(quarantined.text).toContain(compact(SECRET_CV));
  });
});

describe('GET /api/meetings/{id}/minutes.pdf', () => {
  it('carries every decision with its words, the attendees, who was recused and why, the version and state', async () => {
    const draft = await pdfOf(`/api/meetings/${ids.meeting}/minutes.pdf`, BOARD);
    expect(draft.res.status).toBe(200);
    expect(draft.res.headers.get('content-disposition')).toContain('referat-2027-03-10.pdf');
    for (const shown of [
      'Referat',
      'Bestyrelsesmøde 10. marts 2027: Mødemappens opslag',
      'Version 1: afventer formandens godkendelse',
      'Madskole i Skive',
      'AfgørelseBevilget',
      'AfgørelseAfslag',
      formatKr(10_000_000, 'da'),
      CONDITIONS,
      'Akutteam i Silkeborg',
      JUSTIFICATION,
      'Hanne Holm (Organisation: Regionshospitalet Silkeborg)',
      'Til stede',
    ])
      expect(draft.text).toContain(compact(shown));

    expectOk(await client.act(`/api/meetings/${ids.meeting}/minutes/approve`, CHAIR));
    const approved = await pdfOf(`/api/meetings/${ids.meeting}/minutes.pdf`, BOARD);
    expect(approved.text).toContain(compact('Version 1: godkendt af formanden'));
    const en = await pdfOf(`/api/meetings/${ids.meeting}/minutes.pdf?lang=en`, BOARD);
    expect(en.text).toContain(compact('Version 1: approved by the chair'));
    expect(en.text).toContain(compact('Recused (took no part)'));
  });

  it('shows a conflicted member the case’s title and their recusal only', async () => {
    const { res, text } = await pdfOf(`/api/meetings/${ids.meeting}/minutes.pdf`, HOSPITAL_BOARD.email);
    expect(res.status).toBe(200);
    expect(text).toContain(compact('Akutteam i Silkeborg'));
    expect(text).toContain(compact('Du er inhabil i denne sag og ser kun titlen.'));
    expect(text).toContain(compact(CONDITIONS));
    for (const hidden of [JUSTIFICATION, ids.regionReference, 'Jens Akut'])
      expect(text).not.toContain(compact(hidden));
  });
});

const matrix: RouteCase<Role>[] = [
  {
    route: 'GET /api/meetings/{id}/pack',
    expected: all(403, { anonymous: 401, board: 200, hospitalBoard: 200, chair: 200, admin: 200 }),
    run: (who) => client.get(`/api/meetings/${ids.meeting}/pack`, who),
  },
  {
    route: 'GET /api/meetings/{id}/pack (unknown meeting)',
    expected: all(403, { anonymous: 401, board: 404, hospitalBoard: 404, chair: 404, admin: 404 }),
    run: (who) => client.get(`/api/meetings/${crypto.randomUUID()}/pack`, who),
  },
  {
    route: 'GET /api/meetings/{id}/minutes.pdf',
    expected: all(403, { anonymous: 401, board: 200, hospitalBoard: 200, chair: 200, admin: 200 }),
    run: (who) => client.get(`/api/meetings/${ids.meeting}/minutes.pdf`, who),
  },
  {
    route: 'GET /api/meetings/{id}/minutes.pdf (a language it does not speak)',
    expected: all(400, { anonymous: 401 }),
    run: (who) => client.get(`/api/meetings/${ids.meeting}/minutes.pdf?lang=fr`, who),
  },
];

describe('role matrix', () => {
  checkRoutes(MATRIX, matrix, [SUMMARY, 'Jens Akut', SECRET_COMMENT, SECRET_CV]);
});

const BOARD_ONLY = { board: 200, hospitalBoard: 200, chair: 200, admin: 200, anonymous: 303, others: 403 };
const pages: PageCase<Role>[] = [
  ['GET', () => `/board/meetings/${ids.meeting}/pack`, BOARD_ONLY],
  ['GET', () => `/board/meetings/${ids.meeting}/minutes.pdf`, BOARD_ONLY],
];

describe('pages by role', () => {
  walkPages(() => h, MATRIX.emails, pages);

  it('links the pack from the meeting page and the minutes PDF from the minutes page', async () => {
    const meeting = await browse(h, BOARD, `/board/meetings/${ids.meeting}`);
    expect(meeting.html).toContain(`href="/board/meetings/${ids.meeting}/pack"`);
    const minutes = await browse(h, BOARD, `/board/meetings/${ids.meeting}/minutes`);
    expect(minutes.html).toContain(`href="/board/meetings/${ids.meeting}/minutes.pdf"`);
    const pack = await browse(h, CHAIR, `/board/meetings/${ids.meeting}/pack`);
    expect(pack.headers.get('content-type')).toBe('application/pdf');
    const text = compact(pdfText(pack.bytes));
    expect(text).toContain(compact('Akutteam i Silkeborg'));
    expect(text).not.toContain(compact(SUMMARY));
  });
});
