import { beforeAll, describe, expect, it } from 'vitest';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import { createDraft } from '../../functions/core/applications/application.service.js';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { acceptAward } from '../../functions/core/finance/award.service.js';
import { queueReminders } from '../../functions/core/messages/reminders.service.js';
import { assignReviewers } from '../../functions/core/reviews/assignment.service.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { ACCEPT, applicationBody, person } from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { ACTORS, as, fundedYear, inReview, openedCall } from '../support/services.js';
import { auditActions, itemsWithPkPrefix } from '../support/table.js';

/*
 * The reminders job against DynamoDB Local (functions/db/reminders.repository.ts): each reminder is queued
 * once, by its marker claimed in the transaction that writes the message, however often the job runs; reads go
 * by key and index only.
 */

let h: Harness;
beforeAll(async () => {
  h = await withUsers(await createHarness({ now: '2027-03-01T09:00:00Z' }), Object.values(ACTORS));
});

/** Runs the job twice at the clock's time: what each run queued, by kind. */
async function twice(): Promise<[Record<string, number>, Record<string, number>]> {
  const first = await queueReminders(h.core, h.clock.now());
  const second = await queueReminders(h.core, h.clock.now());
  return [first, second];
}

/** A draft of `owner`'s under a new open call (closing 1 September 2027 at 12:00): its id. */
const draftUnderNewCall = async (owner: Principal): Promise<string> => {
  const call = await openedCall(h.core);
  return (await createDraft(h.core, as(owner), call.id, applicationDraftSchema.parse(applicationBody()))).id;
};

const outboxOf = async (kind: string, caseId: string) =>
  ((await itemsWithPkPrefix(h, 'OUTBOX#')) as unknown as OutboxMessage[]).filter(
    (m) => m.kind === kind && m.case.id === caseId,
  );

describe('each reminder is queued once, however often the job runs', () => {
  let draftId = '';
  let unaccepted = '';
  let accepted = '';

  beforeAll(async () => {
    draftId = await draftUnderNewCall(ACTORS.applicant);
    unaccepted = (await inReview(h.core, ACTORS.applicant, { approveOre: 1_000_000 })).id;
    accepted = (await inReview(h.core, ACTORS.applicant, { approveOre: 1_000_000 })).id;
    await fundedYear(h.core, 2027, 10_000_000);
    await acceptAward(h.core, as(ACTORS.applicant), accepted, ACCEPT);
  });

  it('the award acceptance reminder, 14 days after the approval', async () => {
    h.clock.set('2027-03-16T09:00:00Z');
    const [first, second] = await twice();
    expect(first['award.acceptance_reminder']).toBe(1);
    expect(second['award.acceptance_reminder']).toBe(0);
    expect(await outboxOf('award.acceptance_reminder', unaccepted)).toHaveLength(1);
    expect(await outboxOf('award.acceptance_reminder', accepted)).toHaveLength(0);
    expect(await auditActions(h, `APP#${unaccepted}`)).toContain('reminder.queued');
  });

  it('the deadline reminders, 7 days and 1 day before the call closes', async () => {
    h.clock.set('2027-08-26T10:00:00Z');
    const [first, second] = await twice();
    expect([first['application.deadline_reminder'], second['application.deadline_reminder']]).toEqual([1, 0]);
    h.clock.set('2027-08-31T12:00:00Z');
    const [last, again] = await twice();
    expect([last['application.deadline_reminder'], again['application.deadline_reminder']]).toEqual([1, 0]);
    const queued = await outboxOf('application.deadline_reminder', draftId);
    expect(
      queued.map((m) => (m.kind === 'application.deadline_reminder' ? m.params.daysLeft : 0)).sort(),
    ).toEqual([1, 7]);
  });

  it('an overdue report’s second reminder', async () => {
    const reports = await h.core.reports.listByAward(accepted);
    const first = reports.map((r) => r.dueDate).sort()[0] ?? '';
    // The day after the first report was due: that one (and any due the same day) is overdue.
    h.clock.set(new Date(Date.parse(`${first}T12:00:00Z`) + 86_400_000).toISOString());
    const due = reports.filter((r) => r.dueDate === first);
    const [run, again] = await twice();
    expect([run['report.overdue'], again['report.overdue']]).toEqual([due.length, 0]);
    // The first reminder of each report due within 14 days (these are overdue) is the same job's, once.
    expect(run['report.reminder']).toBeGreaterThanOrEqual(due.length);
    expect(again['report.reminder']).toBe(0);
    const first14 = await outboxOf('report.reminder', accepted);
    expect(
      first14.map((m) => (m.kind === 'report.reminder' ? m.params.dueDate : '')).filter((d) => d === first),
    ).toHaveLength(due.length);
    const overdue = await outboxOf('report.overdue', accepted);
    expect(overdue.map((m) => (m.kind === 'report.overdue' ? m.params.dueDate : '')).sort()).toEqual(
      due.map((r) => r.dueDate),
    );
    expect(overdue[0]).toMatchObject({ to: ACTORS.applicant.email, link: `/awards/${accepted}/reports` });
    expect(await auditActions(h, `AWARD#${accepted}`)).toContain('reminder.queued');
  });

  it('two runs at once queue a reminder once', async () => {
    h.clock.set('2027-03-01T09:00:00Z');
    const draftId = await draftUnderNewCall(ACTORS.otherApplicant);
    h.clock.set('2027-08-26T10:00:00Z');
    const runs = await Promise.all([
      queueReminders(h.core, h.clock.now()),
      queueReminders(h.core, h.clock.now()),
    ]);
    expect(runs.reduce((sum, r) => sum + (r['application.deadline_reminder'] ?? 0), 0)).toBe(1);
    expect(await outboxOf('application.deadline_reminder', draftId)).toHaveLength(1);
  });
});

describe('the review reminders, against the call’s review due date', () => {
  const REVIEWER = person('reviewer-due', ['applicant', 'reviewer'], 'Steno Diabetes Center Aarhus');
  const DONE = person('reviewer-done', ['applicant', 'reviewer'], 'VIA University College');

  it('reminds each reviewer who owes a review before the due date and once overdue, each once', async () => {
    await withUsers(h, [REVIEWER, DONE]);
    h.clock.set('2027-03-01T09:00:00Z');
    const application = await inReview(h.core, ACTORS.applicant, {
      call: { reviewDueAt: '2027-10-01', reviewReminderDays: 5 },
    });
    await assignReviewers(h.core, as(ACTORS.admin), application.id, [REVIEWER.userId, DONE.userId]);
    const done = (await h.core.reviews.get(application.id, DONE.userId)) as Assignment;
    await h.core.reviews.save(
      { ...done, review: { ...done.review, status: 'submitted' }, version: done.version + 1 },
      auditEvent(ACTORS.admin, h.clock.now(), 'demo.seeded', { type: 'application', id: application.id }),
      done.version,
    );
    const [assigned] = await outboxOf('review.assigned', application.id);
    expect(assigned?.params).toMatchObject({ dueDate: '2027-10-01' });

    h.clock.set('2027-09-25T10:00:00Z');
    expect((await twice()).map((r) => r['review.due_reminder'])).toEqual([0, 0]);
    h.clock.set('2027-09-26T10:00:00Z');
    expect((await twice()).map((r) => r['review.due_reminder'])).toEqual([1, 0]);
    h.clock.set('2027-10-02T10:00:00Z');
    expect((await twice()).map((r) => r['review.overdue'])).toEqual([1, 0]);

    const due = await outboxOf('review.due_reminder', application.id);
    const overdue = await outboxOf('review.overdue', application.id);
    expect(due.map((m) => [m.to, m.kind === 'review.due_reminder' && m.params.daysLeft])).toEqual([
      [REVIEWER.email, 5],
    ]);
    expect(overdue.map((m) => m.to)).toEqual([REVIEWER.email]);
    expect(
      (await auditActions(h, `APP#${application.id}`)).filter((a) => a === 'reminder.queued'),
    ).toHaveLength(2);
  });
});
