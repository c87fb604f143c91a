import type { Award } from '../../functions/core/finance/award.schema.js';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { assignmentItem, awardItem, ledgerPut, reportItem } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';

/*
 * Stored data for the benchmarks, as the repositories store it, to be written straight into the table: ledger
 * entries, awards with their reports, a reviewer's assignments with their calls. Items `from` .. `until` of
 * each kind, so a table grows from 100 to 10 000 by a second call.
 */

const AT = '2025-03-01T10:00:00.000Z';

/** Ledger entries as `ledgerPut` stores them (indexed under their contribution). */
export const ledgerItems = (entries: readonly LedgerEntry[]): Record<string, unknown>[] =>
  entries.map((e) => {
    const put = ledgerPut(
      { tableName: '' } as never,
      e,
      keys.ledgerEntryOfContribution(e.year, e.partyId ?? '', e.at, e.id),
    ).Put;
    if (!put) throw new Error('not a put');
    return put.Item as Record<string, unknown>;
  });

/** Awaiting the board's decision: a submitted report on each of the first five awards (whatever the total). */
const AWAITING = 5;

/** Awards `from` .. `until`, each with a progress and a final report; the first five with a submitted one. */
export function awardsWithReports(from: number, until: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let i = from; i < until; i++) {
    const committedAt = new Date(Date.parse(AT) + i * 60_000).toISOString();
    const award: Award = {
      applicationId: `bench-award-${i}`,
      callId: 'bench-call-awards',
      reference: `FIM-2025-${String(i).padStart(5, '0')}`,
      title: `Projekt ${i}: sundhed i nærmiljøet`,
      focusArea: 'prevention',
      sectors: ['municipality', 'region'],
      ownerId: `owner-${i % 50}`,
      ownerEmail: `owner${i % 50}@bench.dk`,
      ownerName: `Projektleder ${i % 50}`,
      year: 2025,
      amountOre: 50_000_000,
      disbursedOre: 0,
      refundedOre: 0,
      status: 'committed',
      termsVersion: 'fim-award-terms-2027-1',
      committedAt,
      committedBy: `owner-${i % 50}`,
      version: 1,
      updatedAt: committedAt,
    };
    items.push(awardItem(award));
    for (const reportId of ['progress-1', 'final'] as const) {
      const submitted = i < AWAITING && reportId === 'progress-1';
      const report: Report = {
        applicationId: award.applicationId,
        callId: award.callId,
        ...(award.reference ? { reference: award.reference } : {}),
        reportId,
        kind: reportId === 'final' ? 'final' : 'progress',
        dueDate: reportId === 'final' ? '2027-12-31' : '2026-03-01',
        status: submitted ? 'submitted' : 'due',
        ownerId: award.ownerId,
        ownerEmail: award.ownerEmail,
        ...(submitted
          ? {
              text: 'Projektet skrider frem som planlagt. '.repeat(50),
              submittedAt: committedAt,
              submittedBy: award.ownerId,
            }
          : {}),
        createdAt: committedAt,
        version: submitted ? 2 : 1,
        updatedAt: committedAt,
      };
      items.push(reportItem(report));
    }
  }
  return items;
}

const REVIEWER = { id: 'demo-reviewer1', name: 'Rikke Laursen', email: 'reviewer1@fim.local' };
/** Open assignments (not yet reviewed) in the call under review, whatever the reviewer's history. */
const OPEN = 10;
const CALLS = 50;

function callItem(id: string, status: 'open' | 'closed'): Record<string, unknown> {
  const call = {
    id,
    status,
    version: 3,
    title: `Pulje ${id}`,
    description: 'Benchmark',
    grantTypes: [{ id: 'A', name: 'A', maxAmountOre: 50_000_000 }],
    budgetOre: 2_000_000_000,
    opensAt: AT,
    closesAt: AT,
    focusAreas: ['prevention'],
    criteria: [{ id: 'relevance', name: 'Relevans', weight: 1 }],
    minSectors: 2,
    reviewersPerApplication: 3,
    blindReview: false,
    showReviewsToReviewers: false,
    disagreementThreshold: 1.5,
    createdAt: AT,
    updatedAt: AT,
    createdBy: 'bench',
  };
  return { ...keys.call(id), ...keys.callByStatus(status, AT, id), entity: 'call', ...call };
}

/**
 * The reviewer's assignments `from` .. `until`: the first ten open in the call under review, the rest
 * reviewed and submitted, in fifty closed calls (written with the first batch).
 */
export function reviewerAssignments(from: number, until: number): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (from === 0) {
    items.push(callItem('bench-review-open', 'closed'));
    for (let c = 0; c < CALLS; c++) items.push(callItem(`bench-review-${c}`, 'closed'));
  }
  for (let i = from; i < until; i++) {
    const open = i < OPEN;
    const callId = open ? 'bench-review-open' : `bench-review-${i % CALLS}`;
    const applicationId = `bench-review-app-${i}`;
    const assignment: Assignment = {
      applicationId,
      callId,
      applicationTitle: `Ansøgning ${i}`,
      applicationReference: `FIM-2024-${String(i).padStart(5, '0')}`,
      reviewerId: REVIEWER.id,
      reviewerName: REVIEWER.name,
      reviewerEmail: REVIEWER.email,
      assignedAt: AT,
      assignedBy: 'bench',
      review: open
        ? { status: 'not_started', scores: {}, comments: {} }
        : {
            status: 'submitted',
            scores: { relevance: 4 },
            comments: { relevance: 'Relevant og velbeskrevet. '.repeat(20) },
            recommendation: 'fund',
            overallComment: 'Et godt projekt. '.repeat(20),
            submittedAt: AT,
          },
      version: open ? 1 : 3,
    };
    items.push(assignmentItem(assignment));
  }
  return items;
}
