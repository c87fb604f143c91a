/*
 * The year page's chart draws from the year's day balances, which every entry's own transaction keeps (so the
 * page reads no ledger), and the one-off backfill writes them for a year stored before: from its ledger, once,
 * and not over an entry booked meanwhile. The invariant check compares each day with its entries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { backfill } from '../../functions/db/backfill.js';
import { ledgerPut } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';
import { type Api, expectOk } from '../support/api.js';
import { FINANCE, pay, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { putItems } from '../support/table.js';
import { browse } from '../support/web.js';

const YEAR = 2027;
let h: Harness;
let client: Api;

/** What the chart's description says: the opening, then each day's closing balance, in Danish. */
async function chartSays(year: number): Promise<string> {
  const page = await browse(h, FINANCE, `/finance/years/${year}`);
  expect(page.status).toBe(200);
  return /<desc id="balance-chart-desc">([^<]*)<\/desc>/.exec(page.html)?.[1] ?? '';
}

const check = async (year: number) =>
  expectOk(await client.post('/api/finance/invariants/check', { year }, FINANCE)) as {
    ok: boolean;
    problems: { code: string; date?: string; dayOre?: number; sumOfEntriesOre?: number }[];
  };

/** The check's findings about days (the stored entries also leave the year's counters short: not these tests'). */
const dayProblems = (checked: Awaited<ReturnType<typeof check>>) =>
  checked.problems.filter((p) => p.code === 'DAY_BALANCE_MISMATCH');

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
  await setUpYear(client, YEAR, { referenceYear: 2026, dueDate: '2027-06-30' });
}, 60_000);

describe('the day balances', () => {
  it('move with each payment in its own transaction, and the chart draws from them alone', async () => {
    await pay(client, YEAR, 100_000, { paidOn: '2027-01-10' });
    await pay(client, YEAR, 50_000, { paidOn: '2027-01-10' });
    await pay(client, YEAR, 25_000, { paidOn: '2027-02-20' });
    expect(await h.core.finance.dayMovements(YEAR)).toEqual([
      { date: '2027-01-10', amountOre: 150_000 },
      { date: '2027-02-20', amountOre: 25_000 },
    ]);
    const says = await chartSays(YEAR);
    expect(says).toContain('10. januar 2027: 1.500,00');
    expect(says).toContain('20. februar 2027: 1.750,00');
    expect((await check(YEAR)).ok).toBe(true);

    // The page reads the days, not the ledger: a ledger entry no transaction booked does not show.
    await putItems(h.db, [storedEntry(YEAR + 1, 'stray', 99_900, '2028-01-05')]);
    expect(await chartSays(YEAR)).not.toContain('999,00');
  });
});

/** A payment as an earlier version stored it: the entry alone, no day balance beside it. */
function storedEntry(year: number, id: string, amountOre: number, paidOn: string): Record<string, unknown> {
  const entry: LedgerEntry = {
    id,
    year,
    kind: 'contribution_received',
    amountOre,
    grantShareOre: Math.floor((amountOre * 4) / 5),
    at: `${paidOn}T10:00:00.000Z`,
    partyId: 'aarhus-kommune',
    paidOn,
    reference: id,
    recordedBy: { userId: 'demo-finance', email: FINANCE },
  };
  const put = ledgerPut(
    h.db,
    entry,
    keys.ledgerEntryOfContribution(year, 'aarhus-kommune', entry.at, id),
  ).Put;
  return put?.Item as Record<string, unknown>;
}

describe('the backfill', () => {
  const OLD = 2026;

  it('writes a stored year’s day balances from its ledger, once', async () => {
    await setUpYear(client, OLD, { referenceYear: 2025, dueDate: '2026-06-30' });
    // One payment through the service (the year's balance exists, as any stored year's does), then the
    // entries an earlier version stored without day balances.
    await pay(client, OLD, 10_000, { paidOn: '2026-03-01' });
    await putItems(h.db, [
      storedEntry(OLD, 'old-1', 20_000, '2026-03-01'),
      storedEntry(OLD, 'old-2', 30_000, '2026-04-15'),
    ]);
    const drifted = await check(OLD);
    expect(drifted.problems).toContainEqual(
      expect.objectContaining({
        code: 'DAY_BALANCE_MISMATCH',
        date: '2026-03-01',
        dayOre: 10_000,
        sumOfEntriesOre: 30_000,
      }),
    );

    expect((await backfill(h.db)).dayBalanceYears).toEqual(expect.arrayContaining([OLD]));
    expect(await h.core.finance.dayMovements(OLD)).toEqual([
      { date: '2026-03-01', amountOre: 30_000 },
      { date: '2026-04-15', amountOre: 30_000 },
    ]);
    expect(dayProblems(await check(OLD))).toEqual([]);

    // A second run finds every year marked and writes nothing; payments after it keep adding to the days.
    expect((await backfill(h.db)).dayBalanceYears).toEqual([]);
    await pay(client, OLD, 5_000, { paidOn: '2026-04-15' });
    expect(await h.core.finance.dayMovements(OLD)).toContainEqual({ date: '2026-04-15', amountOre: 35_000 });
  });

  it('starts a year again when an entry was booked while it read the ledger', async () => {
    const RACED = 2025;
    await setUpYear(client, RACED, { referenceYear: 2024, dueDate: '2025-06-30' });
    await pay(client, RACED, 10_000, { paidOn: '2025-05-01' });
    await putItems(h.db, [storedEntry(RACED, 'raced-1', 40_000, '2025-05-01')]);
    // The first read of the ledger is followed by a payment, as if it landed between the read and the write.
    let paid = false;
    h.db.doc.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        if (!paid && input.ExpressionAttributeValues?.[':pk'] === keys.ledgerPk(RACED)) {
          paid = true;
          await pay(client, RACED, 7_000, { paidOn: '2025-05-01' });
        }
        return result;
      },
      { step: 'initialize', name: 'payMeanwhile' },
    );
    try {
      await backfill(h.db);
    } finally {
      h.db.doc.middlewareStack.remove('payMeanwhile');
    }
    expect(paid).toBe(true);
    expect(await h.core.finance.dayMovements(RACED)).toEqual([{ date: '2025-05-01', amountOre: 57_000 }]);
    expect(dayProblems(await check(RACED))).toEqual([]);
  });
});
