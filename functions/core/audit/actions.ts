import { REPORT_STATUSES } from '../finance/report.schema.js';
import { MESSAGE_STATUSES } from '../messages/message.schema.js';

/**
 * Every kind of audit event the code writes: `auditEvent()` takes only these, and the case view's words
 * (functions/texts/cases.ts) are typed by them, so a new kind without its Danish and English words does not
 * compile. Events stored earlier may carry others; the view words those by their code.
 */
export const AUDIT_ACTIONS = [
  'call.created',
  'call.updated',
  'call.opened',
  'call.closed',
  'application.created',
  'application.updated',
  'application.withdrawn',
  'application.submitted',
  'application.review_started',
  'application.decided',
  'review.assigned',
  'review.unassigned',
  'review.reopened',
  'review.saved',
  'review.submitted',
  'conflict.declared',
  'conflict.ruled',
  'meeting.recorded',
  'award.accepted',
  'award.disbursed',
  'award.refunded',
  'award.closed',
  ...REPORT_STATUSES.map((status) => `report.${status}` as const),
  'report.reminder_queued',
  'reminder.queued',
  'finance_year.created',
  'finance_year.updated',
  'contributions.computed',
  'contributions.sent',
  'contribution.payment_recorded',
  'contribution.adjusted',
  'populations.imported',
  'party.seeded',
  'party.details_updated',
  'demo.seeded',
  ...MESSAGE_STATUSES.map((status) => `message.${status}` as const),
  'message.resent',
  'user.synced',
  'case.viewed',
  'user.privacy_notice_seen',
  'erasure.requested',
  'erasure.completed',
  'retention.anonymised',
  'retention.deleted',
  'retention.reminded',
  'call.reopened',
  'application.call_closed_notice',
  'application.review_undone',
  'application.member_invited',
  'application.member_joined',
  'application.member_left',
  'application.member_removed',
  'application.invitation_revoked',
  'application.handed_over',
  'document.requested',
  'document.uploaded',
  'document.rejected',
  'document.deleted',
  'document.clean',
  'document.infected',
  'minutes.approved',
  'minutes.corrected',
  'session.started',
  'session.ended',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);
