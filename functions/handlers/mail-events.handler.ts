import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { boot } from '../app/boot.js';
import { observed } from '../app/powertools.js';
import { recordDeliveryEvent } from '../core/messages/sender.service.js';
import { wireMessages } from '../db/messages.repository.js';
import { deliveryEventOf } from './mail-events.schema.js';

// Only what recording a delivery takes (SenderDeps): no other repository is bundled.
const booted = boot(wireMessages);
const { logger, core, reportFailed } = booted;

/**
 * SES's bounce, complaint and reject events, through the configuration set's SNS topic: the message they concern
 * (SES tag `fimMessageId`) is marked bounced or complained. Failures are rethrown for SNS's and Lambda's retries,
 * then the dead-letter queue.
 */
export const handler = observed(
  middy(async (event: SNSEvent) => {
    for (const record of event.Records) {
      const delivery = deliveryEventOf(record.Sns.Message);
      if (!delivery) {
        logger.info('SES event about mail that is not a FIM message', { snsMessageId: record.Sns.MessageId });
        continue;
      }
      await recordDeliveryEvent(core, delivery);
      if (delivery.permanent) reportFailed(1, { ...delivery });
      else logger.info('Transient bounce: the message stays sent', { ...delivery });
    }
  }),
  booted,
);
