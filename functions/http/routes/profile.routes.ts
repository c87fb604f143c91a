import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { profilePatchSchema } from '../../core/auth/profile.schema.js';
import { clearProfile, getProfile, updateProfile } from '../../core/auth/profile.service.js';
import type { AppDeps } from '../context.js';
import { ctx, requireIfMatch, requireUser, withETag } from '../context.js';
import { bearer, createApiRouter, json, jsonBody, named, problems, versionHeaders } from './api-common.js';

const profile = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    organisation: z.string().optional().describe('The organisation conflicts of interest are judged by'),
    source: z
      .enum(['profile', 'identity', 'none'])
      .describe('profile: your own pick; identity: what the identity provider says; none: neither'),
    identityOrganisation: z.string().optional(),
    organisationId: z.string().optional().describe('The registry’s id, when it knows the organisation'),
    flagged: z.boolean().describe('Not in the registry: the secretariat is asked to place it'),
    version: z.int().describe('0 before your first pick; send it as If-Match'),
  })
  .openapi('Profile');

/** "Min profil" (issue 11): everyone signed in reads their own profile and picks their own organisation. */
export function profileRoutes(deps: AppDeps) {
  const app = createApiRouter();
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getProfile',
      path: '/me/profile',
      summary:
        'Your profile: your organisation (your own pick, else the identity provider’s) and its version',
      security: bearer,
      responses: { 200: json(profile, 'Your profile'), ...problems(401) },
    }),
    async (c) => c.json(withETag(c, await getProfile(deps.core, requireUser(c))), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      operationId: 'updateProfile',
      path: '/me/profile',
      summary:
        'Pick your own organisation (a name from GET /organisations, or a new one: flagged for the secretariat); send If-Match',
      security: bearer,
      request: {
        headers: versionHeaders,
        body: jsonBody(named(profilePatchSchema, 'ProfilePatch', 'Your organisation by name')),
      },
      responses: { 200: json(profile, 'Your profile'), ...problems(400, 401, 409, 415, 428) },
    }),
    async (c) => {
      requireUser(c); // 401 before 428
      const version = requireIfMatch(c);
      return c.json(withETag(c, await updateProfile(deps.core, ctx(c), c.req.valid('json'), version)), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      operationId: 'clearProfileOrganisation',
      path: '/me/profile/organisation',
      summary:
        'Remove your own pick of organisation: conflicts are judged by the identity provider’s again; send If-Match',
      security: bearer,
      request: { headers: versionHeaders },
      responses: { 200: json(profile, 'Your profile'), ...problems(401, 409, 428) },
    }),
    async (c) => {
      requireUser(c); // 401 before 428
      const version = requireIfMatch(c);
      return c.json(withETag(c, await clearProfile(deps.core, ctx(c), version)), 200);
    },
  );
  return app;
}
