import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTIES } from '../../functions/core/finance/parties.js';
import type { Api } from '../support/api.js';
import { FINANCE, setUpYear } from '../support/fixtures.js';
import { harnessWithApi } from '../support/harness.js';

/*
 * Random sequences of payments (some repeating an Idempotency-Key, some reusing one for another amount) and
 * adjustments (some that would take a demand below zero) against DynamoDB Local. Whatever the sequence, the
 * year's balances equal the sums of its ledger entries, and each contribution's paid amount equals the sum
 * of its payments. Each run writes to the table, so the runs are few and short.
 */

const DEMAND: Record<string, number> = {
  'samsoe-kommune': 380_600,
  'aarhus-kommune': 31_909_400,
  'region-midtjylland': 127_224_000,
};
const TRACKED = Object.keys(DEMAND);

type Command =
  | { kind: 'pay'; partyId: string; amountOre: number; key: number }
  | { kind: 'adjust'; partyId: string; amountOre: number };

const party = fc.constantFrom(...TRACKED);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('pay' as const),
    partyId: party,
    // A few amounts repeat, so a repeated key sometimes carries the same payment and sometimes another.
    amountOre: fc.oneof(fc.constantFrom(100_000, 250_000), fc.integer({ min: 1, max: 40_000_000 })),
    key: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('adjust' as const),
    partyId: party,
    amountOre: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((n) => n !== 0),
  }),
);

let client: Api;
let nextYear = 2050;

beforeAll(async () => {
  ({ client } = await harnessWithApi());
});

describe('the ledger under random payments and adjustments', () => {
  it('keeps balances equal to the sums of the entries, and paid equal to the sum of the payments', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        const year = nextYear++;
        await setUpYear(client, year);
        const Y = `/api/finance/years/${year}`;

        const paid = new Map<string, number>();
        const adjusted = new Map<string, number>();
        const claimed = new Map<string, number>();
        for (const c of commands) {
          if (c.kind === 'pay') {
            const key = `${c.partyId}#${c.key}`;
            const res = await client.post(
              `${Y}/contributions/${c.partyId}/payments`,
              { amountOre: c.amountOre, paidOn: '2027-02-01', reference: `Ref ${c.key}` },
              FINANCE,
              { 'idempotency-key': `key-${c.key}` },
            );
            const before = claimed.get(key);
            if (before === undefined) {
              expect(res.status, res.text).toBe(201);
              claimed.set(key, c.amountOre);
              paid.set(c.partyId, (paid.get(c.partyId) ?? 0) + c.amountOre);
            } else {
              expect(res.status, res.text).toBe(before === c.amountOre ? 200 : 422);
            }
          } else {
            const res = await client.post(
              `${Y}/contributions/${c.partyId}/adjustments`,
              { amountOre: c.amountOre, reason: 'Tilfældig rettelse' },
              FINANCE,
            );
            const due = (DEMAND[c.partyId] ?? 0) + (adjusted.get(c.partyId) ?? 0) + c.amountOre;
            expect(res.status, res.text).toBe(due < 0 ? 422 : 201);
            if (due >= 0) adjusted.set(c.partyId, (adjusted.get(c.partyId) ?? 0) + c.amountOre);
          }
        }

        const check = await client.post('/api/finance/invariants/check', { year }, FINANCE);
        expect(check.body, check.text).toMatchObject({ ok: true, problems: [] });

        const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
        const overview = await client.get(`${Y}/overview`, FINANCE);
        expect(overview.body.balances).toMatchObject({
          receivedOre: sum(paid),
          adjustmentsOre: sum(adjusted),
          entries: paid.size === 0 && adjusted.size === 0 ? 0 : expect.any(Number),
        });
        expect(overview.body.totals.paidOre).toBe(sum(paid));
        for (const partyId of TRACKED) {
          const detail = await client.get(`${Y}/contributions/${partyId}`, FINANCE);
          const payments = detail.body.entries.filter(
            (e: { kind: string }) => e.kind === 'contribution_received',
          );
          const ofPayments = payments.reduce((a: number, e: { amountOre: number }) => a + e.amountOre, 0);
          expect(detail.body.contribution.paidOre).toBe(ofPayments);
          expect(detail.body.contribution.paidOre).toBe(paid.get(partyId) ?? 0);
          expect(detail.body.contribution.adjustmentsOre).toBe(adjusted.get(partyId) ?? 0);
        }
        // The parties nobody touched stay as demanded.
        const untouched = overview.body.rows.filter((r: { partyId: string }) => !TRACKED.includes(r.partyId));
        expect(untouched).toHaveLength(PARTIES.length - TRACKED.length);
        expect(
          untouched.every(
            (r: { paidOre: number; adjustmentsOre: number }) => r.paidOre === 0 && r.adjustmentsOre === 0,
          ),
        ).toBe(true);
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
