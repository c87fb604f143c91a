/*
 * The reviewer's queue reads flat with data: every open assignment, then a page of the finished ones, newest
 * first, with a link (and a cursor on the API) to older ones. Assignments stored while the queue was one index
 * partition of everything join the open or finished one through the one-off backfill.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { FINISHED_REVIEWS_PAGE } from '../../functions/core/reviews/review.service.js';
import { backfill } from '../../functions/db/backfill.js';
import { assignmentItem } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';
import type { Api } from '../support/api.js';
import { REVIEWER } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { putItems } from '../support/table.js';
import { browse } from '../support/web.js';

const CALL = 'call-queue';
const OPEN = 2;
const FINISHED = FINISHED_REVIEWS_PAGE + 3;
let h: Harness;
let client: Api;

/** Open ones first (`open-0`, `open-1`), then finished ones, the later the higher their number. */
const assignment = (id: string, finishedAt?: string): Assignment => ({
  applicationId: id,
  callId: CALL,
  applicationTitle: `Ansøgning ${id}`,
  reviewerId: 'demo-reviewer1',
  reviewerName: 'Rikke Laursen',
  reviewerEmail: REVIEWER,
  assignedAt: '2027-01-01T09:00:00.000Z',
  assignedBy: 'demo-chair',
  review: finishedAt
    ? { status: 'submitted', scores: {}, comments: {}, recommendation: 'fund', submittedAt: finishedAt }
    : { status: 'not_started', scores: {}, comments: {} },
  version: finishedAt ? 3 : 1,
});
const finishedId = (i: number) => `done-${String(i).padStart(2, '0')}`;
const stored = [
  ...Array.from({ length: OPEN }, (_, i) => assignment(`open-${i}`)),
  ...Array.from({ length: FINISHED }, (_, i) =>
    assignment(finishedId(i), `2027-02-01T09:${String(i).padStart(2, '0')}:00.000Z`),
  ),
];

/** As an earlier version stored an assignment: in one index partition of all the reviewer's, by call. */
const storedBefore = (a: Assignment) => ({
  ...assignmentItem(a),
  gsi1pk: `REVIEWER#${a.reviewerId}`,
  gsi1sk: `${a.callId}#${a.applicationId}`,
});

const rows = (html: string) => [...html.matchAll(/<a href="\/reviews\/([^"]+)">/g)].map((m) => m[1]);
const older = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
const newestFirst = (from: number, to: number) =>
  Array.from({ length: from - to }, (_, i) => finishedId(from - 1 - i));

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
  await putItems(h.db, [
    {
      ...keys.call(CALL),
      ...keys.callByStatus('closed', '2027-01-01T00:00:00.000Z', CALL),
      entity: 'call',
      id: CALL,
    },
    ...stored.map(storedBefore),
  ]);
}, 60_000);

describe('the reviewer’s queue', () => {
  it('shows every open assignment and the newest finished, then the older ones by a link, once backfilled', async () => {
    expect(rows((await browse(h, REVIEWER, '/reviews')).html)).toEqual([]);

    expect((await backfill(h.db)).reviewerQueues).toBe(OPEN + FINISHED);
    expect((await backfill(h.db)).reviewerQueues).toBe(0);

    const first = await browse(h, REVIEWER, '/reviews');
    expect(first.status).toBe(200);
    expect(rows(first.html)).toEqual(['open-0', 'open-1', ...newestFirst(FINISHED, 3)]);
    const next = older(first.html);
    expect(next).toBeDefined();
    const second = await browse(h, REVIEWER, next ?? '');
    expect(rows(second.html)).toEqual(newestFirst(3, 0));
    expect(older(second.html)).toBeUndefined();
    expect(second.html).toContain('href="/reviews"');
  });

  it('pages the API the same way, and from the newest finished when the cursor is not one', async () => {
    const first = await client.get('/api/reviews', REVIEWER);
    expect(first.status, first.text).toBe(200);
    const ids = (body: { items: { applicationId: string }[] }) => body.items.map((a) => a.applicationId);
    expect(ids(first.body)).toEqual(['open-0', 'open-1', ...newestFirst(FINISHED, 3)]);
    const second = await client.get(`/api/reviews?cursor=${encodeURIComponent(first.body.cursor)}`, REVIEWER);
    expect(ids(second.body)).toEqual(newestFirst(3, 0));
    expect(second.body.cursor).toBeUndefined();

    const made = await client.get('/api/reviews?cursor=%00nonsense', REVIEWER);
    expect(made.status).toBe(200);
    // A cursor asks for finished ones only: a made-up one gets the newest of them.
    expect(ids(made.body)).toEqual(newestFirst(FINISHED, 3));
    expect((await browse(h, REVIEWER, '/reviews?cursor=nonsense')).status).toBe(200);
  });
});
