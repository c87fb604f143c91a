import type { CoreDeps } from '../core/ports.js';
import { systemClock } from '../core/shared/time.js';
import { createDb, pingDb } from '../db/client.js';
import { createCoreDeps } from '../db/repositories.js';
import type { Readiness } from '../http/context.js';
import { MESSAGES_FAILED_LOG } from './mail-log.js';
import { createPowertools, type Powertools, transactionMetrics } from './powertools.js';

/**
 * What every Lambda shares: the logger, tracer and metrics (powertools.ts) and the core's dependencies, built
 * once per cold start. Kept to what every handler needs, so none bundles more than it runs: the mailer is in
 * boot-mail.ts, the API's correlation id in lambda.ts.
 */
export interface Boot extends Powertools {
  core: CoreDeps;
  /** What readiness checks: DynamoDB. (The API Lambda sends no mail; the senders' settings fail their cold start.) */
  readiness: Readiness;
  /** Reports an unexpected error with its stack, under the invocation's correlation id. */
  logError: (message: string, error: unknown) => void;
  /** Reports messages not delivered (failed for good, bounced, complained of): the mail alarm counts them. */
  reportFailed: (failed: number, details?: Record<string, unknown>) => void;
}

export function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing configuration: ${name}`);
  return value;
}

let booted: Boot | undefined;

/**
 * Builds the shared parts on the first call of a cold start and hands the same ones out after; a missing
 * setting fails the cold start with its name. The tracer captures the DynamoDB client, and the transactions'
 * audit actions, retries and failed conditions are counted into the metrics.
 */
export function boot(): Boot {
  if (booted) return booted;
  const powertools = createPowertools();
  const { logger, tracer, metrics } = powertools;
  const db = createDb({
    tableName: required('TABLE_NAME'),
    // Set by the CDK stacks beside TABLE_NAME (AppFunction.bindAuditTable); the handlers' tests run on the default.
    ...(process.env.AUDIT_TABLE_NAME ? { auditTableName: process.env.AUDIT_TABLE_NAME } : {}),
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
    instrument: (client) => tracer.captureAWSv3Client(client),
    observer: transactionMetrics(metrics),
  });
  booted = {
    ...powertools,
    core: createCoreDeps(db, systemClock),
    readiness: { dynamodb: () => pingDb(db) },
    logError: (message, error) =>
      logger.error(message, error instanceof Error ? error : new Error(String(error))),
    reportFailed: (failed, details = {}) => {
      if (failed > 0) logger.warn(MESSAGES_FAILED_LOG, { failed, ...details });
    },
  };
  return booted;
}
