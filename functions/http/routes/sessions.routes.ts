import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { endUserSessions } from '../../core/auth/session.service.js';
import { cognitoOAuthOf } from '../auth/cognito-oauth.js';
import type { AppDeps } from '../context.js';
import { ctx } from '../context.js';
import { bearer, createApiRouter, json, problems } from './api-common.js';

const userParam = z.object({
  userId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w-]+$/)
    .openapi({ param: { name: 'userId', in: 'path' }, example: 'demo-reviewer1' }),
});

/** The administrator's end to a person's web sessions (a lost laptop, someone who left). */
export function sessionRoutes(deps: AppDeps) {
  const app = createApiRouter();
  const tokens = cognitoOAuthOf(deps);
  app.openapi(
    createRoute({
      method: 'delete',
      operationId: 'endUserSessions',
      path: '/admin/users/{userId}/sessions',
      summary: 'Administrators: end every web session of a person (and revoke their refresh tokens)',
      description:
        'Each session is deleted at once: the person’s next request is signed out. In AWS their Cognito refresh ' +
        'tokens are revoked. Audited as `session.ended` on the person’s record. Bearer tokens already handed out ' +
        'to API clients run to their own expiry (at most an hour).',
      security: bearer,
      request: { params: userParam },
      responses: {
        200: json(z.object({ ended: z.int().min(0) }), 'How many sessions were ended'),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const result = await endUserSessions(
        { ...deps.core, ...(tokens ? { tokens } : {}) },
        ctx(c),
        c.req.valid('param').userId,
      );
      return c.json(result, 200);
    },
  );
  return app;
}
