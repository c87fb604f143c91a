import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { EMPTY_TREE } from '../../functions/core/organisations/tree.js';
import { rankApplications } from '../../functions/core/reviews/ranking.js';
import type { Assignment, Score } from '../../functions/core/reviews/review.schema.js';

const call = {
  id: 'call-1',
  budgetOre: 100_000,
  disagreementThreshold: 1.2,
  criteria: [
    { id: 'relevance', name: 'Relevans', weight: 2 },
    { id: 'quality', name: 'Kvalitet', weight: 2 },
    { id: 'feasibility', name: 'Gennemførlighed', weight: 1 },
  ],
} as Call;

const admin: Principal = { userId: 'a', email: 'a@x', name: 'A', roles: ['admin'], chair: false };
const board = (organisation: string): Principal => ({
  userId: 'b',
  email: 'b@x',
  name: 'B',
  organisation,
  roles: ['board'],
  chair: false,
});

const application = (id: string, requestedAmountOre: number, extra: Partial<Application> = {}): Application =>
  ({
    id,
    callId: call.id,
    status: 'in_review',
    reference: `FIM-2027-${id}`,
    title: `Ansøgning ${id}`,
    partners: [],
    requestedAmountOre,
    ...extra,
  }) as Application;

const review = (
  applicationId: string,
  reviewerId: string,
  scores: Record<string, Score>,
  extra: Partial<Assignment> = {},
): Assignment =>
  ({
    applicationId,
    callId: call.id,
    reviewerId,
    reviewerName: reviewerId,
    review: { status: 'submitted', scores, comments: {} },
    ...extra,
  }) as Assignment;

const all = (s: Score): Record<string, Score> => ({ relevance: s, quality: s, feasibility: s });

describe('rankApplications', () => {
  it('flags a spread above the threshold but not one equal to it, despite floating point', () => {
    // 4.2 - 3 is 1.2000000000000002 in floating point; the threshold is 1.2.
    const rows = rankApplications(
      call,
      [application('0001', 1), application('0002', 1)],
      [
        review('0001', 'r1', { relevance: 5, quality: 4, feasibility: 3 }),
        review('0001', 'r2', all(3)),
        review('0002', 'r1', all(5)),
        review('0002', 'r2', { relevance: 3, quality: 3, feasibility: 4 }),
      ],
      admin,
      EMPTY_TREE,
    );
    const byId = new Map(rows.map((r) => [r.applicationId, r]));
    expect(byId.get('0001')?.disagreement).toBe(false);
    // 5 - 3.2 = 1.8: above.
    expect(byId.get('0002')?.disagreement).toBe(true);
  });

  it('counts only submitted reviews of reviewers not conflicted; a draft or a declared conflict is left out', () => {
    const [row] = rankApplications(
      call,
      [application('0001', 1)],
      [
        review('0001', 'r1', all(4)),
        review('0001', 'r2', all(1), { review: { status: 'draft', scores: all(1), comments: {} } }),
        review('0001', 'r3', all(1), { conflict: { declaredAt: 't', reason: 'Nærtstående' } }),
        review('0001', 'r4', all(1), {
          conflict: {
            declaredAt: 't',
            reason: 'x',
            ruling: { recused: true, byUserId: 'c', byName: 'C', at: 't' },
          },
        }),
        review('0001', 'r5', all(2), {
          conflict: {
            declaredAt: 't',
            reason: 'x',
            ruling: { recused: false, byUserId: 'c', byName: 'C', at: 't' },
          },
        }),
      ],
      admin,
      EMPTY_TREE,
    );
    expect(row?.score).toEqual({ count: 2, mean: 3, min: 2, max: 4, spread: 2 });
  });

  it('orders by mean, unscored last, ties by reference; leaves out drafts, withdrawn and submitted applications', () => {
    const rows = rankApplications(
      call,
      [
        application('0005', 1),
        application('0004', 1),
        application('0003', 1),
        application('0002', 1),
        application('0001', 1),
        application('0009', 1, { status: 'draft' }),
        application('0008', 1, { status: 'withdrawn' }),
        application('0007', 1, { status: 'submitted' }),
        application('0006', 1, { status: 'approved' }),
      ],
      [
        review('0003', 'r1', all(4)),
        review('0001', 'r1', all(2)),
        review('0004', 'r1', all(4)),
        review('0006', 'r1', all(5)),
        review('0002', 'r1', all('na')),
      ],
      admin,
      EMPTY_TREE,
    );
    expect(rows.map((r) => r.applicationId)).toEqual(['0006', '0003', '0004', '0001', '0002', '0005']);
  });

  it('property: the running total is the prefix sum of requested amounts, and within budget exactly while it fits', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            requested: fc.integer({ min: 1, max: 60_000 }),
            score: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (specs) => {
          const apps = specs.map((s, i) => application(String(i).padStart(4, '0'), s.requested));
          const reviews = specs.flatMap((s, i) =>
            s.score === undefined ? [] : [review(String(i).padStart(4, '0'), 'r1', all(s.score as Score))],
          );
          const rows = rankApplications(call, apps, reviews, admin, EMPTY_TREE);
          let total = 0;
          for (const row of rows) {
            total += row.requestedAmountOre ?? 0;
            expect(row.runningTotalOre).toBe(total);
            expect(row.withinBudget).toBe(total <= call.budgetOre);
          }
          const means = rows.map((r) => r.score?.mean ?? -1);
          expect(means).toEqual([...means].sort((a, b) => b - a));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shows a conflicted reader the title only, last, and outside the running total', () => {
    const rows = rankApplications(
      call,
      [
        application('0001', 30_000, {
          partners: [{ organisation: 'Aarhus Kommune', sector: 'municipality' }],
        }),
        application('0002', 20_000),
      ],
      [review('0001', 'r1', all(5)), review('0002', 'r1', all(3))],
      board('aarhus kommune'),
      EMPTY_TREE,
    );
    // 0001 scores higher, but its place and amount would tell the conflicted reader too much.
    expect(rows[0]).toMatchObject({ applicationId: '0002', conflicted: false, runningTotalOre: 20_000 });
    // Title only: no reference, status, outcome or amount (issue 11).
    expect(rows[1]).toEqual({ applicationId: '0001', title: 'Ansøgning 0001', conflicted: true });
  });
});
