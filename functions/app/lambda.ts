import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import type { App } from './app.js';

/**
 * The API Lambda: the same Hono app as locally, behind API Gateway's HTTP API (payload v2). Powertools adds
 * the Lambda context and the request id as correlation id to every log line.
 */
export function createLambdaHandler(app: App, logger: Logger) {
  return middy(handle(app)).use(
    injectLambdaContext(logger, { correlationIdPath: 'requestContext.requestId' }),
  );
}
