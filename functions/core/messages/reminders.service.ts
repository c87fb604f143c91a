import { callNamed, letterSubject, toOwnerOf } from '../applications/letters.js';
import { auditEvent, type OutboxMessage } from '../audit/audit.js';
import { SCHEDULER } from '../auth/system.js';
import { reportReminder } from '../finance/report.rules.js';
import { queueReportReminders } from '../finance/report.service.js';
import type { CoreDeps } from '../ports.js';
import { reviewerLetter, toReviewerOf } from '../reviews/in-review.js';
import { owesReview, reviewReminderOn } from '../reviews/review-due.js';
import { copenhagenDate } from '../shared/time.js';

/*
 * The reminders the issue promises, queued by a scheduled job: each one once, by a marker claimed in the
 * transaction that queues it (running the job twice, or twice at once, queues nothing twice). Every read goes
 * by key or index: open calls (CALLS#open), their drafts (CALLDRAFTS#), closed calls' applications and,
 * for a call whose review reminders are due, its assignments (CALLREVIEWS#), awards (AWARDS) and their
 * reports (their partition).
 *
 * Not here, because the product has no such thing yet: a board meeting's agenda (meetings are recorded after
 * they are held).
 */

const DAY_MS = 86_400_000;
/** Days before a call closes when the owners of its drafts are reminded. */
export const DEADLINE_REMINDER_DAYS = [7, 1] as const;
/** Days after an approval when an award not yet accepted is reminded. */
export const ACCEPTANCE_REMINDER_DAYS = 14;

/** What the reminders take (the reminders function wires nothing else). */
export type ReminderDeps = Pick<
  CoreDeps,
  'reminders' | 'calls' | 'applications' | 'reviews' | 'awards' | 'reports'
>;

/**
 * Queues every reminder due at `now` and not queued before; answers how many of each kind it queued. The first
 * reminder of each report is report.service's `queueReportReminders`, run here too.
 */
export async function queueReminders(deps: ReminderDeps, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {
    'application.deadline_reminder': 0,
    'award.acceptance_reminder': 0,
    'report.overdue': 0,
    'report.reminder': 0,
    'review.due_reminder': 0,
    'review.overdue': 0,
  };
  const queue = async (
    marker: string,
    message: OutboxMessage,
    entity: { type: 'application' | 'award'; id: string },
  ) => {
    const audit = auditEvent(SCHEDULER, now, `reminder.queued`, entity, {
      marker,
      kind: message.kind,
      outboxId: message.id,
    });
    if (await deps.reminders.queueOnce(marker, message, audit))
      counts[message.kind] = (counts[message.kind] ?? 0) + 1;
  };

  // Drafts under open calls that close within 7 (then 1) days.
  for (const call of await deps.calls.listByStatus('open')) {
    if (!call.closesAt) continue;
    const left = (Date.parse(call.closesAt) - now.getTime()) / DAY_MS;
    if (left <= 0) continue;
    const due = DEADLINE_REMINDER_DAYS.filter((days) => left <= days);
    const days = Math.min(...due);
    if (due.length === 0) continue;
    for (const application of await deps.applications.listDraftsByCall(call.id)) {
      await queue(
        `deadline-${days}#${application.id}`,
        {
          ...toOwnerOf(application, now),
          kind: 'application.deadline_reminder',
          params: {
            name: application.ownerName,
            title: letterSubject(application, call).title,
            ...callNamed(call),
            closesAt: call.closesAt,
            daysLeft: days,
          },
        },
        { type: 'application', id: application.id },
      );
    }
  }

  const today = copenhagenDate(now);
  // Approved applications under closed calls whose award is not accepted 14 days after the decision; and
  // reviews still owed under a call whose review due date is near (its reminder days) or past.
  for (const call of await deps.calls.listByStatus('closed')) {
    const applications = await deps.applications.listByCall(call.id);
    const reviewReminder = reviewReminderOn(call, today);
    if (reviewReminder && call.reviewDueAt) {
      const inReview = new Set(applications.filter((a) => a.status === 'in_review').map((a) => a.id));
      for (const assignment of await deps.reviews.listByCall(call.id)) {
        if (!inReview.has(assignment.applicationId) || !owesReview(assignment)) continue;
        const letter = { ...reviewerLetter(assignment, call), dueDate: call.reviewDueAt };
        const who = `${assignment.applicationId}#${assignment.reviewerId}`;
        await queue(
          reviewReminder.kind === 'review.overdue' ? `review-overdue#${who}` : `review-due#${who}`,
          {
            ...toReviewerOf(assignment, now),
            ...(reviewReminder.kind === 'review.overdue'
              ? { kind: 'review.overdue', params: letter }
              : { kind: 'review.due_reminder', params: { ...letter, daysLeft: reviewReminder.daysLeft } }),
          },
          { type: 'application', id: assignment.applicationId },
        );
      }
    }
    for (const application of applications) {
      const decided = application.decision?.decidedAt;
      if (application.status !== 'approved' || !decided) continue;
      if (now.getTime() - Date.parse(decided) < ACCEPTANCE_REMINDER_DAYS * DAY_MS) continue;
      if (await deps.awards.get(application.id)) continue;
      await queue(
        `acceptance#${application.id}`,
        {
          ...toOwnerOf(application, now),
          link: `/applications/${application.id}/award`,
          kind: 'award.acceptance_reminder',
          params: {
            name: application.ownerName,
            reference: application.reference ?? '',
            title: application.title ?? '',
            amountOre: application.decision?.amountOre ?? 0,
            decidedOn: copenhagenDate(new Date(decided)),
          },
        },
        { type: 'application', id: application.id },
      );
    }
  }

  // Reports overdue and not submitted: the second reminder.
  for (const award of await deps.awards.listAll()) {
    if (award.status !== 'committed') continue;
    for (const report of await deps.reports.listByAward(award.applicationId)) {
      if ((report.status !== 'due' && report.status !== 'returned') || report.dueDate >= today) continue;
      await queue(
        `report-overdue#${report.applicationId}#${report.reportId}`,
        reportReminder(report, 'report.overdue', now),
        { type: 'award', id: report.applicationId },
      );
    }
  }
  // The first reminder of each report due within 14 days (or overdue) and not reminded: once per report.
  const reminded = await queueReportReminders(
    { reports: deps.reports, clock: { now: () => now } },
    { actor: SCHEDULER },
  );
  counts['report.reminder'] = reminded.length;
  return counts;
}
