import type { Application } from '../applications/application.schema.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import type { CoreDeps } from '../ports.js';
import { actorConflicted, isRecusedOrPending, requireBoard } from './access.js';
import type { Assignment } from './review.schema.js';
import { reviewerScore, type ScoreSummary, summariseScores } from './scoring.js';

export interface RankingRow {
  applicationId: string;
  title: string;
  reference?: string | undefined;
  status: Application['status'];
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
  approvedOre: number;
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
      const conflicted = actorConflicted(reader, application, mine);
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
    const base = {
      applicationId: application.id,
      title: application.title ?? '',
      reference: application.reference,
      status: application.status,
      conflicted,
    };
    if (conflicted) return base;
    return {
      ...base,
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
  const [applications, assignments, approvedOre] = await Promise.all([
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
    deps.decisions.approvedOre(callId),
  ]);
  return {
    callId,
    budgetOre: call.budgetOre,
    approvedOre,
    disagreementThreshold: call.disagreementThreshold,
    rows: rankApplications(call, applications, assignments, actor),
  };
}
