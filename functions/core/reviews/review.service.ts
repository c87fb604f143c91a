import type { Application } from '../applications/application.schema.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, type FieldError, forbidden, notFound, versionConflict } from '../shared/errors.js';
import { actorConflicted, isBoardOrAdmin, isRecusedOrPending } from './access.js';
import { loadApplicationInReview, reviewable, updateAssignment } from './in-review.js';
import type { Assignment, ReviewInput } from './review.schema.js';

/*
 * The reviewer's own work: the queue, the review beside the application (blind where the call says so), the
 * draft and its submission; and who may read the reviews of an application.
 */

/** Finished assignments on a page of the reviewer's queue. */
export const FINISHED_REVIEWS_PAGE = 25;

/**
 * The signed-in reviewer's queue: on the first page every open assignment (what they must still do), by call,
 * then a page of the finished ones (submitted, or recused), newest first, and the cursor of the next page of
 * finished ones (which leaves out the open ones). Two Queries whatever the number they have finished.
 */
export async function listMyAssignments(
  deps: CoreDeps,
  actor: Principal,
  page: { cursor?: string } = {},
): Promise<{ items: Assignment[]; cursor?: string }> {
  const [open, finished] = await Promise.all([
    page.cursor ? [] : deps.reviews.listOpenByReviewer(actor.userId),
    deps.reviews.listFinishedByReviewer(actor.userId, {
      limit: FINISHED_REVIEWS_PAGE,
      ...(page.cursor ? { cursor: page.cursor } : {}),
    }),
  ]);
  return {
    items: [...open, ...finished.items].map(asRecusedSees),
    ...(finished.cursor ? { cursor: finished.cursor } : {}),
  };
}

/** A reviewer who stood aside keeps the title of the application and their declaration, not its reference. */
function asRecusedSees(assignment: Assignment): Assignment {
  if (!isRecusedOrPending(assignment)) return assignment;
  const { applicationReference: _reference, ...rest } = assignment;
  return rest;
}

/**
 * A page of the reviewer's queue (listMyAssignments) with the calls it falls under: two Queries and one
 * BatchGetItem of the calls (per 100 calls).
 */
export async function listMyReviewQueue(
  deps: CoreDeps,
  actor: Principal,
  page: { cursor?: string } = {},
): Promise<{ assignments: Assignment[]; calls: Call[]; cursor?: string }> {
  const { items, cursor } = await listMyAssignments(deps, actor, page);
  return {
    assignments: items,
    calls: await deps.calls.getMany(items.map((a) => a.callId)),
    ...(cursor ? { cursor } : {}),
  };
}

/** The application as a reviewer may see it: blind review hides who applied and who to contact. */
export function applicationForReviewer(application: Application, call: Call): Application {
  if (!call.blindReview) return application;
  const { ownerName, ownerEmail, ownerOrganisation, ...rest } = application;
  return {
    ...rest,
    ownerId: '',
    ownerName: '',
    ownerEmail: '',
    partners: application.partners.map((p) => ({
      ...(p.sector ? { sector: p.sector } : {}),
      ...(p.role ? { role: p.role } : {}),
    })),
  };
}

export interface ReviewerView {
  assignment: Assignment;
  call: Call;
  /** Absent while the reviewer is conflicted: they see the title only. */
  application?: Application;
}

async function loadOwnAssignment(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Assignment> {
  const assignment = await deps.reviews.get(applicationId, actor.userId);
  if (!assignment) throw notFound('assignment');
  return assignment;
}

/** The reviewer's own assignment with the application beside it. @throws AppError NOT_FOUND */
export async function getMyReview(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<ReviewerView> {
  const assignment = await loadOwnAssignment(deps, actor, applicationId);
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  if (isRecusedOrPending(assignment)) return { assignment: asRecusedSees(assignment), call };
  return { assignment, call, application: applicationForReviewer(application, call) };
}

function checkScores(call: Call, input: ReviewInput): FieldError[] {
  const known = new Set(call.criteria.map((c) => c.id));
  return (['scores', 'comments'] as const).flatMap((field) =>
    Object.keys(input[field])
      .filter((id) => !known.has(id))
      .map(
        (id): FieldError => ({
          pointer: `/${field}/${id}`,
          code: 'UNKNOWN_CRITERION',
          params: { criterionId: id },
        }),
      ),
  );
}

async function loadOwnForWork(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
  expectedVersion: number | undefined,
) {
  const assignment = await loadOwnAssignment(deps, actor, applicationId);
  if (expectedVersion !== undefined && expectedVersion !== assignment.version) throw versionConflict();
  if (isRecusedOrPending(assignment)) throw new AppError('INVALID_STATE', { code: 'YOU_DECLARED_CONFLICT' });
  if (assignment.review.status === 'submitted')
    throw new AppError('INVALID_STATE', { code: 'REVIEW_SUBMITTED' });
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  if (!reviewable(application)) throw new AppError('INVALID_STATE', { code: 'APPLICATION_DECIDED' });
  return { assignment, call };
}

/** Saves the reviewer's draft. @throws AppError NOT_FOUND, VERSION_CONFLICT, INVALID_STATE, RULES_FAILED */
export async function saveReview(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: ReviewInput,
  expectedVersion: number,
): Promise<Assignment> {
  const { assignment, call } = await loadOwnForWork(deps, ctx.actor, applicationId, expectedVersion);
  const unknown = checkScores(call, input);
  if (unknown.length > 0)
    throw new AppError('RULES_FAILED', { code: 'UNKNOWN_CRITERIA' }, { errors: unknown });
  // The review is replaced as a whole: what the reviewer left out is gone.
  const { recommendation: _before, overallComment: _said, ...kept } = assignment.review;
  return updateAssignment(
    deps,
    ctx.actor,
    assignment,
    () => ({
      review: {
        ...kept,
        status: 'draft',
        scores: input.scores,
        comments: input.comments,
        ...(input.recommendation ? { recommendation: input.recommendation } : {}),
        ...(input.overallComment ? { overallComment: input.overallComment } : {}),
      },
    }),
    'review.saved',
    { version: assignment.version + 1 },
  );
}

/** Submits the review: every criterion scored (or n/a) and a recommendation. @throws AppError ... RULES_FAILED */
export async function submitReview(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  expectedVersion?: number,
): Promise<Assignment> {
  const { assignment, call } = await loadOwnForWork(deps, ctx.actor, applicationId, expectedVersion);
  const missing: FieldError[] = call.criteria
    .filter((c) => assignment.review.scores[c.id] === undefined)
    .map((c) => ({ pointer: `/scores/${c.id}`, code: 'REQUIRED' }));
  if (!assignment.review.recommendation) missing.push({ pointer: '/recommendation', code: 'REQUIRED' });
  if (missing.length > 0)
    throw new AppError('RULES_FAILED', { code: 'REVIEW_INCOMPLETE' }, { errors: missing });
  return updateAssignment(
    deps,
    ctx.actor,
    assignment,
    (now) => ({ review: { ...assignment.review, status: 'submitted', submittedAt: now.toISOString() } }),
    'review.submitted',
    { version: assignment.version + 1 },
  );
}

/**
 * An application's assignments, the reviews that count (submitted, by someone not recused), and whether the
 * reader, as one of its reviewers, may read the others': only once their own is submitted, only where the
 * call allows it, never while they are recused.
 */
async function reviewsOf(deps: CoreDeps, actor: Principal, applicationId: string) {
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  const assignments = await deps.reviews.listByApplication(applicationId);
  const own = assignments.find((a) => a.reviewerId === actor.userId);
  const counted = assignments.filter((a) => a.review.status === 'submitted' && !isRecusedOrPending(a));
  const reviewerMayRead =
    own !== undefined &&
    call.showReviewsToReviewers &&
    !isRecusedOrPending(own) &&
    own.review.status === 'submitted';
  return { application, assignments, counted, reviewerMayRead };
}

/**
 * The reviews of an application. The board (not conflicted) and admins see them all; a reviewer sees the
 * others' submitted reviews only after submitting their own, and only if the call allows it. Anyone else is
 * answered as for an unknown id. @throws AppError NOT_FOUND, FORBIDDEN
 */
export async function listApplicationReviews(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Assignment[]> {
  if (!isBoardOrAdmin(actor)) {
    // Only the board, admins and the application's own reviewers may learn that it exists: anyone else gets
    // the answer an unknown id gets (404), never a 403 that tells the two apart.
    const onIt = (await deps.reviews.listByApplication(applicationId)).some(
      (a) => a.reviewerId === actor.userId,
    );
    if (!onIt) throw notFound('application');
  }
  const { application, assignments, counted, reviewerMayRead } = await reviewsOf(deps, actor, applicationId);
  if (isBoardOrAdmin(actor)) {
    if (actorConflicted(actor, application, assignments, await loadOrganisationTree(deps))) throw forbidden();
    return assignments;
  }
  if (!reviewerMayRead) throw forbidden();
  return counted;
}

/**
 * The other reviewers' submitted reviews, as a reviewer reads them beside their own: none where they may not
 * read them (see listApplicationReviews), whatever other role they have. @throws AppError NOT_FOUND
 */
export async function listOtherReviews(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Assignment[]> {
  const { application, assignments, counted, reviewerMayRead } = await reviewsOf(deps, actor, applicationId);
  if (!reviewerMayRead || actorConflicted(actor, application, assignments, await loadOrganisationTree(deps)))
    return [];
  return counted.filter((a) => a.reviewerId !== actor.userId);
}
