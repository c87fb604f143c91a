import middy from '@middy/core';
import { boot } from '../app/boot.js';
import { observed } from '../app/powertools.js';
import { queueReminders } from '../core/messages/reminders.service.js';
import { systemClock } from '../core/shared/time.js';
import { createApplicationRepository } from '../db/applications.repository.js';
import { createAwardRepository } from '../db/awards.repository.js';
import { createCallRepository } from '../db/calls.repository.js';
import { createReminderRepository } from '../db/reminders.repository.js';
import { createReportRepository } from '../db/reports.repository.js';
import { createReviewRepository } from '../db/reviews.repository.js';

// Only the repositories queueReminders takes (ReminderDeps) and the clock: none other is bundled.
const booted = boot((db) => ({
  reminders: createReminderRepository(db),
  calls: createCallRepository(db),
  applications: createApplicationRepository(db),
  reviews: createReviewRepository(db),
  awards: createAwardRepository(db),
  reports: createReportRepository(db),
  clock: systemClock,
}));
const { logger, core } = booted;

/**
 * Run by EventBridge Scheduler once a day: queues every reminder due and not queued before (each once, by its
 * marker: a retried or doubled run queues nothing twice). Failures are rethrown for Lambda's retries and the
 * dead-letter queue (infra/stacks/jobs-stack.ts); the next day's run catches up anyway.
 */
export const handler = observed(
  middy(async () => {
    const queued = await queueReminders(core, core.clock.now());
    logger.info('Queued reminders', { queued });
    return { queued };
  }),
  booted,
);
