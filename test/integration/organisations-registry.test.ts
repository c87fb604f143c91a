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
import {
  ADMIN,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  createDraft,
  FINANCE,
  partner,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  submitApplication,
} from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { browse, fieldError, type PageCase, walkPages } from '../support/web.js';

/*
 * The registry's admin pages and the chair's ruling on found conflicts (issue 11), against DynamoDB Local with
 * the registry seeded as `npm start` seeds it. BOARD works for Aarhus Kommune: through the tree they are
 * conflicted with an application whose partner is "Sundhed og Omsorg, Aarhus Kommune". CHAIR (Region
 * Midtjylland) is free of it and may rule the conflict away.
 */

const MATRIX = rolesOf({
  anonymous: undefined,
  applicant: RESEARCHER,
  owner: RESEARCHER2,
  reviewer: REVIEWER,
  board: BOARD,
  chair: CHAIR,
  finance: FINANCE,
  admin: ADMIN,
});
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;
const REASON = 'Bo sidder i Teknik og Miljø; projektet hører under Sundhed og Omsorg.';

let h: Harness;
let client: Api;
const ids = { call: '', municipal: '', unknown: '', draft: '' };

beforeAll(async () => {
  h = await createHarness();
  await seedRegistry(h.db, h.core);
  client = api(h);
  ids.call = (await createCall(client, { overrides: { title: 'Registrets opslag' } })).id;
  ids.municipal = await submitApplication(client, ids.call, RESEARCHER2, {
    title: 'Hjemmepleje i Aarhus',
    partners: [
      partner('Sundhed og Omsorg, Aarhus Kommune', 'municipality', 'Ulla Omsorg'),
      partner('PLO Midtjylland', 'general_practice'),
    ],
  });
  // Names the registry does not know: flagged for the secretariat when submitted.
  ids.unknown = await submitApplication(client, ids.call, RESEARCHER2, {
    title: 'Lokalcentre og lægehuse',
    partners: [
      partner('Lokalcenter Skjoldhøj', 'municipality'),
      partner('Lægehuset i Hinnerup', 'general_practice'),
      partner('Aarhus Universitets Hospital', 'region'),
    ],
  });
  ids.draft = (await createDraft(client, ids.call, RESEARCHER2)).id;
  await closeCallNow(client, ids.call);
});

const routes: RouteCase<Role>[] = [
  {
    route: 'GET /api/admin/organisations',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get('/api/admin/organisations?q=region', who),
  },
  {
    route: 'GET /api/admin/organisation-flags',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get('/api/admin/organisation-flags', who),
  },
  {
    route: 'POST /api/admin/organisation-flags/place',
    // No such flagged name: admins get 404, the rest 403.
    expected: all(403, { anonymous: 401, admin: 404 }),
    run: (who) =>
      client.post(
        '/api/admin/organisation-flags/place',
        { key: 'intet sted', organisationId: 'plo-midtjylland' },
        who,
      ),
  },
  {
    route: 'GET /api/calls/{id}/found-conflicts',
    expected: all(403, { anonymous: 401, chair: 200, admin: 200 }),
    run: (who) => client.get(`/api/calls/${ids.call}/found-conflicts`, who),
  },
  {
    route: 'POST /api/applications/{id}/found-conflicts/{userId}/ruling',
    // Nobody is conflicted with it through the tree as the reviewer: the chair and admins get 404, the rest 403.
    expected: all(403, { anonymous: 401, chair: 404, admin: 404 }),
    run: (who) =>
      client.post(
        `/api/applications/${ids.municipal}/found-conflicts/demo-reviewer1/ruling`,
        { reason: REASON },
        who,
      ),
  },
];

describe('role matrix', () => {
  checkRoutes(MATRIX, routes, ['Ulla Omsorg']);
});

const organisationForm = (name: string) => ({
  name,
  cvr: '',
  sector: 'region',
  parentId: 'region-midtjylland',
});

const pages: PageCase<Role>[] = [
  ['GET', '/admin/organisations', { admin: 200, anonymous: 303, others: 403 }],
  ['GET', '/admin/organisations/new', { admin: 200, anonymous: 303, others: 403 }],
  ['GET', '/admin/organisations/plo-midtjylland', { admin: 200, anonymous: 303, others: 403 }],
  [
    'POST',
    '/admin/organisations/new',
    { admin: 303, anonymous: 303, others: 403 },
    organisationForm('Ny klinik'),
  ],
  [
    'POST',
    '/admin/organisations/aarhus-universitet',
    { admin: 422, anonymous: 303, others: 403 },
    // A parent below itself: refused beside the field, whoever may try.
    { name: 'Aarhus Universitet', cvr: '', sector: 'research', parentId: 'aarhus-universitet', version: '1' },
  ],
  [
    'POST',
    '/admin/organisations/flags',
    { admin: 400, anonymous: 303, others: 403 },
    // Neither an organisation nor a sector: refused beside the field.
    { key: 'intet sted', organisationId: '', sector: '' },
  ],
  [
    'GET',
    () => `/board/calls/${ids.call}/conflicts`,
    { chair: 200, admin: 200, anonymous: 303, others: 403 },
  ],
  [
    'POST',
    () => `/board/calls/${ids.call}/conflicts/found`,
    { chair: 400, admin: 400, anonymous: 303, others: 403 },
    // No reason: refused beside the field (a form that cannot change anything, whoever sends it).
    { applicationId: 'x', userId: 'demo-board', reason: '' },
  ],
];

describe('pages by role', () => {
  walkPages(() => h, MATRIX.emails, pages);
});

describe('the registry’s admin pages', () => {
  it('lists the registry by name a page at a time, and searches it', async () => {
    const first = await browse(h, ADMIN, '/admin/organisations');
    expect(first.html).toContain('Aarhus Kommune');
    const next = /href="\/admin\/organisations\?cursor=([^"]+)"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await browse(h, ADMIN, `/admin/organisations?cursor=${next}`);
    expect(second.status).toBe(200);
    const names = (html: string) =>
      [...html.matchAll(/href="\/admin\/organisations\/([\w-]+)"/g)]
        .map((m) => m[1])
        .filter((id) => id !== 'new');
    expect(names(second.html).filter((id) => names(first.html).includes(id))).toEqual([]);
    const found = await browse(h, ADMIN, '/admin/organisations?q=regionshospitalet');
    expect(names(found.html).sort()).toEqual(['regionshospitalet-randers', 'regionshospitalet-silkeborg']);
    const bad = await browse(h, ADMIN, '/admin/organisations?cursor=bm90LW91cnM');
    expect(bad.status).toBe(400);
    const api = expectOk(await client.get('/api/admin/organisations', ADMIN));
    expect(api.items).toHaveLength(25);
    expect(api.cursor).toEqual(expect.any(String));
  });

  it('adds an organisation, keeps what was typed beside each error, and edits it with its history', async () => {
    const refused = await browse(h, ADMIN, '/admin/organisations/new', {
      form: { name: 'Akutklinikken', cvr: '12345678', sector: '', parentId: '' },
    });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'f-cvr')).toBeDefined();
    expect(fieldError(refused.html, 'f-sector')).toBeDefined();
    expect(refused.html).toContain('value="Akutklinikken"');

    const created = await browse(h, ADMIN, '/admin/organisations/new', {
      form: { name: 'Akutklinikken', cvr: '', sector: 'region', parentId: 'regionshospitalet-silkeborg' },
    });
    expect(created.status).toBe(303);
    const id = /^\/admin\/organisations\/([\w-]+)\?created=1$/.exec(created.location ?? '')?.[1] ?? '';
    expect(id).not.toBe('');

    const cycle = await browse(h, ADMIN, '/admin/organisations/regionshospitalet-silkeborg', {
      form: { name: 'Regionshospitalet Silkeborg', cvr: '', sector: 'region', parentId: id, version: '1' },
    });
    expect(cycle.status).toBe(422);
    expect(fieldError(cycle.html, 'f-parentId')).toContain('høre under sig selv');

    const edited = await browse(h, ADMIN, `/admin/organisations/${id}`, {
      form: {
        name: 'Akutklinikken Silkeborg',
        cvr: '29190925',
        sector: 'region',
        parentId: '',
        version: '1',
      },
    });
    expect(edited.status).toBe(303);
    const stale = await browse(h, ADMIN, `/admin/organisations/${id}`, {
      form: { name: 'Akutklinikken', cvr: '', sector: 'region', parentId: '', version: '1' },
    });
    expect(stale.status).toBe(409);

    const page = await browse(h, ADMIN, `/admin/organisations/${id}`);
    expect(page.html).toContain('Historik');
    // Who, from the user directory; before → after, the parent by its name.
    expect(page.html).toContain('Anne Holm');
    expect(page.html).toContain('Navn: Akutklinikken → Akutklinikken Silkeborg');
    expect(page.html).toContain('Hører under: Regionshospitalet Silkeborg → –');
    const history = expectOk(await client.get(`/api/organisations/${id}`, ADMIN)).history;
    expect(history[0]).toMatchObject({ version: 2, by: 'demo-admin', byName: 'Anne Holm' });
  });
});

describe('the chair rules a found conflict away on the conflicts page', () => {
  it('shows the found conflict, refuses a ruling without a reason, records one with it', async () => {
    expectProblem(await client.get(`/api/board/applications/${ids.municipal}`, BOARD), 403);
    const before = await browse(h, CHAIR, `/board/calls/${ids.call}/conflicts`);
    expect(before.html).toContain('Inhabilitet fundet gennem organisationsregistret');
    expect(before.html).toContain('Sundhed og Omsorg, Aarhus Kommune');
    const form = { applicationId: ids.municipal, userId: 'demo-board' };
    const refused = await browse(h, CHAIR, `/board/calls/${ids.call}/conflicts/found`, {
      form: { ...form, reason: 'kort' },
    });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'f-reason')).toBeDefined();
    expect(refused.html).toContain('value="demo-board"');
    const ruled = await browse(h, CHAIR, `/board/calls/${ids.call}/conflicts/found`, {
      form: { ...form, reason: REASON },
    });
    expect(ruled.status).toBe(303);
    const after = await browse(h, CHAIR, ruled.location ?? '');
    expect(after.html).toContain(REASON);
    expect(after.html).toContain('Afgjort som ikke inhabil af Charlotte Bech');
    expectOk(await client.get(`/api/board/applications/${ids.municipal}`, BOARD));
    const record = await browse(h, ADMIN, `/admin/cases/application/${ids.municipal}`);
    expect(record.html).toContain('Formanden afgjorde, at en fundet inhabilitet ikke er inhabilitet');
    expect(record.html).toContain(REASON);
  });
});

describe('picking from the registry, and new names flagged for the secretariat', () => {
  it("suggests the registry's names on the partner fields, without any script", async () => {
    const form = await browse(h, RESEARCHER2, `/applications/${ids.draft}`);
    expect(form.html).toContain('<datalist id="organisation-choices">');
    expect(form.html).toContain('<option value="Regionshospitalet Silkeborg">');
    expect(form.html).toMatch(/name="partners\.0\.organisation"[^>]*list="organisation-choices"/);
  });

  it('flags names the registry does not know, and places them: created, or mapped to one it knows', async () => {
    const flags = expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items;
    expect(flags.map((f: { name: string }) => f.name).sort()).toEqual([
      'Aarhus Universitets Hospital',
      'Lokalcenter Skjoldhøj',
      'Lægehuset i Hinnerup',
    ]);
    expect(flags[0].applications).toEqual([{ id: ids.unknown, title: 'Lokalcentre og lægehuse' }]);
    const list = await browse(h, ADMIN, '/admin/organisations');
    expect(list.html).toContain('Nye navne at placere');
    expect(list.html).toContain('Lokalcenter Skjoldhøj');

    const keyOf = (name: string) => flags.find((f: { name: string }) => f.name === name).key;
    // Mapped to the registry's own spelling: the application then names it so.
    const mapped = await browse(h, ADMIN, '/admin/organisations/flags', {
      form: {
        key: keyOf('Aarhus Universitets Hospital'),
        organisationId: 'aarhus-universitetshospital',
        sector: '',
      },
    });
    expect(mapped.status).toBe(303);
    // Created under the name as typed, with the sector chosen.
    const created = await browse(h, ADMIN, '/admin/organisations/flags', {
      form: { key: keyOf('Lokalcenter Skjoldhøj'), organisationId: '', sector: 'municipality' },
    });
    expect(created.status).toBe(303);
    const application = expectOk(await client.get(`/api/applications/${ids.unknown}`, ADMIN));
    expect(application.partners.map((p: { organisation: string }) => p.organisation)).toEqual([
      'Lokalcenter Skjoldhøj',
      'Lægehuset i Hinnerup',
      'Aarhus Universitetshospital',
    ]);
    const found = expectOk(await client.get('/api/organisations?q=lokalcenter', ADMIN)).items;
    expect(found).toEqual([
      expect.objectContaining({ name: 'Lokalcenter Skjoldhøj', sector: 'municipality' }),
    ]);
    const left = expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items;
    expect(left.map((f: { name: string }) => f.name)).toEqual(['Lægehuset i Hinnerup']);
    const record = await browse(h, ADMIN, `/admin/cases/application/${ids.unknown}`);
    expect(record.html).toContain('Sekretariatet placerede et nyt organisationsnavn i registret');
  });
});

describe('a submission at the most partners an application may have', () => {
  it('flags every one of 30 unknown names in the submission’s one transaction', async () => {
    const call = await createCall(client, { overrides: { title: 'Mange partnere' } });
    const sectors = ['municipality', 'region', 'general_practice'] as const;
    const names = Array.from({ length: 30 }, (_, i) => `Ukendt partner nr. ${i + 1}`);
    const id = await submitApplication(client, call.id, RESEARCHER2, {
      title: 'Tredive partnere',
      partners: names.map((name, i) => partner(name, sectors[i % 3] ?? 'municipality')),
    });
    expect(expectOk(await client.get(`/api/applications/${id}`, ADMIN)).status).toBe('submitted');
    const flagged = expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items.filter(
      (f: { applications: { id: string }[] }) => f.applications.some((a) => a.id === id),
    );
    expect(flagged.map((f: { name: string }) => f.name).sort()).toEqual([...names].sort());
  });
});
