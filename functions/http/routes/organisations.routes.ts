import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  organisationInputSchema,
  organisationListSchema,
  organisationPatchSchema,
  organisationSchema,
  placeFlagSchema,
} from '../../core/organisations/organisation.schema.js';
import {
  createOrganisation,
  getOrganisationHistory,
  listOrganisationFlags,
  listOrganisationsPage,
  placeFlaggedName,
  searchOrganisations,
  updateOrganisation,
} from '../../core/organisations/organisation.service.js';
import type { AppDeps } from '../context.js';
import { ctx, requireIfMatch, requireUser, withETag } from '../context.js';
import { bearer, createApiRouter, json, jsonBody, named, problems, versionHeaders } from './api-common.js';

const organisation = named(
  organisationSchema,
  'Organisation',
  'An organisation of the registry: name, CVR, sector and the organisation it is part of',
);
const idParam = z.object({
  organisationId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'organisationId', in: 'path' } }),
});

/** The organisations registry (issue 11): search for anyone signed in, changes by admins. */
export function organisationRoutes(deps: AppDeps) {
  const app = createApiRouter();
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'searchOrganisations',
      path: '/organisations',
      summary: 'Organisations whose name begins with q (every one without q), by name; one indexed Query',
      security: bearer,
      request: { query: z.object({ q: z.string().max(200).optional() }) },
      responses: {
        200: json(z.object({ items: z.array(organisation) }), 'Organisations'),
        ...problems(400, 401),
      },
    }),
    async (c) => {
      requireUser(c);
      return c.json({ items: await searchOrganisations(deps.core, c.req.valid('query').q ?? '') }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listOrganisations',
      path: '/admin/organisations',
      summary:
        'The registry a page at a time by name, narrowed to names beginning with q (admins); one Query',
      security: bearer,
      request: { query: organisationListSchema },
      responses: {
        200: json(
          z.object({
            items: z.array(organisation),
            cursor: z.string().optional().describe('Send it back for the next page; absent on the last'),
          }),
          'A page of organisations',
        ),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => c.json(await listOrganisationsPage(deps.core, requireUser(c), c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listOrganisationFlags',
      path: '/admin/organisation-flags',
      summary:
        'Names the registry does not know, with the applications that give them and the people who picked them as their own (admins)',
      security: bearer,
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                applications: z.array(z.object({ id: z.string(), title: z.string().optional() })),
                people: z.array(z.object({ id: z.string(), name: z.string().optional() })),
              }),
            ),
          }),
          'Flagged names',
        ),
        ...problems(401, 403),
      },
    }),
    async (c) => c.json({ items: await listOrganisationFlags(deps.core, requireUser(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'placeOrganisationFlag',
      path: '/admin/organisation-flags/place',
      summary:
        'Place a flagged name: map it to an organisation of the registry or create one; the flagged applications then name it (admins)',
      security: bearer,
      request: { body: jsonBody(named(placeFlagSchema, 'PlaceFlag', 'Where a flagged name goes')) },
      responses: {
        200: json(organisation, 'The organisation it was placed as'),
        ...problems(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => c.json(await placeFlaggedName(deps.core, ctx(c), c.req.valid('json')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'createOrganisation',
      path: '/organisations',
      summary:
        'Add an organisation to the registry (admins); 422 when the name is taken or the parent unknown',
      security: bearer,
      request: { body: jsonBody(named(organisationInputSchema, 'OrganisationInput', 'A new organisation')) },
      responses: { 201: json(organisation, 'The organisation'), ...problems(400, 401, 403, 415, 422) },
    }),
    async (c) => c.json(withETag(c, await createOrganisation(deps.core, ctx(c), c.req.valid('json'))), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getOrganisation',
      path: '/organisations/{organisationId}',
      summary: 'An organisation and its history from its audit events, newest first (admins)',
      security: bearer,
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ organisation, history: z.array(z.object({}).passthrough()) }),
          'The organisation',
        ),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const found = await getOrganisationHistory(
        deps.core,
        requireUser(c),
        c.req.valid('param').organisationId,
      );
      return c.json({ organisation: withETag(c, found.organisation), history: found.history }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      operationId: 'updateOrganisation',
      path: '/organisations/{organisationId}',
      summary: 'Change an organisation (admins; a merge patch, If-Match with the version read)',
      security: bearer,
      request: {
        params: idParam,
        headers: versionHeaders,
        body: jsonBody(named(organisationPatchSchema, 'OrganisationPatch', 'Changes to an organisation')),
      },
      responses: {
        200: json(organisation, 'The saved organisation'),
        ...problems(400, 401, 403, 404, 409, 415, 422, 428),
      },
    }),
    async (c) => {
      requireUser(c);
      const version = requireIfMatch(c);
      const saved = await updateOrganisation(
        deps.core,
        ctx(c),
        c.req.valid('param').organisationId,
        c.req.valid('json'),
        version,
      );
      return c.json(withETag(c, saved), 200);
    },
  );
  return app;
}
