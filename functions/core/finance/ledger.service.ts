import type { Principal } from '../auth/principal.js';
import type { CoreDeps } from '../ports.js';
import type { Award } from './award.schema.js';
import type { Balance, InvariantProblem, LedgerEntry, LedgerKind } from './finance.schema.js';
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

const BALANCE_OF: Record<LedgerKind, keyof Balance> = {
  contribution_received: 'receivedOre',
  award_committed: 'committedOre',
  disbursement: 'disbursedOre',
  refund: 'refundedOre',
  adjustment: 'adjustmentsOre',
};

/**
 * The ledger's invariants for a year, checked against the stored entries (this reads the whole ledger: it is
 * a check, not a page): the balances equal the sums of the entries, nothing is committed beyond what is
 * available nor disbursed beyond what is committed, and each contribution's paid and adjusted amounts equal
 * the sums of its entries. @throws AppError FORBIDDEN
 */
export async function checkInvariants(
  deps: CoreDeps,
  actor: Principal,
  year: number,
): Promise<{ year: number; ok: boolean; entries: number; problems: InvariantProblem[] }> {
  requireFinance(actor);
  const [entries, { balance }, contributions] = await Promise.all([
    deps.finance.allLedgerEntries(year),
    deps.finance.getYearAndBalance(year),
    deps.finance.getContributions(
      year,
      PARTIES.map((p) => p.id),
    ),
  ]);
  const problems: InvariantProblem[] = [];
  const sums: Record<string, number> = {};
  for (const entry of entries) {
    const field = BALANCE_OF[entry.kind];
    sums[field] = (sums[field] ?? 0) + entry.amountOre;
    if (!Number.isSafeInteger(entry.amountOre)) {
      problems.push({ code: 'NOT_WHOLE_ORE', detail: `entry ${entry.id}: amountOre=${entry.amountOre}` });
    }
  }
  for (const field of Object.values(BALANCE_OF)) {
    const stored = balance[field];
    const summed = sums[field] ?? 0;
    if (stored !== summed) {
      problems.push({
        code: 'BALANCE_MISMATCH',
        detail: `${field}: balance ${stored}, sum of entries ${summed}`,
      });
    }
  }
  if (balance.entries !== entries.length) {
    problems.push({
      code: 'ENTRY_COUNT_MISMATCH',
      detail: `balance counts ${balance.entries} entries, the ledger holds ${entries.length}`,
    });
  }
  const available = balance.receivedOre + balance.refundedOre - balance.committedOre;
  if (available < 0) {
    problems.push({
      code: 'OVER_COMMITTED',
      detail: `committedOre ${balance.committedOre} > receivedOre ${balance.receivedOre} + refundedOre ${balance.refundedOre}`,
    });
  }
  if (balance.disbursedOre > balance.committedOre) {
    problems.push({
      code: 'OVER_DISBURSED',
      detail: `disbursedOre ${balance.disbursedOre} > committedOre ${balance.committedOre}`,
    });
  }
  if (balance.availableOre !== undefined) {
    const expected = balance.receivedOre + balance.refundedOre - balance.committedOre;
    if (balance.availableOre !== expected) {
      problems.push({
        code: 'AVAILABLE_MISMATCH',
        detail: `availableOre ${balance.availableOre} ≠ receivedOre + refundedOre − committedOre = ${expected}`,
      });
    }
  }
  if (balance.refundedOre > balance.disbursedOre) {
    problems.push({
      code: 'OVER_REFUNDED',
      detail: `refundedOre ${balance.refundedOre} > disbursedOre ${balance.disbursedOre}`,
    });
  }
  problems.push(...(await awardProblems(deps, year, entries)));
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
      });
    }
    if (c.adjustmentsOre !== totals.adjusted) {
      problems.push({
        code: 'ADJUSTMENTS_MISMATCH',
        detail: `${c.partyId}: adjustmentsOre ${c.adjustmentsOre}, sum of adjustments ${totals.adjusted}`,
        partyId: c.partyId,
      });
    }
    if (c.demandOre + c.adjustmentsOre < 0) {
      problems.push({
        code: 'NEGATIVE_DEMAND',
        detail: `${c.partyId}: demandOre ${c.demandOre} + adjustmentsOre ${c.adjustmentsOre} < 0`,
        partyId: c.partyId,
      });
    }
  }
  return { year, ok: problems.length === 0, entries: entries.length, problems };
}

/**
 * Each award booked in the year: its amount equals its one commitment entry, its disbursed and refunded
 * amounts equal the sums of its entries, nothing is disbursed beyond the amount nor refunded beyond what was
 * disbursed.
 */
async function awardProblems(
  deps: CoreDeps,
  year: number,
  entries: LedgerEntry[],
): Promise<InvariantProblem[]> {
  const problems: InvariantProblem[] = [];
  const sums = new Map<string, { committed: number; commits: number; disbursed: number; refunded: number }>();
  for (const entry of entries) {
    if (!entry.awardId) continue;
    const s = sums.get(entry.awardId) ?? { committed: 0, commits: 0, disbursed: 0, refunded: 0 };
    if (entry.kind === 'award_committed') {
      s.committed += entry.amountOre;
      s.commits++;
    }
    if (entry.kind === 'disbursement') s.disbursed += entry.amountOre;
    if (entry.kind === 'refund') s.refunded += entry.amountOre;
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
  }
  return problems;
}
