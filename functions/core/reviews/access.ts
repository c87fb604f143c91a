import type { Application } from '../applications/application.schema.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { OrganisationTree } from '../organisations/tree.js';
import type { RequestContext } from '../ports.js';
import { AppError, forbidden } from '../shared/errors.js';
import { organisationConflict } from './conflicts.js';
import type { Assignment, PersonConflict } from './review.schema.js';

/*
 * Who may do what in review and on the board, and who is conflicted with an application. Every service of
 * the reviews, decisions and project reports decides with these; no route decides on its own.
 */

/** The chair (or an admin) assigns reviewers and rules on conflicts. */
export const isChairOrAdmin = (actor: Principal): boolean =>
  isAdmin(actor) || (actor.chair && hasRole(actor, 'board'));

/** Board members and admins read the ranking and record decisions. */
export const isBoardOrAdmin = (actor: Principal): boolean => isAdmin(actor) || hasRole(actor, 'board');

/** @throws AppError FORBIDDEN unless the actor chairs the board or is an admin */
export function requireChair(ctx: RequestContext): void {
  if (!isChairOrAdmin(ctx.actor)) throw forbidden();
}

/** @throws AppError FORBIDDEN unless the actor is on the board or an admin */
export function requireBoard(actor: Principal): void {
  if (!isBoardOrAdmin(actor)) throw forbidden();
}

/** @throws AppError FORBIDDEN unless the actor reviews */
export function requireReviewer(actor: Principal): void {
  if (!hasRole(actor, 'reviewer')) throw forbidden();
}

/** A declared conflict counts until the chair rules it is none. */
export const isRecusedOrPending = (a: Assignment): boolean =>
  Boolean(a.conflict && (!a.conflict.ruling || a.conflict.ruling.recused));

/**
 * When the reviewer was done with an assignment: their review submitted, or they were recused. Absent while it
 * is still open (their queue shows every open one, and the finished ones a page at a time, newest first).
 */
export function finishedAt(a: Assignment): string | undefined {
  if (a.conflict?.ruling?.recused) return a.conflict.ruling.at;
  return a.review.status === 'submitted' ? (a.review.submittedAt ?? a.assignedAt) : undefined;
}

/**
 * Is this person conflicted with this application: by organisation (their own pick, else the identity
 * provider's: the same, or one inside the other in the registry's `tree`, unless the chair ruled it away), or
 * by a declared conflict?
 */
export function personConflict(
  person: { userId: string; organisation?: string | undefined },
  application: Application,
  assignments: readonly Assignment[],
  tree: OrganisationTree,
): PersonConflict | undefined {
  // A found conflict the chair ruled away no longer counts; a declared one is judged on its own below.
  const organisation = tree.ruledAway(person.userId, application.id)
    ? undefined
    : organisationConflict(tree.organisationOf(person), application, tree);
  if (organisation) return { ground: 'organisation', reason: organisation };
  const declared = assignments.find((a) => a.reviewerId === person.userId && isRecusedOrPending(a));
  return declared ? { ground: 'declared', reason: declared.conflict?.reason ?? '' } : undefined;
}

/** Conflicted, unless an admin: admins run the case where the board members are conflicted. */
export const actorConflicted = (
  actor: Principal,
  application: Application,
  assignments: readonly Assignment[],
  tree: OrganisationTree,
): boolean => !isAdmin(actor) && personConflict(actor, application, assignments, tree) !== undefined;

/** The refusal of someone conflicted with the application. */
export const conflicted = (): AppError => new AppError('FORBIDDEN', { code: 'CONFLICTED' });

/**
 * A chair who is conflicted with an application takes no part in its handling (forvaltningsloven § 3): no
 * assigning, removing, reopening or ruling on it. Admins run the case then. @throws AppError FORBIDDEN
 */
export function requireFreeOfConflict(
  actor: Principal,
  application: Application,
  assignments: readonly Assignment[],
  tree: OrganisationTree,
): void {
  if (actorConflicted(actor, application, assignments, tree)) throw conflicted();
}

/**
 * An assignment as the chair manages it: who, the conflict and the review's status, but not its scores or
 * comments. Managing assignments must not show reviews to a chair who is conflicted with the application;
 * the reviews themselves are read through listApplicationReviews, which checks for conflicts.
 */
export function withoutReviewContent(assignment: Assignment): Assignment {
  const { status, submittedAt, reopenedAt } = assignment.review;
  return {
    ...assignment,
    review: {
      status,
      scores: {},
      comments: {},
      ...(submittedAt ? { submittedAt } : {}),
      ...(reopenedAt ? { reopenedAt } : {}),
    },
  };
}
