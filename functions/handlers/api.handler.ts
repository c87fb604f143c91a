import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';
import { systemClock } from '../core/shared/time.js';
import { createDb } from '../db/client.js';
import { createCoreDeps } from '../db/repositories.js';
import { createApp } from '../http/app.js';
import { createCognitoVerifier } from '../http/auth/tokens.js';
import { readAwsConfig } from '../http/config.js';
import { createLambdaHandler } from '../http/lambda.js';

// Built once per cold start; a missing setting fails the cold start with its name.
const logger = new Logger({ serviceName: 'fim', correlationIdSearchFn: search });
const config = readAwsConfig();
if (config.mode !== 'aws') throw new Error('The API Lambda runs in AWS mode only');
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('Missing configuration: TABLE_NAME');

const db = createDb({
  tableName,
  ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
});
const app = createApp({
  core: createCoreDeps(db, systemClock),
  config,
  tokens: createCognitoVerifier(config.userPoolId, config.clientId),
  logError: (message, error) =>
    logger.error(message, error instanceof Error ? error : new Error(String(error))),
});

export const handler = createLambdaHandler(app, logger);
