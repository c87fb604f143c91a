import { describe, expect, it } from 'vitest';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import { createDraft } from '../../functions/core/applications/application.service.js';
import { queueReminders } from '../../functions/core/messages/reminders.service.js';
import { composeMail } from '../../functions/texts/index.js';
import { createFakes } from '../support/fakes.js';
import { applicationBody } from '../support/fixtures.js';
import { ACTORS, as, inReview, openedCall } from '../support/services.js';

/*
 * The reminders job with the storage faked in memory: each reminder is due when the rule says, and queued
 * once however often the job runs.
 */

describe('deadline reminders to the owners of drafts', () => {
  it('reminds 7 days and 1 day before the call closes, each once', async () => {
    const { deps, clock, store } = createFakes();
    const call = await openedCall(deps);
    const draft = await createDraft(
      deps,
      as(ACTORS.applicant),
      call.id,
      applicationDraftSchema.parse(applicationBody()),
    );
    clock.set('2027-08-20T10:00:00Z');
    expect((await queueReminders(deps, clock.now()))['application.deadline_reminder']).toBe(0);
    clock.set('2027-08-26T10:00:00Z');
    expect((await queueReminders(deps, clock.now()))['application.deadline_reminder']).toBe(1);
    expect((await queueReminders(deps, clock.now()))['application.deadline_reminder']).toBe(0);
    clock.set('2027-08-31T12:00:00Z');
    expect((await queueReminders(deps, clock.now()))['application.deadline_reminder']).toBe(1);
    const sent = store.outbox.filter((m) => m.kind === 'application.deadline_reminder');
    expect(sent.map((m) => m.kind === 'application.deadline_reminder' && m.params.daysLeft)).toEqual([7, 1]);
    expect(sent[0]).toMatchObject({
      to: ACTORS.applicant.email,
      case: { kind: 'application', id: draft.id },
    });
    const last = composeMail(sent[1] as (typeof sent)[number]);
    expect(last.subject).toContain('lukker i morgen');
    expect(last.subject).toContain('closes tomorrow');
    expect(last.body).toContain('1. september 2027 kl. 12.00');
  });
});

describe('the award acceptance reminder', () => {
  it('reminds once when an approved award is not accepted within 14 days', async () => {
    const { deps, clock, store } = createFakes({ users: [ACTORS.admin] });
    const application = await inReview(deps, ACTORS.applicant, { approveOre: 1_000_000 });
    expect((await queueReminders(deps, clock.now()))['award.acceptance_reminder']).toBe(0);
    clock.advance(14 * 86_400_000);
    expect((await queueReminders(deps, clock.now()))['award.acceptance_reminder']).toBe(1);
    expect((await queueReminders(deps, clock.now()))['award.acceptance_reminder']).toBe(0);
    const [reminder] = store.outbox.filter((m) => m.kind === 'award.acceptance_reminder');
    expect(reminder).toMatchObject({
      link: `/applications/${application.id}/award`,
      to: ACTORS.applicant.email,
    });
    expect(composeMail(reminder as NonNullable<typeof reminder>).body.replaceAll('\u00a0', ' ')).toContain(
      'Bestyrelsen bevilgede 10.000,00 kr.',
    );
  });
});
