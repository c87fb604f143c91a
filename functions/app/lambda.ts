import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import type { App } from './app.js';
import { observed, type Powertools } from './powertools.js';

/**
 * The API Lambda: the same Hono app as locally, behind API Gateway's HTTP API (payload v2), observed as every
 * handler is (powertools.ts). Powertools adds the Lambda context to every log line, and the request id as its correlation id (set directly: Powertools'
 * `correlationIdPath` would bundle a JMESPath interpreter into the cold start for one property).
 */
export function createLambdaHandler(app: App, powertools: Powertools) {
  return observed(
    middy(handle(app)).before((request) => {
      const { requestContext } = request.event as { requestContext?: { requestId?: string } };
      powertools.logger.setCorrelationId(requestContext?.requestId);
    }),
    powertools,
  );
}
