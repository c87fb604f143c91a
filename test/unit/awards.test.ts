import { describe, expect, it } from 'vitest';
import { commitmentFits, refundFits, tranchFits } from '../../functions/core/finance/award.rules.js';
import { type Award, awardView } from '../../functions/core/finance/award.schema.js';
import { copenhagenYear } from '../../functions/core/finance/award.service.js';

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

  it('a commitment is at most what the pool holds', () => {
    expect(commitmentFits(10, 10)).toBe(true);
    expect(commitmentFits(10, 11)).toBe(false);
    expect(commitmentFits(0, 0)).toBe(false);
  });

  it('shows what remains and what may be refunded', () => {
    expect(awardView(award)).toMatchObject({ remainingOre: 6_000_000, refundableOre: 3_500_000 });
  });

  it('an award accepted on New Year’s Eve after 23:00 UTC draws on the next year’s pool (Copenhagen)', () => {
    expect(copenhagenYear(new Date('2027-12-31T22:59:59Z'))).toBe(2027);
    expect(copenhagenYear(new Date('2027-12-31T23:00:00Z'))).toBe(2028);
  });
});
