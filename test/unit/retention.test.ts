import { describe, expect, it } from 'vitest';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import { createDraft } from '../../functions/core/applications/application.service.js';
import { acceptInvitation, inviteMember } from '../../functions/core/applications/members.service.js';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { listErasures, requestErasure } from '../../functions/core/cases/erasure.service.js';
import {
  addMonths,
  anonymiseAt,
  anonymisedMessage,
  closedAt,
  DEFAULT_RETENTION,
  draftAction,
  draftReminderBound,
  keptUntil,
  retentionSchedule,
} from '../../functions/core/cases/retention.js';
import { anonymisedApplication, dryRunRetention } from '../../functions/core/cases/retention.service.js';
import { type StoredMessage, storedMessage } from '../../functions/core/messages/message.schema.js';
import type { MailKind } from '../../functions/core/shared/messages.js';
import { createFakes } from '../support/fakes.js';
import { applicationBody } from '../support/fixtures.js';
import { outboxMessage } from '../support/mail.js';
import { ACTORS, as, openedCall } from '../support/services.js';

/*
 * The retention schedule's rules (functions/core/cases/retention.ts) and the erasure service's choices for
 * shared drafts, against the ports faked in memory.
 */

const s = DEFAULT_RETENTION;
const at = (iso: string) => new Date(iso);

describe('the schedule from configuration', () => {
  it('takes the defaults, and each value given', () => {
    expect(retentionSchedule({})).toEqual({
      draftUntouchedMonths: 12,
      draftReminderDays: 30,
      closedCaseYears: 5,
    });
    expect(
      retentionSchedule({ FIM_RETENTION_CLOSED_YEARS: '10', FIM_RETENTION_DRAFT_MONTHS: '6' }),
    ).toMatchObject({ closedCaseYears: 10, draftUntouchedMonths: 6 });
  });

  it('fails fast on a value that is not a positive whole number, or a reminder not before the deletion', () => {
    expect(() => retentionSchedule({ FIM_RETENTION_CLOSED_YEARS: '0' })).toThrow(
      /FIM_RETENTION_CLOSED_YEARS/,
    );
    expect(() => retentionSchedule({ FIM_RETENTION_DRAFT_MONTHS: '1.5' })).toThrow(
      /FIM_RETENTION_DRAFT_MONTHS/,
    );
    expect(() =>
      retentionSchedule({ FIM_RETENTION_DRAFT_MONTHS: '1', FIM_RETENTION_REMINDER_DAYS: '30' }),
    ).toThrow(/REMINDER/);
  });
});

describe('calendar months', () => {
  it('land on the same day, or the last day of a shorter month', () => {
    expect(addMonths('2027-03-01T09:00:00.000Z', 12).toISOString()).toBe('2028-03-01T09:00:00.000Z');
    expect(addMonths('2027-01-31T09:00:00.000Z', 1).toISOString()).toBe('2027-02-28T09:00:00.000Z');
    expect(addMonths('2028-02-29T00:00:00.000Z', -12).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });
});

describe('a draft untouched', () => {
  const draft = { status: 'draft' as const, updatedAt: '2027-03-01T09:00:00.000Z' };

  it('is kept until 30 days before 12 months, then reminded, then deleted', () => {
    expect(draftAction(draft, at('2028-01-31T08:59:59Z'), s)).toBe('keep');
    expect(draftAction(draft, at('2028-01-31T09:00:00Z'), s)).toBe('remind');
    expect(draftAction(draft, at('2028-03-01T08:59:59Z'), s)).toBe('remind');
    expect(draftAction(draft, at('2028-03-01T09:00:00Z'), s)).toBe('delete');
  });

  it('is only a draft: a submitted application is never deleted by this rule', () => {
    expect(draftAction({ ...draft, status: 'submitted' }, at('2030-01-01T00:00:00Z'), s)).toBe('keep');
  });

  it('is read by index up to the bound of the drafts due for their reminder', () => {
    // At the very moment its reminder falls due, the draft's last write is the bound itself (read inclusively).
    expect(draftReminderBound(at('2028-01-31T09:00:00Z'), s)).toBe(draft.updatedAt);
    expect(draftReminderBound(at('2028-01-30T09:00:00Z'), s) < draft.updatedAt).toBe(true);
  });
});

describe('a case closes', () => {
  const decision = {
    outcome: 'rejected' as const,
    decidedAt: '2027-06-01T10:00:00.000Z',
    decidedBy: 'demo-admin',
    meetingId: 'm1',
    recused: [],
  };
  const base = { updatedAt: '2027-06-02T10:00:00.000Z' };

  it('at its decision when rejected or on the waiting list; when withdrawn; approved: when its award closed', () => {
    expect(closedAt({ ...base, status: 'rejected', decision }, undefined)).toBe(decision.decidedAt);
    expect(closedAt({ ...base, status: 'waiting_list', decision }, undefined)).toBe(decision.decidedAt);
    expect(closedAt({ ...base, status: 'withdrawn', withdrawnAt: '2027-05-01T00:00:00Z' }, undefined)).toBe(
      '2027-05-01T00:00:00Z',
    );
    const approved = {
      ...base,
      status: 'approved' as const,
      decision: { ...decision, outcome: 'approved' as const },
    };
    expect(closedAt(approved, undefined)).toBe(decision.decidedAt);
    expect(closedAt(approved, { status: 'committed' })).toBeUndefined();
    expect(closedAt(approved, { status: 'closed', closedAt: '2029-01-01T00:00:00Z' })).toBe(
      '2029-01-01T00:00:00Z',
    );
  });

  it('is open while submitted or in review', () => {
    expect(closedAt({ ...base, status: 'submitted' }, undefined)).toBeUndefined();
    expect(closedAt({ ...base, status: 'in_review' }, undefined)).toBeUndefined();
  });

  it('is anonymised N years after it closed; an open one is kept at least N years from now', () => {
    expect(anonymiseAt(decision.decidedAt, s).toISOString()).toBe('2032-06-01T10:00:00.000Z');
    expect(keptUntil(undefined, at('2027-07-01T00:00:00Z'), s)).toBe('2032-07-01T00:00:00.000Z');
  });
});

describe('anonymising a case', () => {
  it('replaces names, addresses and free text; keeps amounts, references, dates and statuses', async () => {
    const { deps } = createFakes();
    const call = await openedCall(deps);
    const draft = await createDraft(
      deps,
      as(ACTORS.applicant),
      call.id,
      applicationDraftSchema.parse(applicationBody()),
    );
    const done = anonymisedApplication(
      { ...draft, reference: 'FIM-2027-0001', status: 'rejected' },
      '2032-06-02T00:00:00Z',
    );
    expect(done).toMatchObject({
      ownerName: '[anonymiseret]',
      ownerEmail: '[anonymiseret]',
      reference: 'FIM-2027-0001',
      status: 'rejected',
      requestedAmountOre: draft.requestedAmountOre,
      budgetLines: draft.budgetLines,
      createdAt: draft.createdAt,
      anonymisedAt: '2032-06-02T00:00:00Z',
      version: draft.version + 1,
    });
    for (const p of done.partners) {
      if (p.contactName) expect(p.contactName).toBe('[anonymiseret]');
      if (p.contactEmail) expect(p.contactEmail).toBe('[anonymiseret]');
    }
    expect(done.partners.map((p) => p.organisation)).toEqual(draft.partners.map((p) => p.organisation));
  });
});

describe('anonymising a message', () => {
  const sent = (kind: MailKind, params: Record<string, unknown>): StoredMessage => ({
    ...storedMessage({ ...outboxMessage(kind, { to: 'sofie@aarhus.dk' }), params } as OutboxMessage),
    status: 'failed',
    failure: {
      reason: 'BOUNCED',
      detail: '550 sofie@aarhus.dk: user unknown',
      at: '2027-03-02T09:00:00.000Z',
    },
  });

  it('replaces the recipient, names, free text and the provider’s words; keeps references, titles, dates, amounts', () => {
    const message = sent('application.decision', {
      name: 'Sofie Holm',
      reference: 'FIM-2027-0007',
      title: 'Bevægelse i hverdagen',
      callTitle: 'Forebyggelse 2027',
      outcome: 'rejected',
      justification: 'Sofie Holms projekt falder uden for puljens formål.',
      decidedOn: '2027-03-01',
      amountOre: 5_000_000,
    });
    const out = anonymisedMessage(message, '2032-03-02T09:00:00.000Z');
    expect(out).toMatchObject({
      to: '[anonymiseret]',
      status: 'failed',
      kind: 'application.decision',
      case: message.case,
      failure: { reason: 'BOUNCED', detail: '[anonymiseret]' },
      anonymisedAt: '2032-03-02T09:00:00.000Z',
      version: message.version + 1,
      params: {
        name: '[anonymiseret]',
        justification: '[anonymiseret]',
        reference: 'FIM-2027-0007',
        title: 'Bevægelse i hverdagen',
        callTitle: 'Forebyggelse 2027',
        outcome: 'rejected',
        decidedOn: '2027-03-01',
        amountOre: 5_000_000,
      },
    });
    expect(JSON.stringify(out)).not.toMatch(/Sofie|sofie/);
  });

  it('replaces a text it does not know, in lists too: only the values named are kept', () => {
    const out = anonymisedMessage(
      sent('erasure.confirmed', {
        name: 'Sofie Holm',
        keptCases: [{ reference: 'FIM-2027-0007', keptUntil: '2032-03-01T00:00:00.000Z', note: 'Sofie' }],
        somethingNew: 'Sofie Holm',
        drafts: 1,
      }),
      '2032-03-02T09:00:00.000Z',
    );
    expect(out.params).toEqual({
      name: '[anonymiseret]',
      keptCases: [
        { reference: 'FIM-2027-0007', keptUntil: '2032-03-01T00:00:00.000Z', note: '[anonymiseret]' },
      ],
      somethingNew: '[anonymiseret]',
      drafts: 1,
    });
  });
});

describe('erasure of a shared draft', () => {
  it('hands an owned draft with a co-applicant to them, and the person leaves; nothing is deleted', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const owner = as(ACTORS.applicant);
    const draft = await createDraft(deps, owner, call.id, applicationDraftSchema.parse(applicationBody()));
    const invitation = await inviteMember(deps, owner, draft.id, { email: ACTORS.otherApplicant.email });
    await acceptInvitation(deps, as(ACTORS.otherApplicant), invitation.id);

    const answer = await requestErasure(deps, owner, s);
    expect(answer).toMatchObject({ deletedNow: { drafts: 0, handedOver: 1, left: 0 }, keptUntil: null });
    const kept = store.applications.get(draft.id);
    expect(kept?.ownerId).toBe(ACTORS.otherApplicant.userId);
    expect([...store.members.values()].filter((m) => m.applicationId === draft.id)).toEqual([]);
    expect(store.eventsOf(draft.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['application.handed_over', 'application.member_left']),
    );
    // Nothing kept: the directory entry is anonymised at once and the request is done.
    expect(store.users.get(ACTORS.applicant.userId)).toMatchObject({
      name: '[anonymiseret]',
      disabled: true,
    });
    expect(store.erasures.get(ACTORS.applicant.userId)?.state).toBe('done');
  });

  it('lets a co-applicant leave a draft they joined, which stays with its owner', async () => {
    const { deps, store } = createFakes();
    const call = await openedCall(deps);
    const owner = as(ACTORS.applicant);
    const draft = await createDraft(deps, owner, call.id, applicationDraftSchema.parse(applicationBody()));
    const invitation = await inviteMember(deps, owner, draft.id, { email: ACTORS.otherApplicant.email });
    await acceptInvitation(deps, as(ACTORS.otherApplicant), invitation.id);

    const answer = await requestErasure(deps, as(ACTORS.otherApplicant), s);
    expect(answer.deletedNow).toEqual({ drafts: 0, documents: 0, handedOver: 0, left: 1 });
    expect(store.applications.get(draft.id)?.ownerId).toBe(ACTORS.applicant.userId);
    expect(store.outbox.filter((m) => m.kind === 'erasure.confirmed').map((m) => m.to)).toEqual([
      ACTORS.otherApplicant.email,
    ]);
  });

  it('keeps the admins’ views to admins', async () => {
    const { deps } = createFakes();
    await expect(listErasures(deps, as(ACTORS.applicant), { limit: 10 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(dryRunRetention(deps, as(ACTORS.finance), s)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listErasures(deps, as(ACTORS.admin), { limit: 10 })).items).toEqual([]);
  });
});
