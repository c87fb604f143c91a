import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import type { App } from './app.js';

/**
 * The API Lambda: the same Hono app as locally, behind API Gateway's HTTP API (payload v2). Powertools adds
 * the Lambda context to every log line, and the request id as its correlation id (set directly: Powertools'
 * `correlationIdPath` would bundle a JMESPath interpreter into the cold start for one property).
 */
export function createLambdaHandler(app: App, logger: Logger) {
  return middy(handle(app))
    .before((request) => {
      const { requestContext } = request.event as { requestContext?: { requestId?: string } };
      logger.setCorrelationId(requestContext?.requestId);
    })
    .use(injectLambdaContext(logger));
}
