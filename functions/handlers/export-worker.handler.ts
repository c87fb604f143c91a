import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { bootExports } from '../app/boot-exports.js';
import { observed } from '../app/powertools.js';
import { buildExport } from '../core/exports/export.service.js';
import { outboxRecordSchema } from './mail-events.schema.js';

const booted = bootExports();
const { core, writer } = booted;
const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** One inserted export item (queued): built once; a second delivery finds it no longer queued. */
async function buildRecord(record: DynamoDBRecord): Promise<void> {
  // The stream's new image names the item by id, as an outbox item's does.
  await buildExport(core, writer, outboxRecordSchema.parse(record).dynamodb.NewImage.id.S);
}

/**
 * Fed by the table's stream, filtered to inserted export items (infra/stacks/jobs-stack.ts). A build that threw
 * is recorded failed on the item and reported in batchItemFailures, so the mapping parks it in the dead-letter
 * queue, whose alarm tells the operators.
 */
export const handler = observed(
  middy((event: DynamoDBStreamEvent, context: Context) =>
    processPartialResponse(event, buildRecord, processor, { context }),
  ),
  booted,
);
