import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type AuditStreamRecord, createAuditArchive } from '../files/audit-archive.js';

const bucket = process.env.AUDIT_ARCHIVE_BUCKET;
if (!bucket) throw new Error('AUDIT_ARCHIVE_BUCKET is not set');
const archive = createAuditArchive(bucket);
const logger = new Logger({ serviceName: 'fim' });

/**
 * Fed by the audit table's stream (infra/stacks/data-stack.ts): every record copied into the Object Lock bucket,
 * in order; a failure throws, so the stream retries the batch and then parks it in the dead-letter queue. A
 * change or removal of a stored event (the functions cannot make one) is copied too, under `changed/`, and logged
 * as the error AUDIT_EVENT_CHANGED.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  for (const record of event.Records) {
    if ((await archive.archive(record as AuditStreamRecord)) === 'tampered') {
      logger.error('AUDIT_EVENT_CHANGED', { eventName: record.eventName, keys: record.dynamodb?.Keys });
    }
  }
}
