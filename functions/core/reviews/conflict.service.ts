import type { Call } from '../calls/call.schema.js';
import { getCall } from '../calls/call.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, notFound } from '../shared/errors.js';
import { actorConflicted, requireChair, requireFreeOfConflict, withoutReviewContent } from './access.js';
import { loadApplicationInReview, reviewerLetter, toReviewerOf, updateAssignment } from './in-review.js';
import type { Assignment } from './review.schema.js';

/*
 * Conflicts of interest a reviewer declares (forvaltningsloven §§ 3-6), and the chair's ruling on each. Conflicts
 * the system finds by organisation need no declaration: see access.ts.
 */

/** A reviewer declares a conflict of interest on their assignment. @throws AppError NOT_FOUND, INVALID_STATE */
export async function declareConflict(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reason: string,
): Promise<Assignment> {
  const assignment = await deps.reviews.get(applicationId, ctx.actor.userId);
  if (!assignment) throw notFound('assignment');
  if (assignment.conflict) throw new AppError('INVALID_STATE', { code: 'CONFLICT_ALREADY_DECLARED' });
  return updateAssignment(
    deps,
    ctx.actor,
    assignment,
    (now) => ({ conflict: { declaredAt: now.toISOString(), reason } }),
    'conflict.declared',
    { reviewerId: ctx.actor.userId },
  );
}

/**
 * The chair rules on a declared conflict: recused or not. The ruling records who and when. A chair who is
 * conflicted with the application cannot rule on it. @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE
 */
export async function ruleOnConflict(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerId: string,
  ruling: { recused: boolean; note?: string | undefined },
): Promise<Assignment> {
  requireChair(ctx);
  const assignment = await deps.reviews.get(applicationId, reviewerId);
  if (!assignment?.conflict) throw notFound('declaration');
  if (assignment.conflict.ruling) throw new AppError('INVALID_STATE', { code: 'ALREADY_RULED' });
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  requireFreeOfConflict(
    ctx.actor,
    application,
    await deps.reviews.listByApplication(applicationId),
    await loadOrganisationTree(deps),
  );
  const declared = assignment.conflict;
  return updateAssignment(
    deps,
    ctx.actor,
    assignment,
    (now) => ({
      conflict: {
        ...declared,
        ruling: {
          recused: ruling.recused,
          byUserId: ctx.actor.userId,
          byName: ctx.actor.name,
          at: now.toISOString(),
          ...(ruling.note ? { note: ruling.note } : {}),
        },
      },
    }),
    'conflict.ruled',
    { reviewerId, recused: ruling.recused },
    // To the person who declared it: the reviewer of this assignment.
    (next, now) => [
      {
        ...toReviewerOf(next, now),
        kind: 'conflict.ruled',
        params: {
          ...reviewerLetter(next, call),
          recused: ruling.recused,
          ...(ruling.note ? { note: ruling.note } : {}),
        },
      },
    ],
  );
}

/**
 * Conflicts declared under a call, not yet ruled first; none on an application the reader is conflicted with
 * (who reviews it and why they stood aside is part of the case: admins rule there). @throws AppError FORBIDDEN
 */
export async function listCallConflicts(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
): Promise<Assignment[]> {
  requireChair(ctx);
  const [all, applications, tree] = await Promise.all([
    deps.reviews.listByCall(callId),
    deps.applications.listByCall(callId),
    loadOrganisationTree(deps),
  ]);
  const hidden = new Set(
    applications
      .filter((app) =>
        actorConflicted(
          ctx.actor,
          app,
          all.filter((a) => a.applicationId === app.id),
          tree,
        ),
      )
      .map((app) => app.id),
  );
  return all
    .filter((a) => a.conflict && !hidden.has(a.applicationId))
    .map(withoutReviewContent)
    .sort(
      (a, b) =>
        Number(Boolean(a.conflict?.ruling)) - Number(Boolean(b.conflict?.ruling)) ||
        (a.conflict?.declaredAt ?? '').localeCompare(b.conflict?.declaredAt ?? ''),
    );
}

/**
 * The chair's page of a call's declarations: the call, its declarations (unruled first), and the applications
 * the reader is conflicted with, on which they may not rule. @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getCallConflicts(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
): Promise<{ call: Call; declarations: Assignment[]; conflictedApplicationIds: string[] }> {
  requireChair(ctx);
  const call = await getCall(deps, ctx.actor, callId);
  const [declarations, applications, assignments, tree] = await Promise.all([
    listCallConflicts(deps, ctx, callId),
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
    loadOrganisationTree(deps),
  ]);
  const declaredOn = new Set(declarations.map((d) => d.applicationId));
  const conflictedApplicationIds = applications
    .filter(
      (application) =>
        declaredOn.has(application.id) &&
        actorConflicted(
          ctx.actor,
          application,
          assignments.filter((a) => a.applicationId === application.id),
          tree,
        ),
    )
    .map((application) => application.id);
  return { call, declarations, conflictedApplicationIds };
}
