import type { Sector } from '../applications/application.schema.js';
import type { FocusArea } from '../calls/call.schema.js';
import type { CoreDeps } from '../ports.js';
import { notFound } from '../shared/errors.js';
import type { Award } from './award.schema.js';
import { PARTIES } from './parties.js';
import { partyShare, shareOfAward } from './party-share.js';

/** A funded project as the public may read it: no names, no payment references. */
export interface FundedProject {
  title: string;
  focusArea?: FocusArea;
  sectors: Sector[];
  amountOre: number;
  /** Closed awards only: what was paid out net (disbursed − refunded), what the project in the end cost. */
  paidNetOre?: number;
  /** The party's share of what counts: the amount, or for a closed award what was paid out net. */
  partyShareOre: number;
}

/** What one party has paid into the pool and, reckoned by that share, funded. Public, aggregate figures. */
export interface PartyFunding {
  /** What the party has paid in over every year. */
  paidOre: number;
  /** What the pool has received over every year (0: no share can be worked out yet). */
  poolReceivedOre: number;
  /** The party's share of the pool's income in basis points, rounded down (527 = 5.27 %). */
  shareBasisPoints: number;
  /** The sum of the projects' `partyShareOre`. */
  fundedOre: number;
  /** Newest first. */
  projects: FundedProject[];
}

/** What an award counts for: its amount while running; once closed, what was actually paid out net. */
const countedOre = (award: Award): number =>
  award.status === 'closed' ? award.disbursedOre - award.refundedOre : award.amountOre;

/**
 * A party's payments, its share of the pool's income and its share of every award, for the public party page.
 * A constant number of requests whatever the number of awards, years or entries: the years' balances (one
 * Query) and the pool's (one GetItem), the party's contributions of those years (one BatchGet) and the awards
 * (one Query). No role needed: the figures are public. @throws AppError NOT_FOUND (no such party)
 */
export async function partyFunding(deps: CoreDeps, partyId: string): Promise<PartyFunding> {
  if (!PARTIES.some((p) => p.id === partyId)) throw notFound('party');
  const [{ years, pool }, awards] = await Promise.all([deps.finance.listBalances(), deps.awards.listAll()]);
  const contributions = await deps.finance.getContributionsOfParty(
    partyId,
    years.map((b) => b.year),
  );
  const paidOre = contributions.reduce((sum, c) => sum + c.paidOre, 0);
  const poolReceivedOre = pool.receivedOre;
  const projects = [...awards]
    .sort((x, y) => y.committedAt.localeCompare(x.committedAt))
    .map(
      (award): FundedProject => ({
        title: award.title ?? award.reference ?? '',
        ...(award.focusArea ? { focusArea: award.focusArea } : {}),
        sectors: award.sectors ?? [],
        amountOre: award.amountOre,
        ...(award.status === 'closed' ? { paidNetOre: countedOre(award) } : {}),
        partyShareOre: shareOfAward(countedOre(award), paidOre, poolReceivedOre),
      }),
    );
  return {
    paidOre,
    poolReceivedOre,
    shareBasisPoints: partyShare(paidOre, poolReceivedOre),
    fundedOre: projects.reduce((sum, p) => sum + p.partyShareOre, 0),
    projects,
  };
}
