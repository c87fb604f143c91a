import type { Principal } from '../auth/principal.js';
import type { CoreDeps } from '../ports.js';
import type { MessageOf } from '../shared/messages.js';
import type { Award } from './award.schema.js';
import {
  type BalancePoint,
  balancePoints,
  dayMovements,
  openingAvailable,
  sumOfEntries,
  sumOfYears,
  type YearPosition,
  yearPositions,
} from './balances.js';
import type { InvariantMessages } from './finance.messages.js';
import {
  BALANCE_COUNTERS,
  type Balance,
  type InvariantProblem,
  type LedgerEntry,
  type PoolBalance,
} from './finance.schema.js';
import { PARTIES } from './parties.js';
import { requireFinance } from './population.service.js';

export const LEDGER_PAGE_DEFAULT = 50;
export const LEDGER_PAGE_MAX = 200;

/** A page of the year's ledger, oldest first. @throws AppError FORBIDDEN, VALIDATION_FAILED (cursor) */
export async function listLedger(
  deps: CoreDeps,
  actor: Principal,
  year: number,
  page: { limit?: number; cursor?: string },
): Promise<{ items: LedgerEntry[]; cursor?: string }> {
  requireFinance(actor);
  return deps.finance.listLedger(year, {
    limit: page.limit ?? LEDGER_PAGE_DEFAULT,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

/**
 * The reference (FIM-2026-0001) of each award among `entries`, by award id (an award's id is its
 * application's): one BatchGetItem of the applications however many entries name them. Finance only.
 * @throws AppError FORBIDDEN
 */
export async function awardReferences(
  deps: CoreDeps,
  actor: Principal,
  entries: readonly LedgerEntry[],
): Promise<Map<string, string>> {
  requireFinance(actor);
  const ids = [...new Set(entries.flatMap((e) => (e.awardId ? [e.awardId] : [])))];
  if (ids.length === 0) return new Map();
  const applications = await deps.applications.getMany(ids);
  return new Map(applications.flatMap((a) => (a.reference ? [[a.id, a.reference] as const] : [])));
}

/**
 * A year's whole ledger, oldest first, a page of the largest size at a time, each read when the one before
 * has been used: what the ledger export streams, however many entries there are (nothing is held but a
 * page). Who may read it is judged at once, before any page. @throws AppError FORBIDDEN
 */
export function yearLedgerPages(
  deps: CoreDeps,
  actor: Principal,
  year: number,
): AsyncIterable<LedgerEntry[]> {
  requireFinance(actor);
  return {
    async *[Symbol.asyncIterator]() {
      let cursor: string | undefined;
      do {
        const page = await deps.finance.listLedger(year, {
          limit: LEDGER_PAGE_MAX,
          ...(cursor ? { cursor } : {}),
        });
        yield page.items;
        cursor = page.cursor;
      } while (cursor);
    },
  };
}

/**
 * The year page's chart: the pool's available money through the year, from what earlier years carried over
 * and each day's movements (the year's day balances, not its ledger): three requests whatever the ledger's
 * size. @throws AppError FORBIDDEN
 */
export async function getBalanceChart(
  deps: CoreDeps,
  actor: Principal,
  year: number,
): Promise<{ openingOre: number; points: BalancePoint[] }> {
  requireFinance(actor);
  const [{ years }, days] = await Promise.all([deps.finance.listBalances(), deps.finance.dayMovements(year)]);
  const openingOre = openingAvailable(yearPositions(years), year);
  return { openingOre, points: balancePoints(days, openingOre) };
}

/**
 * The pool overall and every year with what it carried in and out: two requests (the index partition of the
 * years' balances and the pool's item), whatever the ledger's size. @throws AppError FORBIDDEN
 */
export async function getBalances(
  deps: CoreDeps,
  actor: Principal,
): Promise<{ pool: PoolBalance; years: YearPosition[] }> {
  requireFinance(actor);
  const { years, pool } = await deps.finance.listBalances();
  return { pool, years: yearPositions(years) };
}

const availableOf = (b: PoolBalance) => b.receivedOre + b.refundedOre - b.committedOre;
const grantAvailableOf = (b: PoolBalance) => b.grantReceivedOre + b.refundedOre - b.committedOre;

/** A finding's message: what `found` collects. */
type Finding = MessageOf<InvariantMessages>;

/** A list of findings, each with the year at fault when there is one. */
function findings(year?: number) {
  const problems: InvariantProblem[] = [];
  const at = year === undefined ? {} : { year };
  const found = (finding: Finding) => {
    problems.push({ ...finding, ...at } as InvariantProblem);
  };
  return { problems, found };
}

/** The rules every balance holds, the pool's and each year's (`year` names which). */
function balanceRuleProblems(balance: PoolBalance, year?: number): InvariantProblem[] {
  const { problems, found } = findings(year);
  const { availableOre, grantAvailableOre, receivedOre, grantReceivedOre, committedOre } = balance;
  const { disbursedOre, refundedOre } = balance;
  if (availableOre !== availableOf(balance)) {
    found({ code: 'AVAILABLE_MISMATCH', params: { availableOre, expectedOre: availableOf(balance) } });
  }
  if (grantAvailableOre !== grantAvailableOf(balance)) {
    found({
      code: 'GRANT_AVAILABLE_MISMATCH',
      params: { grantAvailableOre, expectedOre: grantAvailableOf(balance) },
    });
  }
  if (grantReceivedOre > receivedOre || grantReceivedOre < 0) {
    found({ code: 'GRANT_SHARE_MISMATCH', params: { grantReceivedOre, receivedOre } });
  }
  if (disbursedOre > committedOre) found({ code: 'OVER_DISBURSED', params: { disbursedOre, committedOre } });
  if (refundedOre > disbursedOre) found({ code: 'OVER_REFUNDED', params: { refundedOre, disbursedOre } });
  return problems;
}

/**
 * The pool overall: its counters equal the years' summed, and nothing is committed beyond what it holds
 * (for grants, and in all). A year's own available money may be below 0: it committed what earlier years
 * received.
 */
function poolProblems(pool: PoolBalance, years: readonly Balance[]): InvariantProblem[] {
  const { problems, found } = findings();
  problems.push(...balanceRuleProblems(pool));
  const summed = sumOfYears(years);
  for (const counter of BALANCE_COUNTERS) {
    if (pool[counter] !== summed[counter]) {
      found({ code: 'POOL_MISMATCH', params: { counter, pool: pool[counter], sumOfYears: summed[counter] } });
    }
  }
  const { committedOre, refundedOre } = pool;
  if (pool.grantAvailableOre < 0) {
    found({
      code: 'OVER_COMMITTED',
      params: { committedOre, grantReceivedOre: pool.grantReceivedOre, refundedOre },
    });
  }
  if (pool.availableOre < 0) {
    found({ code: 'OVER_COMMITTED', params: { committedOre, receivedOre: pool.receivedOre, refundedOre } });
  }
  return problems;
}

/**
 * The ledger's invariants, checked against the stored entries (this reads whole ledgers: it is a check, not
 * a page). For the year asked (or, without one, every year that has a balance): the balances equal the sums
 * of the entries, nothing is disbursed beyond what is committed, each award's and each contribution's
 * figures equal the sums of their entries. For the pool: its counters equal the years' summed and nothing is
 * committed beyond what it holds. Each problem is a code with its figures. @throws AppError FORBIDDEN
 */
export async function checkInvariants(
  deps: CoreDeps,
  actor: Principal,
  year?: number,
): Promise<{ year?: number; years: number[]; ok: boolean; entries: number; problems: InvariantProblem[] }> {
  requireFinance(actor);
  const balances = await deps.finance.listBalances({ consistent: true });
  const years = year === undefined ? balances.years.map((b) => b.year).sort((a, b) => a - b) : [year];
  const problems: InvariantProblem[] = [];
  let entries = 0;
  for (const y of years) {
    const checked = await yearProblems(deps, y);
    entries += checked.entries;
    problems.push(...checked.problems);
  }
  problems.push(...poolProblems(balances.pool, balances.years));
  return { ...(year === undefined ? {} : { year }), years, ok: problems.length === 0, entries, problems };
}

async function yearProblems(
  deps: CoreDeps,
  year: number,
): Promise<{ entries: number; problems: InvariantProblem[] }> {
  const [entries, { balance }, contributions, days] = await Promise.all([
    deps.finance.allLedgerEntries(year),
    deps.finance.getYearAndBalance(year),
    deps.finance.getContributions(
      year,
      PARTIES.map((p) => p.id),
    ),
    deps.finance.dayMovements(year, { consistent: true }),
  ]);
  const { problems, found } = findings(year);
  const stored = new Map(days.map((d) => [d.date, d.amountOre]));
  const summed = new Map(dayMovements(entries).map((d) => [d.date, d.amountOre]));
  for (const date of new Set([...stored.keys(), ...summed.keys()])) {
    const dayOre = stored.get(date) ?? 0;
    const sumOfEntriesOre = summed.get(date) ?? 0;
    if (dayOre !== sumOfEntriesOre)
      found({ code: 'DAY_BALANCE_MISMATCH', params: { date, dayOre, sumOfEntriesOre } });
  }
  const sums = sumOfEntries(entries);
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.amountOre)) {
      found({ code: 'NOT_WHOLE_ORE', params: { entryId: entry.id, amountOre: entry.amountOre } });
    }
    if (entry.kind === 'contribution_received' && entry.grantShareOre === undefined) {
      found({ code: 'GRANT_SHARE_MISSING', params: { entryId: entry.id } });
    }
  }
  for (const counter of BALANCE_COUNTERS) {
    if (balance[counter] !== sums[counter]) {
      found({
        code: counter === 'entries' ? 'ENTRY_COUNT_MISMATCH' : 'BALANCE_MISMATCH',
        params: { counter, balance: balance[counter], sumOfEntries: sums[counter] },
      });
    }
  }
  problems.push(...balanceRuleProblems(balance, year));
  for (const finding of await awardProblems(deps, year, entries)) found(finding);
  const byParty = new Map(contributions.map((c) => [c.partyId, c]));
  const perParty = new Map<string, { paid: number; adjusted: number }>();
  for (const entry of entries) {
    if (!entry.partyId) continue;
    const totals = perParty.get(entry.partyId) ?? { paid: 0, adjusted: 0 };
    if (entry.kind === 'contribution_received') totals.paid += entry.amountOre;
    if (entry.kind === 'adjustment') totals.adjusted += entry.amountOre;
    perParty.set(entry.partyId, totals);
    if (!byParty.has(entry.partyId)) {
      found({ code: 'ENTRY_WITHOUT_CONTRIBUTION', params: { entryId: entry.id, partyId: entry.partyId } });
    }
  }
  for (const { partyId, paidOre, adjustmentsOre, demandOre } of contributions) {
    const totals = perParty.get(partyId) ?? { paid: 0, adjusted: 0 };
    if (paidOre !== totals.paid) {
      found({ code: 'PAID_MISMATCH', params: { partyId, paidOre, sumOfPaymentsOre: totals.paid } });
    }
    if (adjustmentsOre !== totals.adjusted) {
      found({
        code: 'ADJUSTMENTS_MISMATCH',
        params: { partyId, adjustmentsOre, sumOfAdjustmentsOre: totals.adjusted },
      });
    }
    if (demandOre + adjustmentsOre < 0) {
      found({ code: 'NEGATIVE_DEMAND', params: { partyId, demandOre, adjustmentsOre } });
    }
  }
  return { entries: entries.length, problems };
}

/**
 * Each award booked in the year: its amount equals its one commitment entry, its disbursed, refunded and
 * released amounts equal the sums of its entries, nothing is disbursed beyond the amount nor refunded beyond
 * what was disbursed, and a closed award released exactly what it never paid out.
 */
async function awardProblems(deps: CoreDeps, year: number, entries: LedgerEntry[]): Promise<Finding[]> {
  const problems: Finding[] = [];
  type Sums = { committed: number; commits: number; disbursed: number; refunded: number; released: number };
  const sums = new Map<string, Sums>();
  for (const entry of entries) {
    if (!entry.awardId) continue;
    const s = sums.get(entry.awardId) ?? { committed: 0, commits: 0, disbursed: 0, refunded: 0, released: 0 };
    if (entry.kind === 'award_committed') {
      s.committed += entry.amountOre;
      s.commits++;
    }
    if (entry.kind === 'disbursement') s.disbursed += entry.amountOre;
    if (entry.kind === 'refund') s.refunded += entry.amountOre;
    if (entry.kind === 'commitment_released') s.released += entry.amountOre;
    sums.set(entry.awardId, s);
  }
  if (sums.size === 0) return problems;
  const awards = new Map<string, Award>(
    (await deps.awards.getMany([...sums.keys()])).map((a) => [a.applicationId, a]),
  );
  for (const [awardId, s] of sums) {
    const award = awards.get(awardId);
    if (!award) {
      problems.push({ code: 'ENTRY_WITHOUT_AWARD', params: { awardId } });
      continue;
    }
    const { amountOre, disbursedOre, refundedOre, status } = award;
    const releasedOre = award.releasedOre ?? 0;
    if (award.year !== year) {
      problems.push({ code: 'AWARD_YEAR_MISMATCH', params: { awardId, awardYear: award.year } });
    }
    if (s.commits !== 1 || s.committed !== amountOre) {
      problems.push({
        code: 'COMMITTED_MISMATCH',
        params: { awardId, amountOre, commitments: s.commits, sumOfCommitmentsOre: s.committed },
      });
    }
    if (disbursedOre !== s.disbursed) {
      problems.push({
        code: 'DISBURSED_MISMATCH',
        params: { awardId, disbursedOre, sumOfDisbursementsOre: s.disbursed },
      });
    }
    if (refundedOre !== s.refunded) {
      problems.push({
        code: 'REFUNDED_MISMATCH',
        params: { awardId, refundedOre, sumOfRefundsOre: s.refunded },
      });
    }
    if (disbursedOre > amountOre) {
      problems.push({ code: 'AWARD_OVER_DISBURSED', params: { awardId, disbursedOre, amountOre } });
    }
    if (refundedOre > disbursedOre) {
      problems.push({ code: 'AWARD_OVER_REFUNDED', params: { awardId, refundedOre, disbursedOre } });
    }
    if (releasedOre !== s.released) {
      problems.push({
        code: 'RELEASED_MISMATCH',
        params: { awardId, releasedOre, sumOfReleasesOre: s.released },
      });
    }
    // Closed: everything not paid out went back. Committed: nothing went back yet.
    const expectedOre = status === 'closed' ? amountOre - disbursedOre : 0;
    if (releasedOre !== expectedOre) {
      problems.push({ code: 'RELEASE_WRONG', params: { awardId, status, releasedOre, expectedOre } });
    }
  }
  return problems;
}
