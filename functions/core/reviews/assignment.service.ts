import type { Application } from '../applications/application.schema.js';
import { auditEvent } from '../audit/audit.js';
import type { Call } from '../calls/call.schema.js';
import { getCall, loadCall } from '../calls/call.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { OrganisationTree } from '../organisations/tree.js';
import type { CoreDeps, RequestContext, UserProfile } from '../ports.js';
import { AppError, type FieldError, notFound } from '../shared/errors.js';
import {
  actorConflicted,
  isRecusedOrPending,
  personConflict,
  requireChair,
  requireFreeOfConflict,
  withoutReviewContent,
} from './access.js';
import { organisationConflict } from './conflicts.js';
import {
  loadApplicationInReview,
  reviewable,
  reviewerLetter,
  toReviewerOf,
  updateAssignment,
} from './in-review.js';
import { getRanking } from './ranking.js';
import type { Assignment, AssignmentPlan } from './review.schema.js';
import { listApplicationReviews } from './review.service.js';
import { suggestAssignment } from './suggestion.js';

/** The people who may review: users with the reviewer role. @throws AppError FORBIDDEN */
export async function listReviewers(deps: CoreDeps, ctx: RequestContext): Promise<UserProfile[]> {
  requireChair(ctx);
  return (await deps.users.listAll()).filter((u) => u.roles.includes('reviewer'));
}

/**
 * Checks that each person may review this application: a reviewer, not already on it, and free of any
 * organisation conflict. Returns their profiles, and the errors naming each reason (by `pointer/i`).
 */
async function checkAssignable(
  deps: CoreDeps,
  application: Application,
  reviewerIds: readonly string[],
  existing: readonly Assignment[],
  pointer: string,
  tree: OrganisationTree,
): Promise<{ profiles: UserProfile[]; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const profiles: UserProfile[] = [];
  for (const [i, reviewerId] of reviewerIds.entries()) {
    const profile = await deps.users.get(reviewerId);
    if (!profile?.roles.includes('reviewer')) {
      errors.push({ pointer: `${pointer}/${i}`, code: 'NOT_A_REVIEWER', params: { reviewerId } });
      continue;
    }
    if (existing.some((a) => a.reviewerId === reviewerId)) continue;
    const organisation = organisationConflict(tree.organisationOf(profile), application, tree);
    if (organisation) {
      errors.push({
        pointer: `${pointer}/${i}`,
        code: 'CONFLICT_OF_INTEREST',
        params: { reviewerName: profile.name, organisation },
      });
      continue;
    }
    profiles.push(profile);
  }
  return { profiles, errors };
}

async function createAssignments(
  deps: CoreDeps,
  ctx: RequestContext,
  application: Application,
  call: Call,
  profiles: UserProfile[],
  tree: OrganisationTree,
) {
  const created: Assignment[] = [];
  for (const profile of profiles) {
    const now = deps.clock.now();
    const organisation = tree.organisationOf(profile);
    const assignment: Assignment = {
      applicationId: application.id,
      callId: application.callId,
      applicationTitle: application.title ?? '',
      ...(application.reference ? { applicationReference: application.reference } : {}),
      reviewerId: profile.userId,
      reviewerName: profile.name,
      reviewerEmail: profile.email,
      ...(organisation ? { reviewerOrganisation: organisation } : {}),
      assignedAt: now.toISOString(),
      assignedBy: ctx.actor.userId,
      review: { status: 'not_started', scores: {}, comments: {} },
      version: 1,
    };
    try {
      await deps.reviews.save(
        assignment,
        auditEvent(
          ctx.actor,
          now,
          'review.assigned',
          { type: 'application', id: application.id },
          { reviewerId: profile.userId },
        ),
        undefined,
        [
          {
            ...toReviewerOf(assignment, now),
            kind: 'review.assigned',
            params: reviewerLetter(assignment, call),
          },
        ],
      );
      created.push(assignment);
    } catch (error) {
      // Assigned by someone else meanwhile: the end state is what was asked for.
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
    }
  }
  return created;
}

/**
 * Assigns reviewers to an application in review. Nobody with a conflict can be assigned (422 naming it).
 * @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE, RULES_FAILED
 */
export async function assignReviewers(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerIds: readonly string[],
): Promise<Assignment[]> {
  requireChair(ctx);
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  if (!reviewable(application)) throw new AppError('INVALID_STATE', { code: 'NOT_IN_REVIEW' });
  const [existing, tree] = await Promise.all([
    deps.reviews.listByApplication(applicationId),
    loadOrganisationTree(deps),
  ]);
  requireFreeOfConflict(ctx.actor, application, existing, tree);
  const { profiles, errors } = await checkAssignable(
    deps,
    application,
    reviewerIds,
    existing,
    '/reviewerIds',
    tree,
  );
  if (errors.length > 0) throw new AppError('RULES_FAILED', { code: 'CANNOT_ASSIGN' }, { errors });
  await createAssignments(deps, ctx, application, call, profiles, tree);
  return (await deps.reviews.listByApplication(applicationId)).map(withoutReviewContent);
}

/**
 * A reviewer's assignment the chair is about to change; a chair conflicted with the application may not.
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
async function loadForChair(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerId: string,
): Promise<Assignment> {
  requireChair(ctx);
  const assignment = await deps.reviews.get(applicationId, reviewerId);
  if (!assignment) throw notFound('assignment');
  const { application } = await loadApplicationInReview(deps, applicationId);
  requireFreeOfConflict(
    ctx.actor,
    application,
    await deps.reviews.listByApplication(applicationId),
    await loadOrganisationTree(deps),
  );
  return assignment;
}

/** Takes a reviewer off an application whose review is not submitted. @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE */
export async function unassignReviewer(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerId: string,
): Promise<void> {
  const assignment = await loadForChair(deps, ctx, applicationId, reviewerId);
  if (assignment.review.status === 'submitted')
    throw new AppError('INVALID_STATE', { code: 'CANNOT_REMOVE_SUBMITTED' });
  const now = deps.clock.now();
  const call = await loadCall(deps, assignment.callId);
  await deps.reviews.remove(
    assignment,
    auditEvent(
      ctx.actor,
      now,
      'review.unassigned',
      { type: 'application', id: applicationId },
      { reviewerId },
    ),
    [
      {
        ...toReviewerOf(assignment, now),
        kind: 'review.unassigned',
        params: reviewerLetter(assignment, call),
      },
    ],
  );
}

/** The chair reopens a submitted review. @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE */
export async function reopenReview(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerId: string,
): Promise<Assignment> {
  const assignment = await loadForChair(deps, ctx, applicationId, reviewerId);
  if (assignment.review.status !== 'submitted')
    throw new AppError('INVALID_STATE', { code: 'REVIEW_NOT_SUBMITTED' });
  const next = await updateAssignment(
    deps,
    ctx.actor,
    assignment,
    (now) => ({ review: { ...assignment.review, status: 'draft', reopenedAt: now.toISOString() } }),
    'review.reopened',
    { reviewerId, version: assignment.version + 1 },
  );
  return withoutReviewContent(next);
}

export interface SuggestedAssignment {
  applicationId: string;
  title: string;
  /** The reader is conflicted with this application: nothing is suggested, another person assigns. */
  conflicted: boolean;
  reference?: string | undefined;
  assigned: string[];
  suggested: string[];
}

/** A suggested assignment for every application of the call in review; nothing is stored. @throws AppError FORBIDDEN, NOT_FOUND */
export async function suggestCallAssignment(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
): Promise<SuggestedAssignment[]> {
  requireChair(ctx);
  const call = await loadCall(deps, callId);
  const [applications, assignments, reviewers, tree] = await Promise.all([
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
    listReviewers(deps, ctx),
    loadOrganisationTree(deps),
  ]);
  const chairConflicted = (app: Application) =>
    actorConflicted(
      ctx.actor,
      app,
      assignments.filter((a) => a.applicationId === app.id),
      tree,
    );
  const inReview = applications.filter(reviewable);
  const input = inReview
    .filter((app) => !chairConflicted(app))
    .map((app) => {
      const mine = assignments.filter((a) => a.applicationId === app.id);
      return {
        id: app.id,
        assigned: mine.filter((a) => !isRecusedOrPending(a)).map((a) => a.reviewerId),
        conflicted: reviewers
          .filter((r) => personConflict(r, app, mine, tree) || mine.some((a) => a.reviewerId === r.userId))
          .map((r) => r.userId),
      };
    });
  // Reviewers already on an application (in any state) are not suggested again: `conflicted` covers them.
  const suggestion = suggestAssignment({
    applications: input.map((a) => ({
      ...a,
      conflicted: a.conflicted.filter((r) => !a.assigned.includes(r)),
    })),
    reviewerIds: reviewers.map((r) => r.userId),
    perApplication: call.reviewersPerApplication,
  });
  return inReview.map((app) => ({
    applicationId: app.id,
    title: app.title ?? '',
    conflicted: chairConflicted(app),
    reference: app.reference,
    assigned: input.find((i) => i.id === app.id)?.assigned ?? [],
    suggested: suggestion.get(app.id) ?? [],
  }));
}

/**
 * Confirms an assignment for several applications (a suggestion as edited by the chair). Every check runs
 * before anything is stored. @throws AppError FORBIDDEN, NOT_FOUND, RULES_FAILED
 */
export async function confirmCallAssignment(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  plan: AssignmentPlan,
): Promise<number> {
  requireChair(ctx);
  const checked: { application: Application; call: Call; profiles: UserProfile[] }[] = [];
  const errors: FieldError[] = [];
  const tree = await loadOrganisationTree(deps);
  for (const [i, entry] of plan.entries()) {
    const pointer = `/assignments/${i}`;
    const { application, call } = await loadApplicationInReview(deps, entry.applicationId);
    if (application.callId !== callId || !reviewable(application)) {
      errors.push({ pointer: `${pointer}/applicationId`, code: 'INVALID_STATE', params: {} });
      continue;
    }
    const existing = await deps.reviews.listByApplication(application.id);
    if (actorConflicted(ctx.actor, application, existing, tree)) {
      errors.push({ pointer: `${pointer}/applicationId`, code: 'CONFLICT_OF_INTEREST', params: {} });
      continue;
    }
    const found = await checkAssignable(
      deps,
      application,
      entry.reviewerIds,
      existing,
      `${pointer}/reviewerIds`,
      tree,
    );
    errors.push(...found.errors);
    checked.push({ application, call, profiles: found.profiles });
  }
  if (errors.length > 0) throw new AppError('RULES_FAILED', { code: 'CANNOT_CONFIRM_PLAN' }, { errors });
  let count = 0;
  for (const { application, call, profiles } of checked)
    count += (await createAssignments(deps, ctx, application, call, profiles, tree)).length;
  return count;
}

/** An application of the call as the chair's assignment page lists it: its reviewers unless the reader is conflicted. */
export interface AssignmentRow {
  applicationId: string;
  title: string;
  /** Absent where the reader is conflicted: they see the title only. */
  reference?: string | undefined;
  status?: Application['status'] | undefined;
  conflicted: boolean;
  assignments: Assignment[];
}

/**
 * The chair's view of a call's assignment: the call, its applications by reference (each with its reviewers
 * and their reviews, unless the reader is conflicted with it), and the people who may review.
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getCallAssignment(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
): Promise<{ call: Call; rows: AssignmentRow[]; reviewers: UserProfile[] }> {
  requireChair(ctx);
  const call = await getCall(deps, ctx.actor, callId);
  const [ranking, reviewers] = await Promise.all([
    getRanking(deps, ctx.actor, callId),
    listReviewers(deps, ctx),
  ]);
  const byReference = [...ranking.rows].sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? ''));
  const rows = await Promise.all(
    byReference.map(async (r) => ({
      applicationId: r.applicationId,
      title: r.title,
      reference: r.reference,
      status: r.status,
      conflicted: r.conflicted,
      assignments: r.conflicted ? [] : await listApplicationReviews(deps, ctx.actor, r.applicationId),
    })),
  );
  return { call, rows, reviewers };
}
