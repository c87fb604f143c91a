import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { SCHEDULER } from '../../functions/core/auth/system.js';
import { queueReportReminders } from '../../functions/core/finance/report.service.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, expectOk, expectProblem, pointers } from '../support/api.js';
import {
  ACCEPT,
  ADMIN,
  acceptedAward,
  approvedApplication,
  BOARD,
  CHAIR,
  callBody,
  FINANCE,
  partnersWith,
  pay,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  setUpYear,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { auditEvents, pendingOutbox } from '../support/table.js';

/*
 * Project reports through the API against DynamoDB Local: the obligations an award gets at acceptance, the
 * lead's submission, the board's approval or return (a conflicted member may not), the final approval closing
 * the award, the reminders in the outbox (once per report), and who may do what.
 *
 * CHAIR (board, Region Midtjylland) is conflicted with every application here, whose partner is Region
 * Midtjylland; BOARD (board, Aarhus Kommune) is not.
 */

const YEAR = 2027;
const CONFLICTED_BOARD = CHAIR;
/** Region Midtjylland is a partner: the chair is conflicted, the board member (Aarhus Kommune) is not. */
const PARTNERS = partnersWith('Region Midtjylland', 'region');

/** A year that holds money: set up, and one payment. */
async function fundYear(client: Api): Promise<void> {
  await setUpYear(client, YEAR);
  await pay(client, YEAR, 100_000_000);
}

const dues = (items: { reportId: string; kind: string; dueDate: string; status: string }[]) =>
  items.map(({ reportId, kind, dueDate, status }) => ({ reportId, kind, dueDate, status }));

describe('reports', () => {
  let h: Harness;
  let client: Api;
  const R = (id: string, report = 'progress-1') => `/api/awards/${id}/reports/${report}`;
  const submit = (id: string, report: string, who: string | undefined, body: unknown = { text: 'Status' }) =>
    client.post(`${R(id, report)}/submit`, body, who);

  beforeAll(async () => {
    ({ h, client } = await harnessWithApi());
    await fundYear(client);
  });

  it('an award gets its obligations at acceptance: by default progress at 12 months, final 3 months after the end', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    const { items } = expectOk(await client.get(`/api/awards/${id}/reports`, RESEARCHER));
    // Accepted on 1 March 2027 (Copenhagen); the project ends 31 December 2028.
    expect(dues(items)).toEqual([
      { reportId: 'final', kind: 'final', dueDate: '2029-03-31', status: 'due' },
      { reportId: 'progress-1', kind: 'progress', dueDate: '2028-03-01', status: 'due' },
    ]);
    expect(items[0]).toMatchObject({ version: 1, ownerId: h.user(RESEARCHER).userId });
    // Written in the acceptance's own transaction: one event names the award and its obligations.
    const events = await auditEvents(h, `AWARD#${id}`);
    expect(events.map((e) => e.action)).toEqual(['award.accepted']);
    expect(events[0]?.details).toMatchObject({ reports: 'progress-1:2028-03-01,final:2029-03-31' });
  });

  it('the call sets the due dates: months after acceptance, a fixed date, months after the end (clamped)', async () => {
    const bad = expectProblem(
      await client.post(
        '/api/calls',
        {
          ...callBody(),
          reports: [{ kind: 'progress', dueAfterMonths: 6, dueDate: '2028-01-01' }],
        },
        ADMIN,
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(pointers(bad)).toContain('/reports/0/dueDate');
    const id = await acceptedAward(
      client,
      { partners: PARTNERS },
      {
        reports: [
          { kind: 'progress', dueAfterMonths: 6 },
          { kind: 'progress', dueDate: '2028-01-15' },
          { kind: 'final', dueAfterMonths: 2 },
        ],
      },
    );
    const { callId } = expectOk(await client.get(`/api/applications/${id}`, RESEARCHER));
    expect(expectOk(await client.get(`/api/calls/${callId}`)).reports).toHaveLength(3);
    const { items } = expectOk(await client.get(`/api/awards/${id}/reports`, FINANCE));
    expect(dues(items)).toEqual([
      { reportId: 'final', kind: 'final', dueDate: '2029-02-28', status: 'due' },
      { reportId: 'progress-1', kind: 'progress', dueDate: '2027-09-01', status: 'due' },
      { reportId: 'progress-2', kind: 'progress', dueDate: '2028-01-15', status: 'due' },
    ]);
  });

  it('GET reports: owner, finance, admins and the board free of conflict; a conflicted member 403 (recused); others 404', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    const path = `/api/awards/${id}/reports`;
    expectProblem(await client.get(path), 401);
    for (const who of [RESEARCHER2, REVIEWER]) expectProblem(await client.get(path, who), 404, 'NOT_FOUND');
    for (const who of [RESEARCHER, BOARD, FINANCE, ADMIN]) {
      expect(expectOk(await client.get(path, who)).items).toHaveLength(2);
    }
    // Issue 11: a conflicted member learns the title and that they are recused, not the reports.
    expect(expectProblem(await client.get(path, CONFLICTED_BOARD), 403).reason).toBe('RECUSED');
    expectProblem(await client.get(`/api/awards/${crypto.randomUUID()}/reports`, ADMIN), 404);
    expectProblem(await client.get('/api/awards/not-a-uuid/reports', ADMIN), 400);
  });

  it('submit: only the owner; other readers 403, others 404; validated; not twice', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    expectProblem(await submit(id, 'progress-1', undefined), 401);
    for (const who of [RESEARCHER2, REVIEWER]) {
      expectProblem(await submit(id, 'progress-1', who), 404, 'NOT_FOUND');
    }
    for (const who of [BOARD, CONFLICTED_BOARD, FINANCE, ADMIN]) {
      expectProblem(await submit(id, 'progress-1', who), 403, 'FORBIDDEN');
    }
    const invalid = expectProblem(
      await submit(id, 'progress-1', RESEARCHER, { text: '', spentOre: -1, extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(pointers(invalid)).toEqual(expect.arrayContaining(['/text', '/spentOre']));
    expectProblem(await submit(id, 'progress-9', RESEARCHER), 404, 'NOT_FOUND');
    expectProblem(await submit(id, 'nonsense', RESEARCHER), 400);

    const report = expectOk(
      await submit(id, 'progress-1', RESEARCHER, { text: 'Vi er godt i gang.', spentOre: 400_000 }),
    );
    expect(report).toMatchObject({
      status: 'submitted',
      text: 'Vi er godt i gang.',
      spentOre: 400_000,
      version: 2,
      submittedBy: h.user(RESEARCHER).userId,
    });
    expectProblem(await submit(id, 'progress-1', RESEARCHER), 409, 'INVALID_STATE');
    const events = await auditEvents(h, `AWARD#${id}`);
    expect(events.at(-1)).toMatchObject({
      action: 'report.submitted',
      details: { reportId: 'progress-1', kind: 'progress', version: 2, spentOre: 400_000 },
    });
  });

  it('approve and return: the board (not conflicted) or an admin; the lead, applicants, reviewers, finance and a conflicted member 403', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    const approve = (who?: string) => client.act(`${R(id)}/approve`, who);
    const giveBack = (who?: string, body: unknown = { reason: 'Mangler budgetopfølgning' }) =>
      client.post(`${R(id)}/return`, body, who);
    // Nothing submitted yet.
    expectProblem(await approve(ADMIN), 409, 'INVALID_STATE');
    expectOk(await submit(id, 'progress-1', RESEARCHER));

    expectProblem(await approve(), 401);
    expectProblem(await giveBack(), 401);
    for (const who of [RESEARCHER, RESEARCHER2, REVIEWER, FINANCE, CONFLICTED_BOARD]) {
      expectProblem(await approve(who), 403, 'FORBIDDEN');
      expectProblem(await giveBack(who), 403, 'FORBIDDEN');
    }
    const invalid = expectProblem(await giveBack(BOARD, { reason: '' }), 400, 'VALIDATION_FAILED');
    expect(pointers(invalid)).toContain('/reason');

    const returned = expectOk(await giveBack(BOARD));
    expect(returned).toMatchObject({
      status: 'returned',
      returnReason: 'Mangler budgetopfølgning',
      version: 3,
    });
    expectProblem(await approve(BOARD), 409, 'INVALID_STATE');
    expectOk(await submit(id, 'progress-1', RESEARCHER, { text: 'Med budgetopfølgning.' }));
    const approved = expectOk(await approve(ADMIN));
    expect(approved.awardClosed).toBe(false);
    expect(approved.report).toMatchObject({
      status: 'approved',
      version: 5,
      decidedBy: h.user(ADMIN).userId,
    });
    expect(approved.report.returnReason).toBeUndefined();
    // A progress report does not close the award.
    expect(expectOk(await client.get(`/api/awards/${id}`, FINANCE)).award.status).toBe('committed');
    expectProblem(await approve(BOARD), 409, 'INVALID_STATE');
    expect((await auditEvents(h, `AWARD#${id}`)).map((e) => e.action).slice(-4)).toEqual([
      'report.submitted',
      'report.returned',
      'report.submitted',
      'report.approved',
    ]);
  });

  it('approving the final report closes the award in the same transaction, with its own audit event', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    expectOk(await submit(id, 'final', RESEARCHER, { text: 'Projektet er afsluttet.', spentOre: 1_000_000 }));
    const approved = expectOk(await client.act(`${R(id, 'final')}/approve`, BOARD));
    expect(approved).toMatchObject({ awardClosed: true, report: { status: 'approved', kind: 'final' } });
    const { award, entries } = expectOk(await client.get(`/api/awards/${id}`, FINANCE));
    // Nothing was paid out: the whole commitment goes back to the pool in the same transaction.
    expect(award).toMatchObject({
      status: 'closed',
      version: 2,
      releasedOre: award.amountOre,
      remainingOre: 0,
    });
    expect(award.closedAt).toBe(approved.report.decidedAt);
    expect(entries.map((e: { kind: string; amountOre: number }) => [e.kind, e.amountOre]).sort()).toEqual([
      ['award_committed', award.amountOre],
      ['commitment_released', award.amountOre],
    ]);
    const events = await auditEvents(h, `AWARD#${id}`);
    const closed = events.find((e) => e.action === 'award.closed');
    expect(closed).toMatchObject({
      actor: { userId: h.user(BOARD).userId },
      details: { reason: 'final_report_approved', version: 2, releasedOre: award.amountOre },
    });
    const check = expectOk(await client.post('/api/finance/invariants/check', {}, FINANCE));
    expect(check.problems).toEqual([]);
    expect(events.find((e) => e.action === 'report.approved')?.at).toBe(closed?.at);
    // Closed: no more tranches; the manual close answers 409.
    expectProblem(
      await client.post(
        `/api/awards/${id}/disbursements`,
        { amountOre: 1, paidOn: '2027-02-20', reference: 'Rate' },
        FINANCE,
        { 'idempotency-key': crypto.randomUUID() },
      ),
      409,
    );
    expectProblem(await client.act(`/api/awards/${id}/close`, FINANCE), 409);
  });

  it('an award closed by hand stays closed when its final report is approved later', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    expect(expectOk(await client.act(`/api/awards/${id}/close`, FINANCE))).toMatchObject({
      status: 'closed',
    });
    expectOk(await submit(id, 'final', RESEARCHER));
    const approved = expectOk(await client.act(`${R(id, 'final')}/approve`, ADMIN));
    expect(approved.awardClosed).toBe(false);
    expect((await auditEvents(h, `AWARD#${id}`)).filter((e) => e.action === 'award.closed')).toHaveLength(1);
  });

  it('a stale write is refused with 409 and writes nothing', async () => {
    const id = await acceptedAward(client, { partners: PARTNERS });
    const report = await h.core.reports.get(id, 'progress-1');
    if (!report) throw new Error('no report');
    expectOk(await submit(id, 'progress-1', RESEARCHER));
    await expect(
      h.core.reports.save(
        { ...report, status: 'submitted', text: 'Forældet', version: 2 },
        report.version,
        auditEvent(h.principal(RESEARCHER), h.clock.now(), 'report.submitted', { type: 'award', id }),
      ),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await h.core.reports.get(id, 'progress-1'))?.text).toBe('Status');
  });
});

describe('report reminders', () => {
  let h: Harness;
  let client: Api;
  const ctx = { actor: SCHEDULER };
  const reminders = async () =>
    (await pendingOutbox(h)).filter((m) => m.kind === 'report.reminder').map((m) => m.case.id);
  /**
   * An application as it was stored before the API asked every project for its end date: approved, with none.
   * Returns its id.
   */
  const withoutEndDate = async (id: string): Promise<string> => {
    const stored = await h.core.applications.get(id);
    if (!stored) throw new Error(`no application ${id}`);
    const { endDate: _end, ...rest } = stored;
    await h.core.applications.save(
      { ...rest, version: stored.version + 1 },
      auditEvent(h.principal(ADMIN), h.clock.now(), 'application.updated', { type: 'application', id }),
      stored.version,
    );
    return id;
  };

  beforeAll(async () => {
    ({ h, client } = await harnessWithApi());
    await fundYear(client);
  });

  it('one reminder per unsubmitted report due within 14 days or overdue, never twice, none for submitted ones', async () => {
    // Accepted 1 March 2027: progress-1 due 2028-03-01 for all three.
    const open = await acceptedAward(client, { partners: PARTNERS, endDate: '2030-12-31' });
    const submitted = await acceptedAward(client, { partners: PARTNERS, endDate: '2030-12-31' });
    // No end date: the final report is due 3 months after acceptance, 2027-06-01.
    const early = await withoutEndDate(await approvedApplication(client, { partners: PARTNERS }));
    expectOk(await client.post(`/api/applications/${early}/award/accept`, ACCEPT, RESEARCHER), 201);
    expectOk(
      await client.post(
        `/api/awards/${submitted}/reports/progress-1/submit`,
        { text: 'Tidligt' },
        RESEARCHER,
      ),
    );

    h.clock.set('2027-05-17T22:30:00Z'); // 18 May in Copenhagen: 2027-06-01 is 14 days ahead
    expect(await queueReportReminders(h.core, ctx)).toEqual([`${early}/final`]);
    expect(await queueReportReminders(h.core, ctx)).toEqual([]);
    expect(await reminders()).toEqual([early]);

    h.clock.set('2028-02-15T12:00:00Z'); // 15 February: 2028-03-01 is 15 days ahead
    expect(await queueReportReminders(h.core, ctx)).toEqual([]);
    h.clock.set('2028-02-16T12:00:00Z');
    // Run twice at once too: each report is reminded once.
    const [a, b] = await Promise.all([queueReportReminders(h.core, ctx), queueReportReminders(h.core, ctx)]);
    expect([...a, ...b].sort()).toEqual([`${early}/progress-1`, `${open}/progress-1`].sort());
    h.clock.set('2028-04-01T12:00:00Z'); // overdue, still not submitted: no second reminder
    expect(await queueReportReminders(h.core, ctx)).toEqual([]);

    const messages = (await pendingOutbox(h)).filter((m) => m.kind === 'report.reminder');
    expect(messages).toHaveLength(3);
    expect(messages.every((m) => m.to === h.user(RESEARCHER).email)).toBe(true);
    expect(messages.some((m) => m.case.id === submitted)).toBe(false);
    // The outbox keeps the reminder's kind and values; the catalogue words it, Danish first, then English.
    const first = messages.find((m) => m.case.id === early && m.createdAt === '2027-05-17T22:30:00.000Z');
    expect(first).toMatchObject({
      params: { kind: 'final', dueDate: '2027-06-01', applicationId: early },
    });
    if (!first) throw new Error('no reminder for the early award');
    const { reference } = first.params as { reference: string };
    expect(reference).toMatch(/^FIM-2027-/);
    const mail = composeMail(first as unknown as Parameters<typeof composeMail>[0]);
    expect(mail.subject).toBe(
      `Påmindelse: slutrapport ${reference} skal afleveres senest 1. juni 2027 / ` +
        `Reminder: final report ${reference} is due by 1 June 2027`,
    );
    expect(mail.body).toContain(
      `Din slutrapport for bevillingen ${reference} skal afleveres senest 1. juni 2027.`,
    );
    expect(mail.body).toContain(`Your final report for the award ${reference} is due by 1 June 2027.`);
    const report = await h.core.reports.get(open, 'progress-1');
    expect(report).toMatchObject({ status: 'due', reminderQueuedAt: '2028-02-16T12:00:00.000Z', version: 2 });
    expect((await auditEvents(h, `AWARD#${open}`)).at(-1)).toMatchObject({
      action: 'report.reminder_queued',
      actor: { userId: SCHEDULER.userId },
      details: { reportId: 'progress-1', dueDate: '2028-03-01' },
    });
    // A reminded report can still be submitted.
    expectOk(
      await client.post(`/api/awards/${open}/reports/progress-1/submit`, { text: 'Sent' }, RESEARCHER),
    );
  });
});
