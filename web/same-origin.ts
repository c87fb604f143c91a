import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a request that changes state comes from this site's own pages, whatever its content type. Hono's
 * `csrf()` checks only the content types a plain HTML form can send, so a JSON-typed POST with a foreign Origin
 * passed it; the session cookie is SameSite=Lax, but a site on the same registrable domain is no foreigner to
 * it. Here every POST (PUT, PATCH, DELETE) needs `Sec-Fetch-Site: same-origin` or an Origin equal to the
 * request's own; anything else is 403, before its body is read.
 */
export const sameOriginOnly = (): MiddlewareHandler => async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const sameOrigin =
      site === 'same-origin' || (origin !== undefined && origin === new URL(c.req.url).origin);
    if (!sameOrigin) throw new HTTPException(403, { message: 'Forbidden: cross-site request' });
  }
  await next();
};
