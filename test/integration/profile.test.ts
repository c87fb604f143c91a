import { beforeAll, describe, expect, it } from 'vitest';
import { caseRecord } from '../../functions/db/audit.repository.js';
import * as keys from '../../functions/db/keys.js';
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
  closeCallNow,
  createCall,
  EVERYONE,
  FINANCE,
  partner,
  person,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  submitApplication,
} from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { browse, fieldError, type PageCase, walkPages } from '../support/web.js';

/*
 * "Min profil" (issue 11): everyone signed in reads their profile and picks their own organisation from the
 * registry (or types a new name, flagged for the secretariat as names on applications are), versioned and
 * audited; conflict detection then judges them by it. Against DynamoDB Local with the registry seeded.
 * MEMBER is on the board and works for Aarhus Kommune (the identity provider says so): free of conflict with an
 * application whose partner is Regionshospitalet Silkeborg, until they pick that hospital as their own.
 */

const MEMBER = person('board-profile', ['applicant', 'board'], 'Aarhus Kommune', { name: 'Pia Profil' });
/** Someone whose identity provider names no organisation. */
const NOBODY = person('no-organisation', ['applicant'], undefined, { name: 'Niels Uden' });
/** Someone who picks an organisation and removes the pick again. */
const WHO = person('clears-pick', ['applicant'], 'Aarhus Kommune', { name: 'Rikke Ryd' });

const MATRIX = rolesOf(EVERYONE);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

let h: Harness;
let client: Api;
const ids = { call: '', hospital: '' };

/** Picks `organisation` as `who`'s own at the version they read; returns the answer. */
async function pick(who: string, organisation: string) {
  const read = expectOk(await client.get('/api/me/profile', who));
  return client.send('PATCH', '/api/me/profile', who, {
    body: { organisation },
    headers: { 'if-match': `"${read.version}"` },
  });
}

beforeAll(async () => {
  h = await withUsers(await createHarness(), [MEMBER, NOBODY, WHO]);
  await seedRegistry(h.db, h.core);
  client = api(h);
  ids.call = (await createCall(client, { overrides: { title: 'Profilens opslag' } })).id;
  ids.hospital = await submitApplication(client, ids.call, RESEARCHER2, {
    title: 'Akutteam i Silkeborg',
    partners: [partner('Regionshospitalet Silkeborg', 'region'), partner('Skive Kommune', 'municipality')],
  });
  await closeCallNow(client, ids.call);
}, 60_000);

describe('GET and PATCH /api/me/profile', () => {
  it('reads the identity provider’s organisation until the person picks one, at version 0', async () => {
    const res = await client.get('/api/me/profile', RESEARCHER);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.body).toEqual({
      userId: 'demo-researcher',
      name: expect.any(String),
      email: RESEARCHER,
      organisation: 'Aarhus Universitetshospital',
      source: 'identity',
      identityOrganisation: 'Aarhus Universitetshospital',
      organisationId: expect.any(String),
      flagged: false,
      version: 0,
    });
    expect(expectOk(await client.get('/api/me/profile', NOBODY.email))).toMatchObject({
      source: 'none',
      flagged: false,
      version: 0,
    });
  });

  it('refuses bad input naming the field, a missing If-Match and a stale version', async () => {
    for (const body of [{ organisation: 'x' }, { organisation: '' }, { organisation: 'A\u202eB org' }, {}]) {
      const bad = await client.send('PATCH', '/api/me/profile', NOBODY.email, {
        body,
        headers: { 'if-match': '"0"' },
      });
      expectProblem(bad, 400);
      expect(JSON.stringify(bad.body.errors)).toContain('/organisation');
    }
    const extra = await client.send('PATCH', '/api/me/profile', NOBODY.email, {
      body: { organisation: 'Skive Kommune', userId: 'demo-admin' },
      headers: { 'if-match': '"0"' },
    });
    expectProblem(extra, 400);
    expectProblem(
      await client.send('PATCH', '/api/me/profile', NOBODY.email, {
        body: { organisation: 'Skive Kommune' },
      }),
      428,
    );
    const first = await client.send('PATCH', '/api/me/profile', NOBODY.email, {
      body: { organisation: 'skive kommune' },
      headers: { 'if-match': '"0"' },
    });
    expect(first.status, first.text).toBe(200);
    // The registry's spelling, its id, the person's own pick.
    expect(first.body).toMatchObject({
      organisation: 'Skive Kommune',
      organisationId: 'skive-kommune',
      source: 'profile',
      flagged: false,
      version: 1,
    });
    expect(first.headers.get('etag')).toBe('"1"');
    const stale = await client.send('PATCH', '/api/me/profile', NOBODY.email, {
      body: { organisation: 'Randers Kommune' },
      headers: { 'if-match': '"0"' },
    });
    expectProblem(stale, 409);
    expect(expectOk(await client.get('/api/me/profile', NOBODY.email)).organisation).toBe('Skive Kommune');
  });

  it('audits each pick under the person with the organisation before and after', async () => {
    expect((await pick(RESEARCHER2, 'Silkeborg Kommune')).status).toBe(200);
    expect((await pick(RESEARCHER2, 'Viborg Kommune')).status).toBe(200);
    const events = (await caseRecord(h.db, keys.user('demo-researcher2').pk)).filter(
      (e) => e.action === 'profile.updated',
    );
    // Both picks may fall in one millisecond of the test's clock: in the order of their versions.
    const details = events.map((e) => e.details as { version: number }).sort((a, b) => a.version - b.version);
    expect(details).toEqual([
      expect.objectContaining({
        version: 1,
        organisationBefore: 'Silkeborg Kommune',
        organisationAfter: 'Silkeborg Kommune',
      }),
      expect.objectContaining({
        version: 2,
        organisationBefore: 'Silkeborg Kommune',
        organisationAfter: 'Viborg Kommune',
      }),
    ]);
    expect(events.every((e) => e.actor.userId === 'demo-researcher2')).toBe(true);
  });
});

describe('a name the registry does not know', () => {
  const NEW = 'Lægehuset Vestergade, Hammel';

  it('is kept as typed, flagged for the secretariat beside the names on applications, and unflagged when changed', async () => {
    const flagged = await pick(FINANCE, NEW);
    expect(flagged.status, flagged.text).toBe(200);
    expect(flagged.body).toMatchObject({ organisation: NEW, source: 'profile', flagged: true });
    expect(flagged.body.organisationId).toBeUndefined();
    const flags = expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items;
    const mine = flags.find((f: { name: string }) => f.name === NEW);
    expect(mine).toMatchObject({
      applications: [],
      people: [{ id: 'demo-finance', name: expect.any(String) }],
    });
    // The registry page lists it with who picked it.
    const registry = await browse(h, ADMIN, '/admin/organisations');
    expect(registry.html).toContain(NEW);
    expect(registry.html).toContain('Valgt som egen organisation af');
    // A known name instead: the flag of the name picked before goes, in the same transaction.
    expect((await pick(FINANCE, 'Region Midtjylland')).body.flagged).toBe(false);
    expect(
      expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items.some(
        (f: { name: string }) => f.name === NEW,
      ),
    ).toBe(false);
  });

  it('once placed by the secretariat, the person’s pick names the registry’s organisation', async () => {
    expect((await pick(FINANCE, NEW)).body.flagged).toBe(true);
    const key = expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items.find(
      (f: { name: string }) => f.name === NEW,
    ).key;
    const placed = expectOk(
      await client.post(
        '/api/admin/organisation-flags/place',
        { key, create: { name: NEW, sector: 'general_practice' } },
        ADMIN,
      ),
    );
    const profile = expectOk(await client.get('/api/me/profile', FINANCE));
    expect(profile).toMatchObject({ organisation: NEW, organisationId: placed.id, flagged: false });
    expect(expectOk(await client.get('/api/admin/organisation-flags', ADMIN)).items).not.toContainEqual(
      expect.objectContaining({ key }),
    );
    const events = await caseRecord(h.db, keys.user('demo-finance').pk);
    expect(events.map((e) => e.action)).toContain('organisation.placed');
  });
});

describe('DELETE /api/me/profile/organisation: the person removes their own pick', () => {
  const NEW = 'Klinik Ryd, Hinnerup';

  it('falls back to the identity provider’s organisation, removes the flag, audits, and refuses stale versions', async () => {
    const picked = expectOk(await pick(WHO.email, NEW));
    expect(picked).toMatchObject({ organisation: NEW, source: 'profile', flagged: true });
    const flagged = () =>
      client
        .get('/api/admin/organisation-flags', ADMIN)
        .then((r) => expectOk(r).items.some((f: { name: string }) => f.name === NEW));
    expect(await flagged()).toBe(true);

    const clear = (version: number | undefined) =>
      client.send('DELETE', '/api/me/profile/organisation', WHO.email, {
        headers: version === undefined ? {} : { 'if-match': `"${version}"` },
      });
    expectProblem(await clear(undefined), 428);
    expectProblem(await clear(picked.version - 1), 409);
    const cleared = await clear(picked.version);
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({ organisation: 'Aarhus Kommune', source: 'identity', version: 0 });
    expect(cleared.headers.get('etag')).toBe('"0"');
    expect(expectOk(await client.get('/api/me/profile', WHO.email))).toMatchObject({ source: 'identity' });
    expect(await flagged()).toBe(false);
    // Sent again at the version it had: stale now (there is nothing at that version).
    expectProblem(await clear(picked.version), 409);
    // Nothing to remove at version 0: the profile as it is.
    expect(expectOk(await clear(0))).toMatchObject({ source: 'identity', version: 0 });
    // A new pick starts again at version 1.
    expect(expectOk(await pick(WHO.email, 'Favrskov Kommune'))).toMatchObject({ version: 1, flagged: false });

    const events = await caseRecord(h.db, keys.user(WHO.userId).pk);
    expect(events.find((e) => e.action === 'profile.cleared')?.details).toEqual({
      version: picked.version,
      organisationBefore: NEW,
      by: 'person',
    });
  });
});

describe('conflict detection uses the person’s own organisation', () => {
  it('recuses a member once they pick an organisation of the application, and not before', async () => {
    expect((await client.get(`/api/board/applications/${ids.hospital}`, MEMBER.email)).status).toBe(200);
    const before = expectOk(await client.get(`/api/calls/${ids.call}/ranking`, MEMBER.email));
    expect(before.leftOut).toBe(0);

    expect((await pick(MEMBER.email, 'Regionshospitalet Silkeborg')).status).toBe(200);
    const refused = await client.get(`/api/board/applications/${ids.hospital}`, MEMBER.email);
    expectProblem(refused, 403);
    expect(refused.body).toMatchObject({ reason: 'RECUSED', ground: 'organisation' });
    const ranking = expectOk(await client.get(`/api/calls/${ids.call}/ranking`, MEMBER.email));
    expect(ranking.rows).toContainEqual({
      applicationId: ids.hospital,
      title: 'Akutteam i Silkeborg',
      conflicted: true,
    });
    // The web session's pages too (the principal's organisation there is still the identity provider's).
    expect((await browse(h, MEMBER.email, `/board/applications/${ids.hospital}`)).status).toBe(403);
    // The found conflicts list names the person's own organisation.
    const found = expectOk(await client.get(`/api/calls/${ids.call}/found-conflicts`, ADMIN)).items;
    expect(found).toContainEqual(
      expect.objectContaining({
        applicationId: ids.hospital,
        userId: MEMBER.userId,
        organisation: 'Regionshospitalet Silkeborg',
      }),
    );

    // Back to a municipality with no part in it: free of conflict again.
    expect((await pick(MEMBER.email, 'Aarhus Kommune')).status).toBe(200);
    expect((await client.get(`/api/board/applications/${ids.hospital}`, MEMBER.email)).status).toBe(200);
  });

  it('refuses to assign a reviewer whose own organisation takes part', async () => {
    expect((await pick(REVIEWER, 'Regionshospitalet Silkeborg')).status).toBe(200);
    const res = await client.post(
      `/api/applications/${ids.hospital}/assignments`,
      { reviewerIds: ['demo-reviewer1'] },
      ADMIN,
    );
    expectProblem(res, 422);
    expect(JSON.stringify(res.body)).toContain('CONFLICT_OF_INTEREST');
    expect((await pick(REVIEWER, 'Aarhus Universitet')).status).toBe(200);
    expect(
      (
        await client.post(
          `/api/applications/${ids.hospital}/assignments`,
          { reviewerIds: ['demo-reviewer1'] },
          ADMIN,
        )
      ).status,
    ).toBe(200);
  });
});

const matrix: RouteCase<Role>[] = [
  {
    route: 'GET /api/me/profile',
    expected: all(200, { anonymous: 401 }),
    run: (who) => client.get('/api/me/profile', who),
  },
  {
    route: 'PATCH /api/me/profile (each their own)',
    expected: all(200, { anonymous: 401 }),
    run: async (who) => {
      const version = who ? expectOk(await client.get('/api/me/profile', who)).version : 0;
      return client.send('PATCH', '/api/me/profile', who, {
        body: { organisation: version % 2 === 0 ? 'Aarhus Universitet' : 'PLO Midtjylland' },
        headers: { 'if-match': `"${version}"` },
      });
    },
  },
  {
    route: 'DELETE /api/me/profile/organisation (each their own)',
    expected: all(200, { anonymous: 401 }),
    run: async (who) => {
      const version = who ? expectOk(await client.get('/api/me/profile', who)).version : 0;
      return client.send('DELETE', '/api/me/profile/organisation', who, {
        headers: { 'if-match': `"${version}"` },
      });
    },
  },
];

describe('role matrix', () => {
  checkRoutes(MATRIX, matrix);
});

const pages: PageCase<Role>[] = [
  ['GET', '/me/profile', { anonymous: 303, others: 200 }],
  // Each their own: nothing to remove at version 0 (the matrix above removed every pick) sends them back.
  ['POST', '/me/profile/clear', { anonymous: 303, others: 303 }, { version: '0' }],
];

describe('the page, by role and without JavaScript', () => {
  walkPages(() => h, MATRIX.emails, pages);

  it('links “Min profil” from the site header for signed-in people only', async () => {
    expect((await browse(h, RESEARCHER, '/')).html).toContain('href="/me/profile"');
    expect((await browse(h, undefined, '/')).html).not.toContain('href="/me/profile"');
  });

  it('picks from the registry’s datalist with a plain form, and shows errors beside the field', async () => {
    const page = await browse(h, NOBODY.email, '/me/profile');
    expect(page.html).toContain('<datalist id="organisation-choices">');
    expect(page.html).toContain('<option value="Regionshospitalet Silkeborg">');
    expect(page.html).toMatch(/<input[^>]*name="organisation"[^>]*list="organisation-choices"/);
    expect(page.html).not.toContain('<script');
    const version = /name="version" value="(\d+)"/.exec(page.html)?.[1] ?? '';

    const refused = await browse(h, NOBODY.email, '/me/profile', {
      form: { organisation: 'x', version },
    });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'f-organisation')).toBeTruthy();
    expect(refused.html).toContain('error-summary');

    const saved = await browse(h, NOBODY.email, '/me/profile', {
      form: { organisation: 'Randers Kommune', version },
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/me/profile?saved=1');
    const after = await browse(h, NOBODY.email, '/me/profile?saved=1');
    expect(after.html).toContain('Din organisation er gemt.');
    expect(after.html).toContain('Randers Kommune');

    // The same form sent again at the old version: the page says so and shows the profile as it now stands.
    const stale = await browse(h, NOBODY.email, '/me/profile', {
      form: { organisation: 'Skive Kommune', version },
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('Randers Kommune');

    // Removing the pick: a plain form with the version read; the identity provider names nothing here.
    const withPick = await browse(h, NOBODY.email, '/me/profile');
    expect(withPick.html).toContain('action="/me/profile/clear"');
    expect(withPick.html).toContain('har du ingen organisation, før du vælger en igen');
    const removed = await browse(h, NOBODY.email, '/me/profile/clear', {
      form: { version: String(Number(version) + 1) },
    });
    expect(removed.status).toBe(303);
    expect(removed.location).toBe('/me/profile?cleared=1');
    const afterRemoval = await browse(h, NOBODY.email, '/me/profile?cleared=1');
    expect(afterRemoval.html).toContain('Dit eget valg af organisation er fjernet.');
    expect(afterRemoval.html).toContain('Ingen organisation endnu.');
    expect(afterRemoval.html).not.toContain('action="/me/profile/clear"');
    // The same removal again, from the page read before: stale (409), the page as it now stands.
    const staleRemoval = await browse(h, NOBODY.email, '/me/profile/clear', {
      form: { version: String(Number(version) + 1) },
    });
    expect(staleRemoval.status).toBe(409);

    const unknown = await browse(h, NOBODY.email, '/me/profile', {
      form: { organisation: 'Sundhedshuset Hammel', version: '0' },
    });
    expect(unknown.status).toBe(303);
    expect((await browse(h, NOBODY.email, '/me/profile')).html).toContain(
      'Sundhedshuset Hammel findes ikke i organisationsregistret endnu',
    );
  });
});
