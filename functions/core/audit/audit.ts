import type { Principal } from '../auth/principal.js';

/**
 * One state change, written in the same DynamoDB transaction as the change itself. Kept under the entity it
 * concerns, so an entity's case record (aktindsigt) is one Query.
 */
export interface AuditEvent {
  id: string;
  at: string;
  actor: { userId: string; email: string };
  action: string;
  entityType: 'call' | 'application' | 'meeting' | 'finance' | 'award' | 'user';
  entityId: string;
  /** What changed, in brief: status moves, version, reference. Never a whole document. */
  details: Record<string, string | number | boolean | null>;
}

/** A message waiting to be sent (e-mail), written in the same transaction as its cause. */
export interface OutboxMessage {
  id: string;
  createdAt: string;
  kind: 'application.receipt' | 'application.decision' | 'contribution.demand' | 'report.reminder';
  to: string;
  subject: string;
  body: string;
  entityId: string;
}

export function auditEvent(
  actor: Principal,
  at: Date,
  action: string,
  entity: { type: AuditEvent['entityType']; id: string },
  details: AuditEvent['details'] = {},
): AuditEvent {
  return {
    id: crypto.randomUUID(),
    at: at.toISOString(),
    actor: { userId: actor.userId, email: actor.email },
    action,
    entityType: entity.type,
    entityId: entity.id,
    details,
  };
}
