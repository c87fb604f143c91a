import type { AuditAction } from '../audit/actions.js';
import { type AuditEvent, auditEvent } from '../audit/audit.js';
import { SCHEDULER } from '../auth/system.js';
import type { CoreDeps, Mailer } from '../ports.js';

/** What sending takes: the messages and the clock (the mail functions wire nothing else: app/boot-mail.ts). */
export type SenderDeps = Pick<CoreDeps, 'messages' | 'clock'>;

import { caseEntity, claimable, MailError, SENDING, type StoredMessage } from './message.schema.js';

/*
 * The sender (docs/messages.md): claim a due message with a lease, send it through the mailer, store the
 * outcome with its audit event under the message's case. The stream-fed Lambda, the scheduled sweep and the
 * local timer all run these.
 */

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/**
 * The audit event of a message's change of state, kept under its case (the case record lists it). No address:
 * events are never rewritten, so they name the message by id and the message itself holds the recipient, which
 * erasure and retention can reach (docs/cases.md "Messages").
 */
function messageEvent(message: StoredMessage, at: Date, action: AuditAction): AuditEvent {
  return auditEvent(SCHEDULER, at, action, caseEntity(message.case), {
    messageId: message.id,
    kind: message.kind,
    status: message.status,
    attempts: message.attempts,
    version: message.version,
    ...(message.providerMessageId ? { providerMessageId: message.providerMessageId } : {}),
    ...(message.failure ? { reason: message.failure.reason } : {}),
  });
}

type Settled = { next: StoredMessage; outcome: Exclude<SendOutcome, 'skipped'> };

/** The claimed message without its lease, one version on. */
function released(claimed: StoredMessage): StoredMessage {
  const { leaseToken: _token, leaseUntil: _until, ...rest } = claimed;
  return { ...rest, version: claimed.version + 1 };
}

const sentState = (claimed: StoredMessage, at: Date, providerMessageId: string): Settled => ({
  next: { ...released(claimed), status: 'sent', providerMessageId, sentAt: at.toISOString() },
  outcome: 'sent',
});

/**
 * After a failed send: a permanent refusal fails the message with its reason; a passing fault puts it back to
 * wait (1, 2, 4, 8 min), until the last attempt fails it (RETRIES_EXHAUSTED). Anything that is not the mailer's
 * own MailError (a fault of ours) counts as passing: tried again, never forever.
 */
function faultState(claimed: StoredMessage, at: Date, thrown: unknown): Settled {
  const error = thrown instanceof MailError ? thrown : new MailError('UNAVAILABLE', String(thrown));
  const failed = (reason: 'TEMPLATE' | 'REJECTED' | 'RETRIES_EXHAUSTED'): Settled => ({
    next: {
      ...released(claimed),
      status: 'failed',
      failure: { reason, detail: error.detail, at: at.toISOString() },
    },
    outcome: 'failed',
  });
  if (error.reason !== 'UNAVAILABLE') return failed(error.reason);
  if (claimed.attempts >= SENDING.maxAttempts) return failed('RETRIES_EXHAUSTED');
  const nextAttemptAt = new Date(at.getTime() + SENDING.backoffMs(claimed.attempts)).toISOString();
  return { next: { ...released(claimed), status: 'pending', nextAttemptAt }, outcome: 'retry' };
}

/** Claims, sends and settles one message read as it is stored. */
async function deliver(deps: SenderDeps, mailer: Mailer, read: StoredMessage): Promise<SendOutcome> {
  const now = deps.clock.now();
  if (!claimable(read, now.toISOString())) return 'skipped';
  const claimed = await deps.messages.claim(read, {
    token: crypto.randomUUID(),
    until: new Date(now.getTime() + SENDING.leaseMs).toISOString(),
  });
  if (!claimed) return 'skipped';
  let settled: Settled;
  if (claimed.attempts > SENDING.maxAttempts) {
    // A lease that ran out after the last attempt: its sender died; no attempt is left.
    settled = faultState(claimed, now, new MailError('UNAVAILABLE', 'lease expired on the last attempt'));
  } else {
    try {
      settled = sentState(claimed, deps.clock.now(), (await mailer.send(claimed)).providerMessageId);
    } catch (error) {
      settled = faultState(claimed, deps.clock.now(), error);
    }
  }
  const { next, outcome } = settled;
  // A reschedule changes no case: the retry's attempt shows on the message; the outcome is audited.
  const audit =
    outcome === 'retry' ? undefined : messageEvent(next, deps.clock.now(), `message.${next.status}`);
  return (await deps.messages.settle(claimed, next, audit)) ? outcome : 'skipped';
}

/**
 * Sends one message if it is due (pending, or under an expired lease), exactly once among senders racing for it.
 * 'skipped' when it is not due, gone, or another sender holds it.
 */
export async function sendMessage(deps: SenderDeps, mailer: Mailer, id: string): Promise<SendOutcome> {
  const message = await deps.messages.get(id);
  return message ? deliver(deps, mailer, message) : 'skipped';
}

/**
 * Sends every due message (pending and due, or under an expired lease), `concurrency` at a time, until none is
 * left or `limit` were handled. A message is handled at most once per run.
 */
export async function drainOutbox(
  deps: SenderDeps,
  mailer: Mailer,
  opts: { limit?: number; concurrency?: number } = {},
): Promise<DrainResult> {
  const limit = opts.limit ?? 1_000;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const seen = new Set<string>();
  while (seen.size < limit) {
    const due = (
      await deps.messages.listDue(deps.clock.now().toISOString(), Math.min(100, limit - seen.size))
    ).filter((m) => !seen.has(m.id));
    // The index may still show what this run settled a moment ago: nothing new means done.
    if (due.length === 0) break;
    for (const m of due) seen.add(m.id);
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const message = due[next++] as StoredMessage;
        const outcome = await deliver(deps, mailer, message);
        if (outcome === 'sent') result.sent += 1;
        else if (outcome === 'retry') result.retried += 1;
        else if (outcome === 'failed') result.failed += 1;
        else result.skipped += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  }
  return result;
}

/**
 * Records what the mail service said after sending (SES events): a permanent bounce or a complaint marks the
 * message bounced or complained, with its reason; a passing bounce leaves it sent. Unknown or already marked
 * messages are left as they are (events may come twice).
 */
export async function recordDeliveryEvent(
  deps: SenderDeps,
  event: { messageId: string; type: 'bounce' | 'complaint'; detail: string; at: string; permanent?: boolean },
): Promise<void> {
  if (event.type === 'bounce' && !event.permanent) return;
  const message = await deps.messages.get(event.messageId);
  if (!message || message.status === 'bounced' || message.status === 'complained') return;
  const bounced = event.type === 'bounce';
  const next: StoredMessage = {
    ...message,
    status: bounced ? 'bounced' : 'complained',
    failure: { reason: bounced ? 'BOUNCED' : 'COMPLAINED', detail: event.detail, at: event.at },
    version: message.version + 1,
  };
  await deps.messages.recordDelivery(
    next,
    message.version,
    messageEvent(next, deps.clock.now(), `message.${next.status}`),
  );
}
