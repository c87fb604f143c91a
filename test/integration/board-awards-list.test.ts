/*
 * The board's list of awards reads a bounded number of requests: the reports awaiting the board from their
 * index, their awards, and a page of the newest others, with a link to older ones. Reports submitted before
 * the index existed join it through the one-off backfill.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Award } from '../../functions/core/finance/award.schema.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import { BOARD_AWARDS_PAGE } from '../../functions/core/finance/report.service.js';
import { backfill } from '../../functions/db/backfill.js';
import { awardItem, reportItem } from '../../functions/db/items.js';
import { BOARD } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { putItems } from '../support/table.js';
import { browse } from '../support/web.js';

const COUNT = BOARD_AWARDS_PAGE + 3;
let h: Harness;

const award = (i: number): Award => {
  const at = `2027-01-01T09:${String(i).padStart(2, '0')}:00.000Z`;
  return {
    applicationId: `award-${String(i).padStart(2, '0')}`,
    callId: 'call-1',
    reference: `FIM-2027-${String(i).padStart(4, '0')}`,
    title: `Projekt ${i}`,
    ownerId: 'owner',
    ownerEmail: 'owner@fim.local',
    ownerName: 'Ejer',
    year: 2027,
    amountOre: 100_000,
    disbursedOre: 0,
    refundedOre: 0,
    status: 'committed',
    termsVersion: 'fim-award-terms-2027-1',
    committedAt: at,
    committedBy: 'owner',
    version: 1,
    updatedAt: at,
  };
};

/** The oldest award's progress report, submitted as an earlier version stored it: outside the board's index. */
const submitted: Report = {
  applicationId: 'award-00',
  callId: 'call-1',
  reportId: 'progress-1',
  kind: 'progress',
  dueDate: '2027-06-01',
  status: 'submitted',
  ownerId: 'owner',
  ownerEmail: 'owner@fim.local',
  text: 'Det går godt.',
  submittedAt: '2027-02-01T09:00:00.000Z',
  createdAt: '2027-01-01T09:00:00.000Z',
  version: 2,
  updatedAt: '2027-02-01T09:00:00.000Z',
};

const projects = (html: string) =>
  [...html.matchAll(/<a href="\/board\/awards\/([^/]+)\/reports">/g)].map((m) => m[1]);
const older = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');

beforeAll(async () => {
  h = await createHarness();
  const { gsi2pk: _pk, gsi2sk: _sk, ...stored } = reportItem(submitted);
  await putItems(h.db, [...Array.from({ length: COUNT }, (_, i) => awardItem(award(i))), stored]);
}, 60_000);

describe('the board’s list of awards', () => {
  it('shows a page of the newest, then the older ones by a link; a submitted report puts its award first', async () => {
    const before = await browse(h, BOARD, '/board/awards');
    expect(before.status).toBe(200);
    expect(projects(before.html)).toHaveLength(BOARD_AWARDS_PAGE);
    expect(projects(before.html)[0]).toBe(`award-${COUNT - 1}`);
    expect(before.html).not.toContain('rapport venter');

    expect((await backfill(h.db)).awaitingReports).toBe(1);
    expect((await backfill(h.db)).awaitingReports).toBe(0);

    const first = await browse(h, BOARD, '/board/awards');
    expect(projects(first.html)[0]).toBe('award-00');
    expect(first.html).toContain('1 rapport venter');
    const next = older(first.html);
    expect(next).toBeDefined();
    const second = await browse(h, BOARD, next ?? '');
    // The rest, newest first, without the one already shown first.
    expect(projects(second.html)).toEqual(['award-02', 'award-01']);
    expect(older(second.html)).toBeUndefined();
  });

  it('pages from the newest when the cursor is not one', async () => {
    const page = await browse(h, BOARD, '/board/awards?cursor=%00nonsense');
    expect(page.status).toBe(200);
    expect(projects(page.html)[0]).toBe(`award-${COUNT - 1}`);
  });
});
