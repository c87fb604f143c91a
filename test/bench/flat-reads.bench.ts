/**
 * Benchmark (issue 13, "reads flat with data"): four pages as a browser asks for them, through the app as
 * `npm start` serves it, each with 100 and with 10 000 items of what grows: the finance year page (ledger
 * entries of the year), the board's list of awards (awards), the reviewer's queue (the reviewer's finished
 * reviews) and the ledger export (ledger entries: it holds every one, so it grows; it must not stop at 10 000).
 * The first 100 ledger entries are payments recorded through the service; the rest, and the awards and
 * reviews, are written straight into the table as stored data, then brought up to date by the one-off
 * backfill (functions/db/backfill.ts) as `npm start` does. RCU and requests are the last run's, counted on
 * every request. Run: npm run bench (BENCH_ITEMS=2000, BENCH_RUNS=3 for a quicker run).
 */
import type { Principal } from '../../functions/core/auth/principal.js';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { PARTIES } from '../../functions/core/finance/parties.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { backfill } from '../../functions/db/backfill.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { putItems } from '../support/table.js';
import { awardsWithReports, ledgerItems, reviewerAssignments } from './stored-data.js';
import { benchApp, recordBenchPayment, runBench, setUpBenchYear } from './support.js';

const TARGET = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const YEAR = 2025;
/** Payments are spread over this many days of the year, whatever their number: the chart's points. */
const DAYS = 100;
const FINANCE = 'finance@fim.local';
const BOARD = 'board@fim.local';
const REVIEWER = 'reviewer1@fim.local';
const finance: Principal = {
  userId: 'demo-finance',
  email: FINANCE,
  name: 'Bench',
  roles: ['finance'],
  chair: false,
};

const dayOf = (i: number) => new Date(Date.UTC(YEAR, 0, 1 + (i % DAYS))).toISOString().slice(0, 10);

await runBench('bench-flat', async ({ db, measure: timed }) => {
  const core = createCoreDeps(db, systemClock);
  const ctx = { actor: finance, lang: 'da' as const };
  const { page } = await benchApp(core);
  await setUpBenchYear(core, ctx, YEAR);

  const rows: string[] = [];
  const measure = async (label: string, items: number, read: () => Promise<string>) => {
    const { p50, p90, units, requests, last } = await timed(RUNS, read);
    const line = `${label.padEnd(22)} ${String(items).padStart(6)} items: p50 ${p50.toFixed(1)} ms · p90 ${p90.toFixed(1)} ms · ${units.toFixed(1)} RCU · ${requests} requests · ${last}`;
    rows.push(line);
    console.log(line);
  };
  const measureAll = async (items: number) => {
    await measure('Year page', items, async () => {
      const { text } = await page(`/finance/years/${YEAR}`, FINANCE);
      return `${(text.length / 1024).toFixed(0)} KB`;
    });
    await measure('Ledger CSV export', items, async () => {
      const { text } = await page(`/finance/years/${YEAR}/exports/ledger.csv`, FINANCE);
      return `${text.split('\r\n').length - 2} rows`;
    });
    await measure('Board awards', items, async () => {
      const { text } = await page('/board/awards', BOARD);
      return `${(text.match(/<tr>/g) ?? []).length - 1} rows`;
    });
    await measure("Reviewer's queue", items, async () => {
      const { text } = await page('/reviews', REVIEWER);
      return `${(text.match(/<tr>/g) ?? []).length - 1} rows`;
    });
  };

  let stored = 0;
  /** Stored data up to `until` items of each kind, then the backfill, as a start after an upgrade runs it. */
  const grow = async (until: number) => {
    const started = performance.now();
    const from = stored;
    for (; stored < Math.min(until, 100); stored++) {
      await recordBenchPayment(core, ctx, YEAR, stored, dayOf(stored));
    }
    const entries: LedgerEntry[] = [];
    for (let i = stored; i < until; i++) {
      const party = PARTIES[i % PARTIES.length];
      entries.push({
        id: `raw-${i}`,
        year: YEAR,
        kind: 'contribution_received',
        amountOre: 1_000 + (i % 97),
        grantShareOre: 800,
        at: `${dayOf(i)}T10:00:00.${String(i % 1000).padStart(3, '0')}Z`,
        partyId: party?.id ?? 'unknown',
        paidOn: dayOf(i),
        reference: `Bank ${i}`,
        recordedBy: { userId: finance.userId, email: finance.email },
      });
    }
    await putItems(db, [
      ...ledgerItems(entries),
      ...awardsWithReports(from, until),
      ...reviewerAssignments(from, until),
    ]);
    stored = until;
    const migrated = performance.now();
    await backfill(db);
    console.log(
      `Stored data up to ${until} items in ${((migrated - started) / 1000).toFixed(1)} s; backfill ${((performance.now() - migrated) / 1000).toFixed(1)} s`,
    );
  };

  await grow(100);
  await measureAll(100);
  await grow(TARGET);
  await measureAll(TARGET);
  console.log(`\n${rows.join('\n')}`);
});
