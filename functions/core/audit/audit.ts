import type { Principal } from '../auth/principal.js';
import type { MailKind, MailParams } from '../shared/messages.js';
import type { AuditAction } from './actions.js';

/**
 * One state change, written in the same DynamoDB transaction as the change itself. Kept under the entity it
 * concerns, so an entity's case record (aktindsigt) is one Query.
 */
export interface AuditEvent {
  id: string;
  at: string;
  /**
   * Who did it, by user id only: events are never rewritten, so they hold no name or e-mail that erasure would
   * have to reach (the directory resolves the id when a record is read; docs/cases.md). Events stored before
   * the audit table may carry the e-mail; the backfill copies them without it.
   */
  actor: { userId: string; email?: string };
  action: string;
  entityType: 'call' | 'application' | 'meeting' | 'finance' | 'award' | 'user' | 'party' | 'organisation';
  entityId: string;
  /** What changed, in brief: status moves, version, reference. Never a whole document. */
  details: Record<string, string | number | boolean | null>;
}

/** What a message concerns: its case, so the case record lists it and finance sees the parties' messages. */
export type MessageCase = {
  kind: 'application' | 'award' | 'party' | 'meeting' | 'call' | 'user';
  id: string;
};

interface OutboxBase {
  id: string;
  createdAt: string;
  /** The recipient's e-mail address; '' when none is known (the message is then stored as failed, NO_ADDRESS). */
  to: string;
  case: MessageCase;
  /** The page the message concerns, as a path of the site (`/applications/…`): the e-mail links to it. */
  link: string;
}

/**
 * A message waiting to be sent (e-mail), written in the same transaction as its cause: its kind and the
 * values it speaks of. The words come from the catalogue when it is composed (functions/texts `composeMail`).
 */
export type OutboxMessage = OutboxBase & { [K in MailKind]: { kind: K; params: MailParams[K] } }[MailKind];

/** The envelope of a message queued `now`: a new id, the recipient, the case and the page it links to. */
export const envelope = (now: Date, to: string, about: MessageCase, link: string): OutboxBase => ({
  id: crypto.randomUUID(),
  createdAt: now.toISOString(),
  to,
  case: about,
  link,
});

export function auditEvent(
  actor: Principal,
  at: Date,
  action: AuditAction,
  entity: { type: AuditEvent['entityType']; id: string },
  details: AuditEvent['details'] = {},
): AuditEvent {
  return {
    id: crypto.randomUUID(),
    at: at.toISOString(),
    actor: { userId: actor.userId },
    action,
    entityType: entity.type,
    entityId: entity.id,
    details,
  };
}
