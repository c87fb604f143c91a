/*
 * Every review and board page, walked by every role: reviewers see their own queue, the board its pages, the
 * chair (or an admin) the assignment and the conflicts; anyone else is refused and anonymous visitors sign in.
 */
import { beforeAll } from 'vitest';
import { api, expectOk } from '../support/api.js';
import {
  ADMIN,
  closeCallNow,
  createCall,
  EVERYONE,
  RESEARCHER,
  RESEARCHER2,
  submitFreeOfConflict,
} from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { type Expected, type PageCase, walkPages } from '../support/web.js';

const ROLES = EVERYONE;
type Role = keyof typeof ROLES;
let h: Harness;
const ids = { call: '', app: '', meeting: '' };
beforeAll(async () => {
  h = await createHarness({ now: '2027-02-01T09:00:00Z' });
  const client = api(h);
  ids.call = (await createCall(client)).id;
  ids.app = await submitFreeOfConflict(client, ids.call, RESEARCHER);
  const other = await submitFreeOfConflict(client, ids.call, RESEARCHER2);
  await closeCallNow(client, ids.call);
  expectOk(
    await client.post(`/api/applications/${ids.app}/assignments`, { reviewerIds: ['demo-reviewer1'] }, ADMIN),
  );
  const meeting = await client.post(
    `/api/calls/${ids.call}/meetings`,
    {
      heldAt: '2027-03-10T14:00:00+01:00',
      attendeeIds: ['demo-chair'],
      decisions: [{ applicationId: other, outcome: 'waiting_list' }],
    },
    ADMIN,
  );
  ids.meeting = expectOk(meeting, 201).id;
});
type Expect = Expected<Role>;
const S = 303;
const B = (board: number, chair = board, admin = board): Expect => ({
  anonymous: S,
  board,
  chair,
  admin,
  others: 403,
});
const C = (ok: number): Expect => ({ anonymous: S, chair: ok, admin: ok, others: 403 });
const matrix: PageCase<Role>[] = [
  ['GET', () => '/reviews', { anonymous: S, reviewer: 200, others: 403 }],
  ['GET', () => `/reviews/${ids.app}`, { anonymous: S, reviewer: 200, others: 403 }],
  ['POST', () => `/reviews/${ids.app}`, { anonymous: S, reviewer: 409, others: 403 }, { _version: '0' }],
  [
    'POST',
    () => `/reviews/${ids.app}/conflict`,
    { anonymous: S, reviewer: 400, others: 403 },
    { reason: '' },
  ],
  ['GET', () => '/board', B(200)],
  ['GET', () => `/board/calls/${ids.call}`, B(200)],
  ['GET', () => `/board/calls/${ids.call}/assignment`, C(200)],
  ['GET', () => `/board/calls/${ids.call}/assignment?suggest=1`, C(200)],
  [
    'POST',
    () => `/board/calls/${ids.call}/assignment/add`,
    C(400),
    { applicationId: ids.app, reviewerId: '' },
  ],
  [
    'POST',
    () => `/board/calls/${ids.call}/assignment/remove`,
    C(404),
    { applicationId: ids.app, reviewerId: 'nobody' },
  ],
  [
    'POST',
    () => `/board/calls/${ids.call}/assignment/reopen`,
    C(404),
    { applicationId: ids.app, reviewerId: 'nobody' },
  ],
  ['POST', () => `/board/calls/${ids.call}/assignment/confirm`, C(400), {}],
  ['GET', () => `/board/calls/${ids.call}/conflicts`, C(200)],
  [
    'POST',
    () => `/board/calls/${ids.call}/conflicts`,
    C(400),
    { applicationId: ids.app, reviewerId: 'demo-reviewer1' },
  ],
  ['GET', () => `/board/calls/${ids.call}/ranking`, B(200)],
  ['GET', () => `/board/calls/${ids.call}/exports/scores.csv`, B(200)],
  ['GET', () => `/board/calls/${ids.call}/exports/decisions.csv`, B(200)],
  ['GET', () => `/board/calls/${ids.call}/meetings`, B(200)],
  ['GET', () => `/board/calls/${ids.call}/meetings/new`, B(200)],
  ['POST', () => `/board/calls/${ids.call}/meetings`, B(400), {}],
  ['GET', () => `/board/meetings/${ids.meeting}`, B(200)],
  ['GET', () => `/applications/${ids.app}`, { anonymous: S, applicant: 200, admin: 200, others: 404 }],
];
walkPages(() => h, ROLES, matrix);
