import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** A dead-letter queue keeps what failed for the longest time SQS allows. */
export const DLQ_RETENTION = Duration.days(14);

/**
 * A dead-letter queue: SSE with SQS-managed keys, TLS only, 14 days. `of` says whose failures it keeps, for the
 * SQS3 acknowledgement (cdk-nag only recognises DLQs named in another queue's redrive policy).
 */
export function deadLetterQueue(scope: Construct, id: string, of: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: DLQ_RETENTION,
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is the dead-letter queue itself (${of}); cdk-nag only recognises DLQs named in a queue redrive policy.`,
  });
  return queue;
}
