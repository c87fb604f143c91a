import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { buildExport, drainExports } from '../../functions/core/exports/export.service.js';
import { drainOutbox } from '../../functions/core/messages/sender.service.js';
import type { ExportWriter } from '../../functions/core/ports.js';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import { createZipWriter } from '../../functions/exports/zip-writer.js';
import { s3ObjectStreams } from '../../functions/files/object-streams.js';
import {
  type Api,
  checkRoutes,
  expectOk,
  expectProblem,
  parseDanishCsv,
  type RouteCase,
  rolesOf,
} from '../support/api.js';
import { pdf, TEST_KINDS, uploadDocument, XLSX_TYPE, xlsx } from '../support/documents.js';
import {
  ADMIN,
  acceptedAward,
  applicationBody,
  closeCallNow,
  createDraft,
  EVERYONE,
  everyoneBut,
  FINANCE,
  fullReview,
  pay,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  reviewAndSubmit,
  setUpYear,
} from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { acceptingMailer, TEST_FROM, TEST_SITE_URL } from '../support/mail.js';
import { browserOf, type Expected, type PageCase, walkPages } from '../support/web.js';
import { openZip } from '../support/zip.js';

/*
 * Aktindsigt in one step and "Mine data" (issue 12): asked for through the API (202), built by the worker (called
 * here directly, as the stream-fed Lambda and `npm start`'s timer call it) into one ZIP in the run's s3rver, then
 * fetched by the presigned link. The ZIP is opened and checked: every part, the recorded SHA-256, the events.
 */

let h: Harness;
let client: Api;
let writer: ExportWriter;
const ids = { call: '', app: '', other: '', cv: '' };
const CV = pdf(6_000);

beforeAll(async () => {
  const setUp = await harnessWithCall({
    documentKinds: TEST_KINDS.slice(0, 2).map((k) => ({ ...k, required: false })),
  });
  ({ h, client } = setUp);
  ids.call = setUp.call.id;
  writer = createZipWriter({
    objects: s3ObjectStreams({ bucket: inject('s3Bucket'), endpoint: inject('s3Endpoint') }),
    siteUrl: TEST_SITE_URL,
    from: TEST_FROM,
  });
  const draft = await createDraft(
    client,
    ids.call,
    RESEARCHER,
    applicationBody({ title: 'Sund by for alle' }),
  );
  ids.app = draft.id;
  ids.cv = (
    await uploadDocument(client, ids.app, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: CV,
      fileName: 'CV Sofie.pdf',
    })
  ).id;
  await uploadDocument(client, ids.app, RESEARCHER, {
    kind: 'budget_note',
    bytes: await xlsx(),
    contentType: XLSX_TYPE,
    fileName: 'budget.xlsx',
  });
  expectOk(await client.act(`/api/applications/${ids.app}/submit`, RESEARCHER));
  const other = await createDraft(
    client,
    ids.call,
    RESEARCHER2,
    applicationBody({ title: 'Andens projekt' }),
  );
  ids.other = other.id;
  expectOk(await client.act(`/api/applications/${ids.other}/submit`, RESEARCHER2));
  await closeCallNow(client, ids.call);
  // A submitted review of the application, as the reviewers' flow leaves it.
  const reviewer = h.user(REVIEWER);
  const now = h.clock.now().toISOString();
  await h.core.reviews.save(
    {
      applicationId: ids.app,
      callId: ids.call,
      applicationTitle: 'Sund by for alle',
      reviewerId: reviewer.userId,
      reviewerName: reviewer.name,
      reviewerEmail: reviewer.email,
      assignedAt: now,
      assignedBy: h.user(ADMIN).userId,
      review: {
        status: 'submitted',
        scores: { relevance: 4 },
        comments: { relevance: 'Et stærkt og relevant projekt' },
        recommendation: 'fund',
        submittedAt: now,
      },
      version: 1,
    },
    auditEvent(h.principal(ADMIN), h.clock.now(), 'review.assigned', { type: 'application', id: ids.app }),
  );
  expectOk(
    await client.post(
      `/api/applications/${ids.app}/decision`,
      { outcome: 'rejected', justification: 'Projektet falder uden for puljens formål.' },
      ADMIN,
    ),
    201,
  );
  // The receipts and the decision letter sent (an accepting mailer), so their events name the messages.
  await drainOutbox(h.core, acceptingMailer);
});

async function requestAndBuild(path: string, who: string): Promise<string> {
  const { exportId } = expectOk(await client.act(path, who), 202);
  const queued = expectOk(await client.get(`/api/exports/${exportId}`, who));
  expect(queued).toMatchObject({ status: 'queued' });
  expect(queued.downloadUrl).toBeUndefined();
  const built = await buildExport(h.core, writer, exportId);
  expect(built?.status).toBe('ready');
  return exportId;
}

async function download(exportId: string, who: string) {
  const state = expectOk(await client.get(`/api/exports/${exportId}`, who));
  expect(state.status).toBe('ready');
  expect(state.expiresInSeconds).toBe(900);
  const res = await fetch(state.downloadUrl);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { state, bytes, zip: openZip(bytes) };
}

/** The actions of the events under an application's case. */
const actionsUnder = async (id: string): Promise<string[]> =>
  (await h.core.caseRecord.page({ kind: 'application', id }, { limit: 500 })).events.map((e) => e.action);

describe('aktindsigt in one step', () => {
  let exportId = '';
  let opened: Awaited<ReturnType<typeof download>>;

  beforeAll(async () => {
    exportId = await requestAndBuild(`/api/cases/application/${ids.app}/export`, ADMIN);
    opened = await download(exportId, ADMIN);
  });

  it('holds every part: index, application as JSON and PDF, documents, reviews, decision, messages, events', () => {
    const { names } = opened.zip;
    expect(names).toEqual(
      expect.arrayContaining([
        'index.csv',
        'index.pdf',
        'application.json',
        'application.pdf',
        'documents/002-CV_Sofie.pdf',
        'documents/001-budget.xlsx',
        'decision.json',
        'audit-events.csv',
      ]),
    );
    expect(names.filter((n) => n.startsWith('reviews/'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('messages/')).length).toBeGreaterThanOrEqual(2);
    // A rejected application has no award case.
    expect(names.filter((n) => n.startsWith('award/'))).toEqual([]);
    expect(opened.zip.read('index.pdf').subarray(0, 5).toString()).toBe('%PDF-');
    expect(opened.zip.read('application.pdf').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('streams the stored documents into the ZIP byte for byte', () => {
    expect(opened.zip.read('documents/002-CV_Sofie.pdf').equals(CV)).toBe(true);
  });

  it('records the ZIP’s SHA-256, which matches the bytes downloaded', async () => {
    const sha = createHash('sha256').update(opened.bytes).digest('hex');
    expect(opened.state.sha256).toBe(sha);
    expect(opened.state.sizeBytes).toBe(opened.bytes.length);
    expect((await h.core.exports.get(exportId))?.sha256).toBe(sha);
  });

  it('flags the reviews as internal working documents and lists every part in the index', () => {
    const review = opened.zip.names.find((n) => n.startsWith('reviews/')) as string;
    const body = JSON.parse(opened.zip.read(review).toString('utf8'));
    expect(body.note).toBe('Internt arbejdsdokument (offentlighedsloven § 23)');
    expect(body.review.comments.relevance).toBe('Et stærkt og relevant projekt');
    const index = opened.zip.read('index.csv').toString('utf8');
    for (const name of opened.zip.names.filter((n) => !n.startsWith('index.'))) expect(index).toContain(name);
    expect(index).toContain('Internt arbejdsdokument (offentlighedsloven § 23)');
  });

  it('holds the decision with its justification, and the messages as sent with their status', () => {
    const decision = JSON.parse(opened.zip.read('decision.json').toString('utf8'));
    expect(decision).toMatchObject({
      outcome: 'rejected',
      justification: 'Projektet falder uden for puljens formål.',
    });
    const messages = opened.zip.names
      .filter((n) => n.startsWith('messages/'))
      .map((n) => opened.zip.read(n).toString('utf8'));
    expect(messages.some((m) => m.includes(`Til: ${RESEARCHER}`) && m.includes('Status: Sendt'))).toBe(true);
    // Nothing of the other application's case.
    for (const m of messages) expect(m).not.toContain(RESEARCHER2);
  });

  it('holds the case’s events as CSV, the export itself audited with its checksum', async () => {
    const csv = opened.zip.read('audit-events.csv').toString('utf8');
    expect(csv).toContain('application.submitted');
    expect(csv).toContain('Ansøgningen blev indsendt');
    expect(csv).not.toContain(ids.other);
    const actions = await actionsUnder(ids.app);
    expect(actions).toEqual(
      expect.arrayContaining(['export.requested', 'export.started', 'export.ready', 'export.link_issued']),
    );
    const page = await h.core.caseRecord.page(
      { kind: 'application', id: ids.app },
      { limit: 500, action: 'export.ready' },
    );
    expect(page.events[0]?.details).toMatchObject({ exportId, sha256: opened.state.sha256 });
  });

  it('answers any other admin, and nobody else (the same 404 as an unknown id)', async () => {
    expectProblem(await client.get(`/api/exports/${exportId}`, RESEARCHER), 404);
    expectProblem(await client.get(`/api/exports/${crypto.randomUUID()}`, ADMIN), 404);
    expectProblem(await client.get('/api/exports/not-a-uuid', ADMIN), 400);
  });
});

describe('"Mine data"', () => {
  let opened: Awaited<ReturnType<typeof download>>;

  beforeAll(async () => {
    // Their own organisation, picked on "Min profil", is theirs to see too.
    const read = expectOk(await client.get('/api/me/profile', RESEARCHER));
    expectOk(
      await client.send('PATCH', '/api/me/profile', RESEARCHER, {
        body: { organisation: 'Viborg Kommune' },
        headers: { 'if-match': `"${read.version}"` },
      }),
    );
    const exportId = await requestAndBuild('/api/me/data-export', RESEARCHER);
    opened = await download(exportId, RESEARCHER);
  });

  it('holds the profile, their application, the documents they uploaded, messages to them, their events and a PDF', () => {
    const { names } = opened.zip;
    expect(names).toEqual(
      expect.arrayContaining(['index.csv', 'index.pdf', 'profile.json', 'audit-events.csv', 'mine-data.pdf']),
    );
    expect(names.filter((n) => n.startsWith('applications/'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('documents/'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('messages/')).length).toBeGreaterThanOrEqual(1);
    const profile = JSON.parse(opened.zip.read('profile.json').toString('utf8'));
    expect(profile.email).toBe(RESEARCHER);
    expect(profile.ownOrganisation).toMatchObject({ organisation: 'Viborg Kommune' });
    expect(opened.zip.read('mine-data.pdf').subarray(0, 5).toString()).toBe('%PDF-');
    const csv = opened.zip.read('audit-events.csv').toString('utf8');
    expect(csv).toContain('application.submitted');
    expect(csv).toContain(h.user(RESEARCHER).userId);
  });

  it('holds nothing of others: no other application, no review by someone else, no one else’s events', () => {
    const everything = opened.zip.names
      .filter((n) => !n.endsWith('.pdf') && !n.startsWith('documents/'))
      .map((n) => opened.zip.read(n).toString('utf8'))
      .join('\n');
    expect(everything).not.toContain(ids.other);
    expect(everything).not.toContain(RESEARCHER2);
    expect(everything).not.toContain('Et stærkt og relevant projekt');
    // Every event is one the person did, or one of their own record (the exporter's work for them); an admin's
    // decision on their application is in the application itself.
    const me = h.user(RESEARCHER).userId;
    const rows = parseDanishCsv(opened.zip.read('audit-events.csv').toString('utf8')).slice(1);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.filter((r) => r[3] !== me && r[5] !== `user/${me}`)).toEqual([]);
    expect(rows.some((r) => r[3] === me && r[1] === 'application.submitted')).toBe(true);
    expect(opened.zip.names.some((n) => n.startsWith('reviews/'))).toBe(false);
  });

  it('holds the reviews a reviewer wrote, and only theirs', async () => {
    const exportId = await requestAndBuild('/api/me/data-export', REVIEWER);
    const { zip } = await download(exportId, REVIEWER);
    const reviews = zip.names.filter((n) => n.startsWith('reviews/'));
    expect(reviews).toHaveLength(1);
    expect(JSON.parse(zip.read(reviews[0] as string).toString('utf8')).review.comments.relevance).toBe(
      'Et stærkt og relevant projekt',
    );
    expect(zip.names.some((n) => n.startsWith('documents/'))).toBe(false);
  });
});

describe('"Mine data": the events a person caused in others’ cases (the audit table’s index by actor)', () => {
  let rows: string[][] = [];
  const legacyId = crypto.randomUUID();

  beforeAll(async () => {
    // The reviewer scores the other researcher's application: events under a case they do not own.
    expectOk(
      await client.post(
        `/api/applications/${ids.other}/assignments`,
        { reviewerIds: [h.user(REVIEWER).userId] },
        ADMIN,
      ),
    );
    await reviewAndSubmit(client, ids.other, REVIEWER, fullReview(4, 3, 5));
    // An event the reviewer caused before the index existed: stored without its index entry, as events are
    // never rewritten (docs/cases.md); the export still finds it in a case the reviewer reviewed.
    await h.db.doc.send(
      new PutCommand({
        TableName: h.db.auditTableName,
        Item: {
          pk: `APP#${ids.app}`,
          sk: `AUDIT#2020-01-01T00:00:00.000Z#${legacyId}`,
          entity: 'audit',
          ...auditEvent(h.principal(REVIEWER), new Date('2020-01-01T00:00:00Z'), 'review.saved', {
            type: 'application',
            id: ids.app,
          }),
          id: legacyId,
        },
      }),
    );
    const exportId = await requestAndBuild('/api/me/data-export', REVIEWER);
    const { zip } = await download(exportId, REVIEWER);
    rows = parseDanishCsv(zip.read('audit-events.csv').toString('utf8')).slice(1);
  });

  it('holds the review.submitted event of an application the reviewer does not own', () => {
    expect(rows.some((r) => r[1] === 'review.submitted' && r[5] === `application/${ids.other}`)).toBe(true);
    expect(rows.some((r) => r[1] === 'review.saved' && r[3] === h.user(REVIEWER).userId)).toBe(true);
  });

  it('holds the events stored before the index, in the cases they reviewed', () => {
    expect(rows.filter((r) => r[0] === '2020-01-01T00:00:00.000Z' && r[1] === 'review.saved')).toHaveLength(
      1,
    );
  });

  it('holds nothing about another person’s actions: only their own, and their own record’s', () => {
    const me = h.user(REVIEWER).userId;
    expect(rows.filter((r) => r[3] !== me && r[5] !== `user/${me}`)).toEqual([]);
    const everything = rows.flat().join('\n');
    expect(everything).not.toContain(h.user(RESEARCHER2).userId);
    expect(everything).not.toContain(h.user(ADMIN).userId);
    expect(rows.some((r) => r[1] === 'application.submitted' || r[1] === 'review.assigned')).toBe(false);
  });

  it('holds an admin’s actions in cases that are not theirs at all: the call they created, the decision', async () => {
    const exportId = await requestAndBuild('/api/me/data-export', ADMIN);
    const { zip } = await download(exportId, ADMIN);
    const admin = h.user(ADMIN).userId;
    const mine = parseDanishCsv(zip.read('audit-events.csv').toString('utf8')).slice(1);
    expect(mine.some((r) => r[1] === 'call.created' && r[5] === `call/${ids.call}` && r[3] === admin)).toBe(
      true,
    );
    expect(mine.some((r) => r[1] === 'application.decided' && r[5] === `application/${ids.app}`)).toBe(true);
    expect(mine.filter((r) => r[3] !== admin && r[5] !== `user/${admin}`)).toEqual([]);
  });
});

describe('aktindsigt in an application with an award: the award case in the same ZIP', () => {
  let zip: ReturnType<typeof openZip>;
  let awardId = '';

  beforeAll(async () => {
    const today = copenhagenDate(h.clock.now());
    const year = Number(today.slice(0, 4));
    await setUpYear(client, year);
    await pay(client, year, 100_000_000);
    awardId = await acceptedAward(client, { title: 'Bevilget projekt', amountOre: 1_000_000 });
    expectOk(
      await client.post(
        `/api/awards/${awardId}/disbursements`,
        { amountOre: 400_050, paidOn: today, reference: 'Rate 1 bank 4711' },
        FINANCE,
        { 'idempotency-key': 'export-rate-1' },
      ),
      201,
    );
    expectOk(
      await client.post(
        `/api/awards/${awardId}/reports/progress-1/submit`,
        { text: 'Projektet følger planen.', spentOre: 123_450 },
        RESEARCHER,
      ),
    );
    const exportId = await requestAndBuild(`/api/cases/application/${awardId}/export`, ADMIN);
    ({ zip } = await download(exportId, ADMIN));
  });

  it('holds the award, its entries, its reports and its events, each listed in the index', () => {
    const awardParts = [
      'award/award.json',
      'award/payments.csv',
      'award/reports/progress-1.json',
      'award/reports/final.json',
      'award/audit-events.csv',
    ];
    expect(zip.names).toEqual(expect.arrayContaining(awardParts));
    const index = zip.read('index.csv').toString('utf8');
    for (const name of awardParts) expect(index).toContain(name);
    expect(index).toContain('Bevillingens posteringer');
  });

  it('gives the award’s amounts in øre and in kroner', () => {
    const { award, kroner } = JSON.parse(zip.read('award/award.json').toString('utf8'));
    expect(award).toMatchObject({ applicationId: awardId, amountOre: 1_000_000, disbursedOre: 400_050 });
    expect(kroner).toEqual({ amount: '10000,00', disbursed: '4000,50', refunded: '0,00', released: '0,00' });
  });

  it('lists the commitment and the payment out in kroner with the bank’s reference', () => {
    const rows = parseDanishCsv(zip.read('award/payments.csv').toString('utf8'));
    // The header after the byte-order mark Danish Excel needs.
    expect(rows[0]).toEqual([
      '\ufeffBogført',
      'Art',
      'Beløb (kr.)',
      'Betalt den',
      'Reference (fx fra kontoudtoget)',
      'Begrundelse',
      'Bogført af (bruger-id)',
    ]);
    const body = rows.slice(1).map((r) => [r[1], r[2], r[4]]);
    expect(body).toEqual([
      // The commitment carries the application's reference.
      ['Bevilling', '10000,00', expect.stringMatching(/^FIM-\d{4}-\d{4}$/)],
      ['Udbetaling', '4000,50', 'Rate 1 bank 4711'],
    ]);
    // Who booked them by user id only: finance staff are not part of the applicant's case.
    expect(zip.read('award/payments.csv').toString('utf8')).not.toContain(FINANCE);
  });

  it('holds the report as submitted, the spending in kroner too', () => {
    const report = JSON.parse(zip.read('award/reports/progress-1.json').toString('utf8'));
    expect(report).toMatchObject({
      reportId: 'progress-1',
      status: 'submitted',
      text: 'Projektet følger planen.',
      spentOre: 123_450,
      spentKr: '1234,50',
    });
  });

  it('holds the award’s own record: acceptance, the disbursement and the report', () => {
    const rows = parseDanishCsv(zip.read('award/audit-events.csv').toString('utf8')).slice(1);
    expect(rows.map((r) => r[1])).toEqual(
      expect.arrayContaining(['award.accepted', 'award.disbursed', 'report.submitted']),
    );
    expect(rows.every((r) => r[5]?.startsWith('award/') || r[5]?.startsWith('finance/'))).toBe(true);
  });
});

describe('the worker', () => {
  it('builds each queued export once: a second run finds nothing queued', async () => {
    const { exportId } = expectOk(await client.act('/api/me/data-export', RESEARCHER2), 202);
    const built: string[] = [];
    for (
      let run = await drainExports(h.core, writer);
      run.length > 0;
      run = await drainExports(h.core, writer)
    )
      built.push(...run);
    expect(built).toContain(exportId);
    expect(await drainExports(h.core, writer)).toEqual([]);
    expect((await h.core.exports.get(exportId))?.status).toBe('ready');
  });

  it('records a build that failed (a document missing from the store) and rethrows it', async () => {
    const { exportId } = expectOk(await client.act(`/api/cases/application/${ids.app}/export`, ADMIN), 202);
    const failing: ExportWriter = { write: () => Promise.reject(new Error('store down')) };
    await expect(buildExport(h.core, failing, exportId)).rejects.toThrow('store down');
    expect(await h.core.exports.get(exportId)).toMatchObject({ status: 'failed', failure: 'BUILD_FAILED' });
    expect(expectOk(await client.get(`/api/exports/${exportId}`, ADMIN)).status).toBe('failed');
  });
});

const MATRIX = rolesOf(EVERYONE);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;
const routes: RouteCase<Role>[] = [
  {
    route: 'POST /api/cases/application/{id}/export',
    expected: all(403, { anonymous: 401, admin: 202 }),
    run: (who) => client.act(`/api/cases/application/${ids.app}/export`, who),
  },
  {
    route: 'POST /api/cases/application/{unknown}/export',
    expected: all(403, { anonymous: 401, admin: 404 }),
    run: (who) => client.act(`/api/cases/application/${crypto.randomUUID()}/export`, who),
  },
  {
    route: 'POST /api/me/data-export',
    expected: all(202, { anonymous: 401 }),
    run: (who) => client.act('/api/me/data-export', who),
  },
  {
    route: 'GET /api/exports/{aktindsigt}',
    expected: all(404, { anonymous: 401, admin: 200 }),
    run: async (who) => {
      const { exportId } = expectOk(await client.act(`/api/cases/application/${ids.app}/export`, ADMIN), 202);
      return client.get(`/api/exports/${exportId}`, who);
    },
  },
  {
    route: 'GET /api/exports/{mine data of the applicant}',
    expected: all(404, { anonymous: 401, applicant: 200 }),
    run: async (who) => {
      const { exportId } = expectOk(await client.act('/api/me/data-export', RESEARCHER), 202);
      return client.get(`/api/exports/${exportId}`, who);
    },
  },
];
checkRoutes(MATRIX, routes, ['Sund by for alle', RESEARCHER]);

const PAGE_ROLES = everyoneBut('otherApplicant');
type WebRole = keyof typeof PAGE_ROLES;
const ADMINS = (ok: number, others = 403): Expected<WebRole> => ({ anonymous: 303, admin: ok, others });
const pageExportId = { value: '' };
const pages: PageCase<WebRole>[] = [
  ['GET', '/me/data-export', { anonymous: 303, others: 200 }],
  ['POST', '/me/data-export', 303, {}],
  ['POST', () => `/admin/cases/application/${ids.app}/export`, ADMINS(303), {}],
  ['GET', () => `/exports/${pageExportId.value}`, ADMINS(200, 404)],
];
describe('the pages', () => {
  beforeAll(async () => {
    pageExportId.value = expectOk(
      await client.act(`/api/cases/application/${ids.app}/export`, ADMIN),
      202,
    ).exportId;
  });
  walkPages(() => h, PAGE_ROLES, pages);

  const visit = browserOf(() => h, PAGE_ROLES);
  it('the case record offers the export; the form leads to its status page, which links to the ZIP when ready', async () => {
    const record = await visit('admin', `/admin/cases/application/${ids.app}`);
    expect(record.html).toContain('Eksportér sagen (aktindsigt)');
    const posted = await visit('admin', `/admin/cases/application/${ids.app}/export`, {
      method: 'POST',
      form: {},
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/^\/exports\/[0-9a-f-]{36}$/);
    const queued = await visit('admin', posted.location as string);
    expect(queued.html).toContain('I kø');
    expect(queued.html).toContain('Opdatér status');
    expect(queued.html).not.toContain('Hent ZIP-filen');
    await buildExport(h.core, writer, (posted.location as string).slice('/exports/'.length));
    const ready = await visit('admin', posted.location as string);
    expect(ready.html).toContain('Klar til download');
    const link = /href="([^"]+)"[^>]*download/.exec(ready.html)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeDefined();
    const zip = await fetch(link as string);
    expect(zip.status).toBe(200);
    expect(openZip(Buffer.from(await zip.arrayBuffer())).names).toContain('application.pdf');
    const english = await visit('admin', posted.location as string, { lang: 'en' });
    expect(english.html).toContain('Ready to download');
  });

  it('"Hent mine data" starts the person’s export', async () => {
    const form = await visit('applicant', '/me/data-export');
    expect(form.html).toContain('Hent mine data');
    const posted = await visit('applicant', '/me/data-export', { method: 'POST', form: {} });
    expect(posted.location).toMatch(/^\/exports\//);
    expect((await visit('applicant', posted.location as string)).html).toContain('I kø');
    expect((await visit('reviewer', posted.location as string)).status).toBe(404);
  });
});
