import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';
import type { CoreDeps, Mailer } from '../core/ports.js';
import { systemClock } from '../core/shared/time.js';
import { createDb, pingDb } from '../db/client.js';
import { createCoreDeps } from '../db/repositories.js';
import type { Readiness } from '../http/context.js';
import { sesMailer } from '../mail/mailer.js';
import { MESSAGES_FAILED_LOG } from './mail-log.js';

/** What every Lambda shares: one logger and the core's dependencies, built once per cold start. */
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

function required(name: string): string {
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
  const logger = new Logger({ serviceName: 'fim', correlationIdSearchFn: search });
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

/** What the sending functions share besides Boot: the mailer. */
export interface MailBoot extends Boot {
  mailer: Mailer;
}

let mailBooted: MailBoot | undefined;

/**
 * boot() plus the SES mailer, built once per cold start from MAIL_FROM, MAIL_CONFIGURATION_SET and SITE_URL
 * (set by the FimMessages stack). Without them the cold start fails with the missing name: a sender never
 * runs unconfigured.
 */
export function bootMail(): MailBoot {
  if (mailBooted) return mailBooted;
  const base = boot();
  const from = required('MAIL_FROM');
  const configurationSet = required('MAIL_CONFIGURATION_SET');
  const siteUrl = required('SITE_URL').replace(/\/$/, '');
  mailBooted = {
    ...base,
    mailer: sesMailer({ from, siteUrl, configurationSet }),
  };
  return mailBooted;
}
