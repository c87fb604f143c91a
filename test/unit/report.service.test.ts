import { describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Award } from '../../functions/core/finance/award.schema.js';
import { awardOfferOf } from '../../functions/core/finance/award.service.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import {
  approveReport,
  BOARD_AWARDS_PAGE,
  getReportForLead,
  listAwardsForBoard,
  returnReport,
  submitReport,
} from '../../functions/core/finance/report.service.js';
import { say } from '../../functions/texts/index.js';
import { createFakes } from '../support/fakes.js';
import { person } from '../support/fixtures.js';

/*
 * The award and report services' decisions with the storage they read faked in memory: who is offered an
 * award, in which order a decision on a report is refused (a stale form before who sends it), the board's list.
 */

const LEAD = person('lead', ['applicant']);
const BOARD = person('board', ['applicant', 'board'], 'Aarhus Kommune');
const CONFLICTED = person('conflicted', ['applicant', 'board'], 'Region Midtjylland');
const FINANCE = person('finance', ['applicant', 'finance']);

const AT = '2027-03-01T09:00:00.000Z';
const application: Application = {
  id: 'app-1',
  callId: 'call-1',
  status: 'approved',
  version: 3,
  ownerId: LEAD.userId,
  ownerEmail: LEAD.email,
  ownerName: LEAD.name,
  partners: [{ organisation: 'Region Midtjylland', sector: 'region' }],
  budgetLines: [],
  requestedAmountOre: 1_000_000,
  createdAt: AT,
  updatedAt: AT,
  decision: {
    outcome: 'approved',
    amountOre: 1_000_000,
    decidedAt: AT,
    decidedBy: 'admin',
    meetingId: 'meeting-1',
    recused: [],
  },
};

const awardOf = (applicationId: string, committedAt: string): Award => ({
  applicationId,
  callId: 'call-1',
  ownerId: LEAD.userId,
  ownerEmail: LEAD.email,
  ownerName: LEAD.name,
  year: 2027,
  amountOre: 1_000_000,
  disbursedOre: 0,
  refundedOre: 0,
  status: 'committed',
  termsVersion: 't',
  committedAt,
  committedBy: LEAD.userId,
  version: 1,
  updatedAt: committedAt,
});

const reportOf = (
  applicationId: string,
  reportId: string,
  status: Report['status'],
  version: number,
): Report => ({
  applicationId,
  reportId,
  kind: reportId === 'final' ? 'final' : 'progress',
  dueDate: '2028-03-01',
  status,
  ownerId: LEAD.userId,
  ownerEmail: LEAD.email,
  callId: 'call-1',
  version,
  createdAt: AT,
  updatedAt: AT,
});

/** The ports faked in memory, holding the application, these awards and these reports. */
function fake(awards: Award[], reports: Report[]) {
  const { deps, store } = createFakes({ now: '2027-06-01T10:00:00Z' });
  store.applications.set(application.id, structuredClone(application));
  for (const award of awards) store.awards.set(award.applicationId, structuredClone(award));
  for (const report of reports)
    store.reports.set(`${report.applicationId}#${report.reportId}`, structuredClone(report));
  /** The reports written since, by the audit events of their writes. */
  const saved = () => store.audit.map((a) => a.event).filter((e) => e.action.startsWith('report.'));
  return { deps, store, saved };
}

describe('deciding on a report', () => {
  const setUp = () =>
    fake(
      [awardOf(application.id, AT)],
      [reportOf(application.id, 'final', 'submitted', 2), reportOf(application.id, 'progress-1', 'due', 1)],
    );

  it('refuses a stale form before it weighs who sends it, then the conflicted member, then a report not submitted', async () => {
    const { deps, store, saved } = setUp();
    await expect(
      approveReport(deps, { actor: CONFLICTED }, application.id, 'final', 1),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(
      approveReport(deps, { actor: CONFLICTED }, application.id, 'final', 2),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: { code: 'CONFLICTED' },
    });
    await expect(
      returnReport(deps, { actor: BOARD }, application.id, 'progress-1', { reason: 'Mangler' }, 1),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'REPORT_NOT_SUBMITTED', params: { status: 'due' } },
    });
    await expect(approveReport(deps, { actor: FINANCE }, application.id, 'final', 2)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(approveReport(deps, { actor: BOARD }, application.id, 'nowhere', 2)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      reason: { params: { entity: 'report' } },
    });
    expect(saved()).toEqual([]);
    expect(store.commits).toBe(0);
  });

  it('decides at the version read, or without one (the API)', async () => {
    // Two boards, each deciding on the same submitted report: one returns it at the version read, the other
    // approves it without one (the API's way), which closes the award with the final report.
    const returning = setUp();
    const returned = await returnReport(
      returning.deps,
      { actor: BOARD },
      application.id,
      'final',
      { reason: 'Mere' },
      2,
    );
    expect(returned).toMatchObject({ status: 'returned', returnReason: 'Mere', version: 3 });
    expect(await returning.deps.reports.get(application.id, 'final')).toEqual(returned);
    const approving = setUp();
    const approved = await approveReport(approving.deps, { actor: BOARD }, application.id, 'final');
    expect(approved.report).toMatchObject({ status: 'approved', version: 3 });
    expect(approved.awardClosed).toBe(true);
    expect(await approving.deps.reports.get(application.id, 'final')).toEqual(approved.report);
    expect([...returning.saved(), ...approving.saved()].map((e) => e.action)).toEqual([
      'report.returned',
      'report.approved',
    ]);
  });
});

describe('submitting a report', () => {
  it('is the lead’s alone, at the version read, while it is due or returned', async () => {
    const { deps, saved } = fake(
      [awardOf(application.id, AT)],
      [reportOf(application.id, 'final', 'submitted', 2), reportOf(application.id, 'progress-1', 'due', 1)],
    );
    await expect(getReportForLead(deps, BOARD, application.id, 'final')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      getReportForLead(deps, person('other', ['applicant']), application.id, 'final'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', reason: { params: { entity: 'award' } } });
    const input = { text: 'Status' };
    await expect(
      submitReport(deps, { actor: LEAD }, application.id, 'progress-1', input, 0),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    await expect(
      submitReport(deps, { actor: LEAD }, application.id, 'final', input, 2),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'REPORT_NOT_DUE', params: { status: 'submitted' } },
    });
    expect(await submitReport(deps, { actor: LEAD }, application.id, 'progress-1', input, 1)).toMatchObject({
      status: 'submitted',
      version: 2,
    });
    expect(saved().map((e) => e.action)).toEqual(['report.submitted']);
  });
});

describe('the board’s list of awards', () => {
  it('is the board’s and the admins’: those with reports waiting first, then the newest', async () => {
    const { deps } = fake(
      [
        awardOf('old', '2027-01-01T09:00:00.000Z'),
        awardOf('new', '2027-05-01T09:00:00.000Z'),
        awardOf('waiting', AT),
      ],
      [reportOf('waiting', 'final', 'submitted', 2), reportOf('waiting', 'progress-1', 'submitted', 2)],
    );
    await expect(listAwardsForBoard(deps, FINANCE)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { rows, cursor } = await listAwardsForBoard(deps, BOARD);
    expect(rows.map((r) => [r.award.applicationId, r.awaiting])).toEqual([
      ['waiting', 2],
      ['new', 0],
      ['old', 0],
    ]);
    expect(cursor).toBeUndefined();
  });

  it('pages the awards not waiting, newest first, after those waiting', async () => {
    const awards = Array.from({ length: BOARD_AWARDS_PAGE + 5 }, (_, i) =>
      awardOf(`a${String(i).padStart(3, '0')}`, `2027-01-01T09:${String(i).padStart(2, '0')}:00.000Z`),
    );
    const { deps } = fake(awards, [reportOf('a000', 'final', 'submitted', 2)]);
    const first = await listAwardsForBoard(deps, BOARD);
    // The oldest award waits: first; then the newest 50, of which none is the one waiting.
    expect(first.rows[0]).toMatchObject({ award: { applicationId: 'a000' }, awaiting: 1 });
    expect(first.rows.slice(1, 3).map((r) => r.award.applicationId)).toEqual(['a054', 'a053']);
    expect(first.rows).toHaveLength(1 + BOARD_AWARDS_PAGE);
    const second = await listAwardsForBoard(deps, BOARD, { cursor: first.cursor ?? '' });
    expect(second.rows.map((r) => r.award.applicationId)).toEqual(['a004', 'a003', 'a002', 'a001']);
    expect(second.cursor).toBeUndefined();
  });
});

describe('the award offered on an application', () => {
  it('is its owner’s once it is approved with an amount, with the award once accepted', async () => {
    const none = fake([], []).deps;
    expect(await awardOfferOf(none, BOARD, application)).toBeUndefined();
    expect(await awardOfferOf(none, LEAD, { ...application, status: 'waiting_list' })).toBeUndefined();
    expect(await awardOfferOf(none, LEAD, application)).toEqual({ amountOre: 1_000_000, award: undefined });
    const accepted = fake([awardOf(application.id, AT)], []).deps;
    expect(await awardOfferOf(accepted, LEAD, application)).toMatchObject({
      amountOre: 1_000_000,
      award: { applicationId: application.id, remainingOre: 1_000_000 },
    });
  });
});

describe('the words of the awards’ refusals', () => {
  it('give the figures in kroner, in the reader’s language', () => {
    const over = {
      code: 'OVER_REMAINING',
      params: { amountOre: 600_001, remainingOre: 600_000, awardOre: 1_000_000, disbursedOre: 400_000 },
    } as const;
    expect(say('da', over)).toMatch(
      /^6\.000,01\skr\. er mere end der resterer: 6\.000,00\skr\. \(bevilget 10\.000,00\skr\., udbetalt 4\.000,00\skr\.\)\.$/,
    );
    expect(say('en', over)).toMatch(
      /^DKK\s6,000\.01 is more than is left: DKK\s6,000\.00 \(awarded DKK\s10,000\.00/,
    );
    expect(say('da', { code: 'REPORT_NOT_DUE', params: { status: 'approved' } })).toBe(
      'Rapporten kan ikke indsendes nu (status: Godkendt)',
    );
    expect(say('en', { code: 'APPLICATION_NOT_APPROVED', params: { status: 'waiting_list' } })).toBe(
      'The application is not approved (status: Waiting list)',
    );
  });
});
