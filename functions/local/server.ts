import { type ServerType, serve } from '@hono/node-server';

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * A body refused as too large (413) was never read: what is left of it sits on the connection, which can carry
 * no further request. So the answer says `Connection: close` and the server closes it; a keep-alive client opens
 * a fresh one for its next request instead of losing it on a dropped socket. (In AWS, API Gateway owns the
 * connection and refuses large bodies itself.)
 */
export const closingAfterRefusedBody =
  (fetch: Fetch): Fetch =>
  async (request) => {
    const response = await fetch(request);
    if (response.status !== 413) return response;
    const headers = new Headers(response.headers);
    headers.set('Connection', 'close');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };

/** The app on @hono/node-server, as `npm start` serves it, on the loopback. */
export function serveLocally(
  app: { fetch: Fetch },
  options: { port: number; hostname?: string },
): ServerType {
  return serve({
    fetch: closingAfterRefusedBody(app.fetch),
    port: options.port,
    hostname: options.hostname ?? '127.0.0.1',
  });
}
