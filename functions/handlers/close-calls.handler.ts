import middy from '@middy/core';
import { boot } from '../app/boot.js';
import { observed } from '../app/powertools.js';
import { SCHEDULER } from '../core/auth/system.js';
import { closeDueCalls } from '../core/calls/call.service.js';
import { queueReportReminders } from '../core/finance/report.service.js';

const booted = boot();
const { logger, core } = booted;

/**
 * Run by EventBridge Scheduler every minute: closes the calls whose deadline has passed and starts their
 * review, then queues the reminders of reports due within 14 days. Failures are rethrown: Lambda's
 * asynchronous retries run it again, then its failure destination parks the event in the dead-letter queue
 * (infra/stacks/jobs-stack.ts). The next minute's run retries anyway.
 */
export const handler = observed(
  middy(async () => {
    const closed = await closeDueCalls(core, { actor: SCHEDULER });
    if (closed.length > 0) logger.info('Closed calls at their deadline', { closed });
    // The same minute's run queues the report reminders (once per report; see report.service.ts).
    const reminded = await queueReportReminders(core, { actor: SCHEDULER });
    if (reminded.length > 0) logger.info('Queued report reminders', { reminded });
    return { closed };
  }),
  booted,
);
