import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { ROLES } from '../../core/auth/principal.js';
import { findDemoUser } from '../../core/auth/sign-in.service.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppDeps, Readiness } from '../context.js';
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

/** No readiness check may keep the answer longer than this. */
const CHECK_TIMEOUT_MS = 2_000;

/** Every check at once, each 'ok' or 'unavailable' (a throw or no answer within CHECK_TIMEOUT_MS). */
async function checkReadiness(readiness: Readiness): Promise<Record<string, 'ok' | 'unavailable'>> {
  const results = await Promise.all(
    Object.entries(readiness).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer')), CHECK_TIMEOUT_MS);
      });
      try {
        await Promise.race([check(), late]);
        return [name, 'ok'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(results);
}

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
      operationId: 'getReadiness',
      path: '/health/ready',
      summary: 'Readiness: whether each dependency answers (DynamoDB; locally the SMTP server)',
      description:
        'A 503 problem (reason NOT_READY) names the dependencies that do not answer (`unavailable`) and has every ' +
        'check in `checks`; try again after Retry-After.',
      security: publicRoute,
      responses: {
        200: json(
          z.object({ status: z.literal('ok'), checks: z.record(z.string(), z.literal('ok')) }),
          'Every dependency answers',
        ),
      },
    }),
    async (c) => {
      const checks = await checkReadiness(deps.readiness);
      const unavailable = Object.keys(checks).filter((name) => checks[name] !== 'ok');
      if (unavailable.length > 0) {
        throw new AppError('UNAVAILABLE', { code: 'NOT_READY', params: { unavailable, checks } });
      }
      return c.json({ status: 'ok' as const, checks: checks as Record<string, 'ok'> }, 200);
    },
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
