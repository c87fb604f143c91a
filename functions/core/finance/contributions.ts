import { type AppError, refusal } from '../shared/errors.js';

/** Kroner per citizen, as øre: FIM's rate is 1 kr (100 øre) per citizen a year. */
export const DEFAULT_RATE_ORE_PER_CITIZEN = 100;
/** The share of each year's income earmarked for project grants: 4/5, as a fraction of integers. */
export const DEFAULT_GRANT_SHARE = { numerator: 4, denominator: 5 } as const;

/** A party's demand for a year: population x rate, exactly (both integers). */
export function demandOre(population: number, rateOrePerCitizen: number): number {
  if (!Number.isSafeInteger(population) || population < 0) throw new RangeError(`population ${population}`);
  if (!Number.isSafeInteger(rateOrePerCitizen) || rateOrePerCitizen < 0)
    throw new RangeError(`rate ${rateOrePerCitizen}`);
  const demand = population * rateOrePerCitizen;
  if (!Number.isSafeInteger(demand)) throw new RangeError('demand beyond safe integers');
  return demand;
}

/** The region pays for every citizen of the region: the sum of its municipalities unless its own figure is given. */
export function regionPopulation(municipalities: readonly number[], given?: number): number {
  return given ?? municipalities.reduce((sum, p) => sum + p, 0);
}

/**
 * The grant share of an income, rounded down to the øre (the remainder stays with the pool's other purposes,
 * so the two parts always add up to the whole).
 */
export function grantShareOre(
  incomeOre: number,
  share: { numerator: number; denominator: number } = DEFAULT_GRANT_SHARE,
): number {
  return Math.floor((incomeOre * share.numerator) / share.denominator);
}

/**
 * Each payment's split between grants and the rest is fixed when it is booked, so a year's grant share
 * cannot change once the year has received money.
 */
export const grantShareLocked = (year: number): AppError => {
  return refusal('INVALID_STATE', '/grantShare', { code: 'GRANT_SHARE_LOCKED', params: { year } });
};

export type ContributionStatus = 'due' | 'partly_paid' | 'paid' | 'overdue';

/** Where a party's contribution for a year stands; an overpayment is paid, and flagged beside it. */
export function contributionStatus(
  demand: number,
  paid: number,
  dueDate: string,
  today: string,
): { status: ContributionStatus; outstandingOre: number; overpaidOre: number } {
  const outstandingOre = Math.max(0, demand - paid);
  const overpaidOre = Math.max(0, paid - demand);
  if (outstandingOre === 0) return { status: 'paid', outstandingOre, overpaidOre };
  if (today > dueDate) return { status: 'overdue', outstandingOre, overpaidOre };
  return { status: paid > 0 ? 'partly_paid' : 'due', outstandingOre, overpaidOre };
}

/** A party's population for a reference year; `derived` when the region's is the sum of its municipalities'. */
export interface YearPopulation {
  population: number;
  derived: boolean;
}

/**
 * Each party's population for one reference year from the figures stored for that year (party id to
 * population): the region's own figure, else the sum of every municipality's. Parties with none are
 * `missing`, and so is the region when it has no figure and any municipality lacks one.
 */
export function populationsForYear<P extends { id: string; kind: 'municipality' | 'region' }>(
  parties: readonly P[],
  figures: ReadonlyMap<string, number>,
): { populations: Map<string, YearPopulation>; missing: P[] } {
  const populations = new Map<string, YearPopulation>();
  const missing: P[] = [];
  const municipalities = parties.filter((p) => p.kind === 'municipality');
  const municipal = municipalities.map((m) => figures.get(m.id));
  for (const party of parties) {
    const own = figures.get(party.id);
    if (own !== undefined) populations.set(party.id, { population: own, derived: false });
    else if (party.kind === 'region' && municipal.every((p) => p !== undefined))
      populations.set(party.id, {
        population: regionPopulation(municipal as number[]),
        derived: true,
      });
    else missing.push(party);
  }
  return { populations, missing };
}
