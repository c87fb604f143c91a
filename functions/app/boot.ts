import { Logger } from '@aws-lambda-powertools/logger';
import type { CoreDeps } from '../core/ports.js';
import { systemClock } from '../core/shared/time.js';
import { createDb, pingDb } from '../db/client.js';
import { createCoreDeps } from '../db/repositories.js';
import type { Readiness } from '../http/context.js';
import { MESSAGES_FAILED_LOG } from './mail-log.js';

/**
 * What every Lambda shares: one logger and the core's dependencies, built once per cold start. Kept to what
 * every handler needs, so none bundles more than it runs: the mailer is in boot-mail.ts, the API's correlation
 * id in lambda.ts.
 */
export interface Boot {
  logger: Logger;
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
 * setting fails the cold start with its name. (Tracer and metrics join the logger here.)
 */
export function boot(): Boot {
  if (booted) return booted;
  const logger = new Logger({ serviceName: 'fim' });
  const db = createDb({
    tableName: required('TABLE_NAME'),
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  });
  booted = {
    logger,
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
