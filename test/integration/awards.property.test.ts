import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { AWARD_TERMS } from '../../functions/core/finance/award.schema.js';
import { createHarness, type Harness } from '../support/harness.js';
import { ADMIN, type Api, api, FINANCE, RESEARCHER } from './support.js';

/*
 * Random sequences of payments, award acceptances, disbursements and refunds against DynamoDB Local. A model
 * of the pool predicts each answer (201 when it fits, 422 when it does not, 409 for a second acceptance),
 * and after every sequence the year's balances equal the model's and the invariant check finds nothing:
 * nothing committed beyond what is available, nothing disbursed beyond an award, no refund beyond what was
 * paid out, balances equal to the sums of the entries. Each run uses a year of its own (the clock is moved
 * into it, since an award draws on the pool of the year it is accepted in).
 */

const MUNICIPALITIES_2013 = { Aarhus: 319_094, Samsø: 3_806 };
const AWARDS_PER_RUN = 4;

type Command =
  | { kind: 'pay'; amountOre: number }
  | { kind: 'accept'; award: number }
  | { kind: 'disburse'; award: number; amountOre: number }
  | { kind: 'refund'; award: number; amountOre: number };

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
);

let h: Harness;
let client: Api;
let nextYear = 2060;

async function approved(amountOre: number): Promise<string> {
  const user = h.user(RESEARCHER);
  const now = h.clock.now().toISOString();
  const id = crypto.randomUUID();
  const application: Application = {
    id,
    callId: crypto.randomUUID(),
    status: 'approved',
    version: 3,
    ownerId: user.userId,
    ownerEmail: user.email,
    ownerName: user.name,
    partners: [],
    budgetLines: [],
    requestedAmountOre: amountOre,
    createdAt: now,
    updatedAt: now,
    decision: {
      outcome: 'approved',
      amountOre,
      decidedAt: now,
      decidedBy: h.user(ADMIN).userId,
      meetingId: crypto.randomUUID(),
      recused: [],
    },
  };
  await h.core.applications.save(
    application,
    auditEvent(h.principal(ADMIN), new Date(now), 'application.decided', { type: 'application', id }),
  );
  return id;
}

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  // Every municipality needs a figure for the run (the region's is their sum): a small one, but the two above.
  const parties = [
    'Favrskov',
    'Hedensted',
    'Herning',
    'Holstebro',
    'Horsens',
    'Ikast-Brande',
    'Lemvig',
    'Norddjurs',
    'Odder',
    'Randers',
    'Ringkøbing-Skjern',
    'Silkeborg',
    'Skanderborg',
    'Skive',
    'Struer',
    'Syddjurs',
    'Viborg',
  ];
  const csv = [
    'party,year,population',
    ...parties.map((name) => `${name},2013,1000`),
    ...Object.entries(MUNICIPALITIES_2013).map(([name, population]) => `${name},2013,${population}`),
  ].join('\n');
  const imported = await client.post('/api/populations/imports', { csv }, FINANCE);
  expect(imported.status, imported.text).toBe(200);
});

describe('awards under random payments, acceptances, disbursements and refunds', () => {
  it('never commits beyond what is available nor pays out beyond an award, and the ledger adds up', async () => {
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
          const Y = `/api/finance/years/${year}`;
          const setUp = await client.send('PUT', Y, FINANCE, {
            body: { referenceYear: 2013, dueDate: `${year}-03-31` },
          });
          expect(setUp.status, setUp.text).toBe(201);
          expect((await client.act(`${Y}/contributions/run`, FINANCE)).status).toBe(200);
          expect((await client.act(`${Y}/contributions/send`, FINANCE)).status).toBe(200);
          const ids = await Promise.all(amounts.map((a) => approved(a)));

          const model = { received: 0, committed: 0, disbursed: 0, refunded: 0 };
          const awards = amounts.map(() => ({ accepted: false, disbursed: 0, refunded: 0 }));
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
              model.received += c.amountOre;
              continue;
            }
            const a = awards[c.award];
            const id = ids[c.award];
            const amount = amounts[c.award];
            if (!a || !id || amount === undefined) throw new Error('no such award');
            if (c.kind === 'accept') {
              const res = await client.post(
                `/api/applications/${id}/award/accept`,
                { declaration: true, termsVersion: AWARD_TERMS.version },
                RESEARCHER,
              );
              const available = model.received + model.refunded - model.committed;
              const expected = a.accepted ? 409 : amount <= available ? 201 : 422;
              expect(res.status, res.text).toBe(expected);
              if (expected === 201) {
                a.accepted = true;
                model.committed += amount;
              }
            } else if (c.kind === 'disburse') {
              const res = await client.post(
                `/api/awards/${id}/disbursements`,
                { amountOre: c.amountOre, ...movement },
                FINANCE,
                { 'idempotency-key': `d-${step}` },
              );
              const expected = !a.accepted ? 404 : a.disbursed + c.amountOre <= amount ? 201 : 422;
              expect(res.status, res.text).toBe(expected);
              if (expected === 201) {
                a.disbursed += c.amountOre;
                model.disbursed += c.amountOre;
              }
            } else {
              const res = await client.post(
                `/api/awards/${id}/refunds`,
                { amountOre: c.amountOre, ...movement },
                FINANCE,
              );
              const expected = !a.accepted ? 404 : a.refunded + c.amountOre <= a.disbursed ? 201 : 422;
              expect(res.status, res.text).toBe(expected);
              if (expected === 201) {
                a.refunded += c.amountOre;
                model.refunded += c.amountOre;
              }
            }
          }

          const overview = await client.get(`${Y}/overview`, FINANCE);
          expect(overview.status, overview.text).toBe(200);
          expect(overview.body.balances).toMatchObject({
            receivedOre: model.received,
            committedOre: model.committed,
            disbursedOre: model.disbursed,
            refundedOre: model.refunded,
            availableOre: model.received + model.refunded - model.committed,
          });
          expect(overview.body.balances.availableOre).toBeGreaterThanOrEqual(0);
          const check = await client.post('/api/finance/invariants/check', { year }, FINANCE);
          expect(check.status, check.text).toBe(200);
          expect(check.body.problems).toEqual([]);
          expect(check.body.ok).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  });
});
