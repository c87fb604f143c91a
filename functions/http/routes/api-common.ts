import { OpenAPIHono, z } from '@hono/zod-openapi';
import { issuesToFieldErrors } from '../../core/shared/validation.js';
import type { AppEnv } from '../context.js';
import { problem, problemResponse } from '../problem.js';

/** Every API router validates with this hook: a zod failure becomes a 400 problem naming each field. */
export const createApiRouter = () =>
  new OpenAPIHono<AppEnv>({
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

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** The problem responses a route can give, by status. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: 'Problem (RFC 9457)', content: problemContent }]),
  );

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const bearer = [{ bearer: [] }];

export const versionHeaders = z.object({
  'if-match': z.string().max(20).optional().openapi({ description: 'The version read, e.g. "3"' }),
});

export const uuidParam = (name: string) =>
  z.object({ [name]: z.uuid().openapi({ param: { name, in: 'path' } }) });

/**
 * Names a core schema as an OpenAPI component. Core schemas are made with plain zod before this module loads
 * the OpenAPI extension, so they are cloned (`meta`) to get the `openapi` method.
 */
export const named = <T extends z.ZodType>(schema: T, name: string, description: string): T =>
  schema.meta({ description }).openapi(name) as T;
