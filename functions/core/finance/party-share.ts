/*
 * A party's share of what the pool has funded, reckoned by its share of the pool's income: what it paid in over
 * every year / what the pool received over every year. Integer øre in, integer øre out, always rounded down; the
 * products go through BigInt because amount × paid can pass 2^53 (a 10 million kr award × 100 million kr paid).
 */

const BASIS_POINTS = 10_000;

/** `amount × paid / received`, rounded down to the øre; 0 when the pool has received nothing. */
export function shareOfAward(amountOre: number, paidOre: number, poolReceivedOre: number): number {
  if (poolReceivedOre <= 0 || paidOre <= 0 || amountOre <= 0) return 0;
  return Number((BigInt(amountOre) * BigInt(paidOre)) / BigInt(poolReceivedOre));
}

/**
 * The party's share of the pool's income as a fraction in basis points (1/10 000, so 527 is 5.27 %), rounded
 * down; 0 when the pool has received nothing.
 */
export const partyShare = (paidOre: number, poolReceivedOre: number): number =>
  shareOfAward(BASIS_POINTS, paidOre, poolReceivedOre);
