import type { ApplicationStatus } from '../applications/application.schema.js';
import type { Principal } from '../auth/principal.js';
import type { Criterion } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import type { CoreDeps } from '../ports.js';
import { isRecusedOrPending } from './access.js';
import { getRanking } from './ranking.js';
import type { Recommendation, Score } from './review.schema.js';
import { reviewerScore } from './scoring.js';

/*
 * The board's exports of a call as values: the edge words the headers, "not applicable" and the outcomes in
 * the reader's language and writes the spreadsheet.
 */

/** One submitted review: one score per criterion of the call, in the call's order. */
export interface ScoresExportRow {
  reference?: string | undefined;
  title: string;
  reviewerName: string;
  scores: (Score | undefined)[];
  weightedScore?: number | undefined;
  recommendation?: Recommendation | undefined;
}

export interface ScoresExport {
  criteria: Criterion[];
  rows: ScoresExportRow[];
}

/** One application in ranking order; where the reader is conflicted, its title only (`conflicted`). */
export interface DecisionsExportRow {
  place: number;
  reference?: string | undefined;
  title: string;
  mean?: number | undefined;
  reviewCount?: number | undefined;
  spread?: number | undefined;
  requestedOre?: number | undefined;
  /** The decision's outcome, or the application's status while undecided; absent where the reader is conflicted. */
  status?: ApplicationStatus | undefined;
  conflicted: boolean;
  amountOre?: number | undefined;
  justification?: string | undefined;
  /** Who took no part in the decision. */
  recused: string[];
}

/**
 * Every submitted score of a call the reader may see: one row per (application, reviewer), applications in
 * ranking order. @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function exportScores(deps: CoreDeps, actor: Principal, callId: string): Promise<ScoresExport> {
  const ranking = await getRanking(deps, actor, callId);
  const call = await loadCall(deps, callId);
  const visible = ranking.rows.filter((r) => !r.conflicted);
  const visibleIds = new Set(visible.map((r) => r.applicationId));
  const assignments = (await deps.reviews.listByCall(callId)).filter(
    (a) => visibleIds.has(a.applicationId) && a.review.status === 'submitted' && !isRecusedOrPending(a),
  );
  const rows = visible.flatMap((row) =>
    assignments
      .filter((a) => a.applicationId === row.applicationId)
      .map(
        (a): ScoresExportRow => ({
          reference: row.reference,
          title: row.title,
          reviewerName: a.reviewerName,
          scores: call.criteria.map((c) => a.review.scores[c.id]),
          weightedScore: reviewerScore(call.criteria, a.review.scores),
          recommendation: a.review.recommendation,
        }),
      ),
  );
  return { criteria: call.criteria, rows };
}

/** The call's ranking with each decision. @throws AppError FORBIDDEN, NOT_FOUND */
export async function exportDecisions(
  deps: CoreDeps,
  actor: Principal,
  callId: string,
): Promise<DecisionsExportRow[]> {
  const ranking = await getRanking(deps, actor, callId);
  return ranking.rows.map((row, i) => ({
    place: i + 1,
    reference: row.reference,
    title: row.title,
    mean: row.score?.mean,
    reviewCount: row.score?.count,
    spread: row.score?.spread,
    requestedOre: row.requestedAmountOre,
    status: row.decision?.outcome ?? row.status,
    conflicted: row.conflicted,
    amountOre: row.decision?.amountOre,
    justification: row.decision?.justification,
    recused: row.decision?.recused.map((r) => r.name) ?? [],
  }));
}
