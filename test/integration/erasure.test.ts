import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { DEFAULT_RETENTION } from '../../functions/core/cases/retention.js';
import { runRetention } from '../../functions/core/cases/retention.service.js';
import { objectKeyOf } from '../../functions/core/documents/document.schema.js';
import { backfill } from '../../functions/db/backfill.js';
import { applicationItem } from '../../functions/db/items.js';
import { type Api, expectOk } from '../support/api.js';
import { pdf, TEST_KINDS, uploadDocument } from '../support/documents.js';
import {
  ACCEPT,
  ADMIN,
  applicationsIn,
  createCall,
  createDraft,
  FINANCE,
  pay,
  RESEARCHER,
  RESEARCHER2,
  setUpYear,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import {
  auditActions,
  auditEvents,
  itemsWithPkPrefix,
  putItems,
  scanAll,
  storedItem,
} from '../support/table.js';

/*
 * Erasure and the retention schedule against DynamoDB Local and the run's s3rver (docs/cases.md): a person with a
 * draft (with a document) and decided applications asks for erasure; the draft and its file go at once, the
 * decided cases are kept and anonymised only after their retention date, the money trail stays whole and the
 * finance invariants hold; the job run twice changes nothing the second time; a dry run writes nothing.
 */

const YEAR = 2027;
const DAY = 86_400_000;
const run = (h: Harness) => runRetention(h.core, DEFAULT_RETENTION, { dryRun: false });
const dryRun = (h: Harness) => runRetention(h.core, DEFAULT_RETENTION, { dryRun: true });

const invariantsOk = async (client: Api) =>
  expectOk(await client.post('/api/finance/invariants/check', {}, FINANCE)).ok as boolean;

/** Every item of the table and of the audit table, as a comparable snapshot. */
const everything = async (h: Harness) => {
  const audit = await h.db.doc.send(
    new ScanCommand({ TableName: h.db.auditTableName, ConsistentRead: true }),
  );
  return [...(await scanAll(h)), ...(audit.Items ?? [])].map((i) => JSON.stringify(i)).sort();
};

describe('a researcher with a draft (with a document), a rejected and an approved application asks for erasure', () => {
  let h: Harness;
  let client: Api;
  let draftId: string;
  let documentId: string;
  let rejectedId: string;
  let approvedId: string;
  let answer: {
    deletedNow: Record<string, number>;
    keptUntil: string | null;
    keptCases: { applicationId: string; keptUntil: string }[];
  };

  beforeAll(async () => {
    ({ h, client } = await harnessWithApi());
    await setUpYear(client, YEAR);
    await pay(client, YEAR, 50_000_000);
    [rejectedId = '', approvedId = ''] = await applicationsIn(client, [
      { status: 'rejected', title: 'Afvist projekt' },
      { status: 'approved', title: 'Bevilget projekt', amountOre: 2_000_000 },
    ]);
    expectOk(await client.post(`/api/applications/${approvedId}/award/accept`, ACCEPT, RESEARCHER), 201);
    const call = await createCall(client, { overrides: { documentKinds: TEST_KINDS } });
    draftId = (await createDraft(client, call.id, RESEARCHER)).id;
    const uploaded = await uploadDocument(client, draftId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: pdf(3_000),
    });
    expectOk(uploaded.complete);
    documentId = uploaded.id;
    expect(await h.core.files.inspect(objectKeyOf(draftId, documentId))).toBeDefined();
    answer = expectOk(await client.act('/api/me/erasure', RESEARCHER), 202);
  });

  it('deletes the draft and its document at once, from the table and the file store', async () => {
    expect(answer.deletedNow).toEqual({ drafts: 1, documents: 1, handedOver: 0, left: 0 });
    expect(await storedItem(h, { pk: `APP#${draftId}`, sk: 'APP' })).toBeUndefined();
    expect(await storedItem(h, { pk: `APP#${draftId}`, sk: `DOC#${documentId}` })).toBeUndefined();
    expect(await h.core.files.inspect(objectKeyOf(draftId, documentId))).toBeUndefined();
    expect(await auditActions(h, `APP#${draftId}`)).toContain('erasure.requested');
  });

  it('keeps the decided cases, says until when, and tells the person in both languages', async () => {
    expect(answer.keptCases.map((k) => k.applicationId).sort()).toEqual([rejectedId, approvedId].sort());
    // The rejected case closed at its decision today: anonymised five years on.
    const rejected = answer.keptCases.find((k) => k.applicationId === rejectedId);
    expect(rejected?.keptUntil.slice(0, 10)).toBe('2032-03-01');
    expect(answer.keptUntil).not.toBeNull();
    const stored = await storedItem(h, { pk: `APP#${rejectedId}`, sk: 'APP' });
    expect(stored?.ownerName).toBe(h.user(RESEARCHER).name);
    const [confirmation] = (await itemsWithPkPrefix(h, 'OUTBOX#')).filter(
      (m) => m.kind === 'erasure.confirmed',
    );
    expect(confirmation).toMatchObject({ to: RESEARCHER, case: { kind: 'user' } });
  });

  it('disables the account: the demo sign-in refuses the person, and the admins see the request waiting', async () => {
    const signIn = await client.post('/api/auth/dev-login', { email: RESEARCHER });
    expect(signIn.status).toBe(401);
    const list = expectOk(await client.get('/api/admin/erasures', ADMIN));
    expect(list.items).toEqual([
      expect.objectContaining({ userId: h.user(RESEARCHER).userId, state: 'waiting-retention' }),
    ]);
    // Asking again answers the first request.
    expect(expectOk(await client.act('/api/me/erasure', RESEARCHER), 202)).toEqual(answer);
  });

  it('anonymises nothing before the retention date, and a dry run then writes nothing', async () => {
    h.clock.advance(DAY);
    const before = await everything(h);
    const preview = expectOk(await client.act('/api/admin/retention/dry-run', ADMIN));
    expect(preview).toMatchObject({ dryRun: true, anonymised: [], deleted: [], reminded: [] });
    expect((await run(h)).anonymised).toEqual([]);
    expect((await storedItem(h, { pk: `APP#${rejectedId}`, sk: 'APP' }))?.ownerName).toBe(
      h.user(RESEARCHER).name,
    );
    h.clock.set('2032-03-02T09:00:00Z');
    const atDate = await everything(h);
    const wouldDo = await dryRun(h);
    expect(wouldDo.anonymised).toEqual([rejectedId]);
    expect(await everything(h)).toEqual(atDate);
    expect(before.length).toBeGreaterThan(0);
  });

  it('anonymises the closed case after its date, leaves the money trail whole, and a second run changes nothing', async () => {
    const ledgerBefore = await itemsWithPkPrefix(h, `LEDGER#${YEAR}`);
    const first = await run(h);
    expect(first.anonymised).toEqual([rejectedId]);
    // The approved case's award is still running: kept, and the erasure waits for it.
    expect(first.erasuresCompleted).toEqual([]);
    const rejected = await storedItem(h, { pk: `APP#${rejectedId}`, sk: 'APP' });
    expect(rejected).toMatchObject({
      ownerName: '[anonymiseret]',
      ownerEmail: '[anonymiseret]',
      status: 'rejected',
      title: 'Afvist projekt',
    });
    expect(rejected?.reference).toMatch(/^FIM-2027-/);
    expect(rejected?.requestedAmountOre).toBe(1_000_000);
    const partners = (rejected?.partners ?? []) as { contactName?: string }[];
    expect(partners[0]?.contactName).toBe('[anonymiseret]');
    expect((await auditEvents(h, `APP#${rejectedId}`)).map((e) => e.action)).toContain(
      'retention.anonymised',
    );
    expect(await itemsWithPkPrefix(h, `LEDGER#${YEAR}`)).toEqual(ledgerBefore);
    expect(await invariantsOk(client)).toBe(true);

    const snapshot = await everything(h);
    const auditBefore = (await auditEvents(h, `APP#${rejectedId}`)).length;
    const second = await run(h);
    expect(second).toMatchObject({ anonymised: [], deleted: [], reminded: [], erasuresCompleted: [] });
    expect((await auditEvents(h, `APP#${rejectedId}`)).length).toBe(auditBefore);
    // Only the second run's own report was added.
    const added = (await everything(h)).filter((i) => !snapshot.includes(i));
    expect(added.map((i) => JSON.parse(i).entity)).toEqual(['retention-run']);
  });
});

describe('an erasure whose kept cases all close completes when the last is anonymised', () => {
  it('anonymises the directory entry and marks the request done; a second run changes nothing', async () => {
    const { h, client } = await harnessWithApi();
    const [rejectedId = ''] = await applicationsIn(client, [{ status: 'rejected', owner: RESEARCHER2 }]);
    const answer = expectOk(await client.act('/api/me/erasure', RESEARCHER2), 202);
    expect(answer.deletedNow).toEqual({ drafts: 0, documents: 0, handedOver: 0, left: 0 });
    const userId = h.user(RESEARCHER2).userId;
    expect(await storedItem(h, { pk: `USER#${userId}`, sk: 'PROFILE' })).toMatchObject({ disabled: true });

    h.clock.set('2032-03-02T09:00:00Z');
    const first = await run(h);
    expect(first).toMatchObject({ anonymised: [rejectedId], erasuresCompleted: [userId] });
    expect(await storedItem(h, { pk: `USER#${userId}`, sk: 'PROFILE' })).toMatchObject({
      name: '[anonymiseret]',
      email: '[anonymiseret]',
      disabled: true,
    });
    expect(expectOk(await client.get('/api/admin/erasures', ADMIN)).items[0]).toMatchObject({
      state: 'done',
    });
    expect(await auditActions(h, `USER#${userId}`)).toContain('erasure.completed');
    expect(await run(h)).toMatchObject({ anonymised: [], erasuresCompleted: [] });
  });
});

describe('drafts left untouched', () => {
  it('are reminded once 30 days before, then deleted after 12 months; each step once', async () => {
    const { h, client } = await harnessWithApi();
    const call = await createCall(client);
    const draft = await createDraft(client, call.id, RESEARCHER2);
    const fresh = await dryRun(h);
    expect(fresh.reminded).toEqual([]);

    h.clock.set('2028-02-01T09:00:00Z');
    const preview = await dryRun(h);
    expect(preview.reminded).toEqual([{ applicationId: draft.id, deleteOn: '2028-03-01' }]);
    expect((await run(h)).reminded).toHaveLength(1);
    expect((await dryRun(h)).reminded).toEqual([]);
    expect((await run(h)).reminded).toEqual([]);
    const reminders = (await itemsWithPkPrefix(h, 'OUTBOX#')).filter(
      (m) => m.kind === 'retention.draft_reminder',
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ to: RESEARCHER2 });

    h.clock.set('2028-03-01T10:00:00Z');
    expect((await run(h)).deleted).toEqual([draft.id]);
    expect(await storedItem(h, { pk: `APP#${draft.id}`, sk: 'APP' })).toBeUndefined();
    expect(await auditActions(h, `APP#${draft.id}`)).toEqual(
      expect.arrayContaining(['retention.reminded', 'retention.deleted']),
    );
    expect((await run(h)).deleted).toEqual([]);
  });
});

describe('drafts stored before the drafts index', () => {
  it('join it through the backfill, once, and the retention job then finds them', async () => {
    const { h, client } = await harnessWithApi();
    const call = await createCall(client);
    const draft = await createDraft(client, call.id, RESEARCHER2);
    // As an earlier version stored it: no entry in gsi4.
    const {
      gsi4pk: _pk,
      gsi4sk: _sk,
      ...old
    } = applicationItem((await h.core.applications.get(draft.id)) as Application);
    await putItems(h.db, [old]);
    h.clock.set('2028-03-01T10:00:00Z');
    expect((await dryRun(h)).deleted).toEqual([]);

    expect((await backfill(h.db)).draftsByUpdate).toBe(1);
    expect((await backfill(h.db)).draftsByUpdate).toBe(0);
    expect((await dryRun(h)).deleted).toEqual([draft.id]);
  });
});
