import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import {
  type MessageStatus,
  type StoredMessage,
  storedMessage,
} from '../../functions/core/messages/message.schema.js';
import {
  findCaseMessage,
  getMessage,
  listFailedRecipients,
  listMessages,
  listMyMessages,
  listPartyMessageFlags,
  resendMessage,
} from '../../functions/core/messages/messages.service.js';
import { AppError } from '../../functions/core/shared/errors.js';
import { say } from '../../functions/texts/index.js';
import { createFakes, type Fakes } from '../support/fakes.js';
import { person } from '../support/fixtures.js';
import { ACTORS, as, openedCall, submitted } from '../support/services.js';

/*
 * Who reads, lists and resends which message, with the messages kept in memory: the owner their own, admins
 * all, finance the parties', anyone else nothing (not even that the message exists).
 */

const REVIEWER = person('reviewer', ['applicant', 'reviewer']);

let f: Fakes;
beforeEach(() => {
  f = createFakes();
});

let sequence = 0;
/** A message stored as the sender left it: `status`, with a failure's reason where it did not arrive. */
function stored(
  over: { to?: string; status?: MessageStatus; party?: string; at?: string } = {},
): StoredMessage {
  sequence += 1;
  const at = over.at ?? `2027-02-0${(sequence % 9) + 1}T10:00:00.000Z`;
  const outbox: OutboxMessage = over.party
    ? {
        id: crypto.randomUUID(),
        createdAt: at,
        to: over.to ?? '',
        case: { kind: 'party', id: over.party },
        link: `/parties/${over.party}`,
        kind: 'contribution.demand',
        params: {
          year: 2027,
          partyId: over.party,
          partyName: 'Aarhus Kommune',
          demandOre: 36_000_000,
          population: 360_000,
          referenceYear: 2026,
          rateOre: 100,
          dueDate: '2027-04-01',
          ...DEMO_PAYMENT_DETAILS,
          paymentReference: `FIM 2027 ${over.party}`,
        },
      }
    : {
        id: crypto.randomUUID(),
        createdAt: at,
        to: over.to ?? ACTORS.applicant.email,
        case: { kind: 'application', id: `app-${sequence}` },
        link: `/applications/app-${sequence}`,
        kind: 'application.receipt',
        params: {
          name: 'Sofie',
          reference: `FIM-2027-00${sequence}`,
          title: 'Projekt',
          callTitle: 'Opslag',
          requestedOre: 100_000,
          submittedAt: at,
        },
      };
  const base = storedMessage(outbox);
  const status = over.status ?? base.status;
  const message: StoredMessage = {
    ...base,
    status,
    ...(status === 'failed' || status === 'bounced' || status === 'complained'
      ? { failure: base.failure ?? { reason: status === 'failed' ? 'REJECTED' : 'BOUNCED', at } }
      : {}),
    ...(status === 'sent' ? { sentAt: at, providerMessageId: 'p-1' } : {}),
  };
  f.store.messages.set(message.id, message);
  return message;
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('Mine beskeder', () => {
  it('lists the messages to the reader’s address, newest first, whatever its case', async () => {
    const older = stored({ at: '2027-02-01T10:00:00.000Z' });
    const newer = stored({ to: ACTORS.applicant.email.toUpperCase(), at: '2027-02-03T10:00:00.000Z' });
    stored({ to: ACTORS.otherApplicant.email });
    const page = await listMyMessages(f.deps, as(ACTORS.applicant));
    expect(page.items.map((m) => m.id)).toEqual([newer.id, older.id]);
  });

  it('shows the receipt a submission queued, as pending', async () => {
    const call = await openedCall(f.deps);
    const application = await submitted(f.deps, call.id);
    const page = await listMyMessages(f.deps, as(ACTORS.applicant));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: 'application.receipt',
      status: 'pending',
      case: { kind: 'application', id: application.id },
    });
  });
});

describe('reading one message', () => {
  it('lets its recipient, admins, and finance for a party’s message read it', async () => {
    const own = stored();
    const party = stored({ party: 'aarhus', to: 'faktura@aarhus.dk' });
    await expect(getMessage(f.deps, as(ACTORS.applicant), own.id)).resolves.toMatchObject({ id: own.id });
    await expect(getMessage(f.deps, as(ACTORS.admin), own.id)).resolves.toMatchObject({ id: own.id });
    await expect(getMessage(f.deps, as(ACTORS.finance), party.id)).resolves.toMatchObject({ id: party.id });
  });

  it('answers anyone else as if the message did not exist', async () => {
    const own = stored();
    for (const [actor, id] of [
      [ACTORS.otherApplicant, own.id],
      [REVIEWER, own.id],
      [ACTORS.finance, own.id],
      [ACTORS.applicant, crypto.randomUUID()],
    ] as const) {
      const error = await refusal(getMessage(f.deps, as(actor), id));
      expect(error.code).toBe('NOT_FOUND');
      expect(say('da', error.reason)).toBe('Beskeden findes ikke');
    }
  });
});

describe('the overseers’ list', () => {
  it('gives admins every message by status and kind, and finance only the parties’', async () => {
    const failedReceipt = stored({ status: 'failed' });
    const sentReceipt = stored({ status: 'sent' });
    const demand = stored({ party: 'aarhus' });
    const all = await listMessages(f.deps, as(ACTORS.admin), {});
    expect(all.items.map((m) => m.id).sort()).toEqual([failedReceipt.id, sentReceipt.id, demand.id].sort());
    const failed = await listMessages(f.deps, as(ACTORS.admin), { status: 'failed' });
    expect(failed.items.map((m) => m.id).sort()).toEqual([failedReceipt.id, demand.id].sort());
    const receipts = await listMessages(f.deps, as(ACTORS.admin), { kind: 'application.receipt' });
    expect(receipts.items.map((m) => m.id).sort()).toEqual([failedReceipt.id, sentReceipt.id].sort());
    const finance = await listMessages(f.deps, as(ACTORS.finance), {});
    expect(finance.items.map((m) => m.id)).toEqual([demand.id]);
  });

  it('refuses everyone else', async () => {
    for (const actor of [ACTORS.applicant, REVIEWER]) {
      expect((await refusal(listMessages(f.deps, as(actor), {}))).code).toBe('FORBIDDEN');
      expect((await refusal(listFailedRecipients(f.deps, as(actor)))).code).toBe('FORBIDDEN');
    }
  });

  it('pages with the cursor it gives', async () => {
    for (let i = 0; i < 3; i++) stored({ at: `2027-01-0${i + 1}T10:00:00.000Z` });
    const first = await listMessages(f.deps, as(ACTORS.admin), {}, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toBeDefined();
    const second = await listMessages(f.deps, as(ACTORS.admin), {}, { limit: 2, cursor: first.cursor ?? '' });
    expect(second.items).toHaveLength(1);
    expect(second.cursor).toBeUndefined();
  });

  it('names each recipient whose messages did not arrive once, with the newest and how many', async () => {
    const bounced = stored({ to: 'gone@example.org', status: 'bounced', at: '2027-02-01T10:00:00.000Z' });
    const later = stored({ to: 'Gone@example.org', status: 'failed', at: '2027-02-05T10:00:00.000Z' });
    const noAddress = stored({ party: 'skive', at: '2027-02-03T10:00:00.000Z' });
    stored({ to: 'fine@example.org', status: 'sent' });
    const recipients = await listFailedRecipients(f.deps, as(ACTORS.admin));
    expect(recipients.map((r) => [r.to, r.count, r.latest.id])).toEqual([
      ['Gone@example.org', 2, later.id],
      ['', 1, noAddress.id],
    ]);
    expect(recipients[1]?.case).toEqual({ kind: 'party', id: 'skive' });
    expect(recipients[0]?.latest.id).not.toBe(bounced.id);
    const forFinance = await listFailedRecipients(f.deps, as(ACTORS.finance));
    expect(forFinance.map((r) => r.latest.id)).toEqual([noAddress.id]);
  });
});

describe('the parties whose latest message did not arrive', () => {
  it('flags each with its newest failure, unless a later message to its address arrived or it was resent', async () => {
    f.store.parties.set('aarhus', {
      id: 'aarhus',
      name: 'Aarhus Kommune',
      kind: 'municipality',
      invoiceEmail: 'faktura@aarhus.dk',
      version: 1,
    });
    const old = stored({ party: 'skive', at: '2027-02-01T10:00:00.000Z' });
    const newest = stored({
      party: 'skive',
      to: 'x@skive.dk',
      status: 'bounced',
      at: '2027-02-02T10:00:00.000Z',
    });
    stored({ party: 'aarhus', to: 'faktura@aarhus.dk', status: 'failed', at: '2027-02-01T10:00:00.000Z' });
    const resent = stored({ party: 'odder', status: 'failed' });
    f.store.messages.set(resent.id, { ...resent, resentAs: 'copy' });
    // Aarhus: a later message arrived at its address, so its failure is behind it.
    stored({ party: 'aarhus', to: 'faktura@aarhus.dk', status: 'sent', at: '2027-02-03T10:00:00.000Z' });
    const flags = await listPartyMessageFlags(f.deps, as(ACTORS.finance));
    expect([...flags].map(([party, m]) => [party, m.id])).toEqual([['skive', newest.id]]);
    expect(flags.get('skive')?.id).not.toBe(old.id);
    for (const actor of [ACTORS.applicant, REVIEWER])
      expect((await refusal(listPartyMessageFlags(f.deps, as(actor)))).code).toBe('FORBIDDEN');
  });
});

describe('resending', () => {
  it('writes one new message as a resend of a failed one, with its audit event under the case', async () => {
    const failed = stored({ status: 'bounced' });
    f.clock.set('2027-03-02T08:00:00Z');
    const copy = await resendMessage(f.deps, as(ACTORS.admin), failed.id, failed.version);
    expect(copy).toMatchObject({
      resendOf: failed.id,
      status: 'pending',
      to: failed.to,
      kind: failed.kind,
      params: failed.params,
      case: failed.case,
      createdAt: '2027-03-02T08:00:00.000Z',
    });
    expect(copy.id).not.toBe(failed.id);
    expect(f.store.messages.size).toBe(2);
    const events = f.store.eventsOf(failed.case.id);
    expect(events.at(-1)).toMatchObject({
      action: 'message.resent',
      entityType: 'application',
      actor: { userId: ACTORS.admin.userId },
      details: { messageId: failed.id, resendId: copy.id, status: 'bounced' },
    });
  });

  it('lets finance resend a party’s message, and nobody else’s', async () => {
    const demand = stored({ party: 'aarhus', to: 'faktura@aarhus.dk', status: 'failed' });
    const receipt = stored({ status: 'failed' });
    await expect(resendMessage(f.deps, as(ACTORS.finance), demand.id, demand.version)).resolves.toMatchObject(
      {
        resendOf: demand.id,
      },
    );
    expect(f.store.eventsOf('aarhus').at(-1)).toMatchObject({
      entityType: 'finance',
      action: 'message.resent',
    });
    expect((await refusal(resendMessage(f.deps, as(ACTORS.finance), receipt.id, receipt.version))).code).toBe(
      'NOT_FOUND',
    );
    // Its recipient reads it, but may not send it again.
    expect(
      (await refusal(resendMessage(f.deps, as(ACTORS.applicant), receipt.id, receipt.version))).code,
    ).toBe('FORBIDDEN');
    expect((await refusal(resendMessage(f.deps, as(REVIEWER), receipt.id, receipt.version))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('resends a party’s message that had no address to its invoicing e-mail as finance has fixed it', async () => {
    const demand = stored({ party: 'skive' });
    expect(demand).toMatchObject({ status: 'failed', failure: { reason: 'NO_ADDRESS' } });
    f.store.parties.set('skive', {
      id: 'skive',
      name: 'Skive Kommune',
      kind: 'municipality',
      invoiceEmail: 'faktura@skive.dk',
      version: 1,
    });
    const copy = await resendMessage(f.deps, as(ACTORS.finance), demand.id, demand.version);
    expect(copy).toMatchObject({ to: 'faktura@skive.dk', status: 'pending', resendOf: demand.id });
    expect(f.store.messages.get(demand.id)).toMatchObject({ resentAs: copy.id, version: demand.version + 1 });
    expect(f.store.eventsOf('skive').at(-1)?.details).toMatchObject({ toBefore: '', to: 'faktura@skive.dk' });
    // Sent again once: the original's button is gone, and a second resend says which message took its place.
    const error = await refusal(resendMessage(f.deps, as(ACTORS.finance), demand.id, demand.version + 1));
    expect(error.reason).toEqual({ code: 'MESSAGE_ALREADY_RESENT', params: { resendId: copy.id } });
  });

  it('refuses a message that is on its way or arrived, saying what it is', async () => {
    for (const status of ['pending', 'sending', 'sent'] as const) {
      const message = stored({ status });
      const error = await refusal(resendMessage(f.deps, as(ACTORS.admin), message.id, message.version));
      expect(error.code).toBe('INVALID_STATE');
      expect(error.reason).toEqual({ code: 'MESSAGE_NOT_RESENDABLE', params: { messageStatus: status } });
    }
    expect(f.store.messages.size).toBe(3);
  });

  it('refuses a stale version before anything is written', async () => {
    const failed = stored({ status: 'failed' });
    const error = await refusal(resendMessage(f.deps, as(ACTORS.admin), failed.id, failed.version + 1));
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(f.store.messages.size).toBe(1);
  });
});

describe('a case’s message, for the page that tells the truth', () => {
  it('finds the newest receipt of the application among its owner’s messages', async () => {
    const call = await openedCall(f.deps);
    const application = await submitted(f.deps, call.id);
    stored();
    const match = {
      case: { kind: 'application' as const, id: application.id },
      kind: 'application.receipt' as const,
    };
    const found = await findCaseMessage(f.deps, as(ACTORS.applicant), application.ownerEmail, match);
    expect(found).toMatchObject({ kind: 'application.receipt', case: match.case });
    await expect(
      findCaseMessage(f.deps, as(ACTORS.admin), application.ownerEmail, match),
    ).resolves.toMatchObject({ id: found?.id });
    // Another reader learns nothing of the owner's messages.
    await expect(
      findCaseMessage(f.deps, as(ACTORS.otherApplicant), application.ownerEmail, match),
    ).resolves.toBeUndefined();
    await expect(
      findCaseMessage(f.deps, as(ACTORS.applicant), application.ownerEmail, {
        ...match,
        case: { kind: 'application', id: 'none' },
      }),
    ).resolves.toBeUndefined();
  });
});
