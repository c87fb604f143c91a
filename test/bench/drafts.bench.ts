/**
 * Benchmark (issue 11, "drafts are not read"): the ranking and the secretariat's list of a call with 50
 * applications in review, with 100 and with 10 000 drafts in the call. Drafts sit in their own index partition
 * (CALLDRAFTS#), so neither read grows with them. RCU and requests are the last run's, counted on every
 * request. Run: npx tsx test/bench/drafts.bench.ts (BENCH_ITEMS=2000, BENCH_RUNS=3 for a quicker run).
 */
import { listApplicationsForAdmin } from '../../functions/core/applications/admin-list.service.js';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { getRanking } from '../../functions/core/reviews/ranking.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { applicationItem } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { putItems } from '../support/table.js';
import { runBench } from './support.js';

const TARGET = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const SUBMITTED = 50;
const callId = '00000000-0000-4000-8000-00000000ca11';
const admin: Principal = {
  userId: 'bench-admin',
  email: 'admin@fim.local',
  name: 'Bench',
  roles: ['admin'],
  chair: false,
};
const at = '2027-01-01T09:00:00.000Z';
const call: Call = {
  id: callId,
  status: 'closed',
  version: 1,
  title: 'Bench',
  description: 'Bench',
  grantTypes: [{ id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000 }],
  budgetOre: 200_000_000,
  opensAt: at,
  closesAt: '2027-02-01T11:00:00.000Z',
  focusAreas: ['prevention'],
  criteria: [{ id: 'relevance', name: 'Relevans', weight: 1 }],
  minSectors: 2,
  reviewersPerApplication: 2,
  blindReview: false,
  showReviewsToReviewers: false,
  disagreementThreshold: 1.5,
  reviewReminderDays: 7,
  createdAt: at,
  updatedAt: at,
  createdBy: 'bench-admin',
};
const application = (i: number, status: Application['status']): Application => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  callId,
  status,
  ownerId: `owner-${i}`,
  ownerEmail: `owner${i}@example.dk`,
  ownerName: `Ansøger ${i}`,
  title: `Projekt ${i}`,
  grantTypeId: 'A',
  partners: [],
  budgetLines: [],
  requestedAmountOre: 1_000_000,
  createdAt: new Date(Date.parse(at) + i * 1000).toISOString(),
  version: 1,
  updatedAt: at,
  ...(status === 'draft' ? {} : { reference: `FIM-2027-${String(i).padStart(4, '0')}` }),
});

await runBench('bench-drafts', async ({ db, measure: timed }) => {
  const core = createCoreDeps(db, systemClock);
  await putItems(db, [
    { ...keys.call(callId), ...keys.callByStatus('closed', call.closesAt, callId), entity: 'call', ...call },
    ...Array.from({ length: SUBMITTED }, (_, i) => applicationItem(application(i, 'in_review'))),
  ]);
  let drafts = 0;
  const addDrafts = async (until: number) => {
    const items = [];
    for (; drafts < until; drafts++) items.push(applicationItem(application(SUBMITTED + drafts, 'draft')));
    await putItems(db, items);
  };
  const measure = async (label: string, read: () => Promise<string>) => {
    const { p50, units, requests, last } = await timed(RUNS, read);
    console.log(
      `${label.padEnd(34)} ${String(drafts).padStart(6)} drafts: p50 ${p50.toFixed(1)} ms · ${units.toFixed(1)} RCU · ${requests} requests · ${last}`,
    );
  };
  for (const until of [100, TARGET]) {
    await addDrafts(until);
    await measure(
      'Ranking (getRanking)',
      async () => `${(await getRanking(core, admin, callId)).rows.length} rows`,
    );
    await measure(
      'Admin list, the call',
      async () => `${(await listApplicationsForAdmin(core, admin, { callId })).rows.length} rows`,
    );
    await measure(
      'Admin list, in review (all calls)',
      async () =>
        `${(await listApplicationsForAdmin(core, admin, { status: 'in_review' })).rows.length} rows`,
    );
  }
});
