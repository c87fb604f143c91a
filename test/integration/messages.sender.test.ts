import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { SENDING, type StoredMessage } from '../../functions/core/messages/message.schema.js';
import {
  drainOutbox,
  recordDeliveryEvent,
  sendMessage,
} from '../../functions/core/messages/sender.service.js';
import type { MailKind } from '../../functions/core/shared/messages.js';
import * as keys from '../../functions/db/keys.js';
import { casePk } from '../../functions/db/keys.js';
import { transact } from '../../functions/db/transact.js';
import { freePort } from '../../functions/local/dynamodb-local.js';
import { composeMail, MAIL_KINDS } from '../../functions/texts/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import {
  mailTo,
  outboxMessage,
  TEST_SITE_URL,
  testMailer,
  uniqueAddress,
  waitForMail,
} from '../support/mail.js';
import { ACTORS, openedCall, submitted } from '../support/services.js';
import { auditActions, storedItem } from '../support/table.js';

/*
 * The sender against DynamoDB Local and the run's maildev (a real SMTP server): what arrives, once; what
 * happens when the server is down, a sender dies, a message has no address or cannot be composed.
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

/** Writes messages as their causes do: in one transaction with an audit event under their case. */
async function queue(...messages: OutboxMessage[]): Promise<OutboxMessage[]> {
  for (const message of messages) {
    await transact(h.db, {
      items: {},
      audit: {
        entityPk: casePk(message.case),
        event: auditEvent(ACTORS.admin, h.clock.now(), 'demo.seeded', { type: 'call', id: message.case.id }),
      },
      outbox: [message],
    });
  }
  return messages;
}

const stored = async (id: string) => (await h.core.messages.get(id)) as StoredMessage;

/** A mailer whose SMTP server is not there (a port nothing listens on). */
const downMailer = async () => testMailer(await freePort());

/** Every kind the catalogue words: a new kind is tested here the moment it exists. */
const KINDS: readonly MailKind[] = MAIL_KINDS;

describe('each kind of message over real SMTP', () => {
  it.each(KINDS)(
    '%s arrives: recipient, both subjects, the link, Danish before English, Message-ID',
    async (kind) => {
      const [message] = await queue(outboxMessage(kind, { at: h.clock.now() }));
      if (!message) throw new Error('not queued');
      expect(await sendMessage(h.core, testMailer(), message.id)).toBe('sent');
      const [mail] = await waitForMail(
        () => mailTo(message.to),
        (found) => found.length === 1,
      );
      if (!mail) throw new Error('no mail');
      const [da, en] = composeMail(message).parts;
      expect(mail.to.map((t) => t.address)).toEqual([message.to]);
      expect(mail.subject).toBe(`${da.subject} / ${en.subject}`);
      const link = `${TEST_SITE_URL}${message.link}`;
      expect(mail.text.split(link)).toHaveLength(3);
      expect(mail.html).toContain(`href="${link}"`);
      const [firstDa, firstEn] = [da.body.split('\n')[0] as string, en.body.split('\n')[0] as string];
      expect(mail.text.indexOf(firstDa)).toBeGreaterThanOrEqual(0);
      expect(mail.text.indexOf(firstDa)).toBeLessThan(mail.text.indexOf(firstEn));
      const after = await stored(message.id);
      expect(mail.headers['message-id']).toBe(after.headerMessageId);
      expect(after).toMatchObject({ status: 'sent', attempts: 1, sentAt: h.clock.now().toISOString() });
      expect(after.providerMessageId).toMatch(/^250 /);
      expect(after.leaseToken).toBeUndefined();
      expect(await auditActions(h, casePk(message.case))).toEqual(['demo.seeded', 'message.sent']);
    },
  );

  it('a party’s demand arrives naming the pool’s account, the reference and the due date in words', async () => {
    const [message] = await queue(outboxMessage('contribution.demand', { at: h.clock.now() }));
    if (!message) throw new Error('not queued');
    expect(await sendMessage(h.core, testMailer(), message.id)).toBe('sent');
    const [mail] = await waitForMail(
      () => mailTo(message.to),
      (found) => found.length === 1,
    );
    const text = mail?.text.replaceAll('\u00a0', ' ') ?? '';
    expect(text).toContain('Betales senest 1. april 2027 til Region Midtjylland, Folkesundhed i Midten');
    expect(text).toContain('Reg.nr. 7244, kontonr. 0001234567');
    expect(text).toContain('Angiv referencen "FIM 2027 aarhus" ved betaling.');
    expect(text).toContain('Due by 1 April 2027, payable to Region Midtjylland, Folkesundhed i Midten');
    expect(text).toContain('Reg. no. 7244, account no. 0001234567');
    expect(mail?.html).toContain('0001234567');
  });

  it('a submission’s receipt reaches the applicant’s inbox', async () => {
    const call = await openedCall(h.core);
    const application = await submitted(h.core, call.id);
    const result = await drainOutbox(h.core, testMailer());
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const received = await waitForMail(
      () => mailTo(application.ownerEmail),
      (found) => found.some((m) => m.subject.includes(application.reference as string)),
    );
    expect(received.find((m) => m.subject.includes(application.reference as string))?.text).toContain(
      `${TEST_SITE_URL}/applications/${application.id}`,
    );
  });
});

describe('exactly once', () => {
  it('two drains at once send each of 30 messages once', async () => {
    const to = uniqueAddress('samtidig');
    const messages = await queue(
      ...Array.from({ length: 30 }, () => outboxMessage('report.reminder', { to, at: h.clock.now() })),
    );
    const [a, b] = await Promise.all([
      drainOutbox(h.core, testMailer(), { concurrency: 4 }),
      drainOutbox(h.core, testMailer(), { concurrency: 4 }),
    ]);
    expect(a.sent + b.sent).toBe(30);
    const received = await waitForMail(
      () => mailTo(to),
      (found) => found.length >= 30,
    );
    // Whatever else arrives late would be a second copy: the drains are over, so the inbox is final.
    expect(received).toHaveLength(30);
    expect(new Set(received.map((m) => m.headers['message-id'])).size).toBe(30);
    for (const m of messages) expect((await stored(m.id)).status).toBe('sent');
  });

  it('a sender that died after sending: the lease runs out, the next sends again with the same Message-ID', async () => {
    const [message] = await queue(outboxMessage('report.reminder', { at: h.clock.now() }));
    if (!message) throw new Error('not queued');
    const read = await stored(message.id);
    const claimed = await h.core.messages.claim(read, {
      token: 'died',
      until: new Date(h.clock.now().getTime() + SENDING.leaseMs).toISOString(),
    });
    if (!claimed) throw new Error('not claimed');
    await testMailer().send(claimed);
    // While the lease holds, nobody else takes it.
    expect(await sendMessage(h.core, testMailer(), message.id)).toBe('skipped');
    h.clock.advance(SENDING.leaseMs + 1);
    expect(await sendMessage(h.core, testMailer(), message.id)).toBe('sent');
    const received = await waitForMail(
      () => mailTo(message.to),
      (found) => found.length === 2,
    );
    expect(received.map((m) => m.headers['message-id'])).toEqual([
      read.headerMessageId,
      read.headerMessageId,
    ]);
    expect(await stored(message.id)).toMatchObject({ status: 'sent', attempts: 2 });
    // The dead sender's late mark finds its lease gone and writes nothing.
    expect(
      await h.core.messages.settle(claimed, { ...claimed, status: 'failed', version: claimed.version + 1 }),
    ).toBe(false);
  });
});

describe('faults', () => {
  it('SMTP down: messages wait with backoff, nothing is lost, and they go once the server is back', async () => {
    const messages = await queue(
      ...Array.from({ length: 3 }, () => outboxMessage('application.receipt', { at: h.clock.now() })),
    );
    const down = await downMailer();
    const first = await drainOutbox(h.core, down);
    expect(first.retried).toBeGreaterThanOrEqual(3);
    const waiting = await stored(messages[0]?.id as string);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.nextAttemptAt).toBe(
      new Date(h.clock.now().getTime() + SENDING.backoffMs(1)).toISOString(),
    );
    // Not due yet: a drain now leaves them.
    expect((await drainOutbox(h.core, testMailer())).sent).toBe(0);
    h.clock.advance(SENDING.backoffMs(1));
    expect((await drainOutbox(h.core, testMailer())).sent).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      expect(await stored(m.id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(
        await waitForMail(
          () => mailTo(m.to),
          (found) => found.length === 1,
        ),
      ).toHaveLength(1);
    }
  });

  it('after the last attempt a message fails for good (RETRIES_EXHAUSTED)', async () => {
    const [message] = await queue(outboxMessage('contribution.demand', { at: h.clock.now() }));
    if (!message) throw new Error('not queued');
    const down = await downMailer();
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= SENDING.maxAttempts; attempt++) {
      outcomes.push(await sendMessage(h.core, down, message.id));
      h.clock.advance(SENDING.backoffMs(attempt));
    }
    expect(outcomes).toEqual([...Array(SENDING.maxAttempts - 1).fill('retry'), 'failed']);
    const failed = await stored(message.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: SENDING.maxAttempts });
    expect(failed.failure?.reason).toBe('RETRIES_EXHAUSTED');
    expect(failed.failure?.detail).toMatch(/ECONNREFUSED|connect/i);
    expect(await sendMessage(h.core, testMailer(), message.id)).toBe('skipped');
    expect(await auditActions(h, casePk(message.case))).toEqual(['demo.seeded', 'message.failed']);
  });

  it('a message with no address is stored failed (NO_ADDRESS) and its cause commits', async () => {
    const [message] = await queue(outboxMessage('contribution.demand', { to: '', at: h.clock.now() }));
    if (!message) throw new Error('not queued');
    expect(await stored(message.id)).toMatchObject({
      status: 'failed',
      attempts: 0,
      failure: { reason: 'NO_ADDRESS', at: message.createdAt },
    });
    expect(await auditActions(h, casePk(message.case))).toEqual(['demo.seeded']);
    expect(await sendMessage(h.core, testMailer(), message.id)).toBe('skipped');
    const item = await storedItem(h, keys.outbox(message.id));
    expect(item).toMatchObject({ gsi1pk: 'OUTBOX#failed' });
    expect(item?.gsi2pk).toBeUndefined();
  });

  it('a message whose params lack a value fails (TEMPLATE) and is not sent', async () => {
    const [message] = await queue(
      outboxMessage('application.receipt', { at: h.clock.now(), params: { requestedOre: undefined } }),
    );
    if (!message) throw new Error('not queued');
    expect(await sendMessage(h.core, testMailer(), message.id)).toBe('failed');
    expect((await stored(message.id)).failure).toMatchObject({ reason: 'TEMPLATE' });
    expect(await mailTo(message.to)).toEqual([]);
  });
});

describe('delivery events', () => {
  it('a passing bounce leaves the message sent; a permanent one or a complaint marks it', async () => {
    const messages = await queue(
      outboxMessage('application.decision', { at: h.clock.now() }),
      outboxMessage('application.decision', { at: h.clock.now() }),
    );
    await drainOutbox(h.core, testMailer());
    const [bounced, complained] = messages.map((m) => m.id) as [string, string];
    const at = h.clock.now().toISOString();
    await recordDeliveryEvent(h.core, { messageId: bounced, type: 'bounce', detail: 'Transient', at });
    expect((await stored(bounced)).status).toBe('sent');
    await recordDeliveryEvent(h.core, {
      messageId: bounced,
      type: 'bounce',
      detail: 'Permanent/General',
      at,
      permanent: true,
    });
    await recordDeliveryEvent(h.core, { messageId: complained, type: 'complaint', detail: 'abuse', at });
    expect(await stored(bounced)).toMatchObject({
      status: 'bounced',
      failure: { reason: 'BOUNCED', detail: 'Permanent/General', at },
    });
    expect(await stored(complained)).toMatchObject({
      status: 'complained',
      failure: { reason: 'COMPLAINED' },
    });
    // Events may come twice: the second changes nothing.
    await recordDeliveryEvent(h.core, { messageId: complained, type: 'complaint', detail: 'abuse', at });
    expect(await auditActions(h, casePk(messages[1]?.case as OutboxMessage['case']))).toEqual([
      'demo.seeded',
      'message.sent',
      'message.complained',
    ]);
  });
});
