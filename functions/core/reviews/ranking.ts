import type { Application } from '../applications/application.schema.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { OrganisationTree } from '../organisations/tree.js';
import type { CoreDeps } from '../ports.js';
import { actorConflicted, isRecusedOrPending, requireBoard } from './access.js';
import type { Assignment } from './review.schema.js';
import { reviewerScore, type ScoreSummary, summariseScores } from './scoring.js';

export interface RankingRow {
  applicationId: string;
  title: string;
  /** Absent where the reader is conflicted (as every field but the id and title). */
  reference?: string | undefined;
  status?: Application['status'] | undefined;
  /** The reader is conflicted: the row shows the title only. */
  conflicted: boolean;
  requestedAmountOre?: number | undefined;
  /** Requested amounts of this row and every row ranked above it. */
  runningTotalOre?: number | undefined;
  withinBudget?: boolean | undefined;
  score?: ScoreSummary | undefined;
  reviewerScores?: {
    reviewerId: string;
    reviewerName: string;
    score: number | undefined;
    recommendation?: string | undefined;
  }[];
  disagreement?: boolean | undefined;
  decision?: Application['decision'];
}

export interface Ranking {
  callId: string;
  budgetOre: number;
  /**
   * Approved so far under the call; for a reader conflicted on some of its applications, without theirs
   * (the total less the visible approvals would give their amounts away): `leftOut` says how many.
   */
  approvedOre: number;
  /** How many applications the reader is conflicted on: their rows show the title only, and no total counts them. */
  leftOut: number;
  disagreementThreshold: number;
  rows: RankingRow[];
}

/**
 * Spreads are differences of weighted means in floating point (4.2 - 3 is 1.2000000000000002): a spread equal
 * to the threshold must not flag. Two genuinely different scores differ by far more than this.
 */
const SPREAD_TOLERANCE = 1e-9;

/**
 * Pure: rank applications by mean score (unscored last), with the running total against the budget; rows
 * the reader is conflicted on come last, title only.
 */
export function rankApplications(
  call: Call,
  applications: readonly Application[],
  assignments: readonly Assignment[],
  reader: Principal,
  tree: OrganisationTree,
): RankingRow[] {
  const byApplication = new Map<string, Assignment[]>();
  for (const a of assignments)
    byApplication.set(a.applicationId, [...(byApplication.get(a.applicationId) ?? []), a]);
  const scored = applications
    .filter((a) => a.status !== 'draft' && a.status !== 'withdrawn' && a.status !== 'submitted')
    .map((application) => {
      const mine = byApplication.get(application.id) ?? [];
      const counted = mine.filter((a) => a.review.status === 'submitted' && !isRecusedOrPending(a));
      const reviewerScores = counted.map((a) => ({
        reviewerId: a.reviewerId,
        reviewerName: a.reviewerName,
        score: reviewerScore(call.criteria, a.review.scores),
        recommendation: a.review.recommendation,
      }));
      const score = summariseScores(reviewerScores.flatMap((r) => (r.score === undefined ? [] : [r.score])));
      const conflicted = actorConflicted(reader, application, mine, tree);
      return { application, reviewerScores, score, conflicted };
    })
    // Rows the reader is conflicted on go last, in reference order, and count in no total: their place in
    // the order or a jump in the running total would hint at their score and amount.
    .sort(
      (a, b) =>
        Number(a.conflicted) - Number(b.conflicted) ||
        (a.conflicted ? 0 : (b.score.mean ?? -1) - (a.score.mean ?? -1)) ||
        (a.application.reference ?? '').localeCompare(b.application.reference ?? ''),
    );
  let running = 0;
  return scored.map(({ application, reviewerScores, score, conflicted }): RankingRow => {
    if (!conflicted) running += application.requestedAmountOre;
    // A conflicted reader learns the title and that they are recused: not the reference, status or outcome.
    if (conflicted) return { applicationId: application.id, title: application.title ?? '', conflicted };
    return {
      applicationId: application.id,
      title: application.title ?? '',
      reference: application.reference,
      status: application.status,
      conflicted,
      requestedAmountOre: application.requestedAmountOre,
      runningTotalOre: running,
      withinBudget: running <= call.budgetOre,
      score,
      reviewerScores,
      disagreement:
        score.spread !== undefined && score.spread - call.disagreementThreshold > SPREAD_TOLERANCE,
      decision: application.decision,
    };
  });
}

/** The board's ranking of a call: two Queries, whatever the size of the table. @throws AppError FORBIDDEN, NOT_FOUND */
export async function getRanking(deps: CoreDeps, actor: Principal, callId: string): Promise<Ranking> {
  requireBoard(actor);
  const call = await loadCall(deps, callId);
  const [applications, assignments, approvedOre, tree] = await Promise.all([
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
    deps.decisions.approvedOre(callId),
    loadOrganisationTree(deps),
  ]);
  const rows = rankApplications(call, applications, assignments, actor, tree);
  const hidden = new Set(rows.filter((r) => r.conflicted).map((r) => r.applicationId));
  const hiddenApprovedOre = applications
    .filter((a) => hidden.has(a.id) && a.decision?.outcome === 'approved')
    .reduce((sum, a) => sum + (a.decision?.amountOre ?? 0), 0);
  return {
    callId,
    budgetOre: call.budgetOre,
    approvedOre: approvedOre - hiddenApprovedOre,
    leftOut: hidden.size,
    disagreementThreshold: call.disagreementThreshold,
    rows,
  };
}
