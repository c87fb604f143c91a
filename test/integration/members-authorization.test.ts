import { beforeAll, expect } from 'vitest';
import { type Api, checkRoutes, type RouteCase, rolesOf } from '../support/api.js';
import {
  createCall,
  createDraft,
  EVERYONE,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER2,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { type PageCase, walkPages } from '../support/web.js';

/*
 * The co-applicants' routes and pages, and the application's PDF, walked by every role plus a co-applicant
 * (Rasmus Vestergaard, reviewer2, who accepted an invitation to the researcher's draft). The draft is its owner's
 * and the co-applicant's; an admin reads it once submitted; everyone else gets the 404 of an unknown id.
 */
const ROLES = { ...EVERYONE, coApplicant: REVIEWER2 } as const;
const MATRIX = rolesOf(ROLES);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

let h: Harness;
let client: Api;
const ids = { draft: '', submitted: '', apiInvitation: '', webInvitation: '' };

/** Owner and co-applicant get theirs; anonymous 401; everyone else 404. */
const members = (owner: number, coApplicant: number, except: Partial<Record<Role, number>> = {}) =>
  all(404, { anonymous: 401, applicant: owner, coApplicant, ...except });

beforeAll(async () => {
  // A cold DynamoDB Local on a busy machine may take longer than the client's 1 s over its first writes: up to
  // three tries, each with a new table.
  for (let attempt = 1; ; attempt++) {
    try {
      ({ h, client } = await harnessWithApi());
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  const call = await createCall(client);
  const withMember = async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const invited = await client.post(
      `/api/applications/${draft.id}/members`,
      { email: REVIEWER2 },
      RESEARCHER,
    );
    expect((await client.act(`/api/invitations/${invited.body.id}/accept`, REVIEWER2)).status).toBe(200);
    return draft.id as string;
  };
  ids.draft = await withMember();
  ids.submitted = await withMember();
  expect((await client.act(`/api/applications/${ids.submitted}/submit`, RESEARCHER)).status).toBe(200);
  // Invitations to the other applicant, waiting: one accepted through the API, one through the pages.
  for (const [key, applicationId] of [
    ['apiInvitation', ids.draft],
    ['webInvitation', ids.submitted],
  ] as const) {
    const res = await client.post(
      `/api/applications/${applicationId}/members`,
      { email: RESEARCHER2 },
      RESEARCHER,
    );
    expect(res.status, res.text).toBe(201);
    ids[key] = res.body.id;
  }
});

const matrix: RouteCase<Role>[] = [
  {
    route: 'GET /api/applications/{draft}/members',
    expected: members(200, 200),
    run: (who) => client.get(`/api/applications/${ids.draft}/members`, who),
  },
  {
    route: 'GET /api/applications/{submitted}/members',
    expected: members(200, 200, { admin: 200 }),
    run: (who) => client.get(`/api/applications/${ids.submitted}/members`, who),
  },
  {
    route: 'POST /api/applications/{draft}/members',
    expected: members(201, 403),
    run: (who, role) =>
      client.post(`/api/applications/${ids.draft}/members`, { email: `api-${role}@example.dk` }, who),
  },
  {
    route: 'DELETE /api/applications/{draft}/members/{someone else}',
    expected: members(404, 403),
    run: (who) => client.send('DELETE', `/api/applications/${ids.draft}/members/demo-nobody`, who),
  },
  {
    route: 'POST /api/applications/{draft}/owner',
    expected: members(422, 403),
    run: (who) => client.post(`/api/applications/${ids.draft}/owner`, { memberId: 'demo-nobody' }, who),
  },
  {
    route: 'GET /api/me/invitations',
    expected: all(200, { anonymous: 401 }),
    run: (who) => client.get('/api/me/invitations', who),
  },
  {
    route: 'POST /api/invitations/{id}/accept (to the other applicant)',
    expected: all(404, { anonymous: 401, otherApplicant: 200 }),
    run: (who) => client.act(`/api/invitations/${ids.apiInvitation}/accept`, who),
  },
  {
    route: 'GET /api/applications/{draft}/pdf',
    // The other applicant has joined by now (the accept above runs first).
    expected: members(200, 200, { otherApplicant: 200 }),
    run: (who) => client.get(`/api/applications/${ids.draft}/pdf`, who),
  },
  {
    route: 'GET /api/applications/{submitted}/pdf',
    expected: members(200, 200, { admin: 200 }),
    run: (who) => client.get(`/api/applications/${ids.submitted}/pdf`, who),
  },
];

checkRoutes(MATRIX, matrix, ['Sofie Andersen', RESEARCHER]);

const pages: PageCase<Role>[] = [
  [
    'GET',
    () => `/applications/${ids.submitted}/members`,
    { applicant: 200, coApplicant: 200, admin: 200, anonymous: 303, others: 404 },
  ],
  [
    'GET',
    () => `/applications/${ids.submitted}/pdf`,
    { applicant: 200, coApplicant: 200, admin: 200, anonymous: 303, others: 404 },
  ],
  [
    'POST',
    () => `/applications/${ids.submitted}/members`,
    { applicant: 303, coApplicant: 403, admin: 403, anonymous: 303, others: 404 },
    { email: 'web@example.dk' },
  ],
  [
    'POST',
    () => `/applications/${ids.submitted}/members/demo-nobody/remove`,
    { applicant: 404, coApplicant: 403, admin: 403, anonymous: 303, others: 404 },
    {},
  ],
  [
    'POST',
    () => `/applications/${ids.submitted}/owner`,
    { applicant: 422, coApplicant: 403, admin: 403, anonymous: 303, others: 404 },
    { memberId: 'demo-nobody', _version: '2' },
  ],
  ['GET', () => `/invitations/${ids.webInvitation}`, { otherApplicant: 200, anonymous: 303, others: 404 }],
  [
    'POST',
    () => `/invitations/${ids.webInvitation}/accept`,
    { otherApplicant: 303, anonymous: 303, others: 404 },
    {},
  ],
];

walkPages(() => h, ROLES, pages);
