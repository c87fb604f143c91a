import type { AuditEvent, MessageCase, OutboxMessage } from '../audit/audit.js';
import type { MailKind } from '../shared/messages.js';

/*
 * A message as the sender keeps it (docs/messages.md): the outbox item core wrote with its cause, and the
 * sender's state. pending -> sending -> sent, or failed / bounced / complained; nothing is retried forever.
 */

export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'bounced', 'complained'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Why a message did not reach its reader: what an admin can act on. */
export const MESSAGE_FAILURES = [
  /** No e-mail address is known for the recipient (a party without an invoicing e-mail). */
  'NO_ADDRESS',
  /** The message could not be composed (a value its text needs is missing). */
  'TEMPLATE',
  /** The mail service refused it for good (an invalid address, a rejected message). */
  'REJECTED',
  /** Passing faults on every one of the attempts allowed. */
  'RETRIES_EXHAUSTED',
  /** The recipient's mail server bounced it (SES event). */
  'BOUNCED',
  /** The recipient marked it as spam (SES event). */
  'COMPLAINED',
] as const;
export type MessageFailureReason = (typeof MESSAGE_FAILURES)[number];

export interface MessageFailure {
  reason: MessageFailureReason;
  /** The provider's words, as they came (an SMTP reply, an SES error or bounce type): for the admin. */
  detail?: string;
  at: string;
}

export type StoredMessage = OutboxMessage & {
  status: MessageStatus;
  /** Sends tried so far. */
  attempts: number;
  /** A pending message is due from then (backoff after a passing fault). */
  nextAttemptAt: string;
  /** The MIME Message-ID, fixed when the item was written: a retry reuses it. */
  headerMessageId: string;
  leaseToken?: string;
  leaseUntil?: string;
  providerMessageId?: string;
  sentAt?: string;
  failure?: MessageFailure;
  /** Set when the message is a resend of another. */
  resendOf?: string;
  /** Set on a message that was sent again: the new message's id (a message is resent once). */
  resentAs?: string;
  /**
   * When its recipient, the names and the free text in its values were replaced (retention.ts
   * `anonymisedMessage`): its case was anonymised, its draft deleted, or its recipient erased. No longer listed
   * under any recipient.
   */
  anonymisedAt?: string;
  version: number;
};

/**
 * The entity a message's audit events are kept under: its case (a party's with the finance area's events).
 * The resend and the sender's outcomes both use it, so a case record lists every event of its messages.
 */
export function caseEntity(messageCase: MessageCase): { type: AuditEvent['entityType']; id: string } {
  return messageCase.kind === 'party'
    ? { type: 'finance', id: messageCase.id }
    : { type: messageCase.kind, id: messageCase.id };
}

/** The host part of every Message-ID the platform writes (`<id@host>`): fixed with the item, so a retry reuses it. */
export const MESSAGE_ID_HOST = 'messages.fim.rm.dk';

/**
 * A message as it is first stored, in the transaction of its cause: pending and due at once, or failed
 * (NO_ADDRESS) when no address is known, so the cause still commits and the page can say why.
 */
export function storedMessage(message: OutboxMessage): StoredMessage {
  const base = {
    ...message,
    attempts: 0,
    nextAttemptAt: message.createdAt,
    headerMessageId: `<${message.id}@${MESSAGE_ID_HOST}>`,
    version: 1,
  };
  return message.to.trim() === ''
    ? { ...base, status: 'failed', failure: { reason: 'NO_ADDRESS', at: message.createdAt } }
    : { ...base, status: 'pending' };
}

/** Whether a sender may claim the message now: pending and due, or sending under a lease that ran out. */
export const claimable = (m: StoredMessage, now: string): boolean =>
  (m.status === 'pending' && m.nextAttemptAt <= now) ||
  (m.status === 'sending' && (m.leaseUntil ?? '') < now);

/** A message claimed under `lease`: sending, the lease, one attempt more, one version on. */
export const claimedState = (
  read: StoredMessage,
  lease: { token: string; until: string },
): StoredMessage => ({
  ...read,
  status: 'sending',
  leaseToken: lease.token,
  leaseUntil: lease.until,
  attempts: read.attempts + 1,
  version: read.version + 1,
});

/** The time that places a message in its status's queue: pending, when due; sending, the lease's end; else written. */
export const queueTime = (m: StoredMessage): string =>
  (m.status === 'pending' ? m.nextAttemptAt : m.status === 'sending' ? m.leaseUntil : undefined) ??
  m.createdAt;

/** How often and how long the sender tries. */
export const SENDING = {
  maxAttempts: 5,
  /** A claim holds a message this long; then another sender may take it. */
  leaseMs: 60_000,
  /** Backoff after a passing fault: 1, 2, 4, 8 minutes. */
  backoffMs: (attempt: number) => 60_000 * 2 ** Math.max(0, attempt - 1),
} as const;

export interface MessageFilter {
  status?: MessageStatus;
  kind?: MailKind;
  /** Only the messages of this case kind (finance sees the parties' messages). */
  caseKind?: OutboxMessage['case']['kind'];
}

export interface MessagePage {
  items: StoredMessage[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/** A composed e-mail as the mailer sends it. */
export interface SendResult {
  providerMessageId: string;
}

/**
 * What a mailer throws when a send fails: `permanent` for a refusal that will not change (an invalid address,
 * a rejected message, a text that cannot be composed), otherwise a passing fault (service down, throttled).
 */
export class MailError extends Error {
  constructor(
    readonly reason: 'TEMPLATE' | 'REJECTED' | 'UNAVAILABLE',
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'MailError';
  }
  get permanent(): boolean {
    return this.reason !== 'UNAVAILABLE';
  }
}
