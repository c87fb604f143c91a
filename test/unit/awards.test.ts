import { describe, expect, it } from 'vitest';
import { refundFits, releaseOnClose, tranchFits } from '../../functions/core/finance/award.rules.js';
import { type Award, awardView } from '../../functions/core/finance/award.schema.js';
import { awardClosing, copenhagenYear } from '../../functions/core/finance/award.service.js';
import {
  balanceDeltas,
  balancePoints,
  dayMovements,
  openingAvailable,
  sumOfEntries,
  sumOfYears,
  yearPositions,
} from '../../functions/core/finance/balances.js';
import { grantShareOre } from '../../functions/core/finance/contributions.js';
import { emptyBalance, type LedgerEntry } from '../../functions/core/finance/finance.schema.js';

const award: Award = {
  applicationId: 'a',
  callId: 'c',
  ownerId: 'o',
  ownerEmail: 'o@example.dk',
  ownerName: 'O',
  year: 2027,
  amountOre: 10_000_000,
  disbursedOre: 4_000_000,
  refundedOre: 500_000,
  status: 'committed',
  termsVersion: 't',
  committedAt: '2027-03-01T09:00:00.000Z',
  committedBy: 'o',
  version: 3,
  updatedAt: '2027-03-01T09:00:00.000Z',
};

describe('award arithmetic, to the øre', () => {
  it('a tranche is at most what remains of the award', () => {
    expect(tranchFits(award, 6_000_000)).toBe(true);
    expect(tranchFits(award, 6_000_001)).toBe(false);
    expect(tranchFits(award, 0)).toBe(false);
  });

  it('a refund is at most what was paid out and not yet paid back', () => {
    expect(refundFits(award, 3_500_000)).toBe(true);
    expect(refundFits(award, 3_500_001)).toBe(false);
    expect(refundFits({ disbursedOre: 0, refundedOre: 0 }, 1)).toBe(false);
  });

  it('closing releases what was never paid out; refunds came back already and do not count', () => {
    expect(releaseOnClose(award)).toBe(6_000_000);
    expect(releaseOnClose({ amountOre: 10_000_000, disbursedOre: 10_000_000 })).toBe(0);
    expect(releaseOnClose({ amountOre: 1, disbursedOre: 0 })).toBe(1);
  });

  it('shows what remains and what may be refunded; nothing remains once closed', () => {
    expect(awardView(award)).toMatchObject({ remainingOre: 6_000_000, refundableOre: 3_500_000 });
    const actor = { userId: 'f', email: 'f@fim.local', name: 'F', roles: ['finance' as const], chair: false };
    const closing = awardClosing(actor, new Date('2027-06-01T10:00:00Z'), award, 'closed_by_finance');
    expect(closing.award).toMatchObject({ status: 'closed', releasedOre: 6_000_000, version: 4 });
    expect(closing.expectedVersion).toBe(3);
    expect(closing.release).toMatchObject({
      kind: 'commitment_released',
      amountOre: 6_000_000,
      year: 2027,
      awardId: 'a',
      reason: 'closed_by_finance',
    });
    expect(awardView(closing.award)).toMatchObject({ remainingOre: 0, refundableOre: 3_500_000 });
    // Paid out in full: nothing to release, no entry.
    const paid = awardClosing(
      actor,
      new Date(),
      { ...award, disbursedOre: 10_000_000 },
      'final_report_approved',
    );
    expect(paid.release).toBeUndefined();
    expect(paid.award.releasedOre).toBe(0);
  });

  it('an award accepted on New Year’s Eve after 23:00 UTC draws on the next year’s pool (Copenhagen)', () => {
    expect(copenhagenYear(new Date('2027-12-31T22:59:59Z'))).toBe(2027);
    expect(copenhagenYear(new Date('2027-12-31T23:00:00Z'))).toBe(2028);
  });
});

const entry = (kind: LedgerEntry['kind'], amountOre: number, grantShareOre?: number) => ({
  kind,
  amountOre,
  ...(grantShareOre === undefined ? {} : { grantShareOre }),
});

describe('balances: what each entry moves', () => {
  it('a payment adds to received and available; its grant share (fixed when booked) to the grant figures', () => {
    expect(balanceDeltas(entry('contribution_received', 1_001, 800))).toEqual({
      receivedOre: 1_001,
      grantReceivedOre: 800,
      availableOre: 1_001,
      grantAvailableOre: 800,
      entries: 1,
    });
  });

  it('a commitment takes from both available figures; a release gives back and lowers what is committed', () => {
    expect(balanceDeltas(entry('award_committed', 500))).toEqual({
      committedOre: 500,
      availableOre: -500,
      grantAvailableOre: -500,
      entries: 1,
    });
    expect(balanceDeltas(entry('commitment_released', 200))).toEqual({
      committedOre: -200,
      releasedOre: 200,
      availableOre: 200,
      grantAvailableOre: 200,
      entries: 1,
    });
  });

  it('a disbursement moves no available money (it was committed); a refund comes back; an adjustment is not cash', () => {
    expect(balanceDeltas(entry('disbursement', 300))).toEqual({ disbursedOre: 300, entries: 1 });
    expect(balanceDeltas(entry('refund', 100))).toEqual({
      refundedOre: 100,
      availableOre: 100,
      grantAvailableOre: 100,
      entries: 1,
    });
    expect(balanceDeltas(entry('adjustment', -4_400))).toEqual({ adjustmentsOre: -4_400, entries: 1 });
  });

  it('adds up to the issue’s definitions: available = received + refunded − committed', () => {
    const payments = [10_000_003, 7, 999];
    const entries = [
      ...payments.map((p) => entry('contribution_received', p, grantShareOre(p))),
      entry('award_committed', 6_000_000),
      entry('disbursement', 2_000_000),
      entry('refund', 500_000),
      entry('commitment_released', 4_000_000),
    ];
    const sum = sumOfEntries(entries);
    const received = 10_000_003 + 7 + 999;
    // Each payment's share is rounded down on its own: 8 000 002 + 5 + 799.
    expect(sum.grantReceivedOre).toBe(8_000_002 + 5 + 799);
    expect(sum.committedOre).toBe(2_000_000);
    expect(sum.availableOre).toBe(received + 500_000 - 2_000_000);
    expect(sum.grantAvailableOre).toBe(sum.grantReceivedOre + 500_000 - 2_000_000);
    expect(sum.entries).toBe(7);
    expect(sumOfYears([sum, sum])).toMatchObject({ receivedOre: 2 * received, entries: 14 });
  });

  it('each year carries in what the years before left and carries out what is left after it', () => {
    const y2027 = { ...emptyBalance(2027), availableOre: 10_000, grantAvailableOre: 8_000 };
    const y2028 = { ...emptyBalance(2028), availableOre: -6_000, grantAvailableOre: -7_000 };
    // Out of order on purpose: the positions are by year.
    expect(yearPositions([y2028, y2027])).toEqual([
      {
        year: 2027,
        balance: y2027,
        openingAvailableOre: 0,
        openingGrantAvailableOre: 0,
        closingAvailableOre: 10_000,
        closingGrantAvailableOre: 8_000,
      },
      {
        year: 2028,
        balance: y2028,
        openingAvailableOre: 10_000,
        openingGrantAvailableOre: 8_000,
        closingAvailableOre: 4_000,
        closingGrantAvailableOre: 1_000,
      },
    ]);
  });
});

describe('the pool’s balance through the year', () => {
  const booked = (
    kind: LedgerEntry['kind'],
    amountOre: number,
    at: string,
    paidOn?: string,
  ): LedgerEntry => ({
    id: `${kind}-${at}`,
    year: 2028,
    kind,
    amountOre,
    at,
    ...(paidOn ? { paidOn } : {}),
    ...(kind === 'contribution_received' ? { grantShareOre: grantShareOre(amountOre) } : {}),
    recordedBy: { userId: 'f', email: 'f@fim.local' },
  });

  it('starts at what earlier years carried over and moves by what is available, day by day', () => {
    const points = balancePoints(
      dayMovements([
        booked('contribution_received', 5_000, '2028-02-03T10:00:00Z', '2028-02-01'),
        booked('contribution_received', 1_000, '2028-02-03T11:00:00Z', '2028-02-01'),
        // Booked at 23:30 UTC on 31 March: 1 April in Copenhagen.
        booked('award_committed', 11_000, '2028-03-31T23:30:00Z'),
        booked('disbursement', 3_000, '2028-04-02T09:00:00Z', '2028-04-02'),
        booked('adjustment', 400, '2028-04-03T09:00:00Z'),
        booked('commitment_released', 8_000, '2028-06-01T09:00:00Z'),
      ]),
      10_000,
    );
    // Disbursements (money already committed) and adjustments (owed, not cash) do not move it.
    expect(points).toEqual([
      { date: '2028-02-01', amountOre: 6_000, totalOre: 16_000 },
      { date: '2028-04-01', amountOre: -11_000, totalOre: 5_000 },
      { date: '2028-06-01', amountOre: 8_000, totalOre: 13_000 },
    ]);
  });

  it('a year opens with the closing of the last year before it', () => {
    const positions = yearPositions([
      { ...emptyBalance(2026), availableOre: 700 },
      { ...emptyBalance(2028), availableOre: -200 },
    ]);
    expect(openingAvailable(positions, 2026)).toBe(0);
    expect(openingAvailable(positions, 2027)).toBe(700);
    expect(openingAvailable(positions, 2028)).toBe(700);
    expect(openingAvailable(positions, 2030)).toBe(500);
  });
});
