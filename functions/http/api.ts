import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { langFromHeader } from '../texts/lang.js';
import type { AppDeps, AppEnv } from './context.js';
import { MAX_BODY_BYTES } from './limits.js';
import { problem, problemResponse } from './problem.js';
import { isPublicApi } from './public-routes.js';
import { adminApplicationRoutes } from './routes/admin-applications.routes.js';
import { applicationRoutes } from './routes/applications.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { awardRoutes } from './routes/awards.routes.js';
import { boardRoutes } from './routes/board.routes.js';
import { callRoutes } from './routes/calls.routes.js';
import { caseRoutes } from './routes/cases.routes.js';
import { documentRoutes } from './routes/documents.routes.js';
import { erasureRoutes } from './routes/erasure.routes.js';
import { exportRoutes } from './routes/exports.routes.js';
import { financeRoutes } from './routes/finance.routes.js';
import { memberRoutes } from './routes/members.routes.js';
import { messageRoutes } from './routes/messages.routes.js';
import { minutesRoutes } from './routes/minutes.routes.js';
import { organisationRoutes } from './routes/organisations.routes.js';
import { profileRoutes } from './routes/profile.routes.js';
import { reportRoutes } from './routes/reports.routes.js';
import { reviewRoutes } from './routes/reviews.routes.js';
import { sessionRoutes } from './routes/sessions.routes.js';

/** The JSON API under /api: bearer tokens only (no cookies, so no CSRF surface). */
export function apiApp(deps: AppDeps) {
  const api = new OpenAPIHono<AppEnv>();
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        problemResponse(
          c,
          problem(c.get('lang') ?? 'da', 413, 'BODY_TOO_LARGE', {
            code: 'BODY_TOO_LARGE',
            params: { maxBytes: MAX_BODY_BYTES },
          }),
        ),
    }),
  );
  api.use('*', async (c, next) => {
    c.set('lang', langFromHeader(c.req.header('accept-language')));
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        return problemResponse(
          c,
          problem(c.get('lang'), 401, 'UNAUTHENTICATED', { code: 'AUTHORIZATION_MALFORMED' }),
        );
      }
      c.set('principal', await deps.tokens.verify(match[1]));
    } else if (!isPublicApi(c.req.method, c.req.path)) {
      return problemResponse(c, problem(c.get('lang'), 401, 'UNAUTHENTICATED', { code: 'SIGN_IN' }));
    }
    await next();
  });
  for (const routes of [
    authRoutes,
    callRoutes,
    applicationRoutes,
    reviewRoutes,
    financeRoutes,
    awardRoutes,
    reportRoutes,
    messageRoutes,
    memberRoutes,
    documentRoutes,
    adminApplicationRoutes,
    minutesRoutes,
    caseRoutes,
    sessionRoutes,
    boardRoutes,
    organisationRoutes,
    profileRoutes,
    erasureRoutes,
    exportRoutes,
  ]) {
    api.route('/', routes(deps));
  }
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
        'The grant pool of Region Midtjylland and its 19 municipalities. Money is integer øre; times are UTC. ' +
        'Errors are RFC 9457 problem+json in the language of Accept-Language (Danish unless English is asked for), ' +
        'with the message code as `reason` and the values it speaks of as members. Every operation has a stable ' +
        'operationId; those open to anyone say `security: []`, or `[{}, {bearer: []}]` where a token widens the answer.',
    },
    servers: [{ url: '/api' }],
  });
  return api;
}
