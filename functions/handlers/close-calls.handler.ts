import middy from '@middy/core';
import { boot } from '../app/boot.js';
import { observed } from '../app/powertools.js';
import { SCHEDULER } from '../core/auth/system.js';
import { type ClosingDeps, closeDueCalls } from '../core/calls/call.service.js';
import { systemClock } from '../core/shared/time.js';
import { createApplicationRepository } from '../db/applications.repository.js';
import { createCallRepository } from '../db/calls.repository.js';
import { createReminderRepository } from '../db/reminders.repository.js';

// Only the repositories closing a call takes (ClosingDeps): no other is bundled (docs/infra.md "Cold start").
const booted = boot(
  (db): ClosingDeps => ({
    calls: createCallRepository(db),
    applications: createApplicationRepository(db),
    reminders: createReminderRepository(db),
    clock: systemClock,
  }),
);
const { logger, core } = booted;

/**
 * Run by EventBridge Scheduler every minute: closes the calls whose deadline has passed and starts their
 * review. Failures are rethrown: Lambda's asynchronous retries run it again, then its failure destination parks
 * the event in the dead-letter queue (infra/stacks/jobs-stack.ts). The next minute's run retries anyway. (The
 * reports' reminders are the daily reminders job's: reminders.handler.ts.)
 */
export const handler = observed(
  middy(async () => {
    const closed = await closeDueCalls(core, { actor: SCHEDULER });
    if (closed.length > 0) logger.info('Closed calls at their deadline', { closed });
    return { closed };
  }),
  booted,
);
