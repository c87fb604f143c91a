import type { Application } from '../applications/application.schema.js';
import { auditEvent } from '../audit/audit.js';
import type { Call } from '../calls/call.schema.js';
import { getCall } from '../calls/call.service.js';
import { forgetOrganisationTree, loadOrganisationTree } from '../organisations/organisation.service.js';
import type { OrganisationTree } from '../organisations/tree.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, notFound } from '../shared/errors.js';
import { actorConflicted, requireChair, requireFreeOfConflict, withoutReviewContent } from './access.js';
import { organisationConflict } from './conflicts.js';
import { loadApplicationInReview, reviewerLetter, toReviewerOf, updateAssignment } from './in-review.js';
import type { Assignment, FoundConflict, FoundConflictRuling } from './review.schema.js';

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
): Promise<{
  call: Call;
  declarations: Assignment[];
  conflictedApplicationIds: string[];
  found: FoundConflict[];
}> {
  requireChair(ctx);
  const call = await getCall(deps, ctx.actor, callId);
  const [declarations, applications, assignments, tree, rulings] = await Promise.all([
    listCallConflicts(deps, ctx, callId),
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
    loadOrganisationTree(deps),
    deps.conflictRulings.list(),
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
  const found = await findConflicts(deps, ctx, applications, assignments, tree, rulings);
  return { call, declarations, conflictedApplicationIds, found };
}

/**
 * The conflicts the registry's tree finds between the applications and the people who handle them (their
 * reviewers and the board), with the chair's ruling on each; none on an application the reader is conflicted
 * with (admins rule there). Title order, then name.
 */
async function findConflicts(
  deps: CoreDeps,
  ctx: RequestContext,
  applications: readonly Application[],
  assignments: readonly Assignment[],
  tree: OrganisationTree,
  rulings: readonly FoundConflictRuling[],
): Promise<FoundConflict[]> {
  const users = await deps.users.listAll();
  const board = users.filter((u) => u.roles.includes('board'));
  const byId = new Map(users.map((u) => [u.userId, u]));
  const ruled = new Map(rulings.map((r) => [`${r.applicationId}#${r.userId}`, r]));
  const found: FoundConflict[] = [];
  for (const application of applications) {
    const own = assignments.filter((a) => a.applicationId === application.id);
    if (actorConflicted(ctx.actor, application, own, tree)) continue;
    const people = new Map<string, { userId: string; name: string; organisation?: string | undefined }>(
      board.map((u) => [u.userId, u]),
    );
    for (const a of own) {
      const user = byId.get(a.reviewerId);
      people.set(
        a.reviewerId,
        user ?? { userId: a.reviewerId, name: a.reviewerName, organisation: a.reviewerOrganisation },
      );
    }
    for (const person of people.values()) {
      const organisation = tree.organisationOf(person);
      const applicationOrganisation = organisationConflict(organisation, application, tree);
      if (!applicationOrganisation || !organisation) continue;
      const ruling = ruled.get(`${application.id}#${person.userId}`);
      found.push({
        applicationId: application.id,
        applicationTitle: application.title ?? '',
        ...(application.reference ? { applicationReference: application.reference } : {}),
        userId: person.userId,
        name: person.name,
        organisation,
        applicationOrganisation,
        ...(ruling ? { ruling } : {}),
      });
    }
  }
  return found.sort(
    (a, b) =>
      Number(Boolean(a.ruling)) - Number(Boolean(b.ruling)) ||
      a.applicationTitle.localeCompare(b.applicationTitle, 'da') ||
      a.name.localeCompare(b.name, 'da'),
  );
}

/**
 * The chair rules that a conflict the registry's tree found is none (say, a large region and one of its
 * hospitals), with a written reason: the person takes part in the application again. Recorded and audited
 * under the application (its case record). A chair conflicted with the application cannot rule on it; admins
 * can. @throws AppError FORBIDDEN, NOT_FOUND (no such application, person or found conflict), INVALID_STATE
 */
export async function ruleFoundConflictAway(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  userId: string,
  reason: string,
): Promise<FoundConflictRuling> {
  requireChair(ctx);
  const { application } = await loadApplicationInReview(deps, applicationId);
  const [assignments, tree, user] = await Promise.all([
    deps.reviews.listByApplication(applicationId),
    loadOrganisationTree(deps),
    deps.users.get(userId),
  ]);
  requireFreeOfConflict(ctx.actor, application, assignments, tree);
  const organisation = user && tree.organisationOf(user);
  const applicationOrganisation = organisationConflict(organisation, application, tree);
  if (!organisation || !applicationOrganisation) throw notFound('conflict');
  if (tree.ruledAway(userId, applicationId)) throw new AppError('INVALID_STATE', { code: 'ALREADY_RULED' });
  const now = deps.clock.now();
  const ruling: FoundConflictRuling = {
    applicationId,
    callId: application.callId,
    userId,
    organisation,
    applicationOrganisation,
    reason,
    byUserId: ctx.actor.userId,
    byName: ctx.actor.name,
    at: now.toISOString(),
  };
  await deps.conflictRulings.create(
    ruling,
    auditEvent(
      ctx.actor,
      now,
      'conflict.ruled_away',
      { type: 'application', id: applicationId },
      { userId, organisation, applicationOrganisation, reason },
    ),
  );
  forgetOrganisationTree(deps);
  return ruling;
}
