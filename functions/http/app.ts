import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { webRoutes } from '../../web/web.routes.js';
import type { AppDeps, AppEnv } from './context.js';
import { langFromHeader } from './context.js';
import { MAX_BODY_BYTES } from './limits.js';
import { errorToProblem, problem, problemResponse } from './problem.js';
import { isPublicApi } from './public-routes.js';
import { applicationRoutes } from './routes/applications.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { awardRoutes } from './routes/awards.routes.js';
import { callRoutes } from './routes/calls.routes.js';
import { financeRoutes } from './routes/finance.routes.js';
import { reportRoutes } from './routes/reports.routes.js';
import { reviewRoutes } from './routes/reviews.routes.js';

/** The JSON API under /api: bearer tokens only (no cookies, so no CSRF surface). */
function apiApp(deps: AppDeps) {
  const api = new OpenAPIHono<AppEnv>();
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problemResponse(c, problem(413, 'BODY_TOO_LARGE', `Højst / At most ${MAX_BODY_BYTES} bytes`)),
    }),
  );
  api.use('*', async (c, next) => {
    c.set('lang', langFromHeader(c.req.header('accept-language')));
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        return problemResponse(c, problem(401, 'UNAUTHENTICATED', 'Authorization: Bearer <token>'));
      }
      c.set('principal', await deps.tokens.verify(match[1]));
    } else if (!isPublicApi(c.req.method, c.req.path)) {
      return problemResponse(c, problem(401, 'UNAUTHENTICATED', 'Log ind først / Sign in first'));
    }
    await next();
  });
  api.route('/', authRoutes(deps));
  api.route('/', callRoutes(deps));
  api.route('/', applicationRoutes(deps));
  api.route('/', reviewRoutes(deps));
  api.route('/', financeRoutes(deps));
  api.route('/', awardRoutes(deps));
  api.route('/', reportRoutes(deps));
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Cognito ID token in AWS; locally a token from POST /api/auth/dev-login',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Folkesundhed i Midten (FIM) API',
      version: '1.0.0',
      description:
        'The grant pool of Region Midtjylland and its 19 municipalities. Money is integer øre; errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/api' }],
  });
  return api;
}

/** The one app of both runtimes: @hono/node-server locally, hono/aws-lambda in AWS. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: deps.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'same-origin',
    }),
  );
  app.route('/api', apiApp(deps));
  // Unknown API paths answer as the API does, and never fall through to the web pages.
  app.all('/api/*', (c) => problemResponse(c, problem(404, 'NOT_FOUND', 'Ukendt adresse / Unknown path')));
  app.route('/', webRoutes(deps));
  app.onError((error, c) => problemResponse(c, errorToProblem(error, deps.logError)));
  return app;
}

export type App = ReturnType<typeof createApp>;
