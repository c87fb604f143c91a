import type { ReportStatus } from '../finance/report.schema.js';
import type { MessageStatus } from '../messages/message.schema.js';

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
  'conflict.ruled_away',
  'meeting.recorded',
  'award.accepted',
  'award.disbursed',
  'award.refunded',
  'award.closed',
  'report.due',
  'report.submitted',
  'report.returned',
  'report.approved',
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
  'message.pending',
  'message.sending',
  'message.sent',
  'message.failed',
  'message.bounced',
  'message.complained',
  'message.resent',
  'user.synced',
  'profile.updated',
  'profile.cleared',
  'case.viewed',
  'user.privacy_notice_seen',
  'erasure.requested',
  'erasure.completed',
  'retention.anonymised',
  'retention.deleted',
  'retention.reminded',
  'message.anonymised',
  'erasure.messages_anonymised',
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
  'organisation.created',
  'organisation.updated',
  'organisation.seeded',
  'organisation.placed',
  'export.requested',
  'export.started',
  'export.ready',
  'export.failed',
  'export.link_issued',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// Listed by hand, not mapped from the schemas' status lists: importing those would bundle zod into the jobs
// that write events (docs/infra.md, Cold start). These fail to compile when a status has no event kind.
type Covers<T extends AuditAction> = T;
export type ReportStatusEvents = Covers<`report.${ReportStatus}`>;
export type MessageStatusEvents = Covers<`message.${MessageStatus}`>;

export const isAuditAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);
