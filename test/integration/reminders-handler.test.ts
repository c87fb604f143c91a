import type { Context, ScheduledEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import { createDraft } from '../../functions/core/applications/application.service.js';
import { applicationBody } from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { captureLambdaOutput, coldStart, lambdaContext, schedulerEvent } from '../support/lambda.js';
import { ACTORS, as, openedCall } from '../support/services.js';
import { pendingOutbox } from '../support/table.js';

/*
 * The daily reminders' Lambda entry point as deployed: the real module, configured from the environment, on
 * the system clock, against a DynamoDB Local table. A call closing three days from the real now has a draft:
 * its owner is reminded once, however often the job runs; a table that is not there fails the run.
 */

type Invoke = (event: ScheduledEvent, context: Context) => Promise<{ queued: Record<string, number> }>;

const DAY_MS = 86_400_000;
let h: Harness;
let draftId = '';
const { logLines } = captureLambdaOutput();

/** A fresh cold start of the handler module, configured for the table `tableName`. */
const start = (tableName: string) =>
  coldStart<Invoke>(() => import('../../functions/handlers/reminders.handler.js'), 'fim-reminders', {
    TABLE_NAME: tableName,
  });
const event = () => schedulerEvent('fim-reminders');

beforeAll(async () => {
  const now = Date.now();
  h = await withUsers(await createHarness({ now: new Date(now - DAY_MS).toISOString() }), [ACTORS.applicant]);
  const call = await openedCall(h.core, {
    opensAt: new Date(now - 2 * DAY_MS).toISOString(),
    closesAt: new Date(now + 3 * DAY_MS).toISOString(),
  });
  draftId = (
    await createDraft(h.core, as(ACTORS.applicant), call.id, applicationDraftSchema.parse(applicationBody()))
  ).id;
});

describe('functions/handlers/reminders.handler.ts', () => {
  it('queues the reminders due by the system clock, once, and logs what it queued', async () => {
    const handler = await start(h.db.tableName);
    const first = await handler(event(), lambdaContext('fim-reminders'));
    expect(first.queued['application.deadline_reminder']).toBe(1);
    // Warm, and again: nothing twice.
    expect((await handler(event(), lambdaContext('fim-reminders'))).queued).toMatchObject({
      'application.deadline_reminder': 0,
    });
    const reminders = (await pendingOutbox(h)).filter((m) => m.kind === 'application.deadline_reminder');
    expect(reminders.map((m) => m.case.id)).toEqual([draftId]);
    expect(logLines().find((l) => l.message === 'Queued reminders')).toMatchObject({
      level: 'INFO',
      function_name: 'fim-reminders',
      queued: { 'application.deadline_reminder': 1 },
    });
  });

  it('rejects when DynamoDB fails, so Lambda retries and then parks the event', async () => {
    const handler = await start(`missing-${crypto.randomUUID()}`);
    await expect(handler(event(), lambdaContext('fim-reminders'))).rejects.toThrow();
  });
});
