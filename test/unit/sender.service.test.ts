import { describe, expect, it } from 'vitest';
import { MailError, SENDING, type StoredMessage } from '../../functions/core/messages/message.schema.js';
import { resendMessage } from '../../functions/core/messages/messages.service.js';
import { drainOutbox, sendMessage } from '../../functions/core/messages/sender.service.js';
import type { Mailer } from '../../functions/core/ports.js';
import { createFakes } from '../support/fakes.js';
import { outboxMessage } from '../support/mail.js';
import { ACTORS, as } from '../support/services.js';

/*
 * The sender's rules on the in-memory fakes: what each kind of failure leaves on the message, the audit trail
 * of outcomes (none for a reschedule), and a drain's bounds.
 */

/** A mailer that answers from a list: a provider id, or an error to throw. */
function scripted(...answers: (string | Error)[]): Mailer & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(message) {
      const answer = answers.shift() ?? 'ok';
      if (answer instanceof Error) throw answer;
      sent.push(message.id);
      return { providerMessageId: answer };
    },
  };
}

function queued(count = 1) {
  const fakes = createFakes();
  const messages = Array.from({ length: count }, () =>
    outboxMessage('report.reminder', { at: fakes.clock.now() }),
  );
  for (const m of messages) fakes.store.transact({}, [], [m]);
  return { ...fakes, ids: messages.map((m) => m.id) };
}

describe('sendMessage', () => {
  it('a refusal for good fails the message at once, with the provider’s words, audited under its case', async () => {
    const { deps, store, ids } = await queued();
    const id = ids[0] as string;
    expect(await sendMessage(deps, scripted(new MailError('REJECTED', '550 no such user')), id)).toBe(
      'failed',
    );
    expect(await deps.messages.get(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      failure: { reason: 'REJECTED', detail: '550 no such user' },
    });
    expect(store.audit.map((a) => [a.entityPk.split('#')[0], a.event.action, a.event.actor.userId])).toEqual([
      ['AWARD', 'message.failed', 'system-scheduler'],
    ]);
  });

  it('a party’s message: its outcome and its resend are kept under the same entity, the party in finance', async () => {
    const fakes = createFakes();
    const demand = outboxMessage('contribution.demand', { at: fakes.clock.now() });
    await fakes.store.transact({}, [], [demand]);
    expect(await sendMessage(fakes.deps, scripted(new MailError('REJECTED', '550')), demand.id)).toBe(
      'failed',
    );
    await resendMessage(fakes.deps, as(ACTORS.finance), demand.id, 3);
    expect(
      fakes.store.audit.map((a) => [a.event.action, a.event.entityType, a.event.entityId, a.entityPk]),
    ).toEqual([
      ['message.failed', 'finance', demand.case.id, `PARTY#${demand.case.id}`],
      ['message.resent', 'finance', demand.case.id, `PARTY#${demand.case.id}`],
    ]);
  });

  it('an error that is not the mailer’s own counts as passing: rescheduled, no audit event', async () => {
    const { deps, store, ids } = await queued();
    const id = ids[0] as string;
    expect(await sendMessage(deps, scripted(new TypeError('bug')), id)).toBe('retry');
    expect(await deps.messages.get(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(store.audit).toEqual([]);
  });

  it('a lease that ran out after the last attempt fails the message without sending', async () => {
    const { deps, clock, ids } = await queued();
    const id = ids[0] as string;
    const read = (await deps.messages.get(id)) as StoredMessage;
    // A sender took the last attempt and died before its mark.
    const claimed = await deps.messages.claim(
      { ...read, attempts: SENDING.maxAttempts },
      {
        token: 'dead',
        until: new Date(clock.now().getTime() + SENDING.leaseMs).toISOString(),
      },
    );
    expect(claimed?.attempts).toBe(SENDING.maxAttempts + 1);
    clock.advance(SENDING.leaseMs + 1);
    const mailer = scripted();
    expect(await sendMessage(deps, mailer, id)).toBe('failed');
    expect(mailer.sent).toEqual([]);
    expect((await deps.messages.get(id))?.failure?.reason).toBe('RETRIES_EXHAUSTED');
  });
});

describe('drainOutbox', () => {
  it('sends what is due, at most `limit`, and tallies the outcomes', async () => {
    const { deps, ids } = await queued(5);
    const mailer = scripted('a', new MailError('UNAVAILABLE', '421'), new MailError('TEMPLATE', 'missing'));
    expect(await drainOutbox(deps, mailer, { limit: 4, concurrency: 1 })).toEqual({
      sent: 2,
      retried: 1,
      failed: 1,
      skipped: 0,
    });
    expect(await drainOutbox(deps, mailer)).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0 });
    expect(mailer.sent).toHaveLength(3);
    const statuses = await Promise.all(ids.map(async (id) => (await deps.messages.get(id))?.status));
    expect(statuses.sort()).toEqual(['failed', 'pending', 'sent', 'sent', 'sent']);
  });
});
