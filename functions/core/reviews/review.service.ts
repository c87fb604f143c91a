import type { Application } from '../applications/application.schema.js';
import { auditEvent } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps, RequestContext, UserProfile } from '../ports.js';
import { AppError, type FieldError, forbidden, notFound, versionConflict } from '../shared/errors.js';
import { organisationConflict } from './conflicts.js';
import type { Assignment, ReviewInput } from './review.schema.js';
import { suggestAssignment } from './suggestion.js';

/** The chair (or an admin) assigns reviewers and rules on conflicts. */
export const isChairOrAdmin = (actor: Principal): boolean =>
  isAdmin(actor) || (actor.chair && hasRole(actor, 'board'));
export const isBoardOrAdmin = (actor: Principal): boolean => isAdmin(actor) || hasRole(actor, 'board');

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

/** A declared conflict counts until the chair rules it is none. */
export const isRecusedOrPending = (a: Assignment): boolean =>
  Boolean(a.conflict && (!a.conflict.ruling || a.conflict.ruling.recused));

/** Is this person conflicted with this application: by organisation, or by a declared conflict? */
export function personConflict(
  person: { userId: string; organisation?: string | undefined },
  application: Application,
  assignments: readonly Assignment[],
): string | undefined {
  const org = organisationConflict(person.organisation, application);
  if (org) return `Organisation: ${org}`;
  const declared = assignments.find((a) => a.reviewerId === person.userId && isRecusedOrPending(a));
  return declared ? `Erklæret inhabil / Declared conflict: ${declared.conflict?.reason ?? ''}` : undefined;
}

/**
 * A chair who is conflicted with an application takes no part in its handling (forvaltningsloven § 3): no
 * assigning, removing, reopening or ruling on it. Admins run the case then.
 */
function requireFreeOfConflict(
  ctx: RequestContext,
  application: Application,
  assignments: readonly Assignment[],
): void {
  if (!isAdmin(ctx.actor) && personConflict(ctx.actor, application, assignments)) {
    throw new AppError(
      'FORBIDDEN',
      'Du er inhabil i denne ansøgning / You are conflicted on this application',
    );
  }
}

function requireChair(ctx: RequestContext): void {
  if (!isChairOrAdmin(ctx.actor)) throw forbidden();
}

async function loadApplicationInReview(
  deps: CoreDeps,
  applicationId: string,
): Promise<{ application: Application; call: Call }> {
  const application = await deps.applications.get(applicationId);
  if (!application || application.status === 'draft') throw notFound('application');
  const call = await deps.calls.get(application.callId);
  if (!call) throw notFound('call');
  return { application, call };
}

const reviewable = (application: Application) =>
  application.status === 'in_review' || application.status === 'waiting_list';

function rulesFailed(message: string, errors: FieldError[]): AppError {
  return new AppError('RULES_FAILED', message, { errors });
}

/** The people who may review: users with the reviewer role. @throws AppError FORBIDDEN */
export async function listReviewers(deps: CoreDeps, ctx: RequestContext): Promise<UserProfile[]> {
  requireChair(ctx);
  return (await deps.users.listAll()).filter((u) => u.roles.includes('reviewer'));
}

/**
 * Checks that each person may review this application: a reviewer, not already on it, and free of any
 * organisation conflict. Returns their profiles, or throws RULES_FAILED naming each reason.
 */
async function checkAssignable(
  deps: CoreDeps,
  application: Application,
  reviewerIds: readonly string[],
  existing: readonly Assignment[],
  pointer: string,
): Promise<UserProfile[]> {
  const errors: FieldError[] = [];
  const profiles: UserProfile[] = [];
  for (const [i, reviewerId] of reviewerIds.entries()) {
    const profile = await deps.users.get(reviewerId);
    if (!profile?.roles.includes('reviewer')) {
      errors.push({
        pointer: `${pointer}/${i}`,
        code: 'NOT_A_REVIEWER',
        detail: `${reviewerId}: ikke bedømmer / not a reviewer`,
      });
      continue;
    }
    if (existing.some((a) => a.reviewerId === reviewerId)) continue;
    const org = organisationConflict(profile.organisation, application);
    if (org) {
      errors.push({
        pointer: `${pointer}/${i}`,
        code: 'CONFLICT_OF_INTEREST',
        detail: `${profile.name} er inhabil: ${org} deltager i ansøgningen / ${profile.name} is conflicted: ${org} takes part in the application`,
      });
      continue;
    }
    profiles.push(profile);
  }
  if (errors.length > 0)
    throw rulesFailed('Bedømmerne kan ikke tildeles / The reviewers cannot be assigned', errors);
  return profiles;
}

async function createAssignments(
  deps: CoreDeps,
  ctx: RequestContext,
  application: Application,
  profiles: UserProfile[],
) {
  const created: Assignment[] = [];
  for (const profile of profiles) {
    const now = deps.clock.now();
    const assignment: Assignment = {
      applicationId: application.id,
      callId: application.callId,
      applicationTitle: application.title ?? '',
      ...(application.reference ? { applicationReference: application.reference } : {}),
      reviewerId: profile.userId,
      reviewerName: profile.name,
      reviewerEmail: profile.email,
      ...(profile.organisation ? { reviewerOrganisation: profile.organisation } : {}),
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
  const { application } = await loadApplicationInReview(deps, applicationId);
  if (!reviewable(application)) {
    throw new AppError(
      'INVALID_STATE',
      'Ansøgningen er ikke under bedømmelse / The application is not in review',
    );
  }
  const existing = await deps.reviews.listByApplication(applicationId);
  requireFreeOfConflict(ctx, application, existing);
  const profiles = await checkAssignable(deps, application, reviewerIds, existing, '/reviewerIds');
  await createAssignments(deps, ctx, application, profiles);
  return (await deps.reviews.listByApplication(applicationId)).map(withoutReviewContent);
}

/** Takes a reviewer off an application whose review is not submitted. @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE */
export async function unassignReviewer(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerId: string,
): Promise<void> {
  requireChair(ctx);
  const assignment = await deps.reviews.get(applicationId, reviewerId);
  if (!assignment) throw notFound('assignment');
  const { application } = await loadApplicationInReview(deps, applicationId);
  requireFreeOfConflict(ctx, application, await deps.reviews.listByApplication(applicationId));
  if (assignment.review.status === 'submitted') {
    throw new AppError(
      'INVALID_STATE',
      'En indsendt bedømmelse kan ikke fjernes / A submitted review cannot be removed',
    );
  }
  await deps.reviews.remove(
    assignment,
    auditEvent(
      ctx.actor,
      deps.clock.now(),
      'review.unassigned',
      { type: 'application', id: applicationId },
      { reviewerId },
    ),
  );
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
  const call = await deps.calls.get(callId);
  if (!call) throw notFound('call');
  const [applications, assignments, reviewers] = await Promise.all([
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
    listReviewers(deps, ctx),
  ]);
  const chairConflicted = (app: Application) =>
    !isAdmin(ctx.actor) &&
    personConflict(
      ctx.actor,
      app,
      assignments.filter((a) => a.applicationId === app.id),
    ) !== undefined;
  const inReview = applications.filter(reviewable);
  const input = inReview
    .filter((app) => !chairConflicted(app))
    .map((app) => {
      const mine = assignments.filter((a) => a.applicationId === app.id);
      return {
        id: app.id,
        assigned: mine.filter((a) => !isRecusedOrPending(a)).map((a) => a.reviewerId),
        conflicted: reviewers
          .filter((r) => personConflict(r, app, mine) || mine.some((a) => a.reviewerId === r.userId))
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
  plan: readonly { applicationId: string; reviewerIds: string[] }[],
): Promise<number> {
  requireChair(ctx);
  const checked: { application: Application; profiles: UserProfile[] }[] = [];
  const errors: FieldError[] = [];
  for (const [i, entry] of plan.entries()) {
    const { application } = await loadApplicationInReview(deps, entry.applicationId);
    if (application.callId !== callId || !reviewable(application)) {
      errors.push({
        pointer: `/assignments/${i}/applicationId`,
        code: 'INVALID_STATE',
        detail: 'Ikke under bedømmelse i dette opslag / Not in review under this call',
      });
      continue;
    }
    const existing = await deps.reviews.listByApplication(application.id);
    if (!isAdmin(ctx.actor) && personConflict(ctx.actor, application, existing)) {
      errors.push({
        pointer: `/assignments/${i}/applicationId`,
        code: 'CONFLICT_OF_INTEREST',
        detail: 'Du er inhabil i denne ansøgning / You are conflicted on this application',
      });
      continue;
    }
    try {
      checked.push({
        application,
        profiles: await checkAssignable(
          deps,
          application,
          entry.reviewerIds,
          existing,
          `/assignments/${i}/reviewerIds`,
        ),
      });
    } catch (error) {
      if (error instanceof AppError) errors.push(...error.errors);
      else throw error;
    }
  }
  if (errors.length > 0)
    throw rulesFailed('Tildelingen kan ikke gennemføres / The assignment cannot be made', errors);
  let count = 0;
  for (const { application, profiles } of checked)
    count += (await createAssignments(deps, ctx, application, profiles)).length;
  return count;
}

/** The signed-in reviewer's assignments, with each application's title. */
export const listMyAssignments = (deps: CoreDeps, actor: Principal): Promise<Assignment[]> =>
  deps.reviews.listByReviewer(actor.userId);

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
  if (isRecusedOrPending(assignment)) return { assignment, call };
  return { assignment, call, application: applicationForReviewer(application, call) };
}

function checkScores(call: Call, input: ReviewInput): FieldError[] {
  const known = new Set(call.criteria.map((c) => c.id));
  return (['scores', 'comments'] as const).flatMap((field) =>
    Object.keys(input[field])
      .filter((id) => !known.has(id))
      .map((id) => ({
        pointer: `/${field}/${id}`,
        code: 'UNKNOWN_CRITERION',
        detail: `Opslaget har ikke kriteriet "${id}" / The call has no criterion "${id}"`,
      })),
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
  if (isRecusedOrPending(assignment)) {
    throw new AppError(
      'INVALID_STATE',
      'Du har erklæret dig inhabil i denne ansøgning / You declared a conflict on this application',
    );
  }
  if (assignment.review.status === 'submitted') {
    throw new AppError(
      'INVALID_STATE',
      'Bedømmelsen er indsendt; formanden kan genåbne den / The review is submitted; the chair can reopen it',
    );
  }
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  if (!reviewable(application))
    throw new AppError('INVALID_STATE', 'Ansøgningen er afgjort / The application is decided');
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
  if (unknown.length > 0) throw rulesFailed('Ukendte kriterier / Unknown criteria', unknown);
  const now = deps.clock.now();
  const next: Assignment = {
    ...assignment,
    review: {
      ...assignment.review,
      status: 'draft',
      scores: input.scores,
      comments: input.comments,
      ...(input.recommendation ? { recommendation: input.recommendation } : {}),
      ...(input.overallComment ? { overallComment: input.overallComment } : {}),
    },
    version: assignment.version + 1,
  };
  // The review is replaced as a whole: what the reviewer left out is gone.
  if (!input.recommendation) delete next.review.recommendation;
  if (!input.overallComment) delete next.review.overallComment;
  await deps.reviews.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      'review.saved',
      { type: 'application', id: applicationId },
      { version: next.version },
    ),
    assignment.version,
  );
  return next;
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
    .map((c) => ({
      pointer: `/scores/${c.id}`,
      code: 'REQUIRED',
      detail: `${c.name}: giv en score eller "ikke relevant" / give a score or "not applicable"`,
    }));
  if (!assignment.review.recommendation) {
    missing.push({
      pointer: '/recommendation',
      code: 'REQUIRED',
      detail: 'Giv en indstilling / Give a recommendation',
    });
  }
  if (missing.length > 0)
    throw rulesFailed('Bedømmelsen er ikke færdig / The review is not complete', missing);
  const now = deps.clock.now();
  const next: Assignment = {
    ...assignment,
    review: { ...assignment.review, status: 'submitted', submittedAt: now.toISOString() },
    version: assignment.version + 1,
  };
  await deps.reviews.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      'review.submitted',
      { type: 'application', id: applicationId },
      { version: next.version },
    ),
    assignment.version,
  );
  return next;
}

/** The chair reopens a submitted review. @throws AppError FORBIDDEN, NOT_FOUND, INVALID_STATE */
export async function reopenReview(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reviewerId: string,
): Promise<Assignment> {
  requireChair(ctx);
  const assignment = await deps.reviews.get(applicationId, reviewerId);
  if (!assignment) throw notFound('assignment');
  const { application } = await loadApplicationInReview(deps, applicationId);
  requireFreeOfConflict(ctx, application, await deps.reviews.listByApplication(applicationId));
  if (assignment.review.status !== 'submitted')
    throw new AppError('INVALID_STATE', 'Bedømmelsen er ikke indsendt / The review is not submitted');
  const now = deps.clock.now();
  const next: Assignment = {
    ...assignment,
    review: { ...assignment.review, status: 'draft', reopenedAt: now.toISOString() },
    version: assignment.version + 1,
  };
  await deps.reviews.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      'review.reopened',
      { type: 'application', id: applicationId },
      { reviewerId, version: next.version },
    ),
    assignment.version,
  );
  return withoutReviewContent(next);
}

/** A reviewer declares a conflict of interest on their assignment. @throws AppError NOT_FOUND, INVALID_STATE */
export async function declareConflict(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  reason: string,
): Promise<Assignment> {
  const assignment = await loadOwnAssignment(deps, ctx.actor, applicationId);
  if (assignment.conflict)
    throw new AppError('INVALID_STATE', 'Inhabilitet er allerede erklæret / A conflict is already declared');
  const now = deps.clock.now();
  const next: Assignment = {
    ...assignment,
    conflict: { declaredAt: now.toISOString(), reason },
    version: assignment.version + 1,
  };
  await deps.reviews.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      'conflict.declared',
      { type: 'application', id: applicationId },
      { reviewerId: ctx.actor.userId },
    ),
    assignment.version,
  );
  return next;
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
  if (assignment.conflict.ruling)
    throw new AppError('INVALID_STATE', 'Der er allerede truffet afgørelse / Already ruled on');
  const { application } = await loadApplicationInReview(deps, applicationId);
  requireFreeOfConflict(ctx, application, await deps.reviews.listByApplication(applicationId));
  const now = deps.clock.now();
  const next: Assignment = {
    ...assignment,
    conflict: {
      ...assignment.conflict,
      ruling: {
        recused: ruling.recused,
        byUserId: ctx.actor.userId,
        byName: ctx.actor.name,
        at: now.toISOString(),
        ...(ruling.note ? { note: ruling.note } : {}),
      },
    },
    version: assignment.version + 1,
  };
  await deps.reviews.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      'conflict.ruled',
      { type: 'application', id: applicationId },
      { reviewerId, recused: ruling.recused },
    ),
    assignment.version,
  );
  return next;
}

/** Conflicts declared under a call, not yet ruled first. @throws AppError FORBIDDEN */
export async function listCallConflicts(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
): Promise<Assignment[]> {
  requireChair(ctx);
  const all = await deps.reviews.listByCall(callId);
  return all
    .filter((a) => a.conflict)
    .map(withoutReviewContent)
    .sort(
      (a, b) =>
        Number(Boolean(a.conflict?.ruling)) - Number(Boolean(b.conflict?.ruling)) ||
        (a.conflict?.declaredAt ?? '').localeCompare(b.conflict?.declaredAt ?? ''),
    );
}

/**
 * The reviews of an application. The board (not conflicted) and admins see them all; a reviewer sees the
 * others' submitted reviews only after submitting their own, and only if the call allows it.
 * @throws AppError NOT_FOUND, FORBIDDEN
 */
export async function listApplicationReviews(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Assignment[]> {
  const { application, call } = await loadApplicationInReview(deps, applicationId);
  const assignments = await deps.reviews.listByApplication(applicationId);
  if (isBoardOrAdmin(actor)) {
    if (!isAdmin(actor) && personConflict(actor, application, assignments)) throw forbidden();
    return assignments;
  }
  const own = assignments.find((a) => a.reviewerId === actor.userId);
  if (!own || !call.showReviewsToReviewers || isRecusedOrPending(own) || own.review.status !== 'submitted')
    throw forbidden();
  return assignments.filter((a) => a.review.status === 'submitted' && !isRecusedOrPending(a));
}
