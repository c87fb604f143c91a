import { beforeAll, describe, expect, it } from 'vitest';
import { AWARD_TERMS } from '../../functions/core/finance/award.schema.js';
import { formatKr } from '../../functions/texts/format.js';
import { type Api, expectOk, expectProblem } from '../support/api.js';
import {
  ACCEPT,
  ADMIN,
  applicationsIn,
  approvedApplication,
  BOARD,
  closeCallNow,
  createCall,
  FINANCE,
  pay,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  setUpYear,
  submitApplication,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { auditEvents } from '../support/table.js';

/*
 * Awards, end to end through the API against DynamoDB Local: the owner accepts an approved application's
 * terms and the amount is committed against the pool (never beyond what it holds for grants, over every
 * year, also when 50 accept at once), finance pays tranches (idempotently, never beyond the award) and
 * records refunds (never beyond what was paid out), closes the award and what was never paid out goes back
 * to the pool; money a year did not commit carries over to the next; who may do and see what.
 */

const YEAR = 2027;
async function balances(client: Api, year: number) {
  return expectOk(await client.get(`/api/finance/years/${year}/overview`, FINANCE)).balances;
}

/** The pool overall (every year). */
async function pool(client: Api) {
  return expectOk(await client.get('/api/finance/balances', FINANCE)).pool;
}

async function invariantsOk(client: Api, year: number): Promise<void> {
  const res = expectOk(await client.post('/api/finance/invariants/check', { year }, FINANCE));
  expect(res.problems).toEqual([]);
  expect(res.ok).toBe(true);
}

const tranche = (amountOre: number, reference = 'Rate 1') => ({ amountOre, paidOn: '2027-02-20', reference });

describe('awards', () => {
  let h: Harness;
  let client: Api;
  const disburse = (id: string, body: unknown, key: string | undefined, who = FINANCE) =>
    client.post(
      `/api/awards/${id}/disbursements`,
      body,
      who,
      key === undefined ? {} : { 'idempotency-key': key },
    );

  beforeAll(async () => {
    ({ h, client } = await harnessWithApi());
    await setUpYear(client, YEAR);
    await pay(client, YEAR, 50_000_000);
  });

  it('the owner accepts an application an admin approved through the decision route: the pool commits it', async () => {
    const call = await createCall(client);
    const applicationId = await submitApplication(client, call.id, RESEARCHER);
    await closeCallNow(client, call.id);
    // Until approvals flow from the board's meetings, an admin approves with an amount through the same service.
    expectOk(
      await client.post(
        `/api/applications/${applicationId}/decision`,
        { outcome: 'approved', amountOre: 12_000_000, conditions: 'Slutrapport senest 2029' },
        ADMIN,
      ),
      201,
    );

    expectProblem(await client.post(`/api/applications/${applicationId}/award/accept`, ACCEPT), 401);
    for (const who of [RESEARCHER2, ADMIN, FINANCE]) {
      expectProblem(await client.post(`/api/applications/${applicationId}/award/accept`, ACCEPT, who), 404);
    }
    expectProblem(
      await client.post(
        `/api/applications/${applicationId}/award/accept`,
        { ...ACCEPT, declaration: false },
        RESEARCHER,
      ),
      400,
    );
    const outdated = expectProblem(
      await client.post(
        `/api/applications/${applicationId}/award/accept`,
        { ...ACCEPT, termsVersion: 'fim-award-terms-2020-1' },
        RESEARCHER,
      ),
      422,
    );
    expect(outdated.errors[0]).toMatchObject({ pointer: '/termsVersion', code: 'TERMS_OUTDATED' });

    const award = expectOk(
      await client.post(`/api/applications/${applicationId}/award/accept`, ACCEPT, RESEARCHER),
      201,
    );
    expect(award).toMatchObject({
      applicationId,
      callId: call.id,
      ownerId: h.user(RESEARCHER).userId,
      year: YEAR,
      amountOre: 12_000_000,
      disbursedOre: 0,
      refundedOre: 0,
      remainingOre: 12_000_000,
      refundableOre: 0,
      status: 'committed',
      termsVersion: AWARD_TERMS.version,
      committedAt: '2027-03-01T09:00:00.000Z',
      version: 1,
    });
    expect(await balances(client, YEAR)).toMatchObject({
      receivedOre: 50_000_000,
      grantReceivedOre: 40_000_000,
      committedOre: 12_000_000,
      availableOre: 38_000_000,
      // 4/5 of the income is earmarked for grants: what awards may still take.
      grantAvailableOre: 28_000_000,
    });
    const { entries } = expectOk(await client.get(`/api/awards/${applicationId}`, RESEARCHER));
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'award_committed',
        amountOre: 12_000_000,
        awardId: applicationId,
        year: YEAR,
      }),
    ]);
    const events = await auditEvents(h, `AWARD#${applicationId}`);
    // The report obligations are written in the same transaction and named in its one event.
    expect(events.map((e) => e.action)).toEqual(['award.accepted']);

    // Once only.
    expectProblem(
      await client.post(`/api/applications/${applicationId}/award/accept`, ACCEPT, RESEARCHER),
      409,
      'INVALID_STATE',
    );
    expect((await balances(client, YEAR)).committedOre).toBe(12_000_000);
    await invariantsOk(client, YEAR);
  });

  it('refuses an application that is not approved (409) and one the pool cannot hold (422 with the figures)', async () => {
    const notApproved = [
      ...(await applicationsIn(client, [{ status: 'submitted' }])),
      ...(await applicationsIn(client, [
        { status: 'in_review' },
        { status: 'rejected' },
        { status: 'waiting_list' },
      ])),
    ];
    for (const id of notApproved) {
      expectProblem(
        await client.post(`/api/applications/${id}/award/accept`, ACCEPT, RESEARCHER),
        409,
        'INVALID_STATE',
      );
    }
    const before = await balances(client, YEAR);
    const beforePool = await pool(client);
    // The grant share is the limit, not all the money: the other fifth is not for awards.
    expect(beforePool.grantAvailableOre).toBeLessThan(beforePool.availableOre);
    const tooBig = await approvedApplication(client, {
      owner: RESEARCHER,
      amountOre: beforePool.grantAvailableOre + 1,
    });
    const refused = expectProblem(
      await client.post(`/api/applications/${tooBig}/award/accept`, ACCEPT, RESEARCHER),
      422,
      'RULES_FAILED',
    );
    // The figures are members of the error (and of the problem), worded in kroner in its detail.
    const figures = {
      amountOre: beforePool.grantAvailableOre + 1,
      grantAvailableOre: beforePool.grantAvailableOre,
    };
    expect(refused.errors).toEqual([
      {
        pointer: '',
        code: 'INSUFFICIENT_FUNDS',
        ...figures,
        detail: expect.stringContaining(formatKr(beforePool.grantAvailableOre, 'da')),
      },
    ]);
    expect(refused).toMatchObject({ reason: 'INSUFFICIENT_FUNDS', ...figures });
    expect(await balances(client, YEAR)).toEqual(before);
    expect(await pool(client)).toEqual(beforePool);
    expectProblem(await client.get(`/api/awards/${tooBig}`, RESEARCHER), 404);
    // Exactly what is available for grants fits.
    const exact = await approvedApplication(client, {
      owner: RESEARCHER2,
      amountOre: beforePool.grantAvailableOre,
    });
    expectOk(await client.post(`/api/applications/${exact}/award/accept`, ACCEPT, RESEARCHER2), 201);
    expect(await pool(client)).toMatchObject({
      grantAvailableOre: 0,
      availableOre: beforePool.availableOre - beforePool.grantAvailableOre,
    });
    await pay(client, YEAR, 40_000_000);
    await invariantsOk(client, YEAR);
  });

  it('pays tranches at most what remains, once per Idempotency-Key; refunds at most what was paid out; closes', async () => {
    const id = await approvedApplication(client, { owner: RESEARCHER, amountOre: 10_000_000 });
    expectOk(await client.post(`/api/applications/${id}/award/accept`, ACCEPT, RESEARCHER), 201);
    const before = await balances(client, YEAR);

    expectProblem(await disburse(id, tranche(4_000_000), undefined), 428);
    expectProblem(await disburse(id, tranche(4_000_000), 'bad key with spaces'), 400);
    expectProblem(await disburse(id, { ...tranche(4_000_000), paidOn: '2027-03-02' }, 'k-future'), 422);
    expectProblem(await disburse(crypto.randomUUID(), tranche(1), 'k-none'), 404);

    const first = expectOk(await disburse(id, tranche(4_000_000), 'rate-1'), 201);
    expect(first.replayed).toBe(false);
    expect(first.disbursement).toMatchObject({
      kind: 'disbursement',
      amountOre: 4_000_000,
      awardId: id,
      year: YEAR,
    });
    expect(first.award).toMatchObject({ disbursedOre: 4_000_000, remainingOre: 6_000_000, version: 2 });
    const again = expectOk(await disburse(id, tranche(4_000_000), 'rate-1'), 200);
    expect(again).toMatchObject({ replayed: true, disbursement: first.disbursement });
    const reused = expectProblem(await disburse(id, tranche(4_000_001), 'rate-1'), 422);
    expect(reused.errors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');

    const over = expectProblem(await disburse(id, tranche(6_000_001, 'Rate 2'), 'rate-2'), 422);
    expect(over.errors).toEqual([
      {
        pointer: '/amountOre',
        code: 'OVER_REMAINING',
        amountOre: 6_000_001,
        remainingOre: 6_000_000,
        awardOre: 10_000_000,
        disbursedOre: 4_000_000,
        detail: expect.stringMatching(/^60\.000,01\skr\. er mere end der resterer: 60\.000,00\skr\./),
      },
    ]);
    expectOk(await disburse(id, tranche(6_000_000, 'Rate 2'), 'rate-2'), 201);
    expectProblem(await disburse(id, tranche(1, 'Rate 3'), 'rate-3'), 422);

    const refundOver = expectProblem(
      await client.post(`/api/awards/${id}/refunds`, tranche(10_000_001, 'Tilbagebetaling'), FINANCE),
      422,
    );
    expect(refundOver.errors[0]).toMatchObject({ pointer: '/amountOre', code: 'OVER_DISBURSED' });
    const refunded = expectOk(
      await client.post(`/api/awards/${id}/refunds`, tranche(1_500_000, 'Tilbagebetaling'), FINANCE),
      201,
    );
    expect(refunded.refund).toMatchObject({ kind: 'refund', amountOre: 1_500_000, awardId: id });
    expect(refunded.award).toMatchObject({
      disbursedOre: 10_000_000,
      refundedOre: 1_500_000,
      refundableOre: 8_500_000,
    });

    expect(await balances(client, YEAR)).toMatchObject({
      disbursedOre: before.disbursedOre + 10_000_000,
      refundedOre: before.refundedOre + 1_500_000,
      // A refund returns the money to the pool: it can be committed again.
      availableOre: before.availableOre + 1_500_000,
    });

    const closed = expectOk(await client.act(`/api/awards/${id}/close`, FINANCE));
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2027-03-01T09:00:00.000Z', releasedOre: 0 });
    expectProblem(await client.act(`/api/awards/${id}/close`, FINANCE), 409);
    const small = await approvedApplication(client, { owner: RESEARCHER, amountOre: 500_000 });
    expectOk(await client.post(`/api/applications/${small}/award/accept`, ACCEPT, RESEARCHER), 201);
    const poolBefore = await pool(client);
    // Closing gives back what was never paid out: all of the small award, none of the paid one.
    expect(expectOk(await client.act(`/api/awards/${small}/close`, ADMIN))).toMatchObject({
      status: 'closed',
      releasedOre: 500_000,
      remainingOre: 0,
    });
    expect(await pool(client)).toMatchObject({
      committedOre: poolBefore.committedOre - 500_000,
      releasedOre: poolBefore.releasedOre + 500_000,
      availableOre: poolBefore.availableOre + 500_000,
      grantAvailableOre: poolBefore.grantAvailableOre + 500_000,
    });
    const smallEntries = expectOk(await client.get(`/api/awards/${small}`, FINANCE)).entries;
    expect(
      smallEntries.map((e: { kind: string; amountOre: number }) => `${e.kind} ${e.amountOre}`).sort(),
    ).toEqual(['award_committed 500000', 'commitment_released 500000']);
    const closedEvent = (await auditEvents(h, `AWARD#${small}`)).find((e) => e.action === 'award.closed');
    expect(closedEvent?.details).toMatchObject({ reason: 'closed_by_finance', releasedOre: 500_000 });
    expectProblem(await disburse(small, tranche(1), 'after-close'), 409, 'INVALID_STATE');
    // Money can still come back after closing.
    expectOk(await client.post(`/api/awards/${id}/refunds`, tranche(500_000, 'Rest'), FINANCE), 201);

    const { entries } = expectOk(await client.get(`/api/awards/${id}`, FINANCE));
    // (The test clock stands still, so entries of one instant come in the order of their random ids.)
    expect(
      entries.map((e: { kind: string; amountOre: number }) => `${e.kind} ${e.amountOre}`).sort(),
    ).toEqual([
      'award_committed 10000000',
      'disbursement 4000000',
      'disbursement 6000000',
      'refund 1500000',
      'refund 500000',
    ]);
    const events = await auditEvents(h, `AWARD#${id}`);
    expect(events.map((e) => e.action).sort()).toEqual(
      [
        'award.accepted',
        'award.closed',
        'award.disbursed',
        'award.disbursed',
        'award.refunded',
        'award.refunded',
      ].sort(),
    );
    await invariantsOk(client, YEAR);
  });

  it('lists the caller’s own awards, and every award to finance and admins', async () => {
    const mine = expectOk(await client.get('/api/awards?mine=true', RESEARCHER2)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a: { ownerId: string }) => a.ownerId === h.user(RESEARCHER2).userId)).toBe(true);
    const all = expectOk(await client.get('/api/awards', FINANCE)).items;
    expect(all.length).toBeGreaterThan(mine.length);
    expect(new Set(all.map((a: { ownerId: string }) => a.ownerId))).toEqual(
      new Set([h.user(RESEARCHER).userId, h.user(RESEARCHER2).userId]),
    );
    expect(expectOk(await client.get('/api/awards?mine=true', REVIEWER)).items).toEqual([]);
  });

  it('answers a refusal in the reader’s language (Danish by default), with its figures as members', async () => {
    const id = await approvedApplication(client, { owner: RESEARCHER, amountOre: 2_000_000 });
    expectOk(await client.post(`/api/applications/${id}/award/accept`, ACCEPT, RESEARCHER), 201);
    const refund = (headers?: Record<string, string>) =>
      client.post(`/api/awards/${id}/refunds`, tranche(1, 'Tilbagebetaling'), FINANCE, headers);
    const figures = { amountOre: 1, refundableOre: 0, disbursedOre: 0, refundedOre: 0 };

    const danish = expectProblem(await refund(), 422, 'RULES_FAILED');
    expect(danish).toMatchObject({ reason: 'OVER_DISBURSED', title: 'Reglerne er ikke opfyldt', ...figures });
    expect(danish.detail).toMatch(/^0,01\skr\. er mere end der kan betales tilbage: 0,00\skr\./);
    expect(danish.errors).toEqual([
      { pointer: '/amountOre', code: 'OVER_DISBURSED', ...figures, detail: danish.detail },
    ]);

    const res = await refund({ 'accept-language': 'en' });
    expect(res.headers.get('content-language')).toBe('en');
    const english = expectProblem(res, 422, 'RULES_FAILED');
    expect(english).toMatchObject({ reason: 'OVER_DISBURSED', title: 'Rules not met', ...figures });
    expect(english.detail).toMatch(/^DKK\s0\.01 is more than can be paid back: DKK\s0\.00 \(paid out/);
    expect(english.errors).toEqual([
      { pointer: '/amountOre', code: 'OVER_DISBURSED', ...figures, detail: english.detail },
    ]);

    // A refusal without values too: the state refusals, worded from their codes.
    await client.act(`/api/awards/${id}/close`, FINANCE);
    const closedEn = expectProblem(
      await client.act(`/api/awards/${id}/close`, FINANCE, { 'accept-language': 'en' }),
      409,
      'INVALID_STATE',
    );
    expect(closedEn).toMatchObject({ reason: 'AWARD_CLOSED', detail: 'The award is closed' });
    expect(
      expectProblem(await client.act(`/api/awards/${id}/close`, FINANCE), 409, 'INVALID_STATE').detail,
    ).toBe('Bevillingen er lukket');
  });

  it('the role matrix: only finance and admins move money; applicants see and accept only their own', async () => {
    const id = await approvedApplication(client, { owner: RESEARCHER, amountOre: 1_000_000 });
    const accept = (who?: string) => client.post(`/api/applications/${id}/award/accept`, ACCEPT, who);
    const others = [RESEARCHER2, REVIEWER, BOARD, FINANCE, ADMIN];
    expectProblem(await accept(), 401);
    for (const who of others) expectProblem(await accept(who), 404);
    expectOk(await accept(RESEARCHER), 201);

    const nonFinance = [RESEARCHER, RESEARCHER2, REVIEWER, BOARD];
    // Reads.
    expectProblem(await client.get('/api/awards?mine=true'), 401);
    for (const who of [...nonFinance, FINANCE, ADMIN])
      expectOk(await client.get('/api/awards?mine=true', who));
    expectProblem(await client.get('/api/awards'), 401);
    for (const who of nonFinance) expectProblem(await client.get('/api/awards', who), 403);
    for (const who of [FINANCE, ADMIN]) expectOk(await client.get('/api/awards', who));
    expectProblem(await client.get(`/api/awards/${id}`), 401);
    for (const who of [RESEARCHER, FINANCE, ADMIN]) expectOk(await client.get(`/api/awards/${id}`, who));
    for (const who of [RESEARCHER2, REVIEWER, BOARD])
      expectProblem(await client.get(`/api/awards/${id}`, who), 404);

    // Money: disbursements, refunds, closing.
    expectProblem(
      await client.post(`/api/awards/${id}/disbursements`, tranche(100_000), undefined, {
        'idempotency-key': 'm-anon',
      }),
      401,
    );
    for (const who of nonFinance) expectProblem(await disburse(id, tranche(100_000), `m-${who}`, who), 403);
    expectOk(await disburse(id, tranche(100_000), 'm-finance', FINANCE), 201);
    expectOk(await disburse(id, tranche(100_000, 'Rate 2'), 'm-admin', ADMIN), 201);
    const refund = (who?: string) => client.post(`/api/awards/${id}/refunds`, tranche(10_000, 'Retur'), who);
    expectProblem(await refund(), 401);
    for (const who of nonFinance) expectProblem(await refund(who), 403);
    expectOk(await refund(FINANCE), 201);
    expectOk(await refund(ADMIN), 201);
    const close = (who?: string) => client.act(`/api/awards/${id}/close`, who);
    expectProblem(await close(), 401);
    for (const who of nonFinance) expectProblem(await close(who), 403);
    expectOk(await close(FINANCE));
    expectProblem(await close(ADMIN), 409);
    const award = expectOk(await client.get(`/api/awards/${id}`, ADMIN)).award;
    expect(award).toMatchObject({
      disbursedOre: 200_000,
      refundedOre: 20_000,
      releasedOre: 800_000,
      status: 'closed',
    });
    await invariantsOk(client, YEAR);
  });
});

describe('50 simultaneous acceptances against a pool that holds 10 of them', () => {
  it('commits exactly what fits: 10 succeed, 40 are refused with 422, never over-committed', async () => {
    const { client } = await harnessWithApi();
    const AMOUNT = 3_000_000;
    await setUpYear(client, YEAR);
    // 4/5 of 37 515 432 øre, rounded down, is 30 012 345: ten awards and 12 345 øre over.
    await pay(client, YEAR, 37_515_432);
    const ids = await applicationsIn(
      client,
      Array.from({ length: 50 }, (_, i) => ({ owner: i % 2 ? RESEARCHER : RESEARCHER2, amountOre: AMOUNT })),
    );
    // Sign both owners in first, so the acceptances start as close together as possible.
    await Promise.all([RESEARCHER, RESEARCHER2].map((who) => client.get('/api/me', who)));

    const results = await Promise.all(
      ids.map((id, i) =>
        client.post(`/api/applications/${id}/award/accept`, ACCEPT, i % 2 ? RESEARCHER : RESEARCHER2),
      ),
    );

    const statuses = results.map((r) => r.status);
    expect(
      statuses.filter((s) => s === 201),
      JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 422).map((r) => r.text)),
    ).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(40);
    for (const refused of results.filter((r) => r.status === 422)) {
      expect(refused.body.errors[0].code).toBe('INSUFFICIENT_FUNDS');
    }
    expect(await balances(client, YEAR)).toMatchObject({
      receivedOre: 37_515_432,
      grantReceivedOre: 30_012_345,
      committedOre: 10 * AMOUNT,
      availableOre: 37_515_432 - 10 * AMOUNT,
      grantAvailableOre: 12_345,
    });
    expect(expectOk(await client.get('/api/awards', FINANCE)).items).toHaveLength(10);
    await invariantsOk(client, YEAR);
  });
});

describe('the pool over the years', () => {
  it('money a year did not commit carries over: an award in 2028 draws on 2027’s income; closing releases', async () => {
    const { h, client } = await harnessWithApi();
    await setUpYear(client, 2027);
    await pay(client, 2027, 10_000_000); // 8 000 000 øre of it for grants
    h.clock.set('2028-02-01T09:00:00Z');
    await setUpYear(client, 2028);
    await pay(client, 2028, 5_000_000); // 4 000 000 øre for grants

    // More than 2028 received, less than the pool holds for grants (12 000 000).
    const id = await approvedApplication(client, { owner: RESEARCHER, amountOre: 11_000_000 });
    expect(
      expectOk(await client.post(`/api/applications/${id}/award/accept`, ACCEPT, RESEARCHER), 201).year,
    ).toBe(2028);
    // The year's own figures go below zero: it committed what 2027 received.
    expect(await balances(client, 2028)).toMatchObject({
      receivedOre: 5_000_000,
      committedOre: 11_000_000,
      availableOre: -6_000_000,
      grantAvailableOre: -7_000_000,
    });
    const overall = expectOk(await client.get('/api/finance/balances', FINANCE));
    expect(
      overall.years.map((y: Record<string, number>) => ({
        year: y.year,
        opening: y.openingAvailableOre,
        openingGrant: y.openingGrantAvailableOre,
        closing: y.closingAvailableOre,
        closingGrant: y.closingGrantAvailableOre,
      })),
    ).toEqual([
      { year: 2027, opening: 0, openingGrant: 0, closing: 10_000_000, closingGrant: 8_000_000 },
      {
        year: 2028,
        opening: 10_000_000,
        openingGrant: 8_000_000,
        closing: 4_000_000,
        closingGrant: 1_000_000,
      },
    ]);
    expect(overall.pool).toEqual({
      receivedOre: 15_000_000,
      grantReceivedOre: 12_000_000,
      committedOre: 11_000_000,
      disbursedOre: 0,
      refundedOre: 0,
      releasedOre: 0,
      adjustmentsOre: 0,
      entries: 3,
      availableOre: 4_000_000,
      grantAvailableOre: 1_000_000,
    });

    // The other fifth is not for awards: 1 000 001 øre does not fit although 4 000 000 øre are available.
    const tooBig = await approvedApplication(client, { owner: RESEARCHER2, amountOre: 1_000_001 });
    const refused = expectProblem(
      await client.post(`/api/applications/${tooBig}/award/accept`, ACCEPT, RESEARCHER2),
      422,
    );
    expect(refused.errors[0]).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
      amountOre: 1_000_001,
      grantAvailableOre: 1_000_000,
      detail: expect.stringMatching(/10\.000,01\skr\..*10\.000,00\skr\./),
    });

    // 3 000 000 paid out, then closed: the 8 000 000 never paid go back, and now the second award fits.
    expectOk(
      await client.post(`/api/awards/${id}/disbursements`, tranche(3_000_000), FINANCE, {
        'idempotency-key': 'carry-1',
      }),
      201,
    );
    expectOk(await client.act(`/api/awards/${id}/close`, FINANCE));
    expect(await pool(client)).toMatchObject({
      committedOre: 3_000_000,
      disbursedOre: 3_000_000,
      releasedOre: 8_000_000,
      availableOre: 12_000_000,
      grantAvailableOre: 9_000_000,
    });
    expectOk(await client.post(`/api/applications/${tooBig}/award/accept`, ACCEPT, RESEARCHER2), 201);

    // Every year's ledger and the pool add up.
    const check = expectOk(await client.post('/api/finance/invariants/check', {}, FINANCE));
    expect(check).toMatchObject({ years: [2027, 2028], ok: true, problems: [] });
  });

  it('the invariant check names a pool that drifted from its years', async () => {
    const { h, client } = await harnessWithApi();
    await setUpYear(client, YEAR);
    await pay(client, YEAR, 1_000_000);
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    // As if someone had edited the pool's item by hand.
    await h.db.doc.send(
      new UpdateCommand({
        TableName: h.db.tableName,
        Key: { pk: 'POOL', sk: 'BALANCE' },
        UpdateExpression: 'ADD grantAvailableOre :more',
        ExpressionAttributeValues: { ':more': 5 },
      }),
    );
    const check = expectOk(await client.post('/api/finance/invariants/check', { year: YEAR }, FINANCE));
    expect(check.ok).toBe(false);
    // The pool's findings name no year; each carries its figures as members and its Danish words.
    expect(check.problems).toEqual([
      {
        code: 'GRANT_AVAILABLE_MISMATCH',
        grantAvailableOre: 800_005,
        expectedOre: 800_000,
        detail: expect.stringMatching(
          /^Til rådighed for projektstøtte \(grantAvailableOre\) er 8\.000,05\skr\., men .* er 8\.000,00\skr\.$/,
        ),
      },
      {
        code: 'POOL_MISMATCH',
        counter: 'grantAvailableOre',
        pool: 800_005,
        sumOfYears: 800_000,
        detail: expect.stringMatching(
          /^Puljens "til rådighed for projektstøtte" \(grantAvailableOre\) er 8\.000,05\skr\., men årene summer til 8\.000,00\skr\.$/,
        ),
      },
    ]);
  });
});
