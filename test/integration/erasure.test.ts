import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { SCHEDULER } from '../../functions/core/auth/system.js';
import { DEFAULT_RETENTION } from '../../functions/core/cases/retention.js';
import { runRetention } from '../../functions/core/cases/retention.service.js';
import { objectKeyOf } from '../../functions/core/documents/document.schema.js';
import type { StoredMessage } from '../../functions/core/messages/message.schema.js';
import { drainOutbox } from '../../functions/core/messages/sender.service.js';
import { backfill } from '../../functions/db/backfill.js';
import { applicationItem } from '../../functions/db/items.js';
import { messageItem } from '../../functions/db/transact.js';
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
import { acceptingMailer } from '../support/mail.js';
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
    // Their own pick of organisation ("Min profil"), a name the registry does not know (flagged).
    expectOk(
      await client.send('PATCH', '/api/me/profile', RESEARCHER, {
        body: { organisation: 'Forskerens Egen Klinik' },
        headers: { 'if-match': '"0"' },
      }),
    );
    answer = expectOk(await client.act('/api/me/erasure', RESEARCHER), 202);
    // The sender does its work (receipts, letters, the confirmation): the job waits for a message being sent.
    await drainOutbox(h.core, acceptingMailer);
  });

  it('deletes the draft and its document at once, from the table and the file store', async () => {
    expect(answer.deletedNow).toEqual({ drafts: 1, documents: 1, handedOver: 0, left: 0 });
    expect(await storedItem(h, { pk: `APP#${draftId}`, sk: 'APP' })).toBeUndefined();
    expect(await storedItem(h, { pk: `APP#${draftId}`, sk: `DOC#${documentId}` })).toBeUndefined();
    expect(await h.core.files.inspect(objectKeyOf(draftId, documentId))).toBeUndefined();
    expect(await auditActions(h, `APP#${draftId}`)).toContain('erasure.requested');
  });

  it('removes their own pick of organisation and its flag at once, audited as the erasure’s', async () => {
    const userId = h.user(RESEARCHER).userId;
    expect(await h.core.profiles.get(userId)).toBeUndefined();
    expect((await h.core.organisations.listFlags()).some((f) => f.name === 'Forskerens Egen Klinik')).toBe(
      false,
    );
    const cleared = (await auditEvents(h, `USER#${userId}`)).find((e) => e.action === 'profile.cleared');
    expect(cleared?.details).toMatchObject({ organisationBefore: 'Forskerens Egen Klinik', by: 'erasure' });
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
    await drainOutbox(h.core, acceptingMailer);
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

describe('messages to an erased person (docs/cases.md "Messages")', () => {
  let h: Harness;
  let client: Api;
  let rejectedId = '';
  let draftId = '';
  const ids = { draftSent: '', draftPending: '', confirmation: '', decision: '' };

  /** A message about the draft to its owner, queued with its audit event (as the reminders queue theirs). */
  const draftMessage = async (marker: string): Promise<string> => {
    const now = h.clock.now();
    const id = crypto.randomUUID();
    await h.core.reminders.queueOnce(
      marker,
      {
        id,
        createdAt: now.toISOString(),
        to: RESEARCHER2,
        case: { kind: 'application', id: draftId },
        link: `/applications/${draftId}`,
        kind: 'retention.draft_reminder',
        params: { name: 'Søren Sørensen', title: 'Kladde', untouchedMonths: 12, deleteOn: '2028-03-01' },
      },
      auditEvent(SCHEDULER, now, 'retention.reminded', { type: 'application', id: draftId }, { marker }),
    );
    return id;
  };
  const message = async (id: string) => (await h.core.messages.get(id)) as StoredMessage;
  const addressed = async () =>
    (await h.core.messages.listByRecipient(RESEARCHER2, { limit: 100 })).items.map((m) => m.id);

  beforeAll(async () => {
    ({ h, client } = await harnessWithApi());
    [rejectedId = ''] = await applicationsIn(client, [{ status: 'rejected', owner: RESEARCHER2 }]);
    const call = await createCall(client);
    draftId = (await createDraft(client, call.id, RESEARCHER2)).id;
    ids.draftSent = await draftMessage(`contract-draft-1#${draftId}`);
    await drainOutbox(h.core, acceptingMailer);
    ids.draftPending = await draftMessage(`contract-draft-2#${draftId}`);
    ids.decision = ((await itemsWithPkPrefix(h, 'OUTBOX#')).find(
      (m) => m.kind === 'application.decision' && (m.case as { id: string }).id === rejectedId,
    )?.id ?? '') as string;
    expect((await message(ids.decision)).status).toBe('sent');
    expectOk(await client.act('/api/me/erasure', RESEARCHER2), 202);
    ids.confirmation = ((await itemsWithPkPrefix(h, 'OUTBOX#')).find((m) => m.kind === 'erasure.confirmed')
      ?.id ?? '') as string;
  });

  it('anonymises at once the sent messages of the draft deleted now; the address is in no new event', async () => {
    const sent = await message(ids.draftSent);
    expect(sent).toMatchObject({
      to: '[anonymiseret]',
      status: 'sent',
      kind: 'retention.draft_reminder',
      params: { name: '[anonymiseret]', title: 'Kladde', untouchedMonths: 12, deleteOn: '2028-03-01' },
    });
    expect(sent.anonymisedAt).toBeDefined();
    expect(await addressed()).not.toContain(ids.draftSent);
    expect(await auditActions(h, `APP#${draftId}`)).toContain('message.anonymised');
    // The sender's events name messages by id, never by address.
    for (const pk of [`APP#${draftId}`, `APP#${rejectedId}`])
      expect(JSON.stringify(await auditEvents(h, pk))).not.toContain(RESEARCHER2);
  });

  it('leaves what is still being sent (the confirmation, a draft’s pending message) to the job, and the kept case’s', async () => {
    const erasure = await h.core.erasures.get(h.user(RESEARCHER2).userId);
    expect(erasure?.messagesLeft?.sort()).toEqual([ids.draftPending, ids.confirmation].sort());
    expect(await message(ids.confirmation)).toMatchObject({ to: RESEARCHER2, status: 'pending' });
    // The rejected case is kept: its decision letter with it, address and justification whole.
    const decision = await message(ids.decision);
    expect(decision.to).toBe(RESEARCHER2);
    expect(decision.anonymisedAt).toBeUndefined();
    // Still being sent: the job leaves them, and so writes only its report.
    const before = await everything(h);
    expect((await run(h)).messagesAnonymised).toEqual([]);
    const added = (await everything(h)).filter((i) => !before.includes(i));
    expect(added.map((i) => JSON.parse(i).entity)).toEqual(['retention-run']);
  });

  it('anonymises them once sent, at the next run, and a second run changes nothing', async () => {
    await drainOutbox(h.core, acceptingMailer);
    expect((await message(ids.confirmation)).status).toBe('sent');
    const first = await run(h);
    expect(first.messagesAnonymised?.sort()).toEqual([ids.draftPending, ids.confirmation].sort());
    const confirmation = await message(ids.confirmation);
    expect(confirmation).toMatchObject({ to: '[anonymiseret]', case: { kind: 'user' } });
    const params = confirmation.params as { name: string; keptCases: { reference: string }[] };
    expect(params.name).toBe('[anonymiseret]');
    // What was kept until when stays readable: the references and dates.
    expect(params.keptCases[0]?.reference).toMatch(/^FIM-/);
    expect((await h.core.erasures.get(h.user(RESEARCHER2).userId))?.messagesLeft).toBeUndefined();
    expect(await auditActions(h, `USER#${h.user(RESEARCHER2).userId}`)).toContain(
      'erasure.messages_anonymised',
    );
    const snapshot = await everything(h);
    expect((await run(h)).messagesAnonymised).toEqual([]);
    const added = (await everything(h)).filter((i) => !snapshot.includes(i));
    expect(added.map((i) => JSON.parse(i).entity)).toEqual(['retention-run']);
  });

  it('anonymises the kept case’s messages with the case after its retention; idempotent', async () => {
    h.clock.set('2032-03-02T09:00:00Z');
    const first = await run(h);
    expect(first.anonymised).toEqual([rejectedId]);
    expect(first.messagesAnonymised).toContain(ids.decision);
    const decision = await message(ids.decision);
    expect(decision).toMatchObject({ to: '[anonymiseret]', status: 'sent' });
    const params = decision.params as Record<string, unknown>;
    expect(params.reference).toMatch(/^FIM-/);
    expect(JSON.stringify(params)).not.toContain('Projektet falder uden for');
    expect(await addressed()).toEqual([]);
    const snapshot = await everything(h);
    expect(await run(h)).toMatchObject({ anonymised: [], messagesAnonymised: [] });
    const added = (await everything(h)).filter((i) => !snapshot.includes(i));
    expect(added.map((i) => JSON.parse(i).entity)).toEqual(['retention-run']);
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
    // Still being sent, the reminder keeps its draft until the sender is done with it.
    h.clock.set('2028-03-01T10:00:00Z');
    expect((await run(h)).deleted).toEqual([]);
    await drainOutbox(h.core, acceptingMailer);
    const deleting = await run(h);
    expect(deleting.deleted).toEqual([draft.id]);
    // The reminder went with its draft: anonymised, no longer listed under its recipient.
    expect(deleting.messagesAnonymised).toEqual([reminders[0]?.id]);
    expect((await h.core.messages.get(String(reminders[0]?.id)))?.to).toBe('[anonymiseret]');
    expect(await storedItem(h, { pk: `APP#${draft.id}`, sk: 'APP' })).toBeUndefined();
    expect(await auditActions(h, `APP#${draft.id}`)).toEqual(
      expect.arrayContaining(['retention.reminded', 'retention.deleted']),
    );
    expect((await run(h)).deleted).toEqual([]);
  });
});

describe('messages stored before their case’s index partition', () => {
  it('join it through the backfill, once, and erasure and retention then find them', async () => {
    const { h, client } = await harnessWithApi();
    const [rejectedId = ''] = await applicationsIn(client, [{ status: 'rejected', owner: RESEARCHER2 }]);
    const ofCase = () => h.core.erasures.messagesOfCase({ kind: 'application', id: rejectedId });
    const [decision] = (await ofCase()).filter((m) => m.kind === 'application.decision');
    if (!decision) throw new Error('no decision letter');
    // As an earlier version stored it: no entry in gsi3.
    const { gsi3pk: _pk, gsi3sk: _sk, ...old } = messageItem(decision);
    await putItems(h.db, [old]);
    expect((await ofCase()).map((m) => m.id)).not.toContain(decision.id);

    expect((await backfill(h.db)).messagesByCase).toBeGreaterThanOrEqual(1);
    expect((await backfill(h.db)).messagesByCase).toBe(0);
    expect((await ofCase()).map((m) => m.id)).toContain(decision.id);
    expect(await h.core.messages.get(decision.id)).toEqual(decision);
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
