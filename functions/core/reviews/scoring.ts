import type { Criterion } from '../calls/call.schema.js';
import type { Score } from './review.schema.js';

/**
 * One reviewer's score: the weighted mean over the criteria they scored. "Not applicable" and unscored
 * criteria are left out of numerator and denominator alike. Undefined when nothing was scored.
 */
export function reviewerScore(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, Score>>,
): number | undefined {
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.id];
    if (score === undefined || score === 'na') continue;
    weighted += criterion.weight * score;
    weights += criterion.weight;
  }
  return weights === 0 ? undefined : weighted / weights;
}

export interface ScoreSummary {
  /** Reviews that produced a score. */
  count: number;
  mean: number | undefined;
  min: number | undefined;
  max: number | undefined;
  /** max - min: how far the reviewers disagree. */
  spread: number | undefined;
}

/** The application's score across its reviewers: each reviewer's score counts once. */
export function summariseScores(reviewerScores: readonly number[]): ScoreSummary {
  if (reviewerScores.length === 0) {
    return { count: 0, mean: undefined, min: undefined, max: undefined, spread: undefined };
  }
  const min = Math.min(...reviewerScores);
  const max = Math.max(...reviewerScores);
  const mean = reviewerScores.reduce((a, b) => a + b, 0) / reviewerScores.length;
  return { count: reviewerScores.length, mean, min, max, spread: max - min };
}

/** Per criterion across reviewers: the mean of the scores given, n/a left out. */
export function criterionMeans(
  criteria: readonly Criterion[],
  reviews: readonly Readonly<Record<string, Score>>[],
): Record<string, number | undefined> {
  return Object.fromEntries(
    criteria.map((c) => {
      const given = reviews.map((r) => r[c.id]).filter((s): s is number => typeof s === 'number');
      return [c.id, given.length === 0 ? undefined : given.reduce((a, b) => a + b, 0) / given.length];
    }),
  );
}
