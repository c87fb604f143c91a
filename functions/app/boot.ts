import type { CoreDeps } from '../core/ports.js';
import { createDb, type Db, pingDb } from '../db/client.js';
import type { Readiness } from '../http/context.js';
import { MESSAGES_FAILED_LOG } from './mail-log.js';
import { createPowertools, type Powertools, transactionMetrics } from './powertools.js';

/**
 * What every Lambda shares: the logger, tracer and metrics (powertools.ts) and the core's dependencies, built
 * once per cold start. Kept to what every handler needs, so none bundles more than it runs: the mailer is in
 * boot-mail.ts, the API's correlation id in lambda.ts, and a job wires only the repositories its services take
 * (`D`, a `Pick` of CoreDeps), so it bundles no others (docs/infra.md "Cold start").
 */
export interface Boot<D = CoreDeps> extends Powertools {
  core: D;
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

let booted: Boot<unknown> | undefined;

/**
 * Builds the shared parts on the first call of a cold start and hands the same ones out after (a function
 * boots one way: `wire` is the one its handler gives); a missing setting fails the cold start with its name.
 * `wire` builds the core's dependencies on the table: `wireCore` (db/repositories.ts) all of them, a job only the
 * repositories it uses. The tracer captures the DynamoDB client, and the transactions' audit actions, retries and
 * failed conditions are counted into the metrics.
 */
export function boot<D>(wire: (db: Db) => D): Boot<D> {
  if (booted) return booted as Boot<D>;
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
  const ready: Boot<D> = {
    ...powertools,
    core: wire(db),
    readiness: { dynamodb: () => pingDb(db) },
    logError: (message, error) =>
      logger.error(message, error instanceof Error ? error : new Error(String(error))),
    reportFailed: (failed, details = {}) => {
      if (failed > 0) logger.warn(MESSAGES_FAILED_LOG, { failed, ...details });
    },
  };
  booted = ready;
  return ready;
}
