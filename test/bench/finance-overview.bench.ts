/**
 * Benchmark (issue 4): the finance overview of a year (20 parties, totals, the year's and the pool's
 * balances) and the pool's balances over the years, with 100 and with 10 000 ledger entries. Every entry is
 * a real payment recorded through the service (ledger entry, the year's and the pool's balance,
 * contribution and audit in one transaction), against DynamoDB Local in memory. Both must cost the same
 * whatever the ledger's size. Run: npm run bench (BENCH_ENTRIES=2000 for a quicker run).
 */
import type { Principal } from '../../functions/core/auth/principal.js';
import { getOverview } from '../../functions/core/finance/contribution.service.js';
import { getBalances } from '../../functions/core/finance/ledger.service.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { recordBenchPayment, runBench, setUpBenchYear } from './support.js';

const TARGET = Number(process.env.BENCH_ENTRIES ?? 10_000);
const RUNS = 15;
const YEAR = 2026;
const finance: Principal = {
  userId: 'bench-finance',
  email: 'finance@bench',
  name: 'Bench',
  roles: ['finance'],
  chair: false,
};

await runBench('bench-finance', async ({ db, measure: timed }) => {
  const core = createCoreDeps(db, systemClock);
  const ctx = { actor: finance, lang: 'da' as const };

  await setUpBenchYear(core, ctx, YEAR);

  let recorded = 0;
  const pay = async (until: number) => {
    const started = performance.now();
    const from = recorded;
    while (recorded < until) {
      await recordBenchPayment(core, ctx, YEAR, recorded, `${YEAR}-01-15`);
      recorded += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    if (until > from)
      console.log(
        `Recorded ${until - from} payments in ${seconds.toFixed(1)} s (${((seconds * 1000) / (until - from)).toFixed(1)} ms each)`,
      );
  };
  const measure = async (label: string, read: () => Promise<unknown>) => {
    const { p50, p90, units, requests } = await timed(RUNS, read);
    console.log(
      `${label} with ${String(recorded).padStart(6)} ledger entries: p50 ${p50.toFixed(1)} ms · p90 ${p90.toFixed(1)} ms · ${units.toFixed(1)} RCU · ${requests} requests`,
    );
  };
  const measureBoth = async () => {
    await measure('Year overview  ', async () => {
      const overview = await getOverview(core, finance, YEAR);
      if (overview.rows.length !== 20) throw new Error('expected 20 rows');
    });
    await measure('Pool over years', async () => {
      const balances = await getBalances(core, finance);
      if (balances.years.length !== 1) throw new Error('expected one year');
    });
  };
  await pay(100);
  await measureBoth();
  await pay(TARGET);
  await measureBoth();
});
