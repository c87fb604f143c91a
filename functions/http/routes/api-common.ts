import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import * as z from 'zod';
import { issuesToFieldErrors } from '../../core/shared/validation.js';
import type { AppEnv } from '../context.js';
import { problem, problemResponse } from '../problem.js';
import { isPublicApi } from '../public-routes.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('The kind of failure (VALIDATION_FAILED, RULES_FAILED, …)'),
    reason: z.string().optional().describe('Which failure it is, as a message code'),
    errors: z
      .array(
        z
          .looseObject({ pointer: z.string(), code: z.string(), detail: z.string() })
          .describe('The values the message speaks of are members too (amountOre, …)'),
      )
      .optional()
      .describe('Each field or rule at fault, by JSON pointer into the request'),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details; the values a message speaks of are members too')
  .openapi('Problem');

// In AWS, API Gateway answers some requests before the app sees them, with a body of its own.
const gatewayMessageSchema = z
  .object({ message: z.string() })
  .describe('API Gateway’s own answer, e.g. {"message":"Unauthorized"}: it has no problem details')
  .openapi('GatewayMessage');

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const GATEWAY_MESSAGE = { $ref: '#/components/schemas/GatewayMessage' };

/**
 * The answers an operation can give besides its own, one named response each, so the document and the clients
 * generated from it share them. `gateway`: in AWS, API Gateway may give this status itself (JWT authorizer,
 * stage throttle, a failed or timed-out Lambda) as {message}.
 */
const RESPONSES = {
  400: ['BadRequest', 'The request is malformed or a value is not valid: errors[] names each one'],
  401: [
    'Unauthenticated',
    'Sign in: the bearer token is missing, malformed, expired or not valid (a public operation needs none, but a token sent is checked)',
    'gateway',
  ],
  403: ['Forbidden', 'Signed in, but not allowed to do this'],
  404: ['NotFound', 'Not found, or not yours to see'],
  409: [
    'Conflict',
    'The state does not allow it, or the version sent in If-Match is not the latest: read again',
  ],
  413: ['ContentTooLarge', 'The body is larger than the API takes'],
  415: ['UnsupportedMediaType', 'The body’s Content-Type is not one the operation takes'],
  422: ['RulesFailed', 'A rule of the pool refuses it: errors[] names each rule, with its values as members'],
  428: [
    'PreconditionRequired',
    'Send what the operation asks for: If-Match with the version read, or an Idempotency-Key',
  ],
  429: ['TooManyRequests', 'Too many requests (the API’s rate limit in AWS): wait and retry', 'gateway only'],
  500: ['InternalError', 'An unexpected fault; the answer shows no internals', 'gateway'],
  503: [
    'Unavailable',
    'The database is busy or out of reach (or, in AWS, the API timed out): retry later',
    'gateway',
  ],
} as const satisfies Record<number, readonly [string, string, ('gateway' | 'gateway only')?]>;

export type ProblemStatus = keyof typeof RESPONSES;

const responseComponent = ([, description, gateway]: (typeof RESPONSES)[ProblemStatus]) => ({
  description,
  content: {
    ...(gateway === 'gateway only' ? {} : { 'application/problem+json': { schema: PROBLEM } }),
    ...(gateway ? { 'application/json': { schema: GATEWAY_MESSAGE } } : {}),
  },
});

/** The answers a route can give besides its own, by status: each refers to its named response. */
export const problems = (...statuses: ProblemStatus[]) =>
  Object.fromEntries(
    statuses.map((status) => [status, { $ref: `#/components/responses/${RESPONSES[status][0]}` }]),
  );

/** Who may call an operation: the holder of a bearer token, */
export const bearer = [{ bearer: [] }];
/** or anyone: only the routes in PUBLIC_API_ROUTES (functions/http/public-routes.ts), */
export const publicRoute: typeof bearer = [];
/**
 * or anyone, with a token widening the answer (admins see drafts): a public route that reads the caller. The
 * empty requirement makes the token optional, so generated clients still send it.
 */
export const optionalBearer = [{}, ...bearer];

// The routers are mounted under /api (functions/app/app.ts), where PUBLIC_API_ROUTES names them.
const API_BASE = '/api';
const OPERATION_ID = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Completes and checks an operation's contract as it is registered, so no route can leave the document without
 * it: a camelCase operationId (client generators name their methods from it), the security its place in
 * PUBLIC_API_ROUTES demands (so the list and the document cannot drift), and the answers every operation of its
 * shape can give (400 with input, 413 and 415 with a body; 401, 429, 500 and 503 always).
 */
export function withContract<R extends RouteConfig>(route: R): R {
  const where = `${route.method.toUpperCase()} ${API_BASE}${route.path}`;
  if (!route.operationId || !OPERATION_ID.test(route.operationId)) {
    throw new Error(`${where}: name the operation with a camelCase verb-noun operationId`);
  }
  const isPublic = isPublicApi(route.method.toUpperCase(), `${API_BASE}${route.path}`);
  const security = JSON.stringify(route.security);
  const allowed = isPublic ? [publicRoute, optionalBearer] : [bearer];
  if (!allowed.some((a) => JSON.stringify(a) === security)) {
    throw new Error(
      isPublic
        ? `${where}: is in PUBLIC_API_ROUTES, so its security is publicRoute or optionalBearer`
        : `${where}: is not in PUBLIC_API_ROUTES, so its security is bearer`,
    );
  }
  const { params, query, headers, cookies, body } = route.request ?? {};
  const standard = problems(
    ...(params || query || headers || cookies || body ? [400 as const] : []),
    401,
    ...(body ? [413 as const, 415 as const] : []),
    429,
    500,
    503,
  );
  return { ...route, responses: { ...standard, ...route.responses } };
}

/**
 * Every API router: a zod failure becomes a 400 problem naming each field, and each operation's contract is
 * completed and checked as it is registered (`withContract`).
 */
export function createApiRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const where = result.target === 'json' ? '' : `/${result.target}`;
        const errors = issuesToFieldErrors(result.error.issues).map((e) => ({
          ...e,
          pointer: `${where}${e.pointer === '/' ? '' : e.pointer}` || '/',
        }));
        return problemResponse(
          c,
          problem(c.get('lang') ?? 'da', 400, 'VALIDATION_FAILED', { code: 'INVALID_INPUT' }, errors),
        );
      }
    },
  });
  router.openAPIRegistry.register('Problem', problemSchema);
  router.openAPIRegistry.register('GatewayMessage', gatewayMessageSchema);
  for (const response of Object.values(RESPONSES)) {
    router.openAPIRegistry.registerComponent('responses', response[0], responseComponent(response));
  }
  const register = router.openapi;
  router.openapi = ((route, handler, hook) =>
    register(withContract(route), handler, hook)) as typeof register;
  return router;
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const versionHeaders = z.object({
  'if-match': z.string().max(20).optional().openapi({ description: 'The version read, e.g. "3"' }),
});

/** A path parameter that is a UUID, by its name (`applicationId`), typed as such for the handler. */
export const uuidParam = <N extends string>(name: N) =>
  z.object({ [name]: z.uuid().openapi({ param: { name, in: 'path' } }) } as Record<N, z.ZodUUID>);

/**
 * Names a core schema as an OpenAPI component. Core schemas are made with plain zod before this module loads
 * the OpenAPI extension, so they are cloned (`meta`) to get the `openapi` method.
 */
export const named = <T extends z.ZodType>(schema: T, name: string, description: string): T =>
  schema.meta({ description }).openapi(name) as T;
