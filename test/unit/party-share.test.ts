import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partyShare, shareOfAward } from '../../functions/core/finance/party-share.js';

describe("a party's share of the pool, to the øre", () => {
  it('rounds down to the øre: 1 000 øre at 1/3 is 333 øre, never 334', () => {
    expect(shareOfAward(1_000, 1, 3)).toBe(333);
    expect(shareOfAward(1_000, 2, 3)).toBe(666);
    expect(shareOfAward(12_345_678, 10_000_001, 37_654_322)).toBe(3_278_688); // 3 278 688,495…
  });

  it('gives the whole award to a party that paid everything, and nothing to one that paid nothing', () => {
    expect(shareOfAward(5_000_000, 40_000_000, 40_000_000)).toBe(5_000_000);
    expect(shareOfAward(5_000_000, 0, 40_000_000)).toBe(0);
  });

  it('is 0 when the pool has received nothing, instead of dividing by zero', () => {
    expect(shareOfAward(5_000_000, 0, 0)).toBe(0);
    expect(shareOfAward(5_000_000, 100, 0)).toBe(0);
    expect(partyShare(0, 0)).toBe(0);
  });

  it('stays exact when amount × paid passes 2^53', () => {
    // A 69 million kr award, a party that paid 41.8 million kr of 88.1 million kr: the product is 2.9e19 øre²,
    // far beyond 2^53 ≈ 9.007e15, and floating point gives one øre too many.
    const amount = 6_902_700_714;
    const paid = 4_175_755_830;
    const received = 8_811_775_107;
    expect(amount * paid).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    expect(Math.floor((amount * paid) / received)).toBe(3_271_076_758);
    expect(shareOfAward(amount, paid, received)).toBe(3_271_076_757);
    expect(BigInt(shareOfAward(amount, paid, received))).toBe(
      (BigInt(amount) * BigInt(paid)) / BigInt(received),
    );
  });

  it('gives the share in basis points, rounded down: 26.557… % is 2655', () => {
    expect(partyShare(10_000_001, 37_654_322)).toBe(2655);
    expect(partyShare(1, 3)).toBe(3333);
    expect(partyShare(40_000_000, 40_000_000)).toBe(10_000);
  });

  it('never gives a party more than the award, and the parties together never more than it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { minLength: 1, maxLength: 20 }),
        (amount, payments) => {
          const received = payments.reduce((sum, p) => sum + p, 0);
          const shares = payments.map((paid) => shareOfAward(amount, paid, received));
          for (const share of shares) expect(share).toBeLessThanOrEqual(amount);
          const total = shares.reduce((sum, s) => sum + s, 0);
          expect(total).toBeLessThanOrEqual(amount);
          // Rounding down loses less than one øre per party.
          if (received > 0) expect(amount - total).toBeLessThan(payments.length);
        },
      ),
    );
  });
});
