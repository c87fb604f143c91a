import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { updateCall } from '../../functions/core/calls/call.service.js';
import { anonymisedMessage } from '../../functions/core/cases/retention.js';
import { acceptAward } from '../../functions/core/finance/award.service.js';
import type { StoredMessage } from '../../functions/core/messages/message.schema.js';
import { caseEntity } from '../../functions/core/messages/message.schema.js';
import { resendMessage } from '../../functions/core/messages/messages.service.js';
import type { CoreDeps, UserProfile } from '../../functions/core/ports.js';
import { assignReviewers } from '../../functions/core/reviews/assignment.service.js';
import { createFakes } from '../support/fakes.js';
import { ACCEPT, person } from '../support/fixtures.js';
import { createHarness, withUsers } from '../support/harness.js';
import { outboxMessage } from '../support/mail.js';
import { ACTORS, as, fundedYear, inReview, openedCall, submitted } from '../support/services.js';
import { auditActions } from '../support/table.js';

/*
 * The in-memory fakes (test/support/fakes.ts) against the DynamoDB repositories on the same cases: what one
 * refuses, the other refuses with the same error, writes nothing, and the audit trail reads the same. The
 * service tests under test/unit trust the fakes because of this file.
 */

const REVIEWER = person('reviewer', ['applicant', 'reviewer'], 'Steno Diabetes Center Aarhus');
const CAST: UserProfile[] = [...Object.values(ACTORS), REVIEWER];

interface Backend {
  deps: CoreDeps;
  /** The actions of the audit events kept under a partition (`CALL#<id>`), in order. */
  actionsUnder(entityPk: string): Promise<unknown[]>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'in memory',
    async () => {
      const { deps, store } = createFakes({ users: CAST });
      return {
        deps,
        actionsUnder: async (pk) => store.audit.filter((a) => a.entityPk === pk).map((a) => a.event.action),
      };
    },
  ],
  [
    'DynamoDB Local',
    async () => {
      const h = await withUsers(await createHarness(), CAST);
      return { deps: h.core, actionsUnder: (pk) => auditActions(h, pk) };
    },
  ],
];

describe.each(backends)('%s', (_name, make) => {
  let deps: CoreDeps;
  let actionsUnder: Backend['actionsUnder'];
  beforeAll(async () => {
    ({ deps, actionsUnder } = await make());
  });
  const admin = as(ACTORS.admin);

  it('creates an item once and replaces it only at the version read; a refused write leaves no trace', async () => {
    const call = await openedCall(deps);
    await expect(
      deps.calls.save(
        call,
        auditEvent(ACTORS.admin, new Date(), 'call.updated', { type: 'call', id: call.id }),
      ),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const changed = await updateCall(deps, admin, call.id, { title: 'Ny titel' }, call.version);
    await expect(
      deps.calls.save(
        { ...call, title: 'Forældet' },
        auditEvent(ACTORS.admin, new Date(), 'call.updated', { type: 'call', id: call.id }),
        call.version,
      ),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await deps.calls.get(call.id)).toEqual(changed);
    expect(await actionsUnder(`CALL#${call.id}`)).toEqual(['call.created', 'call.opened', 'call.updated']);
  });

  it('hands out references in turn; a stale submission takes none and writes nothing', async () => {
    const call = await openedCall(deps);
    const first = await submitted(deps, call.id);
    expect(await submitted(deps, call.id, ACTORS.otherApplicant)).toMatchObject({ status: 'submitted' });
    const [year, sequence] = [Number(first.reference?.slice(4, 8)), Number(first.reference?.slice(9))];
    const draft = (await deps.applications.get(first.id)) as Application;
    await expect(
      deps.applications.submit(year, draft.version - 1, (reference) => ({
        application: { ...draft, reference },
        audit: auditEvent(ACTORS.applicant, new Date(), 'application.submitted', {
          type: 'application',
          id: draft.id,
        }),
        outbox: {
          id: crypto.randomUUID(),
          createdAt: new Date().toISOString(),
          kind: 'application.receipt',
          to: draft.ownerEmail,
          case: { kind: 'application', id: draft.id },
          link: `/applications/${draft.id}`,
          params: { name: '', reference, title: '', callTitle: '', requestedOre: 0, submittedAt: '' },
        },
      })),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const third = await submitted(deps, call.id);
    expect(third.reference).toBe(`FIM-${year}-${String(sequence + 2).padStart(4, '0')}`);
    expect(await actionsUnder(`APP#${first.id}`)).toEqual(['application.created', 'application.submitted']);
  });

  it('removes an assignment only at the version read', async () => {
    const application = await inReview(deps);
    const [assignment] = await assignReviewers(deps, admin, application.id, [REVIEWER.userId]);
    if (!assignment) throw new Error('not assigned');
    const event = auditEvent(ACTORS.admin, new Date(), 'review.unassigned', {
      type: 'application',
      id: application.id,
    });
    await expect(
      deps.reviews.remove({ ...assignment, version: assignment.version + 1 }, event),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(await deps.reviews.get(application.id, REVIEWER.userId)).toBeDefined();
    await deps.reviews.remove(assignment, event);
    expect(await deps.reviews.get(application.id, REVIEWER.userId)).toBeUndefined();
    // (The events of one instant are read back in no particular order.)
    expect(
      (await actionsUnder(`APP#${application.id}`)).filter((a) => String(a).startsWith('review.')).sort(),
    ).toEqual(['review.assigned', 'review.unassigned']);
  });

  it('never takes a call past its budget, and names the figures', async () => {
    const application = await inReview(deps);
    const meeting = {
      id: crypto.randomUUID(),
      callId: application.callId,
      heldAt: new Date().toISOString(),
      attendees: [],
      decisions: [],
      recordedAt: new Date().toISOString(),
      recordedBy: ACTORS.admin.userId,
    };
    const event = auditEvent(ACTORS.admin, new Date(), 'meeting.recorded', {
      type: 'meeting',
      id: meeting.id,
    });
    await expect(deps.decisions.recordMeeting(meeting, event, [], 300, 200)).rejects.toMatchObject({
      code: 'RULES_FAILED',
      reason: {
        code: 'BUDGET_EXCEEDED',
        params: { approvedOre: 0, requestedOre: 300, budgetOre: 200, availableOre: 200 },
      },
    });
    expect(await deps.decisions.getMeeting(meeting.id)).toBeUndefined();
    await deps.decisions.recordMeeting(meeting, event, [], 150, 200);
    expect(await deps.decisions.approvedOre(application.callId)).toBe(150);
  });

  it('commits an award only while the pool holds it, once, and at the application version read', async () => {
    const owner = as(ACTORS.applicant);
    const tooBig = await inReview(deps, ACTORS.applicant, { approveOre: 1_000_000 });
    // Nothing paid in yet: nothing to commit against.
    await expect(acceptAward(deps, owner, tooBig.id, ACCEPT)).rejects.toMatchObject({
      code: 'RULES_FAILED',
      reason: { code: 'INSUFFICIENT_FUNDS', params: { amountOre: 1_000_000, grantAvailableOre: 0 } },
    });
    expect(await deps.awards.get(tooBig.id)).toBeUndefined();
    await fundedYear(deps, 2027, 10_000_000);
    const award = await acceptAward(deps, owner, tooBig.id, ACCEPT);
    expect(award).toMatchObject({ status: 'committed', amountOre: 1_000_000 });
    expect((await deps.finance.listBalances()).pool).toMatchObject({
      receivedOre: 10_000_000,
      grantReceivedOre: 8_000_000,
      committedOre: 1_000_000,
      grantAvailableOre: 7_000_000,
    });
    const stored = (await deps.awards.get(tooBig.id)) ?? award;
    const entry = { ...(await deps.awards.entries(tooBig.id))[0], id: crypto.randomUUID() } as never;
    const event = auditEvent(ACTORS.applicant, new Date(), 'award.accepted', {
      type: 'award',
      id: tooBig.id,
    });
    await expect(deps.awards.commit(stored, entry, event, tooBig.version + 1, [])).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'AWARD_ALREADY_ACCEPTED' },
    });
    const other = await inReview(deps, ACTORS.applicant, { approveOre: 1_000 });
    const approved = (await deps.applications.get(other.id)) as Application;
    await expect(
      deps.awards.commit({ ...stored, applicationId: other.id }, entry, event, approved.version - 1, []),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await deps.awards.get(other.id)).toBeUndefined();
    expect(await actionsUnder(`AWARD#${tooBig.id}`)).toEqual(['award.accepted']);
  });

  /** Writes a message as a cause does (here a reminder: the port both backends share), its event under the award. */
  const queued = async (message: OutboxMessage) =>
    expect(
      await deps.reminders.queueOnce(
        `test#${message.id}`,
        message,
        auditEvent(ACTORS.admin, new Date(), 'reminder.queued', { type: 'award', id: message.case.id }),
      ),
    ).toBe(true);

  it('resends a message once: two racing resends give one copy and a 409, the original marked resentAs', async () => {
    const original = outboxMessage('report.reminder', { to: '' });
    await queued(original);
    const read = (await deps.messages.get(original.id)) as StoredMessage;
    expect(read).toMatchObject({ status: 'failed', version: 1 });
    // A double click: both read the message at version 1, both ask for a resend.
    const outcomes = await Promise.allSettled([
      resendMessage(deps, admin, original.id, read.version),
      resendMessage(deps, admin, original.id, read.version),
    ]);
    const copies = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(copies).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({ code: 'VERSION_CONFLICT' })]);
    const copy = copies[0] as StoredMessage;
    expect(copy).toMatchObject({ resendOf: original.id, status: 'failed', version: 1 });
    expect(await deps.messages.get(original.id)).toMatchObject({
      status: 'failed',
      resentAs: copy.id,
      version: 2,
    });
    const all = await deps.messages.list({ kind: 'report.reminder', status: 'failed' }, { limit: 100 });
    expect(all.items.filter((m) => m.resendOf === original.id).map((m) => m.id)).toEqual([copy.id]);
    expect(await actionsUnder(`AWARD#${original.case.id}`)).toEqual(['reminder.queued', 'message.resent']);
    // A resend of the original at the version it has now: it was sent again once, so no second copy.
    await expect(resendMessage(deps, admin, original.id, 2)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'MESSAGE_ALREADY_RESENT', params: { resendId: copy.id } },
    });
  });

  it('messages: one claim wins, a lost lease settles nothing, lists page by cursor and refuse a bad one', async () => {
    const to = `Person-${crypto.randomUUID()}@fim.test`;
    const at = (minute: number) => new Date(Date.UTC(2027, 2, 1, 9, minute)).toISOString();
    const written = [1, 2, 3].map((minute) => ({
      ...outboxMessage('report.reminder', { to }),
      createdAt: at(minute),
    }));
    const noAddress = { ...outboxMessage('contribution.demand', { to: '' }), createdAt: at(4) };
    for (const message of [...written, noAddress]) await queued(message);
    const first = written[0] as OutboxMessage;
    const read = (await deps.messages.get(first.id)) as StoredMessage;
    expect(read).toMatchObject({ status: 'pending', attempts: 0, version: 1 });
    expect(await deps.messages.get(noAddress.id)).toMatchObject({
      status: 'failed',
      failure: { reason: 'NO_ADDRESS' },
    });

    const lease = { token: 'a', until: at(30) };
    const claimed = await deps.messages.claim(read, lease);
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1, leaseToken: 'a', version: 2 });
    expect(await deps.messages.claim(read, { ...lease, token: 'b' })).toBeUndefined();
    const sent = { ...(claimed as StoredMessage), status: 'sent' as const, version: 3 };
    const event = auditEvent(ACTORS.admin, new Date(), 'message.sent', { type: 'award', id: first.case.id });
    expect(await deps.messages.settle({ ...(claimed as StoredMessage), leaseToken: 'b' }, sent, event)).toBe(
      false,
    );
    expect(await deps.messages.settle(claimed as StoredMessage, sent, event)).toBe(true);
    expect(await deps.messages.get(first.id)).toMatchObject({ status: 'sent', version: 3 });
    expect(await actionsUnder(`AWARD#${first.case.id}`)).toEqual(['reminder.queued', 'message.sent']);

    // The recipient's messages, any case of the address, newest first, two to a page.
    const mine: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await deps.messages.listByRecipient(to.toLowerCase(), {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      mine.push(...page.items.map((m) => m.id));
      cursor = page.cursor;
    } while (cursor);
    expect(mine).toEqual(written.map((m) => m.id).reverse());

    // Every status at once, filtered by kind: each of this test's messages once.
    const listed: string[] = [];
    cursor = undefined;
    do {
      const page = await deps.messages.list(
        { kind: 'report.reminder' },
        { limit: 2, ...(cursor ? { cursor } : {}) },
      );
      listed.push(...page.items.map((m) => m.id));
      cursor = page.cursor;
    } while (cursor);
    expect(listed.filter((id) => written.some((m) => m.id === id)).sort()).toEqual(
      written.map((m) => m.id).sort(),
    );
    expect(new Set(listed).size).toBe(listed.length);
    expect(
      (await deps.messages.list({ status: 'failed', caseKind: 'party' }, { limit: 10 })).items.map(
        (m) => m.id,
      ),
    ).toContain(noAddress.id);
    for (const bad of ['not-a-cursor', Buffer.from('{"OUTBOX#x":1}').toString('base64url')]) {
      await expect(deps.messages.list({}, { limit: 2, cursor: bad })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        reason: { code: 'INVALID_CURSOR' },
      });
    }
  });

  it('lists a case’s messages whatever their status; an anonymised one leaves its recipient’s list, once', async () => {
    const to = `Person-${crypto.randomUUID()}@fim.test`;
    const message = outboxMessage('report.reminder', { to });
    await queued(message);
    const stored = (await deps.messages.get(message.id)) as StoredMessage;
    expect((await deps.erasures.messagesOfCase(message.case)).map((m) => m.id)).toEqual([message.id]);
    const anonymised = anonymisedMessage(stored, '2032-03-02T09:00:00.000Z');
    const event = auditEvent(ACTORS.admin, new Date(), 'message.anonymised', caseEntity(message.case), {
      messageId: message.id,
    });
    await deps.erasures.anonymiseMessage(anonymised, stored.version, event);
    await expect(deps.erasures.anonymiseMessage(anonymised, stored.version, event)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(await deps.messages.get(message.id)).toEqual(anonymised);
    expect((await deps.messages.listByRecipient(to, { limit: 10 })).items).toEqual([]);
    expect((await deps.erasures.messagesOfCase(message.case)).map((m) => m.to)).toEqual(['[anonymiseret]']);
  });

  it('pages a person’s events by actor across cases, oldest first, and their own record whoever acted', async () => {
    const actor = { ...ACTORS.admin, userId: `contract-actor-${crypto.randomUUID()}` };
    const times = ['2026-03-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z'];
    const refs = [
      { kind: 'call', id: 'contract-call' },
      { kind: 'application', id: 'contract-app-2' },
      { kind: 'meeting', id: 'contract-meeting' },
    ] as const;
    for (const [i, ref] of refs.entries()) {
      await deps.caseRecord.recordView(
        ref,
        auditEvent(actor, new Date(times[i] as string), 'case.viewed', {
          type: ref.kind === 'call' ? 'call' : ref.kind === 'meeting' ? 'meeting' : 'application',
          id: ref.id,
        }),
      );
    }
    // Someone else's event in one of those cases: not the person's.
    await deps.caseRecord.recordView(
      refs[0],
      auditEvent(ACTORS.applicant, new Date(times[0] as string), 'case.viewed', {
        type: 'call',
        id: refs[0].id,
      }),
    );
    const first = await deps.exports.eventsByActor(actor.userId, { limit: 2 });
    expect(first.events.map((e) => e.at)).toEqual([times[1], times[2]]);
    expect(first.cursor).toBeDefined();
    const second = await deps.exports.eventsByActor(actor.userId, {
      limit: 2,
      cursor: first.cursor as string,
    });
    expect(second.events.map((e) => [e.at, e.entityId])).toEqual([[times[0], 'contract-call']]);
    expect(second.cursor).toBeUndefined();
    await expect(
      deps.exports.eventsByActor(actor.userId, { limit: 2, cursor: 'not-ours' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    // Written with its index entry, no event counts as one from before the index.
    expect(
      await deps.exports.eventsByActorBeforeIndex(actor.userId, [{ kind: 'call', id: 'contract-call' }]),
    ).toEqual([]);
    // The person's own record: an admin's event about them is there, under their id, not under the admin's.
    const subject = { ...ACTORS.applicant, userId: `contract-subject-${crypto.randomUUID()}` };
    await deps.users.put(
      subject,
      auditEvent(ACTORS.admin, new Date(times[0] as string), 'user.synced', {
        type: 'user',
        id: subject.userId,
      }),
    );
    const about = await deps.exports.eventsAbout(subject.userId, { limit: 50 });
    expect(about.events.map((e) => [e.action, e.actor.userId, e.entityId])).toEqual([
      ['user.synced', ACTORS.admin.userId, subject.userId],
    ]);
  });

  it('pages the registry by name, records a ruling once, and keeps flagged names until cleared', async () => {
    const at = '2027-03-01T09:00:00.000Z';
    for (const [id, name] of [
      ['k1', 'Kontrakt Alfa'],
      ['k2', 'Kontrakt Beta'],
      ['k3', 'Kontrakt Gamma'],
    ] as const)
      await deps.organisations.save(
        { id, name, sector: 'other', version: 1, createdAt: at, updatedAt: at },
        auditEvent(ACTORS.admin, new Date(at), 'organisation.created', { type: 'organisation', id }),
      );
    const first = await deps.organisations.page('kontrakt', { limit: 2 });
    expect(first.items.map((o) => o.id)).toEqual(['k1', 'k2']);
    const second = await deps.organisations.page('kontrakt', { limit: 2, cursor: first.cursor ?? '' });
    expect(second.items.map((o) => o.id)).toEqual(['k3']);
    await expect(deps.organisations.page('', { limit: 2, cursor: 'aW5nZW4' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });

    const ruling = {
      applicationId: 'contract-app',
      callId: 'c',
      userId: 'u1',
      organisation: 'Kontrakt Alfa',
      applicationOrganisation: 'Kontrakt Alfa',
      reason: 'Ingen interesse i sagen',
      byUserId: 'admin',
      byName: 'Admin',
      at,
    };
    const ruled = auditEvent(ACTORS.admin, new Date(at), 'conflict.ruled_away', {
      type: 'application',
      id: 'contract-app',
    });
    await deps.conflictRulings.create(ruling, ruled);
    await expect(
      deps.conflictRulings.create(ruling, { ...ruled, id: crypto.randomUUID() }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(await deps.conflictRulings.list()).toEqual([ruling]);

    expect(await actionsUnder('APP#contract-app')).toEqual(['conflict.ruled_away']);

    // The submissions above gave names the registry (empty here) does not know: each was flagged.
    const [flag, ...others] = await deps.organisations.listFlags();
    expect(flag).toEqual(
      expect.objectContaining({ key: expect.any(String), applicationId: expect.any(String) }),
    );
    if (!flag) return;
    expect(await deps.organisations.flagsOf(flag.key)).toContainEqual(flag);
    await deps.organisations.clearFlag(
      flag,
      auditEvent(ACTORS.admin, new Date(at), 'organisation.placed', {
        type: 'application',
        id: flag.applicationId ?? '',
      }),
    );
    expect(await deps.organisations.listFlags()).toEqual(others);
  });
});
