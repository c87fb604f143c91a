import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../functions/core/auth/principal.js';
import type { RequestContext, UserProfile } from '../../functions/core/ports.js';
import {
  assignReviewers,
  reopenReview,
  unassignReviewer,
} from '../../functions/core/reviews/assignment.service.js';
import { declareConflict, ruleOnConflict } from '../../functions/core/reviews/conflict.service.js';
import { reviewInputSchema } from '../../functions/core/reviews/review.schema.js';
import { saveReview, submitReview } from '../../functions/core/reviews/review.service.js';
import { DEMO_USERS } from '../../functions/local/seed.js';
import {
  type Api,
  api,
  checkRoutes,
  expectProblem,
  fetchCsv,
  parseDanishCsv,
  putReview,
  type RouteCase,
  rolesOf,
} from '../support/api.js';
import {
  ADMIN,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  FINANCE,
  fullReview,
  partnersWith,
  person,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  REVIEWER2,
  REVIEWER3,
  submitApplication,
} from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';

/*
 * Who may use each review and decision route, as authorization.test.ts does for calls and applications. The
 * application under test has a reviewer at work, a reviewer recused after declaring a conflict, a reviewer not
 * on it, and a board member whose organisation is a partner on it. Routes that change state get the state they
 * need before each call (through the core), so every role meets the same situation.
 */

/** A second board member, from Skanderborg Kommune: a partner on the application under test. */
const BOARD2 = person('board2', ['applicant', 'board'], 'Skanderborg Kommune', { name: 'Signe Kjær' });
/** Reviewers behind the scenes: their assignments are taken off, ruled on and reopened by the cases. */
const REVIEWER4 = person('reviewer4', ['applicant', 'reviewer'], 'Steno Diabetes Center Aarhus', {
  name: 'Peter Dahl',
});
const REVIEWER5 = person('reviewer5', ['applicant', 'reviewer'], 'VIA University College', {
  name: 'Lene Munk',
});
const EXTRA = [BOARD2, REVIEWER4, REVIEWER5];

const MATRIX = rolesOf({
  anonymous: undefined,
  applicant: RESEARCHER,
  otherApplicant: RESEARCHER2,
  assignedReviewer: REVIEWER,
  unassignedReviewer: REVIEWER3,
  conflictedReviewer: REVIEWER2,
  board: BOARD,
  conflictedBoard: BOARD2.email,
  chair: CHAIR,
  finance: FINANCE,
  admin: ADMIN,
});
type Role = (typeof MATRIX.roles)[number];
const { all, emails: EMAIL } = MATRIX;
const userIdOf = (email: string) =>
  [...DEMO_USERS, ...EXTRA].find((u) => u.email === email)?.userId ?? 'nobody';

/** The chair's work (and admins'): everyone else signed in is refused. */
const chairOnly = (status: number) => all(403, { anonymous: 401, chair: status, admin: status });
/** The board's work: a conflicted board member is let in where the route shows them the title only. */
const boardOnly = (status: number, conflictedBoard = status) =>
  all(403, { anonymous: 401, board: status, conflictedBoard, chair: status, admin: status });
/** A reviewer's own assignment: nobody else has one, so nobody else finds it. */
const ownAssignment = (assigned: number, conflicted: number) =>
  all(404, { anonymous: 401, assignedReviewer: assigned, conflictedReviewer: conflicted });

let h: Harness;
let client: Api;
let callId = '';
let app = ''; // the application under test
let waiting = ''; // decided (waiting list) again and again by the meeting cases
let meetingId = '';
const REASON = 'Jeg har været vejleder for ansøgeren';

const principalOf = (profile: UserProfile): Principal => ({ ...profile });
const ctxOf = (profile: UserProfile): RequestContext => ({ actor: principalOf(profile) });
const asAdmin = (): RequestContext => ({ actor: h.principal(ADMIN) });
const profileOf = (email: string) => [...DEMO_USERS, ...EXTRA].find((u) => u.email === email) as UserProfile;

beforeAll(async () => {
  h = await withUsers(await createHarness(), EXTRA);
  client = api(h);
  callId = (await createCall(client, { overrides: { title: 'Adgang til bedømmelse' } })).id;
  const partners = partnersWith('Skanderborg Kommune');
  app = await submitApplication(client, callId, RESEARCHER, { partners });
  waiting = await submitApplication(client, callId, RESEARCHER, { partners, title: 'Venteliste-projektet' });
  await closeCallNow(client, callId);
  await assignReviewers(h.core, asAdmin(), app, ['demo-reviewer1', 'demo-reviewer2', 'demo-reviewer5']);
  await declareConflict(h.core, ctxOf(profileOf(EMAIL.conflictedReviewer as string)), app, REASON);
  await ruleOnConflict(h.core, { actor: h.principal(CHAIR) }, app, 'demo-reviewer2', {
    recused: true,
  });
  const decided = await client.post(
    `/api/applications/${waiting}/decision`,
    { outcome: 'waiting_list' },
    ADMIN,
  );
  expect(decided.status, decided.text).toBe(201);
  meetingId = decided.body.id;
  // Sign everyone in once, so no case pays for it.
  for (const email of Object.values(EMAIL)) if (email) await h.tokenFor(email);
});

/*
 * The states the changing cases need, made through the core before each call. Each checks first and does
 * only what is missing, so a refused call costs a read or two.
 */
async function reviewerOn(profile: UserProfile) {
  return h.core.reviews.get(app, profile.userId);
}
async function freshAssignment(profile: UserProfile) {
  const current = await reviewerOn(profile);
  if (current?.conflict) await unassignReviewer(h.core, asAdmin(), app, profile.userId);
  if (!current || current.conflict) await assignReviewers(h.core, asAdmin(), app, [profile.userId]);
}
async function declaredUnruled(profile: UserProfile) {
  const current = await reviewerOn(profile);
  if (current?.conflict && !current.conflict.ruling) return;
  await freshAssignment(profile);
  await declareConflict(h.core, ctxOf(profile), app, REASON);
}
async function draftOf(profile: UserProfile, complete: boolean) {
  let current = await reviewerOn(profile);
  if (!current) throw new Error(`${profile.userId} is not on the application`);
  if (current.review.status === 'submitted')
    current = await reopenReview(h.core, asAdmin(), app, profile.userId);
  if (complete && !current.review.recommendation) {
    await saveReview(
      h.core,
      ctxOf(profile),
      app,
      reviewInputSchema.parse(fullReview(4, 3, 'na')),
      current.version,
    );
  }
}
async function submittedBy(profile: UserProfile) {
  const current = await reviewerOn(profile);
  if (current?.review.status === 'submitted') return;
  await draftOf(profile, true);
  await submitReview(h.core, ctxOf(profile), app);
}
const REVIEWER1 = () => profileOf(EMAIL.assignedReviewer as string);

const matrix: RouteCase<Role>[] = [
  {
    route: 'GET /api/reviewers',
    expected: chairOnly(200),
    run: (who) => client.get('/api/reviewers', who),
  },
  {
    route: 'GET /api/applications/{id}/assignments',
    // Those on it are refused (403); anyone else is answered as for an unknown id (404), so no one learns
    // from the answer whether an application exists.
    expected: all(404, {
      anonymous: 401,
      board: 200,
      chair: 200,
      admin: 200,
      conflictedBoard: 403,
      assignedReviewer: 403,
      conflictedReviewer: 403,
    }),
    run: (who) => client.get(`/api/applications/${app}/assignments`, who),
  },
  {
    route: 'POST /api/applications/{id}/assignments',
    expected: chairOnly(200),
    run: (who) =>
      client.post(`/api/applications/${app}/assignments`, { reviewerIds: ['demo-reviewer1'] }, who),
  },
  {
    route: 'DELETE /api/applications/{id}/assignments/{reviewerId}',
    expected: chairOnly(204),
    run: async (who) => {
      await freshAssignment(REVIEWER4);
      return client.send('DELETE', `/api/applications/${app}/assignments/${REVIEWER4.userId}`, who);
    },
  },
  {
    route: 'POST /api/applications/{id}/assignments/{reviewerId}/conflict-ruling',
    expected: chairOnly(200),
    run: async (who) => {
      await declaredUnruled(REVIEWER4);
      return client.post(
        `/api/applications/${app}/assignments/${REVIEWER4.userId}/conflict-ruling`,
        { recused: true },
        who,
      );
    },
  },
  {
    route: 'POST /api/applications/{id}/assignments/{reviewerId}/reopen',
    expected: chairOnly(200),
    run: async (who) => {
      await submittedBy(REVIEWER5);
      return client.act(`/api/applications/${app}/assignments/${REVIEWER5.userId}/reopen`, who);
    },
  },
  {
    route: 'GET /api/calls/{id}/assignment-suggestion',
    expected: chairOnly(200),
    run: (who) => client.get(`/api/calls/${callId}/assignment-suggestion`, who),
  },
  {
    route: 'POST /api/calls/{id}/assignments',
    expected: chairOnly(200),
    run: (who) =>
      client.post(
        `/api/calls/${callId}/assignments`,
        { assignments: [{ applicationId: app, reviewerIds: ['demo-reviewer1'] }] },
        who,
      ),
  },
  {
    route: 'GET /api/calls/{id}/conflicts',
    expected: chairOnly(200),
    run: (who) => client.get(`/api/calls/${callId}/conflicts`, who),
  },
  {
    route: 'GET /api/reviews',
    expected: all(200, { anonymous: 401 }),
    run: (who) => client.get('/api/reviews', who),
  },
  {
    route: 'GET /api/applications/{id}/review',
    expected: ownAssignment(200, 200),
    run: (who) => client.get(`/api/applications/${app}/review`, who),
  },
  {
    route: 'PUT /api/applications/{id}/review',
    expected: ownAssignment(200, 409),
    run: async (who) => {
      await draftOf(REVIEWER1(), false);
      const own = who ? await h.core.reviews.get(app, userIdOf(who)) : undefined;
      return putReview(client, app, who, { scores: { relevance: 4 } }, own?.version ?? 1);
    },
  },
  {
    route: 'POST /api/applications/{id}/review/submit',
    expected: ownAssignment(200, 409),
    run: async (who) => {
      await draftOf(REVIEWER1(), true);
      return client.act(`/api/applications/${app}/review/submit`, who);
    },
  },
  {
    route: 'POST /api/applications/{id}/review/conflict',
    expected: ownAssignment(200, 409),
    run: async (who) => {
      await draftOf(REVIEWER1(), false);
      const res = await client.post(`/api/applications/${app}/review/conflict`, { reason: REASON }, who);
      // The reviewer at work must stay at work for the cases after this one.
      if (res.status === 200) await freshAssignment(REVIEWER1());
      return res;
    },
  },
  {
    route: 'GET /api/calls/{id}/ranking',
    expected: boardOnly(200),
    run: (who) => client.get(`/api/calls/${callId}/ranking`, who),
  },
  {
    route: 'POST /api/calls/{id}/meetings',
    expected: boardOnly(201, 422),
    run: (who) =>
      client.post(
        `/api/calls/${callId}/meetings`,
        {
          heldAt: '2027-03-10T14:00:00+01:00',
          attendeeIds: ['demo-chair'],
          decisions: [{ applicationId: waiting, outcome: 'waiting_list' }],
        },
        who,
      ),
  },
  {
    route: 'GET /api/calls/{id}/meetings',
    expected: boardOnly(200),
    run: (who) => client.get(`/api/calls/${callId}/meetings`, who),
  },
  {
    route: 'GET /api/meetings/{id}',
    expected: boardOnly(200),
    run: (who) => client.get(`/api/meetings/${meetingId}`, who),
  },
  {
    route: 'POST /api/applications/{id}/decision',
    expected: boardOnly(201, 422),
    run: (who) => client.post(`/api/applications/${waiting}/decision`, { outcome: 'waiting_list' }, who),
  },
  {
    route: 'GET /api/calls/{id}/exports/scores.csv',
    expected: boardOnly(200),
    run: (who) => client.get(`/api/calls/${callId}/exports/scores.csv`, who),
  },
  {
    route: 'GET /api/calls/{id}/exports/decisions.csv',
    expected: boardOnly(200),
    run: (who) => client.get(`/api/calls/${callId}/exports/decisions.csv`, who),
  },
];

// A refusal names no one's data.
checkRoutes(MATRIX, matrix, ['Sofie Andersen', 'Skanderborg']);

describe('what the conflicted see', () => {
  it('a recused reviewer finds the title only, and their save is refused', async () => {
    const who = EMAIL.conflictedReviewer as string;
    const view = await client.get(`/api/applications/${app}/review`, who);
    expect(view.status).toBe(200);
    expect(view.body.application).toBeUndefined();
    expect(view.body.assignment).toMatchObject({
      applicationTitle: 'Faldforebyggelse i eget hjem',
      conflict: { reason: REASON, ruling: { recused: true } },
    });
    for (const leak of ['Sofie Andersen', 'Skanderborg', 'Rekruttering', 'Et projekt om at forebygge']) {
      expect(view.text).not.toContain(leak);
    }
    const queue = await client.get('/api/reviews', who);
    expect(queue.body.items.map((a: { applicationId: string }) => a.applicationId)).toEqual([app]);
    expectProblem(
      await putReview(client, app, who, { scores: { relevance: 5 } }, view.body.assignment.version),
      409,
      'INVALID_STATE',
    );
    expectProblem(await client.act(`/api/applications/${app}/review/submit`, who), 409, 'INVALID_STATE');
  });

  it.each([RESEARCHER2, REVIEWER3, FINANCE])(
    'GET assignments answers %s alike for an application they may not see and an unknown id',
    async (who) => {
      const existing = await client.get(`/api/applications/${app}/assignments`, who);
      const unknown = await client.get(`/api/applications/${crypto.randomUUID()}/assignments`, who);
      expectProblem(existing, 404, 'NOT_FOUND');
      const { instance: _a, ...seen } = existing.body;
      const { instance: _b, ...unseen } = unknown.body;
      expect(seen).toEqual(unseen);
      expect(existing.status).toBe(unknown.status);
    },
  );

  it('a conflicted board member is refused the reviews and gets a title-only row in the ranking and exports', async () => {
    const who = BOARD2.email;
    expectProblem(await client.get(`/api/applications/${app}/assignments`, who), 403, 'FORBIDDEN');
    await submittedBy(REVIEWER1());
    await submittedBy(REVIEWER5);

    const ranking = await client.get(`/api/calls/${callId}/ranking`, who);
    for (const id of [app, waiting]) {
      const row = ranking.body.rows.find((r: { applicationId: string }) => r.applicationId === id);
      // The title only: no reference, no status, no score.
      expect(Object.keys(row).sort()).toEqual(['applicationId', 'conflicted', 'title']);
      expect(row.conflicted).toBe(true);
    }
    // A board member free of conflict sees the scores.
    const free = await client.get(`/api/calls/${callId}/ranking`, BOARD);
    expect(free.body.rows.find((r: { applicationId: string }) => r.applicationId === app)).toMatchObject({
      conflicted: false,
      score: { count: 2 },
    });

    const scores = parseDanishCsv((await fetchCsv(h, `/api/calls/${callId}/exports/scores.csv`, who)).text);
    expect(scores).toHaveLength(1);
    const boardScores = parseDanishCsv(
      (await fetchCsv(h, `/api/calls/${callId}/exports/scores.csv`, BOARD)).text,
    );
    expect(boardScores).toHaveLength(3);
    const decisions = await fetchCsv(h, `/api/calls/${callId}/exports/decisions.csv`, who);
    // Nor the amounts asked for (350.000 kr. each).
    expect(decisions.text).not.toContain('350000');
    for (const row of parseDanishCsv(decisions.text).slice(1)) {
      expect(row.slice(3)).toEqual(['', '', '', '', row[7], '', '', '']);
    }
  });

  it('a reviewer at work reads their own application beside the review, and nobody else’s', async () => {
    const view = await client.get(`/api/applications/${app}/review`, EMAIL.assignedReviewer);
    expect(view.body.application).toMatchObject({ id: app, ownerName: 'Sofie Andersen' });
    const queue = await client.get('/api/reviews', EMAIL.unassignedReviewer);
    expect(queue.body.items).toEqual([]);
    // Reviewers read applications through their review only: the applicant's own route stays closed.
    expectProblem(await client.get(`/api/applications/${app}`, EMAIL.assignedReviewer), 404);
  });
});
