import { describe, expect, it } from 'vitest';
import {
  assignReviewers,
  reopenReview,
  unassignReviewer,
} from '../../functions/core/reviews/assignment.service.js';
import { declareConflict, ruleOnConflict } from '../../functions/core/reviews/conflict.service.js';
import { reviewInputSchema } from '../../functions/core/reviews/review.schema.js';
import { saveReview, submitReview } from '../../functions/core/reviews/review.service.js';
import { createFakes } from '../support/fakes.js';
import { fullReview, partnersWith, person } from '../support/fixtures.js';
import { ACTORS, as, inReview, openedCall, submitted } from '../support/services.js';

/*
 * Review work against the ports faked in memory: the chair (or an admin) assigns, but not to an application
 * they are conflicted with, and nobody conflicted by organisation is assigned; a reviewer declares a conflict
 * once and the chair rules once; reviews are saved at the version read and refused while recused; every
 * change writes its audit event under the application.
 */

const CHAIR = person('chair', ['applicant', 'board'], 'Region Midtjylland', { chair: true });
const BOARD = person('board', ['applicant', 'board'], 'Aarhus Kommune');
const REVIEWER = person('reviewer1', ['applicant', 'reviewer'], 'Aarhus Universitet');
const RANDERS_REVIEWER = person('reviewer2', ['applicant', 'reviewer'], 'Randers Kommune');
const CAST = [...Object.values(ACTORS), CHAIR, BOARD, REVIEWER, RANDERS_REVIEWER];

/** An application in review whose partners are Randers Kommune and a general practice. */
async function setUp() {
  const fakes = createFakes({ users: CAST });
  const application = await inReview(fakes.deps, ACTORS.applicant, {
    overrides: {
      partners: partnersWith('Randers Kommune'),
    },
  });
  return { ...fakes, application };
}

const review = (scores = fullReview(4, 3, 'na')) => reviewInputSchema.parse(scores);

describe('assigning reviewers', () => {
  it('is the chair’s or an admin’s; the board, reviewers and applicants are refused, and nothing is written', async () => {
    const { deps, store, application } = await setUp();
    for (const actor of [BOARD, REVIEWER, ACTORS.applicant, ACTORS.finance]) {
      await expect(assignReviewers(deps, as(actor), application.id, [REVIEWER.userId])).rejects.toMatchObject(
        {
          code: 'FORBIDDEN',
        },
      );
    }
    expect(store.assignments.size).toBe(0);
    const assigned = await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    expect(assigned).toMatchObject([
      { reviewerId: REVIEWER.userId, version: 1, review: { status: 'not_started' } },
    ]);
    expect(store.eventsOf(application.id).at(-1)).toMatchObject({
      action: 'review.assigned',
      actor: { userId: CHAIR.userId },
      details: { reviewerId: REVIEWER.userId },
    });
  });

  it('refuses a chair conflicted with the application: an admin runs the case', async () => {
    const fakes = createFakes({ users: CAST });
    const regional = await inReview(fakes.deps, ACTORS.applicant, {
      overrides: {
        partners: partnersWith('Region Midtjylland', 'region'),
      },
    });
    await expect(
      assignReviewers(fakes.deps, as(CHAIR), regional.id, [REVIEWER.userId]),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: { code: 'CONFLICTED' },
    });
    expect(await assignReviewers(fakes.deps, as(ACTORS.admin), regional.id, [REVIEWER.userId])).toHaveLength(
      1,
    );
  });

  it('names every person who cannot review it, and assigns none of them', async () => {
    const { deps, store, application } = await setUp();
    const refused = await assignReviewers(deps, as(CHAIR), application.id, [
      RANDERS_REVIEWER.userId,
      BOARD.userId,
      REVIEWER.userId,
    ]).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      code: 'RULES_FAILED',
      reason: { code: 'CANNOT_ASSIGN' },
      errors: [
        {
          pointer: '/reviewerIds/0',
          code: 'CONFLICT_OF_INTEREST',
          params: { reviewerName: RANDERS_REVIEWER.name, organisation: 'Randers Kommune' },
        },
        { pointer: '/reviewerIds/1', code: 'NOT_A_REVIEWER', params: { reviewerId: BOARD.userId } },
      ],
    });
    expect(store.assignments.size).toBe(0);
  });

  it('assigns only applications in review: a submitted one is refused, a draft is not found', async () => {
    const { deps } = createFakes({ users: CAST });
    const call = await openedCall(deps);
    const application = await submitted(deps, call.id);
    await expect(assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId])).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'NOT_IN_REVIEW' },
    });
    await expect(
      assignReviewers(deps, as(CHAIR), crypto.randomUUID(), [REVIEWER.userId]),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('takes a reviewer off only before the review is submitted, and reopens only a submitted one', async () => {
    const { deps, application } = await setUp();
    await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    await expect(reopenReview(deps, as(CHAIR), application.id, REVIEWER.userId)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'REVIEW_NOT_SUBMITTED' },
    });
    await saveReview(deps, as(REVIEWER), application.id, review(), 1);
    await submitReview(deps, as(REVIEWER), application.id);
    await expect(unassignReviewer(deps, as(CHAIR), application.id, REVIEWER.userId)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'CANNOT_REMOVE_SUBMITTED' },
    });
    expect(await reopenReview(deps, as(CHAIR), application.id, REVIEWER.userId)).toMatchObject({
      version: 4,
      review: { status: 'draft' },
    });
  });
});

describe('conflicts of interest', () => {
  it('are declared once by the reviewer and ruled once by the chair, each with its event', async () => {
    const { deps, store, application } = await setUp();
    await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    await declareConflict(deps, as(REVIEWER), application.id, 'Min ægtefælle er ansat i projektet');
    await expect(declareConflict(deps, as(REVIEWER), application.id, 'Igen')).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'CONFLICT_ALREADY_DECLARED' },
    });
    await expect(declareConflict(deps, as(BOARD), application.id, 'Ikke min')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      ruleOnConflict(deps, as(BOARD), application.id, REVIEWER.userId, { recused: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ruled = await ruleOnConflict(deps, as(CHAIR), application.id, REVIEWER.userId, { recused: true });
    expect(ruled.conflict?.ruling).toMatchObject({ recused: true, byUserId: CHAIR.userId });
    await expect(
      ruleOnConflict(deps, as(CHAIR), application.id, REVIEWER.userId, { recused: false }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', reason: { code: 'ALREADY_RULED' } });
    expect(
      store
        .eventsOf(application.id)
        .slice(-2)
        .map((e) => [e.action, e.details]),
    ).toEqual([
      ['conflict.declared', { reviewerId: REVIEWER.userId }],
      ['conflict.ruled', { reviewerId: REVIEWER.userId, recused: true }],
    ]);
  });

  it('keep a recused reviewer from saving or submitting', async () => {
    const { deps, application } = await setUp();
    await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    const declared = await declareConflict(deps, as(REVIEWER), application.id, 'Vejleder');
    for (const attempt of [
      saveReview(deps, as(REVIEWER), application.id, review(), declared.version),
      submitReview(deps, as(REVIEWER), application.id),
    ]) {
      await expect(attempt).rejects.toMatchObject({
        code: 'INVALID_STATE',
        reason: { code: 'YOU_DECLARED_CONFLICT' },
      });
    }
  });
});

describe('reviews', () => {
  it('are saved at the version read; a stale save is refused and writes nothing', async () => {
    const { deps, store, application } = await setUp();
    await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    expect(await saveReview(deps, as(REVIEWER), application.id, review(), 1)).toMatchObject({
      version: 2,
      review: { status: 'draft', scores: { relevance: 4, quality: 3, feasibility: 'na' } },
    });
    const commits = store.commits;
    await expect(saveReview(deps, as(REVIEWER), application.id, review(), 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(store.commits).toBe(commits);
    expect(store.eventsOf(application.id).at(-1)).toMatchObject({
      action: 'review.saved',
      details: { version: 2 },
    });
  });

  it('are submitted only when every criterion is scored and a recommendation given', async () => {
    const { deps, application } = await setUp();
    await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    await saveReview(
      deps,
      as(REVIEWER),
      application.id,
      reviewInputSchema.parse({ scores: { relevance: 4 } }),
      1,
    );
    await expect(submitReview(deps, as(REVIEWER), application.id)).rejects.toMatchObject({
      code: 'RULES_FAILED',
      reason: { code: 'REVIEW_INCOMPLETE' },
      errors: [
        { pointer: '/scores/quality', code: 'REQUIRED' },
        { pointer: '/scores/feasibility', code: 'REQUIRED' },
        { pointer: '/recommendation', code: 'REQUIRED' },
      ],
    });
    const stored = (await deps.reviews.get(application.id, REVIEWER.userId)) as {
      review: { status: string };
    };
    expect(stored.review.status).toBe('draft');
  });

  it('are someone’s own: another reviewer finds no assignment', async () => {
    const { deps, application } = await setUp();
    await assignReviewers(deps, as(CHAIR), application.id, [REVIEWER.userId]);
    await expect(saveReview(deps, as(RANDERS_REVIEWER), application.id, review(), 1)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: { params: { entity: 'assignment' } },
    });
  });
});
