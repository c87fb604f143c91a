import type { Principal } from '../auth/principal.js';
import type { CoreDeps } from '../ports.js';
import type { Award } from './award.schema.js';
import { sumOfEntries, sumOfYears, type YearPosition, yearPositions } from './balances.js';
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

/** The most ledger pages read for a whole year on a page's request (the balance chart, the export). */
const YEAR_LEDGER_PAGES = 50;

/**
 * A year's ledger, oldest first, read a page at a time up to 50 pages of the largest size (10 000 entries):
 * what the year page's balance chart and the ledger export show. @throws AppError FORBIDDEN
 */
export async function listYearLedger(deps: CoreDeps, actor: Principal, year: number): Promise<LedgerEntry[]> {
  requireFinance(actor);
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < YEAR_LEDGER_PAGES; i++) {
    const page = await deps.finance.listLedger(year, {
      limit: LEDGER_PAGE_MAX,
      ...(cursor ? { cursor } : {}),
    });
    entries.push(...page.items);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return entries;
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

/** The rules every balance holds, the pool's and each year's (`year` names which). */
function balanceRuleProblems(balance: PoolBalance, year?: number): InvariantProblem[] {
  const problems: InvariantProblem[] = [];
  const at = year === undefined ? {} : { year };
  const fail = (code: string, detail: string) => problems.push({ code, detail, ...at });
  if (balance.availableOre !== availableOf(balance)) {
    fail(
      'AVAILABLE_MISMATCH',
      `availableOre ${balance.availableOre} ≠ receivedOre + refundedOre − committedOre = ${availableOf(balance)}`,
    );
  }
  if (balance.grantAvailableOre !== grantAvailableOf(balance)) {
    fail(
      'GRANT_AVAILABLE_MISMATCH',
      `grantAvailableOre ${balance.grantAvailableOre} ≠ grantReceivedOre + refundedOre − committedOre = ${grantAvailableOf(balance)}`,
    );
  }
  if (balance.grantReceivedOre > balance.receivedOre || balance.grantReceivedOre < 0) {
    fail(
      'GRANT_SHARE_MISMATCH',
      `grantReceivedOre ${balance.grantReceivedOre}, receivedOre ${balance.receivedOre}`,
    );
  }
  if (balance.disbursedOre > balance.committedOre) {
    fail('OVER_DISBURSED', `disbursedOre ${balance.disbursedOre} > committedOre ${balance.committedOre}`);
  }
  if (balance.refundedOre > balance.disbursedOre) {
    fail('OVER_REFUNDED', `refundedOre ${balance.refundedOre} > disbursedOre ${balance.disbursedOre}`);
  }
  return problems;
}

/**
 * The pool overall: its counters equal the years' summed, and nothing is committed beyond what it holds
 * (for grants, and in all). A year's own available money may be below 0: it committed what earlier years
 * received.
 */
function poolProblems(pool: PoolBalance, years: readonly Balance[]): InvariantProblem[] {
  const problems = balanceRuleProblems(pool);
  const summed = sumOfYears(years);
  for (const counter of BALANCE_COUNTERS) {
    if (pool[counter] !== summed[counter]) {
      problems.push({
        code: 'POOL_MISMATCH',
        detail: `${counter}: pool ${pool[counter]}, sum of the years ${summed[counter]}`,
      });
    }
  }
  if (pool.grantAvailableOre < 0) {
    problems.push({
      code: 'OVER_COMMITTED',
      detail: `committedOre ${pool.committedOre} > grantReceivedOre ${pool.grantReceivedOre} + refundedOre ${pool.refundedOre}`,
    });
  }
  if (pool.availableOre < 0) {
    problems.push({
      code: 'OVER_COMMITTED',
      detail: `committedOre ${pool.committedOre} > receivedOre ${pool.receivedOre} + refundedOre ${pool.refundedOre}`,
    });
  }
  return problems;
}

/**
 * The ledger's invariants, checked against the stored entries (this reads whole ledgers: it is a check, not
 * a page). For the year asked (or, without one, every year that has a balance): the balances equal the sums
 * of the entries, nothing is disbursed beyond what is committed, each award's and each contribution's
 * figures equal the sums of their entries. For the pool: its counters equal the years' summed and nothing is
 * committed beyond what it holds. @throws AppError FORBIDDEN
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
  const [entries, { balance }, contributions] = await Promise.all([
    deps.finance.allLedgerEntries(year),
    deps.finance.getYearAndBalance(year),
    deps.finance.getContributions(
      year,
      PARTIES.map((p) => p.id),
    ),
  ]);
  const problems: InvariantProblem[] = [];
  const sums = sumOfEntries(entries);
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.amountOre)) {
      problems.push({
        code: 'NOT_WHOLE_ORE',
        detail: `entry ${entry.id}: amountOre=${entry.amountOre}`,
        year,
      });
    }
    if (entry.kind === 'contribution_received' && entry.grantShareOre === undefined) {
      problems.push({ code: 'GRANT_SHARE_MISSING', detail: `entry ${entry.id}: no grantShareOre`, year });
    }
  }
  for (const counter of BALANCE_COUNTERS) {
    if (balance[counter] !== sums[counter]) {
      problems.push({
        code: counter === 'entries' ? 'ENTRY_COUNT_MISMATCH' : 'BALANCE_MISMATCH',
        detail: `${counter}: balance ${balance[counter]}, sum of entries ${sums[counter]}`,
        year,
      });
    }
  }
  problems.push(...balanceRuleProblems(balance, year));
  problems.push(...(await awardProblems(deps, year, entries)).map((p) => ({ ...p, year })));
  const byParty = new Map(contributions.map((c) => [c.partyId, c]));
  const perParty = new Map<string, { paid: number; adjusted: number }>();
  for (const entry of entries) {
    if (!entry.partyId) continue;
    const totals = perParty.get(entry.partyId) ?? { paid: 0, adjusted: 0 };
    if (entry.kind === 'contribution_received') totals.paid += entry.amountOre;
    if (entry.kind === 'adjustment') totals.adjusted += entry.amountOre;
    perParty.set(entry.partyId, totals);
    if (!byParty.has(entry.partyId)) {
      problems.push({
        code: 'ENTRY_WITHOUT_CONTRIBUTION',
        detail: `entry ${entry.id} names ${entry.partyId}, which has no contribution for ${year}`,
        partyId: entry.partyId,
        year,
      });
    }
  }
  for (const c of contributions) {
    const totals = perParty.get(c.partyId) ?? { paid: 0, adjusted: 0 };
    if (c.paidOre !== totals.paid) {
      problems.push({
        code: 'PAID_MISMATCH',
        detail: `${c.partyId}: paidOre ${c.paidOre}, sum of payments ${totals.paid}`,
        partyId: c.partyId,
        year,
      });
    }
    if (c.adjustmentsOre !== totals.adjusted) {
      problems.push({
        code: 'ADJUSTMENTS_MISMATCH',
        detail: `${c.partyId}: adjustmentsOre ${c.adjustmentsOre}, sum of adjustments ${totals.adjusted}`,
        partyId: c.partyId,
        year,
      });
    }
    if (c.demandOre + c.adjustmentsOre < 0) {
      problems.push({
        code: 'NEGATIVE_DEMAND',
        detail: `${c.partyId}: demandOre ${c.demandOre} + adjustmentsOre ${c.adjustmentsOre} < 0`,
        partyId: c.partyId,
        year,
      });
    }
  }
  return { entries: entries.length, problems };
}

/**
 * Each award booked in the year: its amount equals its one commitment entry, its disbursed, refunded and
 * released amounts equal the sums of its entries, nothing is disbursed beyond the amount nor refunded beyond
 * what was disbursed, and a closed award released exactly what it never paid out.
 */
async function awardProblems(
  deps: CoreDeps,
  year: number,
  entries: LedgerEntry[],
): Promise<InvariantProblem[]> {
  const problems: InvariantProblem[] = [];
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
      problems.push({
        code: 'ENTRY_WITHOUT_AWARD',
        detail: `entries name award ${awardId}, which does not exist`,
      });
      continue;
    }
    const at = `award ${awardId}`;
    if (award.year !== year) {
      problems.push({
        code: 'AWARD_YEAR_MISMATCH',
        detail: `${at}: booked in ${year}, its year is ${award.year}`,
      });
    }
    if (s.commits !== 1 || s.committed !== award.amountOre) {
      problems.push({
        code: 'COMMITTED_MISMATCH',
        detail: `${at}: amountOre ${award.amountOre}, ${s.commits} commitment(s) summing to ${s.committed}`,
      });
    }
    if (award.disbursedOre !== s.disbursed) {
      problems.push({
        code: 'DISBURSED_MISMATCH',
        detail: `${at}: disbursedOre ${award.disbursedOre}, sum of disbursements ${s.disbursed}`,
      });
    }
    if (award.refundedOre !== s.refunded) {
      problems.push({
        code: 'REFUNDED_MISMATCH',
        detail: `${at}: refundedOre ${award.refundedOre}, sum of refunds ${s.refunded}`,
      });
    }
    if (award.disbursedOre > award.amountOre) {
      problems.push({
        code: 'AWARD_OVER_DISBURSED',
        detail: `${at}: disbursedOre ${award.disbursedOre} > amountOre ${award.amountOre}`,
      });
    }
    if (award.refundedOre > award.disbursedOre) {
      problems.push({
        code: 'AWARD_OVER_REFUNDED',
        detail: `${at}: refundedOre ${award.refundedOre} > disbursedOre ${award.disbursedOre}`,
      });
    }
    const released = award.releasedOre ?? 0;
    if (released !== s.released) {
      problems.push({
        code: 'RELEASED_MISMATCH',
        detail: `${at}: releasedOre ${released}, sum of releases ${s.released}`,
      });
    }
    // Closed: everything not paid out went back. Committed: nothing went back yet.
    const expectedRelease = award.status === 'closed' ? award.amountOre - award.disbursedOre : 0;
    if (released !== expectedRelease) {
      problems.push({
        code: 'RELEASE_WRONG',
        detail: `${at} (${award.status}): releasedOre ${released}, expected ${expectedRelease}`,
      });
    }
  }
  return problems;
}
