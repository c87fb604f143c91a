import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../support/api.js';
import { ACCEPT, applicationsIn, FINANCE, RESEARCHER, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';

/*
 * Random sequences of payments, award acceptances, disbursements, refunds and closings against DynamoDB
 * Local. A model of the pool predicts each answer (201 when it fits, 422 when it does not, 409 for a second
 * acceptance or a tranche after closing), and after every sequence the year's balances and the pool's equal
 * the model's and the invariant check of every year finds nothing: nothing committed beyond what the pool
 * holds for grants, nothing disbursed beyond an award, no refund beyond what was paid out, what a closed
 * award never paid out released, balances equal to the sums of the entries. Each run uses a year of its own
 * (the clock is moved into it: an award is booked in the year it is accepted in), and the pool carries what
 * the earlier runs left over.
 */

const AWARDS_PER_RUN = 4;

type Command =
  | { kind: 'pay'; amountOre: number }
  | { kind: 'accept'; award: number }
  | { kind: 'disburse'; award: number; amountOre: number }
  | { kind: 'refund'; award: number; amountOre: number }
  | { kind: 'close'; award: number };

const award = fc.integer({ min: 0, max: AWARDS_PER_RUN - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), amountOre: fc.integer({ min: 1, max: 6_000_000 }) }),
  fc.record({ kind: fc.constant('accept' as const), award }),
  fc.record({
    kind: fc.constant('disburse' as const),
    award,
    amountOre: fc.oneof(fc.integer({ min: 1, max: 3_000_000 }), fc.constant(1_000_000)),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    award,
    amountOre: fc.integer({ min: 1, max: 2_000_000 }),
  }),
  fc.record({ kind: fc.constant('close' as const), award }),
);

let h: Harness;
let client: Api;
let nextYear = 2060;

type Money = {
  received: number;
  grantReceived: number;
  committed: number;
  disbursed: number;
  refunded: number;
  released: number;
};
const noMoney = (): Money => ({
  received: 0,
  grantReceived: 0,
  committed: 0,
  disbursed: 0,
  refunded: 0,
  released: 0,
});
/** The pool over every run (each run is a year of its own). */
const poolModel = noMoney();
const expectedBalance = (m: Money) => ({
  receivedOre: m.received,
  grantReceivedOre: m.grantReceived,
  committedOre: m.committed,
  disbursedOre: m.disbursed,
  refundedOre: m.refunded,
  releasedOre: m.released,
  availableOre: m.received + m.refunded - m.committed,
  grantAvailableOre: m.grantReceived + m.refunded - m.committed,
});

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
});

describe('awards under random payments, acceptances, disbursements and refunds', () => {
  it('never commits beyond what the pool holds for grants nor pays out beyond an award, and the ledger adds up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 500_000, max: 5_000_000 }), {
          minLength: AWARDS_PER_RUN,
          maxLength: AWARDS_PER_RUN,
        }),
        fc.array(command, { minLength: 1, maxLength: 12 }),
        async (amounts, commands) => {
          const year = nextYear++;
          h.clock.set(`${year}-06-15T10:00:00Z`);
          await setUpYear(client, year);
          const Y = `/api/finance/years/${year}`;
          const ids = await applicationsIn(
            client,
            amounts.map((amountOre) => ({ amountOre })),
          );

          const model = noMoney();
          /** Moves the year's model and the pool's alike. */
          const book = (change: Partial<Money>) => {
            for (const [k, v] of Object.entries(change) as [keyof Money, number][]) {
              model[k] += v;
              poolModel[k] += v;
            }
          };
          const awards = amounts.map(() => ({ accepted: false, closed: false, disbursed: 0, refunded: 0 }));
          const movement = { paidOn: `${year}-02-01`, reference: 'Prop' };
          for (const [step, c] of commands.entries()) {
            if (c.kind === 'pay') {
              const res = await client.post(
                `${Y}/contributions/aarhus-kommune/payments`,
                { amountOre: c.amountOre, ...movement },
                FINANCE,
                { 'idempotency-key': `pay-${step}` },
              );
              expect(res.status, res.text).toBe(201);
              // 4/5 of each payment, rounded down, is earmarked for grants.
              book({ received: c.amountOre, grantReceived: Math.floor((c.amountOre * 4) / 5) });
              continue;
            }
            const a = awards[c.award];
            const id = ids[c.award];
            const amount = amounts[c.award];
            if (!a || !id || amount === undefined) throw new Error('no such award');
            if (c.kind === 'accept') {
              const res = await client.post(`/api/applications/${id}/award/accept`, ACCEPT, RESEARCHER);
              const grantAvailable = poolModel.grantReceived + poolModel.refunded - poolModel.committed;
              const expected = a.accepted ? 409 : amount <= grantAvailable ? 201 : 422;
              expect(res.status, res.text).toBe(expected);
              if (expected === 201) {
                a.accepted = true;
                book({ committed: amount });
              }
            } else if (c.kind === 'disburse') {
              const res = await client.post(
                `/api/awards/${id}/disbursements`,
                { amountOre: c.amountOre, ...movement },
                FINANCE,
                { 'idempotency-key': `d-${step}` },
              );
              const expected = !a.accepted
                ? 404
                : a.closed
                  ? 409
                  : a.disbursed + c.amountOre <= amount
                    ? 201
                    : 422;
              expect(res.status, res.text).toBe(expected);
              if (expected === 201) {
                a.disbursed += c.amountOre;
                book({ disbursed: c.amountOre });
              }
            } else if (c.kind === 'refund') {
              const res = await client.post(
                `/api/awards/${id}/refunds`,
                { amountOre: c.amountOre, ...movement },
                FINANCE,
              );
              const expected = !a.accepted ? 404 : a.refunded + c.amountOre <= a.disbursed ? 201 : 422;
              expect(res.status, res.text).toBe(expected);
              if (expected === 201) {
                a.refunded += c.amountOre;
                book({ refunded: c.amountOre });
              }
            } else {
              const res = await client.act(`/api/awards/${id}/close`, FINANCE);
              const expected = !a.accepted ? 404 : a.closed ? 409 : 200;
              expect(res.status, res.text).toBe(expected);
              if (expected === 200) {
                a.closed = true;
                // What was never paid out goes back to the pool.
                const release = amount - a.disbursed;
                expect(res.body.releasedOre).toBe(release);
                book({ committed: -release, released: release });
              }
            }
          }

          const overview = await client.get(`${Y}/overview`, FINANCE);
          expect(overview.status, overview.text).toBe(200);
          expect(overview.body.balances).toMatchObject(expectedBalance(model));
          expect(overview.body.pool).toMatchObject(expectedBalance(poolModel));
          expect(overview.body.pool.grantAvailableOre).toBeGreaterThanOrEqual(0);
          const check = await client.post('/api/finance/invariants/check', {}, FINANCE);
          expect(check.status, check.text).toBe(200);
          // A year gets a balance with its first entry; one where nothing was booked has none.
          const booked = Object.values(model).some((v) => v !== 0) || awards.some((a) => a.accepted);
          expect(check.body.years.includes(year)).toBe(booked);
          expect(check.body.problems).toEqual([]);
          expect(check.body.ok).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  });
});
