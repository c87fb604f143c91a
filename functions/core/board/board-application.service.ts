import type { Application } from '../applications/application.schema.js';
import { type PrintoutDocument, printedDocuments } from '../applications/printout.service.js';
import { isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import type { Decision, Meeting } from '../decisions/decision.schema.js';
import { listDocumentsOf } from '../documents/document.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { CoreDeps } from '../ports.js';
import { isRecusedOrPending, personConflict, requireBoard, withoutReviewContent } from '../reviews/access.js';
import type { Assignment, ConflictGround } from '../reviews/review.schema.js';
import { AppError, notFound } from '../shared/errors.js';

/*
 * The board's view of one application (issue 11): everything the board decides on, for board members free of
 * conflict, the chair and admins. A conflicted member learns the title and that they are recused, nothing more.
 */

/** One decision on the application, as a meeting recorded it (the history, oldest first). */
export interface DecisionHistoryEntry {
  meetingId: string;
  heldAt: string;
  outcome?: Decision['outcome'] | undefined;
  amountOre?: number | undefined;
  recused: Decision['recused'];
}

export interface BoardApplicationView {
  application: Application;
  call: Call;
  /**
   * The reviewers on it: submitted reviews with their scores and comments; others with their status only (a
   * draft review is its reviewer's until submitted). A recused reviewer's review is never counted.
   */
  reviews: Assignment[];
  history: DecisionHistoryEntry[];
  /**
   * The application's kept documents (kind, the partner a declaration is for, name, size, checksum), as the
   * documents area lets this reader see them (documents/access.ts: the board free of conflict and admins read
   * every kind), each saying whether it may be downloaded now.
   */
  documents: PrintoutDocument[];
}

/** The refusal a conflicted reader gets: the title and the ground of the recusal, nothing else. */
export const recused = (applicationTitle: string, ground: ConflictGround): AppError =>
  new AppError('FORBIDDEN', { code: 'RECUSED', params: { applicationTitle, ground } });

/** The reviews as the board reads them: only submitted ones carry their content. */
const boardReviews = (assignments: readonly Assignment[]): Assignment[] =>
  assignments.map((a) =>
    a.review.status === 'submitted' && !isRecusedOrPending(a) ? a : withoutReviewContent(a),
  );

/** Every decision the call's meetings recorded on the application, oldest first. */
export const decisionHistory = (
  meetings: readonly Meeting[],
  applicationId: string,
): DecisionHistoryEntry[] =>
  meetings
    .flatMap((m) =>
      m.decisions
        .filter((d) => d.applicationId === applicationId)
        .map((d) => ({
          meetingId: m.id,
          heldAt: m.heldAt,
          outcome: d.outcome,
          amountOre: d.amountOre,
          recused: d.recused,
        })),
    )
    .sort((a, b) => a.heldAt.localeCompare(b.heldAt));

/**
 * The board's view of an application. Drafts are their owner's alone (404 as an unknown id).
 * @throws AppError FORBIDDEN (not on the board; RECUSED for a conflicted member, with the title), NOT_FOUND
 */
export async function getBoardApplication(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<BoardApplicationView> {
  requireBoard(actor);
  const application = await deps.applications.get(applicationId);
  if (!application || application.status === 'draft') throw notFound('application');
  const assignments = await deps.reviews.listByApplication(applicationId);
  if (!isAdmin(actor)) {
    const conflict = personConflict(actor, application, assignments, await loadOrganisationTree(deps));
    if (conflict) throw recused(application.title ?? '', conflict.ground);
  }
  const [call, meetings] = await Promise.all([
    loadCall(deps, application.callId),
    deps.decisions.listMeetings(application.callId),
  ]);
  const { documents } = await listDocumentsOf(deps, actor, application, call, { assignments });
  return {
    application,
    call,
    reviews: boardReviews(assignments),
    history: decisionHistory(meetings, applicationId),
    documents: printedDocuments(application, documents),
  };
}

/**
 * The applications among `applicationIds` the reader is conflicted on (none for admins): three requests
 * whatever their number (up to 100): the applications and the reader's own assignments (a declared conflict)
 * in one BatchGetItem each, and the registry's tree.
 */
export async function conflictedAmong(
  deps: CoreDeps,
  actor: Principal,
  applicationIds: readonly string[],
): Promise<Set<string>> {
  if (isAdmin(actor) || applicationIds.length === 0) return new Set();
  const unique = [...new Set(applicationIds)];
  const [tree, applications, own] = await Promise.all([
    loadOrganisationTree(deps),
    deps.applications.getMany(unique),
    deps.reviews.getMany(unique.map((applicationId) => ({ applicationId, reviewerId: actor.userId }))),
  ]);
  return new Set(
    applications
      .filter((a) =>
        personConflict(
          actor,
          a,
          own.filter((o) => o.applicationId === a.id),
          tree,
        ),
      )
      .map((a) => a.id),
  );
}
