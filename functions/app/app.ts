import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { notFoundPage, webRoutes } from '../../web/web.routes.js';
import { apiApp } from '../http/api.js';
import type { AppDeps, AppEnv } from '../http/context.js';
import { errorToProblem, problem, problemResponse } from '../http/problem.js';
import { langFromHeader } from '../texts/lang.js';

/*
 * The composition root: the API (functions/http) and the web pages (web/) hang from here, side by side, on one
 * Hono app. Neither imports the other's routes; both call the same core services.
 */

/** The one app of both runtimes: @hono/node-server locally, hono/aws-lambda in AWS. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  // Documents go from the browser straight to the file store (S3, or s3rver locally): its origin may be posted to.
  const uploads = deps.core.files.origin ? [deps.core.files.origin] : [];
  // gzip or deflate for a client that accepts it (a 23 KB year page is ~5 KB): in both runtimes, since in AWS
  // nothing in front of the Lambda compresses yet (hono/aws-lambda sends a compressed body base64-encoded).
  app.use('*', compress());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'", ...uploads],
        connectSrc: ["'self'", ...uploads],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'same-origin',
      // The site uses no device or browser feature: each one is switched off for it and anything it embeds.
      permissionsPolicy: {
        camera: [],
        microphone: [],
        geolocation: [],
        payment: [],
        usb: [],
        serial: [],
        bluetooth: [],
        hid: [],
        midi: [],
        displayCapture: [],
        fullscreen: [],
        accelerometer: [],
        gyroscope: [],
        magnetometer: [],
        browsingTopics: [],
      },
    }),
  );
  // Nothing personal is kept by a browser or a proxy: API answers and whatever a signed-in person is shown
  // (pages, downloads) are `no-store`, unless a route chose its own (the public stylesheet).
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.has('Cache-Control')) return;
    if (c.req.path === '/api' || c.req.path.startsWith('/api/') || c.get('principal')) {
      c.res.headers.set('Cache-Control', 'no-store');
    }
  });
  app.route('/api', apiApp(deps));
  // Unknown API paths answer as the API does, and never fall through to the web pages.
  app.all('/api/*', (c) =>
    problemResponse(
      c,
      problem(langFromHeader(c.req.header('accept-language')), 404, 'NOT_FOUND', { code: 'UNKNOWN_PATH' }),
    ),
  );
  app.route('/', webRoutes(deps));
  // Whatever no route answers is a page of the site (the API's unknown paths answered above).
  app.notFound(notFoundPage);
  app.onError((error, c) =>
    problemResponse(
      c,
      errorToProblem(c.get('lang') ?? langFromHeader(c.req.header('accept-language')), error, deps.logError),
    ),
  );
  return app;
}

export type App = ReturnType<typeof createApp>;
