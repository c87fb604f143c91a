import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../core/auth/principal.js';
import { findDemoUser } from '../../core/auth/sign-in.service.js';
import type { AppDeps } from '../context.js';
import { canSign, requireUser } from '../context.js';
import { bearer, createApiRouter, json, jsonBody, problems, publicRoute } from './api-common.js';

const userSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    organisation: z.string().optional(),
    roles: z.array(z.enum(ROLES)),
    chair: z.boolean(),
  })
  .openapi('User');

export function authRoutes(deps: AppDeps) {
  const app = createApiRouter();

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getHealth',
      path: '/health',
      summary: 'Liveness',
      security: publicRoute,
      responses: { 200: json(z.object({ status: z.literal('ok'), time: z.string() }), 'Up') },
    }),
    (c) => c.json({ status: 'ok' as const, time: deps.core.clock.now().toISOString() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getCurrentUser',
      path: '/me',
      summary: 'The signed-in user',
      security: bearer,
      responses: { 200: json(userSchema, 'You'), ...problems(401) },
    }),
    (c) => c.json(requireUser(c), 200),
  );

  // Sign-in as a demo user exists only locally: in AWS the route is not registered at all (404).
  const { tokens } = deps;
  if (deps.config.mode === 'local' && canSign(tokens)) {
    app.openapi(
      createRoute({
        method: 'post',
        operationId: 'signInDemoUser',
        path: '/auth/dev-login',
        summary: 'Local mode only: a token for a demo user',
        security: publicRoute,
        request: { body: jsonBody(z.strictObject({ email: z.email().max(254) })) },
        responses: {
          200: json(z.object({ token: z.string(), user: userSchema }), 'A bearer token'),
          ...problems(400, 401, 415),
        },
      }),
      async (c) => {
        const user = await findDemoUser(deps.core, c.req.valid('json').email);
        const token = await tokens.sign(user);
        return c.json({ token, user: await tokens.verify(token) }, 200);
      },
    );
  }
  return app;
}
