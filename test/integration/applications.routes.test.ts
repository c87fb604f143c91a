import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, expectProblem, pointers } from '../support/api.js';
import {
  ADMIN,
  applicationBody,
  CLOSE_EARLY,
  createCall,
  createDraft,
  RESEARCHER,
  RESEARCHER2,
} from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { auditEvents, itemsWithPkPrefix, pendingOutbox } from '../support/table.js';

// A fresh table per test: outbox, counters and references are table-wide.
let h: Harness;
let client: Api;
let call: Call;

beforeEach(async () => {
  ({ h, client, call } = await harnessWithCall());
});

/** The researcher's draft under the call: the full example application with these fields changed. */
const draftOf = (changes: Record<string, unknown> = {}) =>
  createDraft(client, call.id, RESEARCHER, applicationBody(changes));

/** Starting a draft under the call is refused (422) for this one rule. */
async function expectDraftRefused(code: string) {
  const problem = expectProblem(
    await client.post(`/api/calls/${call.id}/applications`, {}, RESEARCHER),
    422,
    'RULES_FAILED',
  );
  expect(problem.errors.map((e: { code: string }) => e.code)).toEqual([code]);
}

const ids = (items: { id: string }[]) => items.map((x) => x.id).sort();

describe('POST /api/calls/{callId}/applications', () => {
  it('starts a draft for the signed-in user: 201, ETag, Location, amount summed', async () => {
    const res = await client.post(`/api/calls/${call.id}/applications`, applicationBody(), RESEARCHER);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/applications/${res.body.id}`);
    expect(res.body).toMatchObject({
      callId: call.id,
      status: 'draft',
      version: 1,
      ownerId: 'demo-researcher',
      ownerEmail: RESEARCHER,
      ownerName: 'Sofie Andersen',
      ownerOrganisation: 'Aarhus Universitetshospital',
      title: 'Faldforebyggelse i eget hjem',
      requestedAmountOre: 35_000_000,
    });
    expect(res.body.reference).toBeUndefined();

    const audit = await auditEvents(h, `APP#${res.body.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'application.created', actor: { userId: 'demo-researcher' } });
  });

  it('accepts an empty draft', async () => {
    const res = await client.post(`/api/calls/${call.id}/applications`, {}, RESEARCHER);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ partners: [], budgetLines: [], requestedAmountOre: 0 });
  });

  it('answers 404 for an unknown call and for a draft call', async () => {
    const draftCall = await createCall(client, { open: false });
    expectProblem(
      await client.post(`/api/calls/${crypto.randomUUID()}/applications`, {}, RESEARCHER),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await client.post(`/api/calls/${draftCall.id}/applications`, {}, RESEARCHER),
      404,
      'NOT_FOUND',
    );
  });

  it('refuses a closed call with 422 CALL_NOT_OPEN', async () => {
    expect((await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN)).status).toBe(200);
    await expectDraftRefused('CALL_NOT_OPEN');
  });

  it('refuses an open call past its deadline with 422 DEADLINE_PASSED', async () => {
    h.clock.set('2027-09-01T10:00:00Z');
    await expectDraftRefused('DEADLINE_PASSED');
  });

  it('requires sign-in', async () => {
    expectProblem(await client.post(`/api/calls/${call.id}/applications`, {}), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /api/applications/{applicationId}', () => {
  it('shows a draft to its owner only: another applicant and the admin get 404', async () => {
    const draft = await draftOf();
    const own = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(own.status).toBe(200);
    expect(own.body).toEqual(draft);
    expect(own.headers.get('etag')).toBe('"1"');

    expectProblem(await client.get(`/api/applications/${draft.id}`, RESEARCHER2), 404, 'NOT_FOUND');
    expectProblem(await client.get(`/api/applications/${draft.id}`, ADMIN), 404, 'NOT_FOUND');
    expectProblem(await client.get(`/api/applications/${draft.id}`), 401, 'UNAUTHENTICATED');
    expectProblem(await client.get(`/api/applications/${crypto.randomUUID()}`, RESEARCHER), 404, 'NOT_FOUND');
  });

  it('shows a submitted application to the admin', async () => {
    const draft = await draftOf();
    expect((await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER)).status).toBe(200);
    const res = await client.get(`/api/applications/${draft.id}`, ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: draft.id, status: 'submitted' });
    expectProblem(await client.get(`/api/applications/${draft.id}`, RESEARCHER2), 404, 'NOT_FOUND');
  });
});

describe('PATCH /api/applications/{applicationId}', () => {
  it('saves changes with the version read; the amount is the sum of the lines', async () => {
    const draft = await draftOf();
    const res = await client.patch(
      `/api/applications/${draft.id}`,
      {
        title: 'Ny titel',
        budgetLines: [
          { category: 'Løn', year: 2027, amountOre: 12_345_600 },
          { category: 'Drift', year: 2028, amountOre: 1_000_001 },
          { category: 'Rejser', year: 2028, amountOre: 99 },
        ],
      },
      RESEARCHER,
      1,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({
      version: 2,
      title: 'Ny titel',
      summary: draft.summary,
      requestedAmountOre: 13_345_700,
    });
    expect((await client.get(`/api/applications/${draft.id}`, RESEARCHER)).body).toEqual(res.body);

    const audit = await auditEvents(h, `APP#${draft.id}`);
    expect(audit.map((e) => e.action)).toEqual(['application.created', 'application.updated']);
  });

  it('clears a field sent as null and keeps absent ones', async () => {
    const draft = await draftOf();
    const res = await client.patch(
      `/api/applications/${draft.id}`,
      { summary: null, startDate: null },
      RESEARCHER,
      1,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).not.toHaveProperty('summary');
    expect(res.body).not.toHaveProperty('startDate');
    expect(res.body).toMatchObject({ title: draft.title, endDate: draft.endDate });
    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).not.toHaveProperty('summary');
    expect(read.body).not.toHaveProperty('startDate');
  });

  it('writes nothing for a PATCH with nothing in it: same version, no audit event', async () => {
    const draft = await draftOf();
    const res = await client.patch(`/api/applications/${draft.id}`, {}, RESEARCHER, 1);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: 1 });
    expect(res.headers.get('etag')).toBe('"1"');
    expect(await auditEvents(h, `APP#${draft.id}`)).toHaveLength(1);
  });

  it('requires If-Match (428) and refuses a stale one (409)', async () => {
    const draft = await draftOf();
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'X' }, RESEARCHER),
      428,
      'PRECONDITION_REQUIRED',
    );
    expect(
      (await client.patch(`/api/applications/${draft.id}`, { title: 'Først' }, RESEARCHER, 1)).status,
    ).toBe(200);
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'Sidst' }, RESEARCHER, 1),
      409,
      'VERSION_CONFLICT',
    );
    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).toMatchObject({ title: 'Først', version: 2 });
    expect(await auditEvents(h, `APP#${draft.id}`)).toHaveLength(2);
  });

  it('is the owner’s alone: 404 for others, also for the admin', async () => {
    const draft = await draftOf();
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'X' }, RESEARCHER2, 1),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'X' }, ADMIN, 1),
      404,
      'NOT_FOUND',
    );
  });

  it('gives field messages in English with Accept-Language: en', async () => {
    const draft = await draftOf();
    const res = await client.send('PATCH', `/api/applications/${draft.id}`, RESEARCHER, {
      body: { partners: [{ contactEmail: 'ikke-en-adresse' }] },
      headers: { 'if-match': '"1"', 'accept-language': 'en-GB,en;q=0.9' },
    });
    const problem = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(problem.detail).toBe('Invalid input');
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ pointer: '/partners/0/contactEmail', detail: 'Invalid e-mail address' }),
    );
  });
});

describe('POST /api/applications/{applicationId}/submit', () => {
  it('lists every failed rule at once and leaves the draft as it was', async () => {
    const draft = await draftOf({
      title: null,
      partners: [(applicationBody().partners as unknown[])[0]],
      budgetLines: [
        { category: 'Løn', year: 2027, amountOre: 45_000_000 },
        { category: 'Drift', year: 2028, amountOre: 10_000_000 },
      ],
    });
    const itemsBefore = (await itemsWithPkPrefix(h, '')).length;

    const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER, {
      'accept-language': 'en',
    });
    const problem = expectProblem(res, 422, 'RULES_FAILED');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/partners', code: 'TOO_FEW_SECTORS' }),
        expect.objectContaining({ pointer: '/title', code: 'REQUIRED', detail: 'Required' }),
        expect.objectContaining({ pointer: '/budgetLines', code: 'AMOUNT_OVER_MAX' }),
      ]),
    );
    expect(problem.errors).toHaveLength(3);
    expect(problem.errors.find((e: { code: string }) => e.code === 'TOO_FEW_SECTORS').detail).toBe(
      'Partners must cover at least 2 of the sectors municipality, region and general practice (now 1)',
    );

    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).toEqual(draft);
    expect(read.body).toMatchObject({ status: 'draft', version: 1 });
    expect(read.body.reference).toBeUndefined();
    expect(await pendingOutbox(h)).toEqual([]);
    expect(await itemsWithPkPrefix(h, 'REF#')).toEqual([]);
    expect(await itemsWithPkPrefix(h, 'COUNTER#')).toEqual([]);
    expect(await auditEvents(h, `APP#${draft.id}`)).toHaveLength(1);
    expect((await itemsWithPkPrefix(h, '')).length).toBe(itemsBefore);
  });

  it('words the same refusal in Danish by default and in English when asked, its values as members', async () => {
    const draft = await draftOf({ budgetLines: [{ category: 'Løn', year: 2027, amountOre: 60_000_000 }] });
    const worded = {
      da: [
        'Ansøgningen kan ikke indsendes endnu',
        'Det ansøgte beløb (600.000,00\u00a0kr.) overstiger maksimum 500.000,00\u00a0kr.',
      ],
      en: [
        'The application cannot be submitted yet',
        'The requested amount (DKK\u00a0600,000.00) exceeds the maximum DKK\u00a0500,000.00',
      ],
    };
    for (const [lang, [detail, errorDetail]] of Object.entries(worded)) {
      // Danish is what a reader gets who asks for no language.
      const headers = lang === 'en' ? { 'accept-language': 'en' } : undefined;
      const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER, headers);
      const problem = expectProblem(res, 422, 'RULES_FAILED');
      expect(res.headers.get('content-language')).toBe(lang);
      expect(problem).toMatchObject({ reason: 'APPLICATION_INCOMPLETE', detail });
      expect(problem.errors).toEqual([
        {
          pointer: '/budgetLines',
          code: 'AMOUNT_OVER_MAX',
          requestedOre: 60_000_000,
          maxOre: 50_000_000,
          detail: errorDetail,
        },
      ]);
    }
  });

  it('refuses an empty draft listing each required field', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const problem = expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER), 422);
    expect(pointers(problem)).toEqual(
      expect.arrayContaining([
        '/title',
        '/summary',
        '/userInvolvement',
        '/startDate',
        '/endDate',
        '/grantTypeId',
        '/focusArea',
        '/partners',
        '/budgetLines',
      ]),
    );
  });

  it('flags a start date in the past and budget years outside the period', async () => {
    const draft = await draftOf({
      startDate: '2027-02-28',
      endDate: '2027-12-31',
      budgetLines: [{ category: 'Løn', year: 2028, amountOre: 1_000_000 }],
    });
    const problem = expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER), 422);
    expect(problem.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/startDate', 'START_IN_PAST'],
      ['/budgetLines/0/year', 'BUDGET_YEAR_OUTSIDE_PERIOD'],
    ]);
  });

  it('submits a complete draft: reference, receipt, one outbox message, one audit event', async () => {
    const draft = await draftOf();
    h.clock.set('2027-03-02T13:45:00Z');
    const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: draft.id,
      status: 'submitted',
      version: 2,
      reference: 'FIM-2027-0001',
      submittedAt: '2027-03-02T13:45:00.000Z',
    });
    expect(res.headers.get('etag')).toBe('"2"');

    const receipt = await client.get(`/api/applications/${draft.id}/receipt`, RESEARCHER);
    expect(receipt.status, receipt.text).toBe(200);
    expect(receipt.body).toEqual({
      applicationId: draft.id,
      reference: 'FIM-2027-0001',
      submittedAt: '2027-03-02T13:45:00.000Z',
      callId: call.id,
      callTitle: call.title,
      title: draft.title,
      grantTypeId: 'A',
      requestedAmountOre: 35_000_000,
      applicant: { name: 'Sofie Andersen', email: RESEARCHER, organisation: 'Aarhus Universitetshospital' },
      partners: [
        { organisation: 'Aarhus Kommune', sector: 'municipality' },
        { organisation: 'Region Midtjylland', sector: 'region' },
      ],
    });
    expect((await client.get(`/api/applications/${draft.id}/receipt`, ADMIN)).status).toBe(200);

    const outbox = await pendingOutbox(h);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      kind: 'application.receipt',
      to: RESEARCHER,
      case: { kind: 'application', id: draft.id },
    });
    // The outbox keeps the values; the words come from the catalogue when the mail is composed.
    expect(outbox[0]?.params).toEqual({
      name: 'Sofie Andersen',
      reference: 'FIM-2027-0001',
      title: draft.title,
      callTitle: call.title,
      requestedOre: 35_000_000,
      submittedAt: '2027-03-02T13:45:00.000Z',
    });
    const mail = composeMail(outbox[0] as unknown as OutboxMessage);
    expect(mail.subject).toContain('FIM-2027-0001');
    // Intl puts a no-break space between the amount and "kr.".
    expect(mail.body).toMatch(/Ansøgt beløb: 350\.000,00\skr\./);
    expect(mail.body).not.toContain('kr..');
    // The English half speaks English dates too.
    expect(mail.body).toMatch(/on \d{1,2} March 2027 at \d{2}:\d{2} \(Danish time\)/);
    expect(mail.body).toContain('Kære Sofie Andersen');
    expect(mail.body).toContain('den 2. marts 2027 kl. 14.45');
    expect(mail.subject).toBe(
      'Kvittering for ansøgning FIM-2027-0001 / Receipt for application FIM-2027-0001',
    );

    const audit = await auditEvents(h, `APP#${draft.id}`);
    expect(audit.map((e) => e.action)).toEqual(['application.created', 'application.submitted']);
    expect(audit[1]).toMatchObject({
      details: { from: 'draft', to: 'submitted', reference: 'FIM-2027-0001', version: 2 },
    });
    expect(await itemsWithPkPrefix(h, 'REF#FIM-2027-0001')).toEqual([
      expect.objectContaining({ applicationId: draft.id }),
    ]);
  });

  it('checks an optional If-Match (409 when stale)', async () => {
    const draft = await draftOf();
    expectProblem(
      await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER, { 'if-match': '"5"' }),
      409,
      'VERSION_CONFLICT',
    );
    expect(
      (await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER, { 'if-match': '"1"' })).status,
    ).toBe(200);
  });

  it('numbers references sequentially per year', async () => {
    const references: string[] = [];
    for (const who of [RESEARCHER, RESEARCHER2, RESEARCHER]) {
      const draft = await createDraft(client, call.id, who);
      const res = await client.act(`/api/applications/${draft.id}/submit`, who);
      expect(res.status, res.text).toBe(200);
      references.push(res.body.reference);
    }
    expect(references).toEqual(['FIM-2027-0001', 'FIM-2027-0002', 'FIM-2027-0003']);
  });

  it('allows no edit and no second submit after submission (409)', async () => {
    const draft = await draftOf();
    expect((await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER)).status).toBe(200);
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'Efter' }, RESEARCHER, 2),
      409,
      'INVALID_STATE',
    );
    expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER), 409, 'INVALID_STATE');
    const read = await client.get(`/api/applications/${draft.id}`, RESEARCHER);
    expect(read.body).toMatchObject({ title: draft.title, version: 2, reference: 'FIM-2027-0001' });
    expect(await pendingOutbox(h)).toHaveLength(1);
  });

  it('refuses after the deadline with 422 DEADLINE_PASSED, even for a complete draft', async () => {
    const draft = await draftOf();
    h.clock.set('2027-09-01T10:00:00Z');
    const problem = expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '', code: 'DEADLINE_PASSED' })]);
    expect((await client.get(`/api/applications/${draft.id}`, RESEARCHER)).body).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect(await pendingOutbox(h)).toEqual([]);
  });

  it('accepts a submission one second before the deadline', async () => {
    const draft = await draftOf();
    h.clock.set('2027-09-01T09:59:59Z');
    const res = await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER);
    expect(res.status, res.text).toBe(200);
  });

  it('refuses a draft whose call was closed meanwhile (422 CALL_NOT_OPEN)', async () => {
    const draft = await draftOf();
    expect((await client.post(`/api/calls/${call.id}/close`, CLOSE_EARLY, ADMIN)).status).toBe(200);
    const problem = expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER), 422);
    expect(problem.errors.map((e: { code: string }) => e.code)).toEqual(['CALL_NOT_OPEN']);
  });

  it('answers 404 for someone else’s draft', async () => {
    const draft = await draftOf();
    expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER2), 404, 'NOT_FOUND');
    expectProblem(await client.act(`/api/applications/${draft.id}/submit`, ADMIN), 404, 'NOT_FOUND');
  });
});

describe('POST /api/applications/{applicationId}/withdraw', () => {
  it('withdraws a submitted application once; a second withdraw is 409', async () => {
    const draft = await draftOf();
    expect((await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER)).status).toBe(200);

    const res = await client.act(`/api/applications/${draft.id}/withdraw`, RESEARCHER);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      status: 'withdrawn',
      version: 3,
      reference: 'FIM-2027-0001',
      withdrawnAt: '2027-03-01T09:00:00.000Z',
    });
    expect(res.headers.get('etag')).toBe('"3"');

    expectProblem(
      await client.act(`/api/applications/${draft.id}/withdraw`, RESEARCHER),
      409,
      'INVALID_STATE',
    );
    const audit = await auditEvents(h, `APP#${draft.id}`);
    expect(audit.map((e) => e.action)).toEqual([
      'application.created',
      'application.submitted',
      'application.withdrawn',
    ]);
    expect(audit[2]).toMatchObject({ details: { from: 'submitted', to: 'withdrawn' } });
  });

  it('withdraws a draft, and only its owner may', async () => {
    const draft = await draftOf();
    expectProblem(await client.act(`/api/applications/${draft.id}/withdraw`, RESEARCHER2), 404, 'NOT_FOUND');
    const res = await client.act(`/api/applications/${draft.id}/withdraw`, RESEARCHER);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', version: 2 });
  });
});

describe('GET /api/applications/{applicationId}/receipt', () => {
  it('answers 409 before submission', async () => {
    const draft = await draftOf();
    expectProblem(
      await client.get(`/api/applications/${draft.id}/receipt`, RESEARCHER),
      409,
      'INVALID_STATE',
    );
  });
});

describe('GET /api/applications', () => {
  it('mine=true lists only one’s own applications', async () => {
    const a = await draftOf();
    const b = await draftOf();
    const other = await createDraft(client, call.id, RESEARCHER2);

    const mine = await client.get('/api/applications?mine=true', RESEARCHER);
    expect(mine.status).toBe(200);
    expect(ids(mine.body.items)).toEqual([a.id, b.id].sort());
    const theirs = await client.get('/api/applications?mine=true', RESEARCHER2);
    expect(ids(theirs.body.items)).toEqual([other.id]);
    expect((await client.get('/api/applications?mine=true', ADMIN)).body.items).toEqual([]);
  });

  it('callId lists a call’s applications that left draft, for admins only', async () => {
    const submitted = await draftOf();
    expect((await client.act(`/api/applications/${submitted.id}/submit`, RESEARCHER)).status).toBe(200);
    const withdrawn = await createDraft(client, call.id, RESEARCHER2);
    expect((await client.act(`/api/applications/${withdrawn.id}/submit`, RESEARCHER2)).status).toBe(200);
    expect((await client.act(`/api/applications/${withdrawn.id}/withdraw`, RESEARCHER2)).status).toBe(200);
    await createDraft(client, call.id, RESEARCHER2);
    const otherCall = await createCall(client);
    const elsewhere = await createDraft(client, otherCall.id, RESEARCHER);
    expect((await client.act(`/api/applications/${elsewhere.id}/submit`, RESEARCHER)).status).toBe(200);

    const res = await client.get(`/api/applications?callId=${call.id}`, ADMIN);
    expect(res.status, res.text).toBe(200);
    expect(ids(res.body.items)).toEqual([submitted.id, withdrawn.id].sort());

    expectProblem(await client.get(`/api/applications?callId=${call.id}`, RESEARCHER), 403, 'FORBIDDEN');
    expectProblem(await client.get(`/api/applications?callId=${call.id}`), 401, 'UNAUTHENTICATED');
  });

  it('answers 400 without mine=true or callId, and for a callId that is not a UUID', async () => {
    expect(pointers(expectProblem(await client.get('/api/applications', RESEARCHER), 400))).toEqual([
      '/query/mine',
    ]);
    expect(
      pointers(expectProblem(await client.get('/api/applications?mine=false', RESEARCHER), 400)),
    ).toEqual(['/query/mine']);
    expect(pointers(expectProblem(await client.get('/api/applications?callId=x', ADMIN), 400))).toEqual([
      '/query/callId',
    ]);
  });
});
