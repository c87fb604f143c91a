import middy from '@middy/core';
import { bootFiles } from '../app/boot-files.js';
import { observed } from '../app/powertools.js';
import { retentionSchedule } from '../core/cases/retention.js';
import { runRetention } from '../core/cases/retention.service.js';

const booted = bootFiles();
const { logger, core } = booted;
// Read once per cold start; a bad value fails the cold start with its name.
const schedule = retentionSchedule(process.env);

/**
 * Run by EventBridge Scheduler once a day: the retention schedule (docs/cases.md "Retention"). Idempotent: a
 * retried or doubled run finds nothing left to do. Failures are rethrown for Lambda's retries and the
 * dead-letter queue (infra/stacks/jobs-stack.ts); the next day's run picks up what a failed one left.
 */
export const handler = observed(
  middy(async () => {
    const run = await runRetention(core, schedule, { dryRun: false });
    const counts = {
      reminded: run.reminded.length,
      deleted: run.deleted.length,
      anonymised: run.anonymised.length,
      erasuresCompleted: run.erasuresCompleted.length,
    };
    logger.info('Retention run', { runId: run.id, ...counts });
    return counts;
  }),
  booted,
);
