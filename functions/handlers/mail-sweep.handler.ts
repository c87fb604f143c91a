import middy from '@middy/core';
import { bootMail } from '../app/boot-mail.js';
import { observed } from '../app/powertools.js';
import { drainOutbox } from '../core/messages/sender.service.js';

const booted = bootMail();
const { logger, core, mailer, reportFailed } = booted;

/**
 * Run by EventBridge Scheduler every 2 minutes: sends every message still pending and due (after a backoff, a
 * missed stream event, an expired lease). Failures are rethrown for Lambda's retries and the dead-letter queue.
 */
export const handler = observed(
  middy(async () => {
    const result = await drainOutbox(core, mailer);
    if (result.sent + result.retried + result.failed > 0) logger.info('Drained the outbox', { ...result });
    reportFailed(result.failed);
    return result;
  }),
  booted,
);
