import type { Application } from '../applications/application.schema.js';
import { callNamed } from '../applications/letters.js';
import type { AuditAction } from '../audit/actions.js';
import { type AuditEvent, auditEvent, envelope, type OutboxMessage } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import type { CoreDeps } from '../ports.js';
import { notFound } from '../shared/errors.js';
import type { Assignment } from './review.schema.js';

/*
 * What the assignment, review and conflict services share: the application as it stands in review, and the
 * one way an assignment changes (a new version with its audit event).
 */

/** Applications the reviewers work on: in review, or waiting for funds (still open to a decision). */
export const reviewable = (application: Pick<Application, 'status'>): boolean =>
  application.status === 'in_review' || application.status === 'waiting_list';

/** An application past draft with its call. @throws AppError NOT_FOUND */
export async function loadApplicationInReview(
  deps: CoreDeps,
  applicationId: string,
): Promise<{ application: Application; call: Call }> {
  const application = await deps.applications.get(applicationId);
  if (!application || application.status === 'draft') throw notFound('application');
  const call = await loadCall(deps, application.callId);
  return { application, call };
}

/**
 * Stores the next state of an assignment read at `current`, with its audit event under the application, in
 * one write conditioned on the version read. @throws AppError VERSION_CONFLICT
 */
export async function updateAssignment(
  deps: CoreDeps,
  actor: Principal,
  current: Assignment,
  change: (now: Date) => Partial<Omit<Assignment, 'version'>>,
  action: AuditAction,
  details: AuditEvent['details'],
  outbox?: (next: Assignment, now: Date) => OutboxMessage[],
): Promise<Assignment> {
  const now = deps.clock.now();
  const next: Assignment = { ...current, ...change(now), version: current.version + 1 };
  await deps.reviews.save(
    next,
    auditEvent(actor, now, action, { type: 'application', id: current.applicationId }, details),
    current.version,
    outbox?.(next, now),
  );
  return next;
}

/** The envelope of an e-mail to the reviewer of `assignment`, queued `now`: the review's page is its link. */
export const toReviewerOf = (assignment: Assignment, now: Date) =>
  envelope(
    now,
    assignment.reviewerEmail,
    { kind: 'application', id: assignment.applicationId },
    `/reviews/${assignment.applicationId}`,
  );

/** The reviewer and the application as a letter to the reviewer names them. */
export const reviewerLetter = (assignment: Assignment, call: Call) => ({
  reviewerName: assignment.reviewerName,
  reference: assignment.applicationReference ?? '',
  title: assignment.applicationTitle,
  ...callNamed(call),
  ...(call.reviewDueAt ? { dueDate: call.reviewDueAt } : {}),
});
