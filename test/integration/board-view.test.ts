import { beforeAll, describe, expect, it } from 'vitest';
import { seedRegistry } from '../../functions/local/seed.js';
import {
  type Api,
  api,
  checkRoutes,
  expectOk,
  expectProblem,
  type RouteCase,
  rolesOf,
} from '../support/api.js';
import { submitWithDocuments, TEST_KINDS } from '../support/documents.js';
import {
  ADMIN,
  applicationBody,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  createDraft,
  FINANCE,
  partner,
  partnersWith,
  person,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  submitApplication,
} from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { browse, type PageCase, walkPages } from '../support/web.js';

/*
 * The board's view of an application (issue 11) and the organisations registry, against DynamoDB Local with
 * the registry seeded as `npm start` seeds it. CHAIR works for Region Midtjylland: through the tree they are
 * conflicted with an application whose partner is Regionshospitalet Silkeborg (a name that never matched
 * "Region Midtjylland" before), and with nothing else here.
 */

/** A board member from Regionshospitalet Silkeborg: conflicted through the tree on the same application. */
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

let h: Harness;
let client: Api;
const ids = { call: '', free: '', region: '', draft: '', withDocs: '', regionDocs: '' };
/** The documents of `withDocs` (free of conflict) and `regionDocs` (a partner under Region Midtjylland), by kind. */
const docs: Record<'free' | 'region', Record<string, string>> = { free: {}, region: {} };
const SUMMARY = 'Et akutteam på Regionshospitalet Silkeborg følger ældre borgere hjem.';

beforeAll(async () => {
  h = await withUsers(await createHarness(), [HOSPITAL_BOARD]);
  await seedRegistry(h.db, h.core);
  client = api(h);
  ids.call = (await createCall(client, { overrides: { title: 'Bestyrelsens visning' } })).id;
  // Owned by Silkeborg Kommune (researcher2), whose partners nobody on the board works for.
  ids.free = await submitApplication(client, ids.call, RESEARCHER2, {
    title: 'Fri af inhabilitet',
    partners: partnersWith('Skive Kommune'),
  });
  ids.region = await submitApplication(client, ids.call, RESEARCHER2, {
    title: 'Akutteam i Silkeborg',
    summary: SUMMARY,
    partners: [
      partner('Regionshospitalet Silkeborg', 'region', 'Jens Akut'),
      partner('Skive Kommune', 'municipality'),
    ],
  });
  ids.draft = (await createDraft(client, ids.call, RESEARCHER2)).id;
  await closeCallNow(client, ids.call);
  // A call asking for documents: CV, budget note, a management declaration per partner.
  const withKinds = await createCall(client, {
    overrides: { title: 'Med bilag', documentKinds: TEST_KINDS },
  });
  const free = await submitWithDocuments(
    client,
    withKinds.id,
    RESEARCHER2,
    applicationBody({ title: 'Med bilag, fri', partners: partnersWith('Skive Kommune') }),
    { cv_project_lead: 'cv-fri.pdf' },
  );
  const region = await submitWithDocuments(
    client,
    withKinds.id,
    RESEARCHER2,
    applicationBody({
      title: 'Med bilag, regionen',
      partners: [partner('Regionshospitalet Silkeborg', 'region'), partner('Skive Kommune', 'municipality')],
    }),
    { cv_project_lead: 'cv-akutteam.pdf' },
  );
  ids.withDocs = free.id;
  ids.regionDocs = region.id;
  docs.free = free.documents;
  docs.region = region.documents;
}, 120_000);

describe('GET /api/board/applications/{id}', () => {
  it('gives the board every field, partners, budget, reviews and the decision history', async () => {
    const decided = await client.post(
      `/api/applications/${ids.free}/decision`,
      { outcome: 'waiting_list' },
      ADMIN,
    );
    expect(decided.status, decided.text).toBe(201);
    const view = expectOk(await client.get(`/api/board/applications/${ids.free}`, BOARD));
    expect(view.application).toMatchObject({
      id: ids.free,
      title: 'Fri af inhabilitet',
      status: 'waiting_list',
    });
    expect(view.application.partners[0].contactEmail).toBe('kim.kontakt@example.dk');
    expect(view.application.budgetLines.length).toBeGreaterThan(0);
    expect(view.call.id).toBe(ids.call);
    expect(view.history).toEqual([
      expect.objectContaining({ meetingId: decided.body.id, outcome: 'waiting_list', recused: [] }),
    ]);
    expect(view.documents).toEqual([]);
  });

  it('answers a member conflicted through the tree 403 with the title and the ground, nothing else', async () => {
    for (const who of [CHAIR, HOSPITAL_BOARD.email]) {
      const res = await client.get(`/api/board/applications/${ids.region}`, who);
      expectProblem(res, 403);
      expect(res.body).toMatchObject({
        reason: 'RECUSED',
        applicationTitle: 'Akutteam i Silkeborg',
        ground: 'organisation',
      });
      expect(res.text).not.toContain('FIM-');
      expect(res.text).not.toContain(SUMMARY);
      expect(res.text).not.toContain('Jens Akut');
    }
  });

  it('answers drafts and unknown ids as not found', async () => {
    expectProblem(await client.get(`/api/board/applications/${ids.draft}`, BOARD), 404);
    expectProblem(await client.get(`/api/board/applications/${crypto.randomUUID()}`, ADMIN), 404);
  });
});

describe('the documents on the board’s view', () => {
  it('lists every kept document with kind, partner, name, size and checksum, each downloadable', async () => {
    const view = expectOk(await client.get(`/api/board/applications/${ids.withDocs}`, BOARD));
    const byKind = (kind: string, partnerName?: string) =>
      view.documents.find(
        (d: { kind: string; partner?: string }) => d.kind === kind && d.partner === partnerName,
      );
    expect(view.documents).toHaveLength(4);
    expect(byKind('cv_project_lead')).toMatchObject({
      id: docs.free.cv_project_lead,
      kindName: 'CV for projektleder',
      kindNameEn: 'CV of the project lead',
      name: 'cv-fri.pdf',
      sizeBytes: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      downloadable: true,
    });
    expect(byKind('management_declaration', 'Skive Kommune')?.id).toBe(docs.free['management_declaration#0']);
    expect(byKind('management_declaration', 'Lægehuset Nørreport')?.id).toBe(
      docs.free['management_declaration#1'],
    );
    // The reviewer's blind view hides kinds; the board's never does: the hidden kinds are all there.
    expect(view.documents.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'budget_note',
      'cv_project_lead',
      'management_declaration',
      'management_declaration',
    ]);
    expect(expectOk(await client.get(`/api/board/applications/${ids.free}`, BOARD)).documents).toEqual([]);
  });

  it('links each document on the page to the documents download route, which gives the board the file', async () => {
    const page = await browse(h, BOARD, `/board/applications/${ids.withDocs}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/documents/${docs.free.cv_project_lead}/download"`);
    expect(page.html).toContain('cv-fri.pdf');
    expect(page.html).toContain('Kontrolsum (SHA-256)');
    const view = expectOk(await client.get(`/api/board/applications/${ids.withDocs}`, BOARD));
    for (const d of view.documents) expect(page.html).toContain(d.sha256);
    const download = await browse(h, BOARD, `/documents/${docs.free.cv_project_lead}/download`);
    expect(download.status).toBe(302);
    expect(download.headers.get('location')).toContain(docs.free.cv_project_lead);
  });

  it('gives a conflicted member neither the list nor the files', async () => {
    for (const who of [CHAIR, HOSPITAL_BOARD.email]) {
      const res = await client.get(`/api/board/applications/${ids.regionDocs}`, who);
      expectProblem(res, 403);
      expect(res.text).not.toContain('cv-akutteam.pdf');
      const page = await browse(h, who, `/board/applications/${ids.regionDocs}`);
      expect(page.status).toBe(403);
      expect(page.html).not.toContain('cv-akutteam.pdf');
      for (const id of Object.values(docs.region)) {
        expect(page.html).not.toContain(id);
        expectProblem(await client.get(`/api/documents/${id}/download`, who), 404);
        expect((await browse(h, who, `/documents/${id}/download`)).status).toBe(404);
      }
    }
    // The same files for a member free of conflict: the refusal is the conflict, not the route.
    expect((await client.get(`/api/documents/${docs.region.cv_project_lead}/download`, BOARD)).status).toBe(
      302,
    );
  });
});

describe('the ranking through the tree', () => {
  it('shows the chair the region’s application as a title only, and leaves it out of the totals', async () => {
    const ranking = expectOk(await client.get(`/api/calls/${ids.call}/ranking`, CHAIR));
    const row = ranking.rows.find((r: { applicationId: string }) => r.applicationId === ids.region);
    expect(row).toEqual({ applicationId: ids.region, title: 'Akutteam i Silkeborg', conflicted: true });
    expect(ranking.leftOut).toBe(1);
    const board = expectOk(await client.get(`/api/calls/${ids.call}/ranking`, BOARD));
    expect(board.leftOut).toBe(0);
    expect(
      board.rows.find((r: { applicationId: string }) => r.applicationId === ids.region).reference,
    ).toMatch(/^FIM-/);
  });
});

const matrix: RouteCase<Role>[] = [
  {
    route: 'GET /api/board/applications/{id} (free of conflict)',
    expected: all(403, { anonymous: 401, board: 200, hospitalBoard: 200, chair: 200, admin: 200 }),
    run: (who) => client.get(`/api/board/applications/${ids.free}`, who),
  },
  {
    route: 'GET /api/board/applications/{id} (a partner under Region Midtjylland)',
    expected: all(403, { anonymous: 401, board: 200, admin: 200 }),
    run: (who) => client.get(`/api/board/applications/${ids.region}`, who),
  },
  {
    route: 'GET /api/documents/{id}/download (a CV on the board’s view, free of conflict)',
    expected: all(404, {
      anonymous: 401,
      owner: 302,
      board: 302,
      hospitalBoard: 302,
      chair: 302,
      admin: 302,
    }),
    run: (who) => client.get(`/api/documents/${docs.free.cv_project_lead}/download`, who),
  },
  {
    route: 'GET /api/documents/{id}/download (a CV on the board’s view, a partner under Region Midtjylland)',
    expected: all(404, { anonymous: 401, owner: 302, board: 302, admin: 302 }),
    run: (who) => client.get(`/api/documents/${docs.region.cv_project_lead}/download`, who),
  },
  {
    route: 'GET /api/organisations',
    expected: all(200, { anonymous: 401 }),
    run: (who) => client.get('/api/organisations?q=regionsh', who),
  },
  {
    route: 'POST /api/organisations',
    expected: all(403, { anonymous: 401, admin: 201 }),
    run: (who, role) =>
      client.post(
        '/api/organisations',
        { name: `Afdeling for ${role}`, sector: 'region', parentId: 'region-midtjylland' },
        who,
      ),
  },
  {
    route: 'GET /api/organisations/{id}',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get('/api/organisations/plo-midtjylland', who),
  },
  {
    route: 'PATCH /api/organisations/{id}',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: async (who) => {
      const current = expectOk(await client.get('/api/organisations/aarhus-universitet', ADMIN)).organisation;
      return client.send('PATCH', '/api/organisations/aarhus-universitet', who, {
        body: {
          name: current.name === 'Aarhus Universitet' ? 'Aarhus Universitet (AU)' : 'Aarhus Universitet',
        },
        headers: { 'if-match': `"${current.version}"` },
      });
    },
  },
];

describe('role matrix', () => {
  checkRoutes(MATRIX, matrix, [SUMMARY, 'Jens Akut', 'cv-akutteam.pdf']);
});

const pages: PageCase<Role>[] = [
  [
    'GET',
    () => `/board/applications/${ids.free}`,
    { board: 200, hospitalBoard: 200, chair: 200, admin: 200, anonymous: 303, others: 403 },
  ],
  ['GET', () => `/board/applications/${ids.region}`, { board: 200, admin: 200, anonymous: 303, others: 403 }],
];

describe('pages by role', () => {
  walkPages(() => h, MATRIX.emails, pages);

  it('shows the board the whole application and links it from the ranking', async () => {
    const page = await browse(h, BOARD, `/board/applications/${ids.region}`);
    expect(page.html).toContain(SUMMARY);
    expect(page.html).toContain('Jens Akut');
    expect(page.html).toContain('Dokumenter');
    const ranking = await browse(h, BOARD, `/board/calls/${ids.call}/ranking`);
    expect(ranking.html).toContain(`href="/board/applications/${ids.region}"`);
    const recused = await browse(h, CHAIR, `/board/applications/${ids.region}`);
    expect(recused.status).toBe(403);
    expect(recused.html).toContain('Akutteam i Silkeborg');
    expect(recused.html).not.toContain(SUMMARY);
  });
});

describe('the organisations registry', () => {
  it('finds by name prefix through the index, however the name is written', async () => {
    const found = expectOk(await client.get('/api/organisations?q=REGIONSHOSPITALET', RESEARCHER));
    expect(found.items.map((o: { name: string }) => o.name)).toEqual([
      'Regionshospitalet Randers',
      'Regionshospitalet Silkeborg',
    ]);
    const aarhus = expectOk(await client.get('/api/organisations?q=aarhus kommune', RESEARCHER));
    expect(aarhus.items.map((o: { id: string }) => o.id)).toContain('aarhus-kommune');
    expect(expectOk(await client.get('/api/organisations', RESEARCHER)).items.length).toBeGreaterThanOrEqual(
      28,
    );
  });

  it('refuses a taken name, an unknown parent and a loop; versions and audits each change', async () => {
    const taken = await client.post(
      '/api/organisations',
      { name: 'randers kommune', sector: 'municipality' },
      ADMIN,
    );
    expectProblem(taken, 422);
    expect(taken.body.reason).toBe('ORGANISATION_NAME_TAKEN');
    const orphan = await client.post(
      '/api/organisations',
      { name: 'Ny afdeling', sector: 'region', parentId: 'nope' },
      ADMIN,
    );
    expect(orphan.body.reason).toBe('ORGANISATION_PARENT_UNKNOWN');
    const bad = await client.post('/api/organisations', { name: 'X', sector: 'hospital', cvr: '123' }, ADMIN);
    expectProblem(bad, 400);

    const ward = expectOk(
      await client.post(
        '/api/organisations',
        {
          name: 'Akutafdelingen, Regionshospitalet Silkeborg',
          sector: 'region',
          parentId: 'regionshospitalet-silkeborg',
        },
        ADMIN,
      ),
      201,
    );
    expect(ward.version).toBe(1);
    const loop = await client.send('PATCH', '/api/organisations/regionshospitalet-silkeborg', ADMIN, {
      body: { parentId: ward.id },
      headers: { 'if-match': '"1"' },
    });
    expect(loop.body.reason).toBe('ORGANISATION_PARENT_CYCLE');
    expectProblem(
      await client.send('PATCH', `/api/organisations/${ward.id}`, ADMIN, { body: { cvr: '29190925' } }),
      428,
    );
    const moved = expectOk(
      await client.send('PATCH', `/api/organisations/${ward.id}`, ADMIN, {
        body: { name: 'Akutafdelingen, RH Silkeborg' },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(moved.version).toBe(2);
    expectProblem(
      await client.send('PATCH', `/api/organisations/${ward.id}`, ADMIN, {
        body: { name: 'Igen' },
        headers: { 'if-match': '"1"' },
      }),
      409,
    );
    const { history } = expectOk(await client.get(`/api/organisations/${ward.id}`, ADMIN));
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'organisation.updated',
      'organisation.created',
    ]);
    expect(history[0].changes).toEqual([
      {
        field: 'name',
        before: 'Akutafdelingen, Regionshospitalet Silkeborg',
        after: 'Akutafdelingen, RH Silkeborg',
      },
    ]);

    // Two levels down the tree: a member from the region is conflicted with the ward's application.
    const wardApp = await submitApplication(client, (await createCall(client)).id, RESEARCHER2, {
      title: 'Akutafdelingens projekt',
      partners: [partner('Akutafdelingen, RH Silkeborg', 'region'), partner('Skive Kommune', 'municipality')],
    });
    const res = await client.get(`/api/board/applications/${wardApp}`, CHAIR);
    // Still submitted (its call is open): the board's view is refused for the conflict before anything else.
    expect(res.body.reason).toBe('RECUSED');
  });
});
