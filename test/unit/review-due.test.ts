import { describe, expect, it } from 'vitest';
import { createCallSchema } from '../../functions/core/calls/call.schema.js';
import { queueReminders } from '../../functions/core/messages/reminders.service.js';
import { assignReviewers } from '../../functions/core/reviews/assignment.service.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { owesReview, reviewReminderOn } from '../../functions/core/reviews/review-due.js';
import { composeMail } from '../../functions/texts/index.js';
import { createFakes } from '../support/fakes.js';
import { callBody, person } from '../support/fixtures.js';
import { ACTORS, as, inReview } from '../support/services.js';

/*
 * The review due date (issue 9): the call's setting, the rule of which reminder is due on a day, and the
 * reminders job queueing each once for the reviews still owed, with the storage faked in memory.
 */

const DUE = { reviewDueAt: '2027-10-01', reviewReminderDays: 7 };

describe('which review reminder is due on a day', () => {
  it.each([
    ['2027-09-23', undefined],
    ['2027-09-24', { kind: 'review.due_reminder', daysLeft: 7 }],
    ['2027-09-30', { kind: 'review.due_reminder', daysLeft: 1 }],
    ['2027-10-01', { kind: 'review.due_reminder', daysLeft: 0 }],
    ['2027-10-02', { kind: 'review.overdue' }],
    ['2027-10-31', { kind: 'review.overdue' }],
    ['2027-11-01', undefined],
  ])('on %s: %o', (today, expected) => {
    expect(reviewReminderOn(DUE, today)).toEqual(expected);
  });

  it('none without a due date; the call’s own days before it', () => {
    expect(reviewReminderOn({ reviewReminderDays: 7 }, '2027-10-02')).toBeUndefined();
    expect(reviewReminderOn({ ...DUE, reviewReminderDays: 14 }, '2027-09-17')).toEqual({
      kind: 'review.due_reminder',
      daysLeft: 14,
    });
  });

  it('is owed while not submitted and no conflict stands in the way', () => {
    const base = { review: { status: 'draft' } } as Assignment;
    const ruled = (recused: boolean) =>
      ({ ...base, conflict: { declaredAt: '', reason: '', ruling: { recused } } }) as Assignment;
    expect(owesReview(base)).toBe(true);
    expect(owesReview({ ...base, review: { ...base.review, status: 'submitted' } })).toBe(false);
    expect(owesReview({ ...base, conflict: { declaredAt: '', reason: '' } })).toBe(false);
    expect(owesReview(ruled(true))).toBe(false);
    expect(owesReview(ruled(false))).toBe(true);
  });
});

describe('the call’s review due date', () => {
  it('is optional; the reminder days default to 7', () => {
    expect(createCallSchema.parse(callBody())).toMatchObject({ reviewReminderDays: 7 });
    expect(createCallSchema.parse(callBody()).reviewDueAt).toBeUndefined();
    expect(createCallSchema.parse(callBody(DUE))).toMatchObject(DUE);
  });

  it('must be a date after the deadline’s, and the days between 1 and 60', () => {
    // The deadline is 1 September 2027 at 12:00, Danish time.
    for (const reviewDueAt of ['2027-09-01', '2027-08-31']) {
      const issues = createCallSchema.safeParse(callBody({ reviewDueAt })).error?.issues ?? [];
      expect(issues.map((i) => [i.path.join('/'), i.message])).toEqual([
        ['reviewDueAt', 'review_due_before_closes'],
      ]);
    }
    expect(createCallSchema.safeParse(callBody({ reviewDueAt: '2027-09-02' })).success).toBe(true);
    for (const bad of [{ reviewDueAt: '1. oktober' }, { reviewReminderDays: 0 }, { reviewReminderDays: 61 }])
      expect(createCallSchema.safeParse(callBody(bad)).success).toBe(false);
  });
});

describe('the review reminders', () => {
  const R1 = person('reviewer-a', ['applicant', 'reviewer'], 'Steno Diabetes Center Aarhus');
  const R2 = person('reviewer-b', ['applicant', 'reviewer'], 'VIA University College');

  it('the assignment names the due date; each reviewer who owes a review is reminded before it, then once overdue', async () => {
    const { deps, clock, store } = createFakes({ users: [...Object.values(ACTORS), R1, R2] });
    const application = await inReview(deps, ACTORS.applicant, { call: DUE });
    await assignReviewers(deps, as(ACTORS.admin), application.id, [R1.userId, R2.userId]);
    const [assigned] = store.outbox.filter((m) => m.kind === 'review.assigned');
    expect(composeMail(assigned as NonNullable<typeof assigned>).body).toContain(
      'Fristen for bedømmelsen er 1. oktober 2027.',
    );
    // R2 has submitted: only R1 owes a review.
    const key = `${application.id}#${R2.userId}`;
    const submitted = store.assignments.get(key) as Assignment;
    store.assignments.set(key, { ...submitted, review: { ...submitted.review, status: 'submitted' } });
    const run = async (at: string) => {
      clock.set(at);
      return queueReminders(deps, clock.now());
    };

    expect(await run('2027-09-23T10:00:00Z')).toMatchObject({ 'review.due_reminder': 0 });
    expect(await run('2027-09-24T10:00:00Z')).toMatchObject({ 'review.due_reminder': 1 });
    expect(await run('2027-09-30T10:00:00Z')).toMatchObject({ 'review.due_reminder': 0 });
    expect(await run('2027-10-02T10:00:00Z')).toMatchObject({ 'review.overdue': 1 });
    expect(await run('2027-10-03T10:00:00Z')).toMatchObject({ 'review.overdue': 0 });

    const reminders = store.outbox.filter(
      (m) => m.kind === 'review.due_reminder' || m.kind === 'review.overdue',
    );
    expect(reminders.map((m) => [m.kind, m.to])).toEqual([
      ['review.due_reminder', R1.email],
      ['review.overdue', R1.email],
    ]);
    expect(reminders[0]).toMatchObject({
      case: { kind: 'application', id: application.id },
      link: `/reviews/${application.id}`,
      params: { dueDate: '2027-10-01', daysLeft: 7 },
    });
    const due = composeMail(reminders[0] as NonNullable<(typeof reminders)[0]>);
    expect(due.subject).toContain('om 7 dage');
    expect(due.subject).toContain('in 7 days');
    const overdue = composeMail(reminders[1] as NonNullable<(typeof reminders)[1]>);
    expect(overdue.body).toContain('var 1. oktober 2027');
    expect(overdue.body).toContain('was due on 1 October 2027');
    expect(store.eventsOf(application.id).filter((e) => e.action === 'reminder.queued')).toHaveLength(2);
  });

  it('none for a call without a due date', async () => {
    const { deps, clock, store } = createFakes({ users: [...Object.values(ACTORS), R1] });
    const application = await inReview(deps);
    await assignReviewers(deps, as(ACTORS.admin), application.id, [R1.userId]);
    clock.set('2028-01-01T10:00:00Z');
    await queueReminders(deps, clock.now());
    expect(store.outbox.filter((m) => m.kind.startsWith('review.') && m.kind !== 'review.assigned')).toEqual(
      [],
    );
  });
});
