import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { bootMail } from '../app/boot-mail.js';
import { observed } from '../app/powertools.js';
import { sendMessage } from '../core/messages/sender.service.js';
import { outboxRecordSchema } from './mail-events.schema.js';

const booted = bootMail();
const { core, mailer, reportFailed } = booted;
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** One inserted outbox item: sent once (or rescheduled, or failed for good, all stored on the item). */
async function sendRecord(record: DynamoDBRecord): Promise<void> {
  const id = outboxRecordSchema.parse(record).dynamodb.NewImage.id.S;
  const outcome = await sendMessage(core, mailer, id);
  if (outcome === 'failed') reportFailed(1, { messageId: id });
}

/**
 * Fed by the table's stream, filtered to inserted pending outbox items (infra/stacks/messages-stack.ts). A record
 * whose send threw (DynamoDB or SES unreachable) is reported in batchItemFailures, so the stream retries it alone
 * and then parks it in the dead-letter queue; a passing mail fault is no failure here: the item is rescheduled
 * with backoff and the sweep sends it.
 */
export const handler = observed(
  middy((event: DynamoDBStreamEvent, context: Context) =>
    processPartialResponse(event, sendRecord, processor, { context }),
  ),
  booted,
);
