/*
 * Every review and board page, walked by every role: reviewers see their own queue, the board its pages, the
 * chair (or an admin) the assignment and the conflicts; anyone else is refused and anonymous visitors sign in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

const ROLES = {
  anonymous: undefined,
  owner: 'researcher@fim.local',
  otherApplicant: 'researcher2@fim.local',
  reviewer: 'reviewer1@fim.local',
  board: 'board@fim.local',
  chair: 'chair@fim.local',
  finance: 'finance@fim.local',
  admin: 'admin@fim.local',
} as const;
type Role = keyof typeof ROLES;
let h: Harness;
const ids = { call: '', app: '', meeting: '' };
const cookies = new Map<Role, string>();
async function request(role: Role, method: string, path: string, form?: Record<string, string>) {
  const headers: Record<string, string> = {};
  const cookie = cookies.get(role);
  if (cookie) headers.cookie = `fim_session=${cookie}`;
  if (method !== 'GET') {
    headers.origin = 'http://localhost';
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return h.app.request(path, {
    method,
    headers,
    ...(method !== 'GET' ? { body: new URLSearchParams(form ?? {}).toString() } : {}),
  });
}
async function api(email: string, method: string, path: string, body?: unknown) {
  const res = await h.app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${await h.tokenFor(email)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${path} ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}
beforeAll(async () => {
  h = await createHarness({ now: '2027-02-01T09:00:00Z' });
  for (const [role, email] of Object.entries(ROLES))
    if (email) cookies.set(role as Role, await h.tokenFor(email));
  const call = await api(ROLES.admin, 'POST', '/calls', {
    title: 'FIM 2027',
    description: 'Opslag',
    grantTypes: [{ id: 'A', name: 'F', maxAmountOre: 50_000_000 }],
    budgetOre: 200_000_000,
    opensAt: '2027-01-04T00:00:00+01:00',
    closesAt: '2027-09-01T12:00:00+02:00',
    focusAreas: ['prevention'],
    criteria: [{ id: 'quality', name: 'Kvalitet', weight: 1 }],
  });
  ids.call = call.id;
  await api(ROLES.admin, 'POST', `/calls/${call.id}/open`);
  const mk = async (email: string) => {
    const d = await api(email, 'POST', `/calls/${call.id}/applications`, {
      grantTypeId: 'A',
      title: 'T',
      summary: 'S',
      focusArea: 'prevention',
      userInvolvement: 'U',
      partners: [
        {
          organisation: 'Skive Kommune',
          sector: 'municipality',
          contactName: 'A',
          contactEmail: 'a@x.dk',
          role: 'R',
        },
        {
          organisation: 'Lægehus',
          sector: 'general_practice',
          contactName: 'B',
          contactEmail: 'b@x.dk',
          role: 'R',
        },
      ],
      budgetLines: [{ category: 'Løn', year: 2027, amountOre: 100_000 }],
      startDate: '2027-10-01',
      endDate: '2028-06-30',
    });
    await api(email, 'POST', `/applications/${d.id}/submit`);
    return d.id;
  };
  ids.app = await mk(ROLES.owner);
  const other = await mk(ROLES.otherApplicant);
  await api(ROLES.admin, 'POST', `/calls/${call.id}/close`);
  await api(ROLES.admin, 'POST', `/applications/${ids.app}/assignments`, { reviewerIds: ['demo-reviewer1'] });
  const m = await api(ROLES.admin, 'POST', `/calls/${call.id}/meetings`, {
    heldAt: '2027-03-10T14:00:00+01:00',
    attendeeIds: ['demo-chair'],
    decisions: [{ applicationId: other, outcome: 'waiting_list' }],
  });
  ids.meeting = m.id;
});
type Expect = Partial<Record<Role, number>> & { others: number };
const S = 303;
const B = (board: number, chair = board, admin = board): Expect => ({
  anonymous: S,
  board,
  chair,
  admin,
  others: 403,
});
const C = (ok: number): Expect => ({ anonymous: S, chair: ok, admin: ok, others: 403 });
const matrix: [string, () => string, Expect, Record<string, string>?][] = [
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
  ['GET', () => `/applications/${ids.app}`, { anonymous: S, owner: 200, admin: 200, others: 404 }],
];
describe.each(matrix)('%s %s', (method, path, e, form) => {
  it.each(Object.keys(ROLES) as Role[])('as %s', async (role) => {
    const res = await request(role, method, path(), form);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(e[role] ?? e.others);
    if (res.status === 303 && role === 'anonymous')
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });
});
