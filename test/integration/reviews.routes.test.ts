import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, expectProblem, fetchCsv, parseDanishCsv, pointers, putReview } from '../support/api.js';
import {
  ADMIN,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  createDraft,
  fullReview,
  partner,
  partnersWith,
  RESEARCHER,
  RESEARCHER2,
  reviewAndSubmit,
  submitFreeOfConflict,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { auditActions, auditEvents } from '../support/table.js';

/*
 * Every review route in depth, beyond the end-to-end flow in review-flow.test.ts: assignment by hand and by
 * suggestion, reviews with their versions and rules, conflicts and rulings, blind review, reviewers reading
 * each other, the ranking's arithmetic and the CSV exports. Reviewers are assigned by hand wherever a test
 * needs particular people (the suggestion's tie-breaks follow random ids).
 */

const R1 = 'reviewer1@fim.local'; // demo-reviewer1, Rikke Laursen, Aarhus Universitet
const R2 = 'reviewer2@fim.local'; // demo-reviewer2, Rasmus Vestergaard, Randers Kommune
const R3 = 'reviewer3@fim.local'; // demo-reviewer3, Ida Thomsen, PLO Midtjylland

let h: Harness;
let client: Api;

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
});

/** An open call with the given settings; its applications are submitted by the caller, then it is closed. */
async function callWith(overrides: Record<string, unknown>): Promise<string> {
  return (await createCall(client, { overrides })).id as string;
}

const submit = (callId: string, who: string, overrides: Record<string, unknown> = {}) =>
  submitFreeOfConflict(client, callId, who, overrides);

/** One application by RESEARCHER under a new call, in review with these reviewers; its id. */
async function inReview(
  call: Record<string, unknown>,
  reviewerIds: string[],
  application: Record<string, unknown> = {},
): Promise<string> {
  const callId = await callWith(call);
  const applicationId = await submit(callId, RESEARCHER, application);
  await closeCallNow(client, callId);
  await assign(applicationId, reviewerIds);
  return applicationId;
}

/** Asks to assign these reviewers to the application (as the chair, unless `who` says otherwise). */
const postAssignments = (applicationId: string, reviewerIds: string[], who = CHAIR) =>
  client.post(`/api/applications/${applicationId}/assignments`, { reviewerIds }, who);

async function assign(applicationId: string, reviewerIds: string[], who = ADMIN) {
  const res = await postAssignments(applicationId, reviewerIds, who);
  expect(res.status, res.text).toBe(200);
  return res.body.items as { reviewerId: string; version: number }[];
}

const assignmentsOf = async (applicationId: string) => h.core.reviews.listByApplication(applicationId);
const actionsOn = (applicationId: string) => auditActions(h, `APP#${applicationId}`);

describe('assigning reviewers by hand', () => {
  let clean = '';
  let randers = '';
  let submittedInOpenCall = '';
  let draft = '';

  beforeAll(async () => {
    const callId = await callWith({ title: 'Tildeling i hånden' });
    clean = await submit(callId, RESEARCHER);
    // "Randers" as the applicant wrote it is Randers Kommune, reviewer2's employer.
    randers = await submit(callId, RESEARCHER, {
      partners: partnersWith('Randers'),
    });
    draft = (await createDraft(client, callId, RESEARCHER)).id as string;
    await closeCallNow(client, callId);
    const open = await callWith({ title: 'Stadig åbent' });
    submittedInOpenCall = await submit(open, RESEARCHER2);
  });

  it('refuses anyone without the reviewer role, each by pointer, and assigns nobody from that request', async () => {
    const res = await postAssignments(clean, ['demo-reviewer1', 'demo-board', 'nobody-at-all']);
    const problem = expectProblem(res, 422, 'RULES_FAILED');
    expect(problem.errors).toEqual([
      expect.objectContaining({ pointer: '/reviewerIds/1', code: 'NOT_A_REVIEWER' }),
      expect.objectContaining({ pointer: '/reviewerIds/2', code: 'NOT_A_REVIEWER' }),
    ]);
    expect(await assignmentsOf(clean)).toEqual([]);
  });

  it('refuses a reviewer whose organisation takes part however it is written, naming the organisation', async () => {
    const res = await postAssignments(randers, ['demo-reviewer1', 'demo-reviewer2']);
    const problem = expectProblem(res, 422, 'RULES_FAILED');
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]).toMatchObject({ pointer: '/reviewerIds/1', code: 'CONFLICT_OF_INTEREST' });
    expect(problem.errors[0].detail).toContain('Rasmus Vestergaard');
    expect(problem.errors[0].detail).toContain('Randers');
    expect(await assignmentsOf(randers)).toEqual([]);
  });

  it('assigns, and assigning the same reviewer again changes nothing', async () => {
    const res = await postAssignments(clean, ['demo-reviewer1', 'demo-reviewer3']);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toHaveLength(2);
    for (const a of res.body.items) {
      expect(a).toMatchObject({
        applicationId: clean,
        applicationTitle: 'Faldforebyggelse i eget hjem',
        assignedBy: 'demo-chair',
        assignedAt: h.clock.now().toISOString(),
        review: { status: 'not_started', scores: {}, comments: {} },
        version: 1,
      });
    }
    const again = await postAssignments(clean, ['demo-reviewer1']);
    expect(again.status, again.text).toBe(200);
    expect(again.body.items).toEqual(res.body.items);
    expect((await actionsOn(clean)).filter((a) => a === 'review.assigned')).toHaveLength(2);
    // Each reviewer finds it in their queue.
    const queue = await client.get('/api/reviews', R3);
    expect(queue.body.items.map((a: { applicationId: string }) => a.applicationId)).toEqual([clean]);
  });

  it('refuses an application that is not in review (409), and one it cannot see (404)', async () => {
    expectProblem(await postAssignments(submittedInOpenCall, ['demo-reviewer1']), 409, 'INVALID_STATE');
    expectProblem(await postAssignments(draft, ['demo-reviewer1']), 404);
    expectProblem(await postAssignments(crypto.randomUUID(), ['demo-reviewer1']), 404);
    expect(await assignmentsOf(submittedInOpenCall)).toEqual([]);
  });

  it('takes off a reviewer who has not submitted, but not one who has', async () => {
    await assign(randers, ['demo-reviewer1', 'demo-reviewer3']);
    // reviewer3 has saved a draft; reviewer1 submits.
    const view = await client.get(`/api/applications/${randers}/review`, R3);
    expect(
      (await putReview(client, randers, R3, fullReview(4, 4, 4), view.body.assignment.version)).status,
    ).toBe(200);
    await reviewAndSubmit(client, randers, R1, fullReview(3, 3, 3));

    const removed = await client.send(
      'DELETE',
      `/api/applications/${randers}/assignments/demo-reviewer3`,
      CHAIR,
    );
    expect(removed.status, removed.text).toBe(204);
    expect((await assignmentsOf(randers)).map((a) => a.reviewerId)).toEqual(['demo-reviewer1']);
    expect(
      (await client.get('/api/reviews', R3)).body.items.map(
        (a: { applicationId: string }) => a.applicationId,
      ),
    ).not.toContain(randers);
    expect(await actionsOn(randers)).toContain('review.unassigned');

    expectProblem(
      await client.send('DELETE', `/api/applications/${randers}/assignments/demo-reviewer1`, CHAIR),
      409,
      'INVALID_STATE',
    );
    expectProblem(
      await client.send('DELETE', `/api/applications/${randers}/assignments/demo-reviewer3`, CHAIR),
      404,
    );
    expect((await assignmentsOf(randers)).map((a) => a.reviewerId)).toEqual(['demo-reviewer1']);
  });
});

describe('the suggested assignment and its confirmation', () => {
  let callId = '';
  let otherCallApp = '';
  const s: Record<'plain' | 'randers' | 'oneAssigned' | 'declared', string> = {
    plain: '',
    randers: '',
    oneAssigned: '',
    declared: '',
  };

  beforeAll(async () => {
    callId = await callWith({ title: 'Forslag', reviewersPerApplication: 3 });
    s.plain = await submit(callId, RESEARCHER);
    s.randers = await submit(callId, RESEARCHER2, {
      partners: partnersWith('Randers Kommune'),
    });
    s.oneAssigned = await submit(callId, RESEARCHER);
    s.declared = await submit(callId, RESEARCHER2);
    await closeCallNow(client, callId);
    const other = await callWith({ title: 'Et andet opslag' });
    otherCallApp = await submit(other, RESEARCHER);
    await closeCallNow(client, other);
    await assign(s.oneAssigned, ['demo-reviewer1']);
    // reviewer3 declares a conflict on `declared`, not yet ruled: it counts as a conflict.
    await assign(s.declared, ['demo-reviewer3']);
    const declared = await client.post(
      `/api/applications/${s.declared}/review/conflict`,
      { reason: 'Min søster er projektleder' },
      R3,
    );
    expect(declared.status, declared.text).toBe(200);
  });

  const suggestion = async () => {
    const res = await client.get(`/api/calls/${callId}/assignment-suggestion`, CHAIR);
    expect(res.status, res.text).toBe(200);
    return new Map<string, { assigned: string[]; suggested: string[] }>(
      res.body.items.map((i: { applicationId: string; assigned: string[]; suggested: string[] }) => [
        i.applicationId,
        { assigned: i.assigned, suggested: [...i.suggested].sort() },
      ]),
    );
  };

  it('never suggests a conflicted reviewer; each application gets min(reviewersPerApplication, free reviewers)', async () => {
    const byApp = await suggestion();
    expect([...byApp.keys()].sort()).toEqual(Object.values(s).sort());
    expect(byApp.get(s.plain)).toEqual({
      assigned: [],
      suggested: ['demo-reviewer1', 'demo-reviewer2', 'demo-reviewer3'],
    });
    // reviewer2 works for Randers Kommune: two free reviewers, so two.
    expect(byApp.get(s.randers)).toEqual({ assigned: [], suggested: ['demo-reviewer1', 'demo-reviewer3'] });
    // One already there: two more, not the one assigned.
    expect(byApp.get(s.oneAssigned)).toEqual({
      assigned: ['demo-reviewer1'],
      suggested: ['demo-reviewer2', 'demo-reviewer3'],
    });
    // The declared reviewer does not count as assigned, and is not suggested again.
    expect(byApp.get(s.declared)).toEqual({ assigned: [], suggested: ['demo-reviewer1', 'demo-reviewer2'] });
  });

  it('stores nothing', async () => {
    const before = await h.core.reviews.listByCall(callId);
    const audit = await Promise.all(Object.values(s).map(actionsOn));
    await suggestion();
    await suggestion();
    expect(await h.core.reviews.listByCall(callId)).toEqual(before);
    expect(await Promise.all(Object.values(s).map(actionsOn))).toEqual(audit);
  });

  it('confirms all or nothing: one conflicted entry refuses the whole plan', async () => {
    const before = await h.core.reviews.listByCall(callId);
    const res = await client.post(
      `/api/calls/${callId}/assignments`,
      {
        assignments: [
          { applicationId: s.plain, reviewerIds: ['demo-reviewer1', 'demo-reviewer2'] },
          { applicationId: s.randers, reviewerIds: ['demo-reviewer1', 'demo-reviewer2'] },
          { applicationId: otherCallApp, reviewerIds: ['demo-reviewer1'] },
          { applicationId: s.oneAssigned, reviewerIds: ['demo-chair'] },
        ],
      },
      CHAIR,
    );
    const problem = expectProblem(res, 422, 'RULES_FAILED');
    expect(problem.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/assignments/1/reviewerIds/1', 'CONFLICT_OF_INTEREST'],
      ['/assignments/2/applicationId', 'INVALID_STATE'],
      ['/assignments/3/reviewerIds/0', 'NOT_A_REVIEWER'],
    ]);
    expect(await h.core.reviews.listByCall(callId)).toEqual(before);
  });

  it('an unknown application in the plan is 404 and stores nothing', async () => {
    const before = await h.core.reviews.listByCall(callId);
    expectProblem(
      await client.post(
        `/api/calls/${callId}/assignments`,
        {
          assignments: [
            { applicationId: s.plain, reviewerIds: ['demo-reviewer1'] },
            { applicationId: crypto.randomUUID(), reviewerIds: ['demo-reviewer1'] },
          ],
        },
        CHAIR,
      ),
      404,
    );
    expect(await h.core.reviews.listByCall(callId)).toEqual(before);
  });

  it('confirms the suggestion; confirming it again creates nothing, and nothing more is suggested', async () => {
    const plan = [...(await suggestion())].map(([applicationId, { suggested }]) => ({
      applicationId,
      reviewerIds: suggested,
    }));
    const res = await client.post(`/api/calls/${callId}/assignments`, { assignments: plan }, CHAIR);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ created: 3 + 2 + 2 + 2 });
    const again = await client.post(`/api/calls/${callId}/assignments`, { assignments: plan }, CHAIR);
    expect(again.body).toEqual({ created: 0 });
    for (const { suggested } of (await suggestion()).values()) expect(suggested).toEqual([]);
    expect(await assignmentsOf(s.randers)).not.toContainEqual(
      expect.objectContaining({ reviewerId: 'demo-reviewer2' }),
    );
  });
});

describe('saving and submitting a review', () => {
  let app = '';

  beforeAll(async () => {
    app = await inReview({ title: 'Bedømmelser' }, ['demo-reviewer1', 'demo-reviewer3']);
  });

  it('shows the reviewer the application beside their review, with its version as ETag', async () => {
    const res = await client.get(`/api/applications/${app}/review`, R1);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body.assignment).toMatchObject({ reviewerId: 'demo-reviewer1', version: 1 });
    // Not a blind call: the applicant and the partners' contacts are there.
    expect(res.body.application).toMatchObject({ id: app, ownerName: 'Sofie Andersen' });
    expect(res.body.application.partners[0]).toMatchObject({ organisation: 'Skive Kommune' });
    expectProblem(await client.get(`/api/applications/${app}/review`, R2), 404);
    expectProblem(await client.get(`/api/applications/${app}/review`, CHAIR), 404);
  });

  it('needs the version read: none is 428, a stale one 409, a malformed one 400', async () => {
    expectProblem(await putReview(client, app, R1, fullReview(3, 3, 3), null), 428, 'PRECONDITION_REQUIRED');
    expectProblem(await putReview(client, app, R1, fullReview(3, 3, 3), 7), 409, 'VERSION_CONFLICT');
    expectProblem(await putReview(client, app, R1, fullReview(3, 3, 3), 'version one'), 400);
    expect((await h.core.reviews.get(app, 'demo-reviewer1'))?.version).toBe(1);
  });

  it('refuses a criterion the call does not have, in scores or comments, each at its own pointer', async () => {
    const res = await putReview(
      client,
      app,
      R1,
      { scores: { relevance: 3, novelty: 4 }, comments: { budget: 'For dyrt' } },
      1,
    );
    const problem = expectProblem(res, 422, 'RULES_FAILED');
    expect(problem.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/scores/novelty', 'UNKNOWN_CRITERION'],
      ['/comments/budget', 'UNKNOWN_CRITERION'],
    ]);
    expect((await h.core.reviews.get(app, 'demo-reviewer1'))?.version).toBe(1);
  });

  it.each([
    ['0', 0],
    ['6', 6],
    ['3.5', 3.5],
    ['"4" as text', '4'],
    ['"NA"', 'NA'],
  ])('refuses the score %s (400)', async (_label, score) => {
    const problem = expectProblem(
      await putReview(client, app, R1, { scores: { relevance: score } }, 1),
      400,
      'VALIDATION_FAILED',
    );
    expect(pointers(problem).some((p) => p.startsWith('/scores/relevance'))).toBe(true);
  });

  it('saves a draft (n/a allowed) and answers with the next version', async () => {
    const res = await putReview(
      client,
      app,
      R1,
      { scores: { relevance: 5, feasibility: 'na' }, comments: { relevance: 'Meget relevant' } },
      1,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({
      version: 2,
      review: {
        status: 'draft',
        scores: { relevance: 5, feasibility: 'na' },
        comments: { relevance: 'Meget relevant' },
      },
    });
    expect(res.body.review.recommendation).toBeUndefined();
    expect((await client.get(`/api/applications/${app}/review`, R1)).body.assignment.review.scores).toEqual({
      relevance: 5,
      feasibility: 'na',
    });
    expect(await actionsOn(app)).toContain('review.saved');
  });

  it('refuses an incomplete submit listing every missing criterion and the recommendation, and changes nothing', async () => {
    const res = await client.act(`/api/applications/${app}/review/submit`, R1, { 'if-match': '"2"' });
    const problem = expectProblem(res, 422, 'RULES_FAILED');
    expect(pointers(problem)).toEqual(['/scores/quality', '/recommendation']);
    expect(problem.errors.every((e: { code: string }) => e.code === 'REQUIRED')).toBe(true);
    expect(await h.core.reviews.get(app, 'demo-reviewer1')).toMatchObject({
      version: 2,
      review: { status: 'draft' },
    });
  });

  it('submits a complete review; after that it is read-only', async () => {
    const saved = await putReview(
      client,
      app,
      R1,
      { ...fullReview(5, 4, 'na', 'fund_with_changes'), overallComment: 'Godt projekt' },
      2,
    );
    expect(saved.status, saved.text).toBe(200);
    expectProblem(
      await client.act(`/api/applications/${app}/review/submit`, R1, { 'if-match': '"2"' }),
      409,
      'VERSION_CONFLICT',
    );
    const submitted = await client.act(`/api/applications/${app}/review/submit`, R1, { 'if-match': '"3"' });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body).toMatchObject({
      version: 4,
      review: {
        status: 'submitted',
        submittedAt: h.clock.now().toISOString(),
        recommendation: 'fund_with_changes',
        overallComment: 'Godt projekt',
      },
    });
    expectProblem(await putReview(client, app, R1, fullReview(1, 1, 1), 4), 409, 'INVALID_STATE');
    expectProblem(await client.act(`/api/applications/${app}/review/submit`, R1), 409, 'INVALID_STATE');
    expect((await h.core.reviews.get(app, 'demo-reviewer1'))?.review.scores).toEqual({
      relevance: 5,
      quality: 4,
      feasibility: 'na',
    });
  });

  it('only the chair (or an admin) reopens a submitted review; the reviewer can then change and resubmit it', async () => {
    const reopen = (who: string, reviewerId = 'demo-reviewer1') =>
      client.act(`/api/applications/${app}/assignments/${reviewerId}/reopen`, who);
    expectProblem(await reopen(R1), 403);
    expectProblem(await reopen(BOARD), 403);
    expectProblem(await reopen(CHAIR, 'demo-reviewer2'), 404);
    // reviewer3 has not submitted: nothing to reopen.
    expectProblem(await reopen(CHAIR, 'demo-reviewer3'), 409, 'INVALID_STATE');

    h.clock.advance(3_600_000);
    const reopened = await reopen(CHAIR);
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.body).toMatchObject({
      version: 5,
      review: { status: 'draft', reopenedAt: h.clock.now().toISOString() },
    });
    // The chair's answer carries no scores or comments; the reviewer finds their own where they left them.
    expect(reopened.body.review.scores).toEqual({});
    expect(
      (await client.get(`/api/applications/${app}/review`, R1)).body.assignment.review.scores,
    ).toMatchObject({
      relevance: 5,
    });
    expectProblem(await reopen(CHAIR), 409, 'INVALID_STATE');

    expect((await putReview(client, app, R1, fullReview(4, 4, 4, 'fund'), 5)).status).toBe(200);
    const resubmitted = await client.act(`/api/applications/${app}/review/submit`, R1);
    expect(resubmitted.status, resubmitted.text).toBe(200);
    expect(resubmitted.body.review).toMatchObject({
      status: 'submitted',
      submittedAt: h.clock.now().toISOString(),
      scores: { relevance: 4, quality: 4, feasibility: 4 },
    });
    const actions = await actionsOn(app);
    expect(actions.filter((a) => a === 'review.submitted')).toHaveLength(2);
    expect(actions.filter((a) => a === 'review.reopened')).toHaveLength(1);
  });
});

describe('conflicts of interest: declaration and ruling', () => {
  let callId = '';
  let app = '';
  let regionApp = '';

  beforeAll(async () => {
    callId = await callWith({ title: 'Inhabilitet' });
    app = await submit(callId, RESEARCHER);
    // The chair works for Region Midtjylland, a partner here.
    regionApp = await submit(callId, RESEARCHER2, {
      partners: [partner('Region Midtjylland', 'region'), partner('Viborg Kommune', 'municipality')],
    });
    await closeCallNow(client, callId);
    await assign(app, ['demo-reviewer1', 'demo-reviewer2', 'demo-reviewer3']);
    await assign(regionApp, ['demo-reviewer1']);
  });

  const declare = (applicationId: string, who: string, reason = 'Jeg har vejledt ansøgeren') =>
    client.post(`/api/applications/${applicationId}/review/conflict`, { reason }, who);
  const rule = (applicationId: string, reviewerId: string, who: string, body: unknown) =>
    client.post(`/api/applications/${applicationId}/assignments/${reviewerId}/conflict-ruling`, body, who);

  it('a reviewer declares once, with a reason; someone not assigned cannot', async () => {
    expectProblem(await declare(app, R3, 'kort'), 400, 'VALIDATION_FAILED');
    const declared = await declare(app, R3);
    expect(declared.status, declared.text).toBe(200);
    expect(declared.body.conflict).toEqual({
      declaredAt: h.clock.now().toISOString(),
      reason: 'Jeg har vejledt ansøgeren',
    });
    expectProblem(await declare(app, R3, 'Og en grund mere'), 409, 'INVALID_STATE');
    expectProblem(await declare(regionApp, R3), 404);
    expect((await actionsOn(app)).filter((a) => a === 'conflict.declared')).toHaveLength(1);
  });

  it('until the chair rules, the declared reviewer sees the title only and cannot save or submit', async () => {
    const view = await client.get(`/api/applications/${app}/review`, R3);
    expect(view.status).toBe(200);
    expect(view.body.application).toBeUndefined();
    expect(view.body.assignment.applicationTitle).toBe('Faldforebyggelse i eget hjem');
    expect(view.text).not.toContain('Sofie Andersen');
    expect(view.text).not.toContain('Skive Kommune');
    expectProblem(
      await putReview(client, app, R3, fullReview(3, 3, 3), view.body.assignment.version),
      409,
      'INVALID_STATE',
    );
    expectProblem(await client.act(`/api/applications/${app}/review/submit`, R3), 409, 'INVALID_STATE');
  });

  it('the chair rules "recused": recorded with who and when; the reviewer stays on the title only', async () => {
    expectProblem(await rule(app, 'demo-reviewer1', CHAIR, { recused: true }), 404);
    expectProblem(await rule(app, 'demo-reviewer3', BOARD, { recused: true }), 403);
    expectProblem(await rule(app, 'demo-reviewer3', R1, { recused: true }), 403);
    h.clock.advance(60_000);
    const ruled = await rule(app, 'demo-reviewer3', CHAIR, { recused: true, note: 'Nærtstående' });
    expect(ruled.status, ruled.text).toBe(200);
    expect(ruled.body.conflict.ruling).toEqual({
      recused: true,
      byUserId: 'demo-chair',
      byName: 'Charlotte Bech',
      at: h.clock.now().toISOString(),
      note: 'Nærtstående',
    });
    expectProblem(await rule(app, 'demo-reviewer3', CHAIR, { recused: false }), 409, 'INVALID_STATE');
    expect((await h.core.reviews.get(app, 'demo-reviewer3'))?.conflict?.ruling?.recused).toBe(true);
    const view = await client.get(`/api/applications/${app}/review`, R3);
    expect(view.body.application).toBeUndefined();
    expectProblem(
      await putReview(client, app, R3, fullReview(3, 3, 3), view.body.assignment.version),
      409,
      'INVALID_STATE',
    );
    const [event] = (await auditEvents(h, `APP#${app}`)).filter((e) => e.action === 'conflict.ruled');
    expect(event).toMatchObject({
      actor: { userId: 'demo-chair' },
      details: { reviewerId: 'demo-reviewer3', recused: true },
    });
  });

  it('ruled "not recused", the reviewer is back at work', async () => {
    h.clock.advance(60_000);
    expect((await declare(app, R1, 'Jeg kender en af partnerne')).status).toBe(200);
    const ruled = await rule(app, 'demo-reviewer1', CHAIR, { recused: false });
    expect(ruled.status, ruled.text).toBe(200);
    expect(ruled.body.conflict.ruling).toMatchObject({ recused: false, byUserId: 'demo-chair' });
    const view = await client.get(`/api/applications/${app}/review`, R1);
    expect(view.body.application).toMatchObject({ id: app, title: 'Faldforebyggelse i eget hjem' });
    expect((await putReview(client, app, R1, fullReview(4, 4, 4), view.body.assignment.version)).status).toBe(
      200,
    );
    expect((await client.act(`/api/applications/${app}/review/submit`, R1)).status).toBe(200);
  });

  it('lists the call’s declarations for the chair, unruled first', async () => {
    h.clock.advance(60_000);
    expect((await declare(app, R2, 'Tidligere kollega')).status).toBe(200);
    const res = await client.get(`/api/calls/${callId}/conflicts`, CHAIR);
    expect(res.status, res.text).toBe(200);
    expect(
      res.body.items.map((a: { reviewerId: string; conflict: { ruling?: unknown } }) => [
        a.reviewerId,
        a.conflict.ruling !== undefined,
      ]),
    ).toEqual([
      ['demo-reviewer2', false],
      ['demo-reviewer3', true],
      ['demo-reviewer1', true],
    ]);
  });

  it('a chair conflicted with the application cannot rule on it (403); an admin can', async () => {
    expect((await declare(regionApp, R1)).status).toBe(200);
    expectProblem(await rule(regionApp, 'demo-reviewer1', CHAIR, { recused: true }), 403);
    expect((await h.core.reviews.get(regionApp, 'demo-reviewer1'))?.conflict?.ruling).toBeUndefined();
    const ruled = await rule(regionApp, 'demo-reviewer1', ADMIN, { recused: true });
    expect(ruled.status, ruled.text).toBe(200);
    expect(ruled.body.conflict.ruling).toMatchObject({ recused: true, byUserId: 'demo-admin' });
  });
});

describe('blind review and reading the other reviews', () => {
  let blind = '';
  let notShown = '';

  beforeAll(async () => {
    blind = await inReview(
      { title: 'Blind bedømmelse', blindReview: true, showReviewsToReviewers: true },
      ['demo-reviewer1', 'demo-reviewer2', 'demo-reviewer3'],
      {
        partners: [
          partner('Skive Kommune', 'municipality', 'Mette Jensen'),
          partner('Lægehuset Nørreport', 'general_practice', 'Lars Poulsen'),
        ],
      },
    );
    notShown = await inReview({ title: 'Ikke vist for bedømmere' }, ['demo-reviewer1', 'demo-reviewer3']);
  });

  it('hides who applied and who the partners’ contacts are from the reviewer', async () => {
    const res = await client.get(`/api/applications/${blind}/review`, R1);
    expect(res.status, res.text).toBe(200);
    const application = res.body.application;
    expect(application).toMatchObject({
      id: blind,
      title: 'Faldforebyggelse i eget hjem',
      summary: expect.any(String),
      ownerId: '',
      ownerName: '',
      ownerEmail: '',
    });
    expect(application.ownerOrganisation).toBeUndefined();
    expect(application.partners).toEqual([
      { sector: 'municipality', role: 'Partner' },
      { sector: 'general_practice', role: 'Partner' },
    ]);
    const queue = (await client.get('/api/reviews', R1)).text;
    for (const leak of [
      'Sofie Andersen',
      'researcher@fim.local',
      'demo-researcher',
      'Aarhus Universitetshospital',
      'Mette Jensen',
      'mette.jensen@example.dk',
      'Lars Poulsen',
      'lars.poulsen@example.dk',
    ]) {
      expect(res.text).not.toContain(leak);
      expect(queue).not.toContain(leak);
    }
    // The board sees the application as it is (through the admin's read here).
    expect((await client.get(`/api/applications/${blind}`, ADMIN)).body.ownerName).toBe('Sofie Andersen');
  });

  it('shows a reviewer the others’ submitted reviews only after submitting their own, where the call allows', async () => {
    const others = (who: string) => client.get(`/api/applications/${blind}/assignments`, who);
    expectProblem(await others(R1), 403);
    await reviewAndSubmit(client, blind, R1, fullReview(4, 4, 4));
    const view = await client.get(`/api/applications/${blind}/review`, R3);
    expect(
      (await putReview(client, blind, R3, fullReview(2, 2, 2), view.body.assignment.version)).status,
    ).toBe(200);

    const afterOwn = await others(R1);
    expect(afterOwn.status, afterOwn.text).toBe(200);
    // reviewer3's draft is not shown.
    expect(afterOwn.body.items.map((a: { reviewerId: string }) => a.reviewerId)).toEqual(['demo-reviewer1']);
    expectProblem(await others(R3), 403);

    expect((await client.act(`/api/applications/${blind}/review/submit`, R3)).status).toBe(200);
    const both = await others(R1);
    expect(both.body.items.map((a: { reviewerId: string }) => a.reviewerId).sort()).toEqual([
      'demo-reviewer1',
      'demo-reviewer3',
    ]);
    expect(
      both.body.items.find((a: { reviewerId: string }) => a.reviewerId === 'demo-reviewer3').review,
    ).toMatchObject({
      scores: { relevance: 2 },
    });
  });

  it('never to a recused reviewer, and never where the call does not allow it', async () => {
    expect(
      (
        await client.post(
          `/api/applications/${blind}/review/conflict`,
          { reason: 'Jeg kender ansøgeren privat' },
          R2,
        )
      ).status,
    ).toBe(200);
    expectProblem(await client.get(`/api/applications/${blind}/assignments`, R2), 403);
    expect(
      (
        await client.post(
          `/api/applications/${blind}/assignments/demo-reviewer2/conflict-ruling`,
          { recused: true },
          CHAIR,
        )
      ).status,
    ).toBe(200);
    expectProblem(await client.get(`/api/applications/${blind}/assignments`, R2), 403);

    await reviewAndSubmit(client, notShown, R1, fullReview(3, 3, 3));
    expectProblem(await client.get(`/api/applications/${notShown}/assignments`, R1), 403);
  });
});

describe('the ranking and the CSV exports', () => {
  let callId = '';
  const r: Record<'high' | 'equal' | 'na' | 'formula' | 'none', string> = {
    high: '',
    equal: '',
    na: '',
    formula: '',
    none: '',
  };
  const FORMULA = '=HYPERLINK("https://evil.example";"Klik")';
  const amount = (ore: number) => ({ budgetLines: [{ category: 'Løn', year: 2027, amountOre: ore }] });

  beforeAll(async () => {
    callId = await callWith({ title: 'Rangering', budgetOre: 90_000_000, disagreementThreshold: 1.2 });
    r.high = await submit(callId, RESEARCHER, amount(40_000_000));
    r.equal = await submit(callId, RESEARCHER2, amount(30_000_000));
    // The board member works for Aarhus Kommune, a partner here.
    r.na = await submit(callId, RESEARCHER, {
      ...amount(20_000_000),
      partners: partnersWith('Aarhus Kommune'),
    });
    r.formula = await submit(callId, RESEARCHER2, { ...amount(5_000_000), title: FORMULA });
    r.none = await submit(callId, RESEARCHER, amount(10_000_000));
    await closeCallNow(client, callId);
    const plan = Object.values(r).map((applicationId) => ({
      applicationId,
      reviewerIds: ['demo-reviewer1', 'demo-reviewer3'],
    }));
    plan[0]?.reviewerIds.push('demo-reviewer2');
    expect((await client.post(`/api/calls/${callId}/assignments`, { assignments: plan }, ADMIN)).status).toBe(
      200,
    );
    // Weights: relevance 2, quality 2, feasibility 1.
    await reviewAndSubmit(client, r.high, R1, fullReview(5, 5, 5)); // 5
    await reviewAndSubmit(client, r.high, R3, fullReview(3, 3, 3)); // 3
    // A submitted review whose author then declares a conflict (not yet ruled) no longer counts.
    await reviewAndSubmit(client, r.high, R2, fullReview(1, 1, 1));
    await client.post(`/api/applications/${r.high}/review/conflict`, { reason: 'Opdaget bagefter' }, R2);
    await reviewAndSubmit(client, r.equal, R1, fullReview(5, 4, 3)); // 21/5 = 4.2
    await reviewAndSubmit(client, r.equal, R3, fullReview(3, 3, 3)); // 3: the spread equals the threshold
    await reviewAndSubmit(client, r.na, R1, fullReview(5, 'na', 2, 'fund_with_changes')); // 12/3 = 4
    await reviewAndSubmit(client, r.na, R3, fullReview(3, 'na', 3)); // 3
    await reviewAndSubmit(client, r.formula, R1, fullReview(2, 2, 2, 'do_not_fund')); // 2
    await reviewAndSubmit(client, r.formula, R3, fullReview('na', 'na', 'na')); // no score
    // A draft that is never submitted does not count.
    const view = await client.get(`/api/applications/${r.none}/review`, R1);
    await putReview(client, r.none, R1, fullReview(5, 5, 5), view.body.assignment.version);
  });

  interface Row {
    applicationId: string;
    conflicted: boolean;
    score?: { count: number; mean?: number; min?: number; max?: number; spread?: number };
    reviewerScores?: { reviewerId: string; score?: number }[];
    runningTotalOre?: number;
    withinBudget?: boolean;
    disagreement?: boolean;
    requestedAmountOre?: number;
  }
  const ranking = async (who: string) => {
    const res = await client.get(`/api/calls/${callId}/ranking`, who);
    expect(res.status, res.text).toBe(200);
    return res.body as { budgetOre: number; approvedOre: number; disagreementThreshold: number; rows: Row[] };
  };
  const row = (rows: Row[], id: string) => rows.find((x) => x.applicationId === id) as Row;

  it('orders by the mean of weighted reviewer scores, n/a left out, unscored last', async () => {
    const { rows, budgetOre, approvedOre, disagreementThreshold } = await ranking(ADMIN);
    expect({ budgetOre, approvedOre, disagreementThreshold }).toEqual({
      budgetOre: 90_000_000,
      approvedOre: 0,
      disagreementThreshold: 1.2,
    });
    expect(rows.map((x) => x.applicationId)).toEqual([r.high, r.equal, r.na, r.formula, r.none]);
    expect(row(rows, r.high).score).toEqual({ count: 2, mean: 4, min: 3, max: 5, spread: 2 });
    expect(
      row(rows, r.high)
        .reviewerScores?.map((s) => s.reviewerId)
        .sort(),
    ).toEqual(['demo-reviewer1', 'demo-reviewer3']);
    expect(row(rows, r.equal).score?.mean).toBeCloseTo(3.6, 10);
    // Weighted with n/a left out: (2*5 + 1*2) / 3 = 4, not (5 + 2) / 2 nor (10 + 0 + 2) / 5.
    expect(row(rows, r.na).reviewerScores?.find((s) => s.reviewerId === 'demo-reviewer1')?.score).toBe(4);
    expect(row(rows, r.na).score).toMatchObject({ count: 2, mean: 3.5, spread: 1 });
    // An all-n/a review gives no score: one reviewer counts.
    expect(row(rows, r.formula).score).toEqual({ count: 1, mean: 2, min: 2, max: 2, spread: 0 });
    expect(row(rows, r.none).score).toEqual({ count: 0 });
  });

  it('flags a spread above the call’s threshold, not one equal to it', async () => {
    const { rows } = await ranking(ADMIN);
    expect(row(rows, r.high).disagreement).toBe(true);
    expect(row(rows, r.equal).score?.spread).toBeCloseTo(1.2, 10);
    expect(row(rows, r.equal).disagreement).toBe(false);
    expect(rows.filter((x) => x.disagreement).map((x) => x.applicationId)).toEqual([r.high]);
  });

  it('carries the running total of requested amounts against the budget', async () => {
    const { rows } = await ranking(ADMIN);
    expect(rows.map((x) => [x.requestedAmountOre, x.runningTotalOre, x.withinBudget])).toEqual([
      [40_000_000, 40_000_000, true],
      [30_000_000, 70_000_000, true],
      [20_000_000, 90_000_000, true],
      [5_000_000, 95_000_000, false],
      [10_000_000, 105_000_000, false],
    ]);
  });

  it('gives a conflicted board member the title only on that row', async () => {
    const { rows } = await ranking(BOARD);
    const conflicted = row(rows, r.na);
    // Issue 11: not even its reference or status.
    expect(Object.keys(conflicted).sort()).toEqual(['applicationId', 'conflicted', 'title']);
    expect(conflicted).toMatchObject({ conflicted: true, title: 'Faldforebyggelse i eget hjem' });
    expect(row(rows, r.high)).toMatchObject({ conflicted: false, score: { mean: 4 } });
    // The chair is not conflicted with any of them.
    expect((await ranking(CHAIR)).rows.every((x) => !x.conflicted)).toBe(true);
  });

  it('exports the scores for Danish Excel: BOM, semicolons, CRLF, decimal commas, i.r., formulas neutralised', async () => {
    const csv = await fetchCsv(h, `/api/calls/${callId}/exports/scores.csv`, ADMIN);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="fim-scores-${callId.slice(0, 8)}.csv"`,
    );
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.endsWith('\r\n')).toBe(true);
    expect(csv.text.replaceAll('\r\n', '')).not.toContain('\n');
    const [header, ...rows] = parseDanishCsv(csv.text);
    expect(header).toEqual([
      'Journalnr.',
      'Titel',
      'Bedømmer',
      'Relevans for kommuner og region (vægt 2)',
      'Videnskabelig kvalitet (vægt 2)',
      'Gennemførlighed (vægt 1)',
      'Vægtet score',
      'Indstilling',
    ]);
    const cellsOf = (who: string, title?: string) =>
      rows.find((x) => x[2] === who && (title === undefined || x[1] === title))?.slice(2);
    const refOf = async (id: string) => (await h.core.applications.get(id))?.reference;
    const equalRef = await refOf(r.equal);
    expect(rows.find((x) => x[0] === equalRef && x[2] === 'Rikke Laursen')?.slice(2)).toEqual([
      'Rikke Laursen',
      '5',
      '4',
      '3',
      '4,2',
      'Bevilg',
    ]);
    const naRef = await refOf(r.na);
    expect(rows.find((x) => x[0] === naRef && x[2] === 'Rikke Laursen')?.slice(3)).toEqual([
      '5',
      'i.r.',
      '2',
      '4',
      'Bevilg med ændringer',
    ]);
    // The formula title is text in Excel: a leading apostrophe, quoted because of its quotes and semicolon.
    expect(cellsOf('Ida Thomsen', `'${FORMULA}`)).toEqual([
      'Ida Thomsen',
      'i.r.',
      'i.r.',
      'i.r.',
      '',
      'Bevilg',
    ]);
    expect(csv.text).toContain(`"'=HYPERLINK(""https://evil.example"";""Klik"")"`);
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
    // Submitted, not recused, and drafts left out: 2 reviews on each of the four scored applications.
    expect(rows).toHaveLength(8);
    expect(rows.some((x) => x[2] === 'Rasmus Vestergaard')).toBe(false);
  });

  it('words the exports in the reader’s language: English headers, n/a and recommendations, the same figures', async () => {
    const res = await h.app.request(`/api/calls/${callId}/exports/scores.csv`, {
      headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}`, 'accept-language': 'en' },
    });
    expect(res.status).toBe(200);
    const [header, ...rows] = parseDanishCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      'Reference',
      'Title',
      'Reviewer',
      'Relevans for kommuner og region (weight 2)',
      'Videnskabelig kvalitet (weight 2)',
      'Gennemførlighed (weight 1)',
      'Weighted score',
      'Recommendation',
    ]);
    const naRef = (await h.core.applications.get(r.na))?.reference;
    expect(rows.find((x) => x[0] === naRef && x[2] === 'Rikke Laursen')?.slice(3)).toEqual([
      '5',
      'n/a',
      '2',
      '4',
      'Fund with changes',
    ]);
    expect(rows).toHaveLength(8);
  });

  it('exports the decisions with each application’s place, figures in kroner and the justification', async () => {
    const approve = await client.post(
      `/api/applications/${r.high}/decision`,
      { outcome: 'approved', amountOre: 35_000_050 },
      ADMIN,
    );
    expect(approve.status, approve.text).toBe(201);
    const reject = await client.post(
      `/api/applications/${r.formula}/decision`,
      { outcome: 'rejected', justification: 'Ikke forankret; se "vurdering"' },
      ADMIN,
    );
    expect(reject.status, reject.text).toBe(201);

    const csv = await fetchCsv(h, `/api/calls/${callId}/exports/decisions.csv`, ADMIN);
    expect(csv.status).toBe(200);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseDanishCsv(csv.text);
    expect(header).toEqual([
      'Placering',
      'Journalnr.',
      'Titel',
      'Gennemsnit',
      'Antal bedømmelser',
      'Spredning',
      'Ansøgt (kr.)',
      'Afgørelse',
      'Bevilget (kr.)',
      'Begrundelse',
      'Inhabile',
    ]);
    expect(rows.map((x) => [x[0], x[3], x[4], x[5], x[6], x[7], x[8], x[9]])).toEqual([
      ['1', '4', '2', '2', '400000,00', 'Bevilget', '350000,50', ''],
      ['2', '3,6', '2', '1,2', '300000,00', 'Under bedømmelse', '', ''],
      ['3', '3,5', '2', '1', '200000,00', 'Under bedømmelse', '', ''],
      ['4', '2', '1', '0', '50000,00', 'Afslået', '', 'Ikke forankret; se "vurdering"'],
      ['5', '', '0', '', '100000,00', 'Under bedømmelse', '', ''],
    ]);
    expect(rows[3]?.[2]).toBe(`'${FORMULA}`);
    const english = await h.app.request(`/api/calls/${callId}/exports/decisions.csv`, {
      headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}`, 'accept-language': 'en' },
    });
    const [enHeader, ...enRows] = parseDanishCsv((await english.text()).replace(/^\uFEFF/, ''));
    expect(enHeader?.slice(0, 2)).toEqual(['Place', 'Reference']);
    expect(enRows.map((x) => [x[0], x[6], x[7], x[8]])).toEqual([
      ['1', '400000,00', 'Approved', '350000,50'],
      ['2', '300000,00', 'In review', ''],
      ['3', '200000,00', 'In review', ''],
      ['4', '50000,00', 'Rejected', ''],
      ['5', '100000,00', 'In review', ''],
    ]);
    expect(csv.text).toContain('"Ikke forankret; se ""vurdering"""');
  });

  it('leaves a conflicted board member’s application out of their scores export, and bare in the decisions export', async () => {
    const naRef = (await h.core.applications.get(r.na))?.reference;
    const scores = parseDanishCsv((await fetchCsv(h, `/api/calls/${callId}/exports/scores.csv`, BOARD)).text);
    expect(scores.slice(1).some((x) => x[0] === naRef)).toBe(false);
    expect(scores.length).toBeGreaterThan(1);
    const decisions = parseDanishCsv(
      (await fetchCsv(h, `/api/calls/${callId}/exports/decisions.csv`, BOARD)).text,
    );
    // Title only, and "Inhabil" for its outcome: neither its reference nor its status (issue 11).
    expect(decisions.some((x) => x[1] === naRef)).toBe(false);
    const bare = decisions.find((x) => x[2] === 'Faldforebyggelse i eget hjem' && x[1] === '');
    expect(bare?.slice(3)).toEqual(['', '', '', '', 'Inhabil', '', '', '']);
  });
});
