import middy from '@middy/core';
import { boot } from '../app/boot.js';
import { observed } from '../app/powertools.js';
import { queueReminders } from '../core/messages/reminders.service.js';

const booted = boot();
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
