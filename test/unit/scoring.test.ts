import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../functions/core/calls/call.schema.js';
import { criterionMeans, reviewerScore, summariseScores } from '../../functions/core/reviews/scoring.js';

const criteria: Criterion[] = [
  { id: 'relevance', name: 'Relevans', weight: 2 },
  { id: 'quality', name: 'Kvalitet', weight: 2 },
  { id: 'feasibility', name: 'Gennemførlighed', weight: 1 },
];

describe('reviewerScore', () => {
  it('is the weighted mean over the scored criteria', () => {
    // (2*5 + 2*3 + 1*4) / 5 = 4
    expect(reviewerScore(criteria, { relevance: 5, quality: 3, feasibility: 4 })).toBe(4);
  });

  it('leaves "not applicable" out of the mean instead of counting it as 0', () => {
    // (2*5 + 2*3) / 4 = 4, not (2*5 + 2*3 + 0) / 5 = 3.2
    expect(reviewerScore(criteria, { relevance: 5, quality: 3, feasibility: 'na' })).toBe(4);
    // A heavy criterion marked n/a: (1*2) / 1 = 2
    expect(reviewerScore(criteria, { relevance: 'na', quality: 'na', feasibility: 2 })).toBe(2);
  });

  it('treats an unscored criterion like n/a, and has no score when nothing is scored', () => {
    expect(reviewerScore(criteria, { quality: 5 })).toBe(5);
    expect(reviewerScore(criteria, { relevance: 'na', quality: 'na', feasibility: 'na' })).toBeUndefined();
    expect(reviewerScore(criteria, {})).toBeUndefined();
  });

  it('ignores scores for criteria the call does not have', () => {
    expect(reviewerScore(criteria, { relevance: 3, unknown: 5 } as Record<string, 1 | 2 | 3 | 4 | 5>)).toBe(
      3,
    );
  });
});

describe('summariseScores', () => {
  it('gives count, mean, min, max and spread across reviewers', () => {
    expect(summariseScores([4, 2, 3])).toEqual({ count: 3, mean: 3, min: 2, max: 4, spread: 2 });
  });
  it('has nothing to say without reviews', () => {
    expect(summariseScores([])).toEqual({
      count: 0,
      mean: undefined,
      min: undefined,
      max: undefined,
      spread: undefined,
    });
  });
});

describe('criterionMeans', () => {
  it('averages each criterion over the reviewers who scored it', () => {
    expect(
      criterionMeans(criteria, [
        { relevance: 5, quality: 'na', feasibility: 1 },
        { relevance: 3, quality: 'na' },
      ]),
    ).toEqual({ relevance: 4, quality: undefined, feasibility: 1 });
  });
});
