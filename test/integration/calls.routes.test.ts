import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, api, expectProblem, pointers } from '../support/api.js';
import { ADMIN, CLOSE_EARLY, callBody, createCall, RESEARCHER } from '../support/fixtures.js';
import { createHarness, type Harness, harnessWithApi } from '../support/harness.js';
import { auditEvents } from '../support/table.js';
import { browserOf, fieldError } from '../support/web.js';

let h: Harness;
let client: Api;

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
});

describe('POST /api/calls', () => {
  it('creates a draft call: 201 with Location, ETag and times stored as UTC', async () => {
    const { minSectors: _m, reviewersPerApplication: _r, ...body } = callBody();
    const res = await client.post('/api/calls', body, ADMIN);

    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      title: 'FIM 2027: praksisnær forskning',
      budgetOre: 200_000_000,
      opensAt: '2027-01-03T23:00:00.000Z',
      closesAt: '2027-09-01T10:00:00.000Z',
      minSectors: 2,
      reviewersPerApplication: 2,
      createdBy: 'demo-admin',
      createdAt: '2027-03-01T09:00:00.000Z',
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/calls/${res.body.id}`);

    const read = await client.get(`/api/calls/${res.body.id}`, ADMIN);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(read.headers.get('etag')).toBe('"1"');

    const audit = await auditEvents(h, `CALL#${res.body.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'call.created',
      entityType: 'call',
      entityId: res.body.id,
      actor: { userId: 'demo-admin' },
    });
  });

  it('reads a date-time without offset as Copenhagen time', async () => {
    const res = await client.post(
      '/api/calls',
      callBody({ opensAt: '2027-01-04T00:00', closesAt: '2027-09-01T12:00' }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.opensAt).toBe('2027-01-03T23:00:00.000Z');
    expect(res.body.closesAt).toBe('2027-09-01T10:00:00.000Z');
  });

  it('keeps given minSectors and reviewersPerApplication', async () => {
    const res = await client.post(
      '/api/calls',
      callBody({ minSectors: 3, reviewersPerApplication: 4 }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ minSectors: 3, reviewersPerApplication: 4 });
  });

  it('keeps a review due date and the days before it reviewers are reminded (7 unless given)', async () => {
    const res = await client.post('/api/calls', callBody({ reviewDueAt: '2027-10-01' }), ADMIN);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ reviewDueAt: '2027-10-01', reviewReminderDays: 7 });
    const days = await client.post(
      '/api/calls',
      callBody({ reviewDueAt: '2027-09-15', reviewReminderDays: 3 }),
      ADMIN,
    );
    expect(days.body).toMatchObject({ reviewDueAt: '2027-09-15', reviewReminderDays: 3 });
  });

  it('refuses a review due date on or before the deadline’s date, or no date, naming the field', async () => {
    const early = expectProblem(
      await client.post('/api/calls', callBody({ reviewDueAt: '2027-09-01' }), ADMIN),
      400,
      'VALIDATION_FAILED',
    );
    expect(early.errors).toEqual([
      expect.objectContaining({
        pointer: '/reviewDueAt',
        code: 'review_due_before_closes',
        detail: 'Fristen for bedømmelserne skal ligge efter ansøgningsfristens dato',
      }),
    ]);
    const bad = await client.post(
      '/api/calls',
      callBody({ reviewDueAt: '1. oktober', reviewReminderDays: 0 }),
      ADMIN,
    );
    expect(pointers(expectProblem(bad, 400, 'VALIDATION_FAILED')).sort()).toEqual([
      '/reviewDueAt',
      '/reviewReminderDays',
    ]);
  });

  it('refuses a deadline before the opening time (400 at /closesAt)', async () => {
    const res = await client.post(
      '/api/calls',
      callBody({ opensAt: '2027-09-01T12:00:00+02:00', closesAt: '2027-01-04T00:00:00+01:00' }),
      ADMIN,
    );
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/closesAt' }));
  });

  it('refuses a deadline equal to the opening time', async () => {
    const res = await client.post(
      '/api/calls',
      callBody({ opensAt: '2027-09-01T12:00:00+02:00', closesAt: '2027-09-01T10:00:00Z' }),
      ADMIN,
    );
    expect(pointers(expectProblem(res, 400, 'VALIDATION_FAILED'))).toContain('/closesAt');
  });

  it('refuses a grant type whose maximum is over the budget', async () => {
    const res = await client.post(
      '/api/calls',
      callBody({
        budgetOre: 20_000_000,
        grantTypes: [
          { id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000 },
          { id: 'B', name: 'Ph.d.-protokol', maxAmountOre: 10_000_000 },
        ],
      }),
      ADMIN,
    );
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(pointers(problem)).toEqual(['/grantTypes/0/maxAmountOre']);
  });

  it('refuses duplicate grant type ids', async () => {
    const res = await client.post(
      '/api/calls',
      callBody({
        grantTypes: [
          { id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000 },
          { id: 'A', name: 'Ph.d.-protokol', maxAmountOre: 10_000_000 },
        ],
      }),
      ADMIN,
    );
    expect(pointers(expectProblem(res, 400, 'VALIDATION_FAILED'))).toEqual(['/grantTypes/1/id']);
  });

  it('refuses a date-time that is no date-time, in English when asked', async () => {
    const res = await client.post('/api/calls', callBody({ closesAt: '1. september' }), ADMIN, {
      'accept-language': 'en',
    });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      expect.objectContaining({
        pointer: '/closesAt',
        detail: 'Give a date and time (e.g. 2027-09-01T12:00)',
      }),
    ]);
  });

  it('lists every missing field at once', async () => {
    const res = await client.post('/api/calls', {}, ADMIN);
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(pointers(problem)).toEqual(
      expect.arrayContaining([
        '/title',
        '/description',
        '/grantTypes',
        '/budgetOre',
        '/opensAt',
        '/closesAt',
        '/focusAreas',
        '/criteria',
      ]),
    );
  });

  it('is for admins only', async () => {
    expectProblem(await client.post('/api/calls', callBody(), RESEARCHER), 403, 'FORBIDDEN');
    expectProblem(await client.post('/api/calls', callBody()), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /api/calls/{callId}', () => {
  it('shows a draft to admins only; others get 404 as for an unknown call', async () => {
    const draft = await createCall(client, { open: false });

    expect((await client.get(`/api/calls/${draft.id}`, ADMIN)).status).toBe(200);
    expectProblem(await client.get(`/api/calls/${draft.id}`, RESEARCHER), 404, 'NOT_FOUND');
    expectProblem(await client.get(`/api/calls/${draft.id}`), 404, 'NOT_FOUND');
    expectProblem(await client.get(`/api/calls/${crypto.randomUUID()}`, ADMIN), 404, 'NOT_FOUND');
  });

  it('shows an open call to anyone', async () => {
    const open = await createCall(client);
    const res = await client.get(`/api/calls/${open.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: open.id, status: 'open', version: 2 });
    expect(res.headers.get('etag')).toBe('"2"');
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const problem = expectProblem(await client.get('/api/calls/not-a-uuid', ADMIN), 400, 'VALIDATION_FAILED');
    expect(pointers(problem)).toEqual(['/param/callId']);
  });
});

describe('GET /api/calls', () => {
  it('lists open calls for anyone, and only admins may ask for drafts or closed calls', async () => {
    const local = await createHarness();
    const c = api(local);
    const draft = await createCall(c, { open: false });
    const open = await createCall(c);
    const closed = await createCall(c);
    expect((await c.post(`/api/calls/${closed.id}/close`, CLOSE_EARLY, ADMIN)).status).toBe(200);

    const anonymous = await c.get('/api/calls');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.items.map((x: { id: string }) => x.id)).toEqual([open.id]);

    const asResearcher = await c.get('/api/calls?status=open', RESEARCHER);
    expect(asResearcher.body.items.map((x: { id: string }) => x.id)).toEqual([open.id]);

    const drafts = await c.get('/api/calls?status=draft', ADMIN);
    expect(drafts.status).toBe(200);
    expect(drafts.body.items.map((x: { id: string }) => x.id)).toEqual([draft.id]);
    const closedList = await c.get('/api/calls?status=closed', ADMIN);
    expect(closedList.body.items.map((x: { id: string }) => x.id)).toEqual([closed.id]);

    expectProblem(await c.get('/api/calls?status=draft', RESEARCHER), 403, 'FORBIDDEN');
    expectProblem(await c.get('/api/calls?status=closed', RESEARCHER), 403, 'FORBIDDEN');
    expectProblem(await c.get('/api/calls?status=draft'), 401, 'UNAUTHENTICATED');
    expect(pointers(expectProblem(await c.get('/api/calls?status=archived', ADMIN), 400))).toEqual([
      '/query/status',
    ]);
  });

  it('orders open calls by soonest deadline', async () => {
    const local = await createHarness();
    const c = api(local);
    const late = await createCall(c, { overrides: { closesAt: '2027-11-01T12:00' } });
    const soon = await createCall(c, { overrides: { closesAt: '2027-04-01T12:00' } });
    const res = await c.get('/api/calls');
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([soon.id, late.id]);
  });
});

describe('PATCH /api/calls/{callId}', () => {
  it('changes a call with the version read: 200, ETag bumped, one audit event', async () => {
    const call = await createCall(client, { open: false });
    const res = await client.patch(
      `/api/calls/${call.id}`,
      { title: 'FIM 2027: ny titel', budgetOre: 300_000_000 },
      ADMIN,
      '"1"',
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      title: 'FIM 2027: ny titel',
      budgetOre: 300_000_000,
      version: 2,
      status: 'draft',
    });
    expect(res.headers.get('etag')).toBe('"2"');
    expect((await client.get(`/api/calls/${call.id}`, ADMIN)).body.title).toBe('FIM 2027: ny titel');

    const audit = await auditEvents(h, `CALL#${call.id}`);
    expect(audit.map((e) => e.action)).toEqual(['call.created', 'call.updated']);
  });

  it('accepts a weak ETag in If-Match', async () => {
    const call = await createCall(client, { open: false });
    const res = await client.patch(`/api/calls/${call.id}`, { title: 'Svag ETag' }, ADMIN, 'W/"1"');
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('requires If-Match (428) and writes nothing without it', async () => {
    const call = await createCall(client, { open: false });
    expectProblem(
      await client.patch(`/api/calls/${call.id}`, { title: 'Uden version' }, ADMIN),
      428,
      'PRECONDITION_REQUIRED',
    );
    const read = await client.get(`/api/calls/${call.id}`, ADMIN);
    expect(read.body).toMatchObject({ version: 1, title: call.title });
    expect(await auditEvents(h, `CALL#${call.id}`)).toHaveLength(1);
  });

  it('refuses an If-Match that is no version (400)', async () => {
    const call = await createCall(client, { open: false });
    const problem = expectProblem(
      await client.patch(`/api/calls/${call.id}`, { title: 'Forkert' }, ADMIN, 'abc'),
      400,
      'VALIDATION_FAILED',
    );
    expect(pointers(problem)).toEqual(['/headers/if-match']);
  });

  it('refuses a stale version (409) and keeps the newer change', async () => {
    const call = await createCall(client, { open: false });
    expect((await client.patch(`/api/calls/${call.id}`, { title: 'Først' }, ADMIN, 1)).status).toBe(200);
    expectProblem(
      await client.patch(`/api/calls/${call.id}`, { title: 'Sidst' }, ADMIN, 1),
      409,
      'VERSION_CONFLICT',
    );
    const read = await client.get(`/api/calls/${call.id}`, ADMIN);
    expect(read.body).toMatchObject({ version: 2, title: 'Først' });
    expect(await auditEvents(h, `CALL#${call.id}`)).toHaveLength(2);
  });

  it('checks the merged call as a whole (a deadline moved before the opening is refused)', async () => {
    const call = await createCall(client, { open: false });
    const problem = expectProblem(
      await client.patch(`/api/calls/${call.id}`, { closesAt: '2026-12-01T12:00' }, ADMIN, 1),
      400,
      'VALIDATION_FAILED',
    );
    expect(pointers(problem)).toEqual(['/closesAt']);
    expect((await client.get(`/api/calls/${call.id}`, ADMIN)).body.version).toBe(1);
  });

  it('refuses an open call’s deadline moved into the past (409)', async () => {
    const call = await createCall(client);
    expectProblem(
      await client.patch(`/api/calls/${call.id}`, { closesAt: '2027-02-01T12:00' }, ADMIN, call.version),
      409,
      'INVALID_STATE',
    );
  });

  it('refuses changes to a closed call (409 INVALID_STATE)', async () => {
    const call = await createCall(client);
    const closed = await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN);
    expect(closed.status).toBe(200);
    expectProblem(
      await client.patch(`/api/calls/${call.id}`, { title: 'For sent' }, ADMIN, closed.body.version),
      409,
      'INVALID_STATE',
    );
    expect(await auditEvents(h, `CALL#${call.id}`)).toHaveLength(3);
  });

  it('answers 404 for an unknown call', async () => {
    expectProblem(
      await client.patch(`/api/calls/${crypto.randomUUID()}`, { title: 'Ingen' }, ADMIN, 1),
      404,
      'NOT_FOUND',
    );
  });
});

describe('POST /api/calls/{callId}/open and /close', () => {
  it('moves draft → open → closed, each with one audit event', async () => {
    const call = await createCall(client, { open: false });

    const opened = await client.act(`/api/calls/${call.id}/open`, ADMIN);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', version: 2, openedAt: '2027-03-01T09:00:00.000Z' });
    expect(opened.headers.get('etag')).toBe('"2"');

    h.clock.advance(60_000);
    const closed = await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN);
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: 3, closedAt: '2027-03-01T09:01:00.000Z' });
    expect(closed.headers.get('etag')).toBe('"3"');
    h.clock.set('2027-03-01T09:00:00Z');

    const audit = await auditEvents(h, `CALL#${call.id}`);
    expect(audit.map((e) => e.action)).toEqual(['call.created', 'call.opened', 'call.closed']);
    expect(audit[1]).toMatchObject({ details: { from: 'draft', to: 'open', version: 2 } });
    expect(audit[2]).toMatchObject({ details: { from: 'open', to: 'closed', version: 3 } });
  });

  it('refuses the wrong transitions with 409 and writes no audit event', async () => {
    const call = await createCall(client, { open: false });
    expectProblem(await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN), 409, 'INVALID_STATE');
    expect((await client.act(`/api/calls/${call.id}/open`, ADMIN)).status).toBe(200);
    expectProblem(await client.act(`/api/calls/${call.id}/open`, ADMIN), 409, 'INVALID_STATE');
    expect((await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN)).status).toBe(200);
    expectProblem(await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN), 409, 'INVALID_STATE');
    expectProblem(await client.act(`/api/calls/${call.id}/open`, ADMIN), 409, 'INVALID_STATE');

    const audit = await auditEvents(h, `CALL#${call.id}`);
    expect(audit.map((e) => e.action)).toEqual(['call.created', 'call.opened', 'call.closed']);
  });

  it('says which status a refused move met, in Danish by default and in English when asked', async () => {
    const call = await createCall(client);
    const danish = expectProblem(await client.act(`/api/calls/${call.id}/open`, ADMIN), 409, 'INVALID_STATE');
    expect(danish).toMatchObject({
      reason: 'CALL_STATUS_NOT',
      callStatus: 'open',
      requiredStatus: 'draft',
      detail: 'Opslaget har status "åben", ikke "kladde"',
    });
    const english = expectProblem(
      await client.act(`/api/calls/${call.id}/open`, ADMIN, { 'accept-language': 'en' }),
      409,
      'INVALID_STATE',
    );
    expect(english).toMatchObject({
      reason: 'CALL_STATUS_NOT',
      callStatus: 'open',
      requiredStatus: 'draft',
      detail: 'The call is "open", not "draft"',
    });
  });

  it('refuses to open a call whose deadline has passed (409)', async () => {
    const call = await createCall(client, {
      open: false,
      overrides: { opensAt: '2027-01-01T00:00', closesAt: '2027-02-01T12:00' },
    });
    expectProblem(await client.act(`/api/calls/${call.id}/open`, ADMIN), 409, 'INVALID_STATE');
    expect((await client.get(`/api/calls/${call.id}`, ADMIN)).body).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect(await auditEvents(h, `CALL#${call.id}`)).toHaveLength(1);
  });

  it('checks an optional If-Match on transitions (409 when stale)', async () => {
    const call = await createCall(client, { open: false });
    expectProblem(
      await client.act(`/api/calls/${call.id}/open`, ADMIN, { 'if-match': '"7"' }),
      409,
      'VERSION_CONFLICT',
    );
    expect((await client.act(`/api/calls/${call.id}/open`, ADMIN, { 'if-match': '"1"' })).status).toBe(200);
  });

  it('is for admins only and answers 404 for unknown calls', async () => {
    const call = await createCall(client, { open: false });
    expectProblem(await client.act(`/api/calls/${call.id}/open`, RESEARCHER), 403, 'FORBIDDEN');
    expectProblem(await client.act(`/api/calls/${call.id}/open`), 401, 'UNAUTHENTICATED');
    expectProblem(await client.act(`/api/calls/${crypto.randomUUID()}/open`, ADMIN), 404, 'NOT_FOUND');
    expectProblem(
      await client.post(`/api/calls/${crypto.randomUUID()}/close`, CLOSE_EARLY, ADMIN),
      404,
      'NOT_FOUND',
    );
  });
});

/** The admin's call form as the page posts it, with `over` changed. */
const callForm = (over: Record<string, string | string[]>) => ({
  title: 'FIM 2027: forebyggelse',
  description: 'Puljen støtter forebyggelse.',
  budget: '2.000.000',
  opensAt: '2027-01-04T00:00',
  closesAt: '2027-09-01T12:00',
  focusAreas: ['prevention'],
  minSectors: '2',
  reviewersPerApplication: '2',
  disagreementThreshold: '1,5',
  'grantTypes.0.id': 'A',
  'grantTypes.0.name': 'Forskningsprojekt',
  'grantTypes.0.maxAmount': '500.000',
  'criteria.0.id': 'relevance',
  'criteria.0.name': 'Relevans',
  'criteria.0.weight': '2',
  ...over,
});

describe('the admin’s call form: the review due date', () => {
  const visit = browserOf(() => h, { admin: ADMIN });

  it('saves the date and the days, and shows them again', async () => {
    const res = await visit('admin', '/admin/calls', {
      form: callForm({ reviewDueAt: '2027-10-01', reviewReminderDays: '10' }),
    });
    expect(res.status, res.html).toBe(303);
    const id = res.location?.match(/\/admin\/calls\/([0-9a-f-]{36})/)?.[1] ?? '';
    expect(await h.core.calls.get(id)).toMatchObject({ reviewDueAt: '2027-10-01', reviewReminderDays: 10 });
    const page = (await visit('admin', `/admin/calls/${id}`)).html;
    expect(page).toMatch(
      /id="f-reviewDueAt"[^>]*type="date"[^>]*value="2027-10-01"|value="2027-10-01"[^>]*id="f-reviewDueAt"/,
    );
    expect(page).toMatch(/id="f-reviewReminderDays"[^>]*value="10"/);
  });

  it('shows a date before the deadline’s, and days that are no number, beside their fields', async () => {
    const early = await visit('admin', '/admin/calls', { form: callForm({ reviewDueAt: '2027-08-01' }) });
    expect(early.status).toBe(400);
    expect(fieldError(early.html, 'f-reviewDueAt')).toBe(
      'Fristen for bedømmelserne skal ligge efter ansøgningsfristens dato',
    );
    expect(early.html).toContain('value="2027-08-01"');
    const days = await visit('admin', '/admin/calls', { form: callForm({ reviewReminderDays: 'syv' }) });
    expect(days.status).toBe(400);
    expect(fieldError(days.html, 'f-reviewReminderDays')).toBe('Skal være et tal');
    expect(days.html).toContain('value="syv"');
  });
});

describe('the admin’s call form: the documents a call asks for', () => {
  const visit = browserOf(() => h, { admin: ADMIN });

  it('offers FIM’s four documents on a new call, each with its rules, and spare rows', async () => {
    const page = (await visit('admin', '/admin/calls/new')).html;
    for (const name of [
      'Ledelseserklæring',
      'CV for projektleder',
      'Budget og budgetnotat',
      'Projektbeskrivelse',
    ])
      expect(page).toContain(`value="${name}"`);
    // The declaration: one per partner, PDF only, required, hidden under blind review.
    expect(page).toMatch(/name="documentKinds\.0\.per"[\s\S]*?<option value="partner" selected/);
    expect(page).toMatch(/name="documentKinds\.0\.types" value="pdf" checked/);
    expect(page).not.toMatch(/name="documentKinds\.0\.types" value="docx" checked/);
    expect(page).toMatch(/name="documentKinds\.0\.required" value="true"[^>]*checked/);
    expect(page).toMatch(/name="documentKinds\.0\.hidden" value="true"[^>]*checked/);
    expect(page).toMatch(/name="documentKinds\.2\.required" value="true"(?![^>]*checked)/);
    expect(page).toContain('name="documentKinds.5.id"');
    expect(page).not.toContain('name="documentKinds.6.id"');
  });

  it('saves the kinds as typed and ticked, ignores the spare rows and shows them again', async () => {
    const res = await visit('admin', '/admin/calls', {
      form: callForm({
        'documentKinds.0.id': 'cv',
        'documentKinds.0.name': 'CV',
        'documentKinds.0.nameEn': 'CV',
        'documentKinds.0.per': 'application',
        'documentKinds.0.types': ['pdf', 'docx'],
        'documentKinds.0.maxMb': '2,5',
        'documentKinds.0.required': 'true',
        'documentKinds.0.hidden': 'true',
        'documentKinds.1.id': 'declaration',
        'documentKinds.1.name': 'Ledelseserklæring',
        'documentKinds.1.per': 'partner',
        'documentKinds.1.types': 'pdf',
        'documentKinds.1.maxMb': '',
        'documentKinds.2.id': '',
        'documentKinds.2.name': '',
        'documentKinds.2.nameEn': '',
        'documentKinds.2.per': 'application',
        'documentKinds.2.maxMb': '',
      }),
    });
    expect(res.status, res.html).toBe(303);
    const id = res.location?.match(/\/admin\/calls\/([0-9a-f-]{36})/)?.[1] ?? '';
    expect((await h.core.calls.get(id))?.documentKinds).toEqual([
      {
        id: 'cv',
        name: 'CV',
        nameEn: 'CV',
        required: true,
        per: 'application',
        types: ['pdf', 'docx'],
        maxBytes: Math.round(2.5 * 1024 * 1024),
        hiddenUnderBlindReview: true,
      },
      {
        id: 'declaration',
        name: 'Ledelseserklæring',
        required: false,
        per: 'partner',
        types: ['pdf'],
        maxBytes: 20 * 1024 * 1024,
        hiddenUnderBlindReview: false,
      },
    ]);
    const page = (await visit('admin', `/admin/calls/${id}`)).html;
    expect(page).toMatch(/id="f-documentKinds-0-maxBytes"[^>]*value="2,5"/);
    expect(page).toMatch(/id="f-documentKinds-1-maxBytes"[^>]*value="20"/);
  });

  it('shows a kind without types, a size that is no number and one over 100 MB beside their fields, and writes nothing', async () => {
    const before = (await h.core.calls.listByStatus('draft')).length;
    const res = await visit('admin', '/admin/calls', {
      form: callForm({
        'documentKinds.0.id': 'cv',
        'documentKinds.0.name': 'CV',
        'documentKinds.0.per': 'application',
        'documentKinds.0.maxMb': 'tyve',
        'documentKinds.1.id': 'big',
        'documentKinds.1.name': 'Stort bilag',
        'documentKinds.1.per': 'application',
        'documentKinds.1.types': 'pdf',
        'documentKinds.1.maxMb': '101',
      }),
    });
    expect(res.status).toBe(400);
    expect(fieldError(res.html, 'f-documentKinds-0-maxBytes')).toBe('Skal være et tal');
    expect(fieldError(res.html, 'f-documentKinds-0-types')).toBeTruthy();
    expect(fieldError(res.html, 'f-documentKinds-1-maxBytes')).toBeTruthy();
    expect(res.html).toContain('value="tyve"');
    expect(res.html).toMatch(/#f-documentKinds-0-types[^>]*>Bilag 1, Tilladte filtyper/);
    expect((await h.core.calls.listByStatus('draft')).length).toBe(before);
  });
});
