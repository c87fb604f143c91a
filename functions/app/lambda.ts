import middy from '@middy/core';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { type Edge, throughEdge } from '../http/edge.js';
import type { App } from './app.js';
import { observed, type Powertools } from './powertools.js';

/**
 * The API Lambda: the same Hono app as locally, behind API Gateway's HTTP API (payload v2), observed as every
 * handler is (powertools.ts). Powertools adds the Lambda context to every log line, and the request id as its
 * correlation id (set directly: Powertools' `correlationIdPath` would bundle a JMESPath interpreter into the cold
 * start for one property). With `edge` (always in AWS), a request that did not come through CloudFront is
 * refused before the app sees it.
 */
export function createLambdaHandler(app: App, powertools: Powertools, edge?: Edge) {
  const serve = handle(app);
  // Behind CloudFront (`edge`): only what CloudFront sends reaches the app, under the public host.
  const viaEdge =
    edge &&
    (async (event: LambdaEvent, context?: LambdaContext) => {
      const checked = throughEdge(event, edge);
      return 'refused' in checked ? checked.refused : serve(checked.event, context);
    });
  return observed(
    middy(viaEdge || serve).before((request) => {
      const { requestContext } = request.event as { requestContext?: { requestId?: string } };
      powertools.logger.setCorrelationId(requestContext?.requestId);
    }),
    powertools,
  );
}
