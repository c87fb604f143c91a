import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { AUDIT_ACTIONS } from '../../core/audit/actions.js';
import { CASE_KINDS, caseEventsQuerySchema, readCaseRecord } from '../../core/cases/case-record.service.js';
import type { AppDeps } from '../context.js';
import { ctx } from '../context.js';
import { bearer, createApiRouter, json, problems } from './api-common.js';

const event = z
  .object({
    id: z.string(),
    at: z.string().describe('When (UTC)'),
    actor: z.object({ userId: z.string() }).describe('Who, by user id (see `people`)'),
    action: z.string().describe(`What happened: ${AUDIT_ACTIONS.join(', ')}`),
    entityType: z.string(),
    entityId: z.string(),
    details: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .describe('What changed: `<field>Before` / `<field>After` for edits, amounts in øre (`…Ore`)'),
  })
  .openapi('CaseEvent');

const casePage = z
  .object({
    items: z.array(event).describe('Oldest first'),
    people: z
      .record(z.string(), z.object({ name: z.string(), email: z.string() }))
      .describe('The people the events name, by user id, as the directory knows them now'),
    cursor: z.string().optional().describe('Send it back for the next page; absent on the last'),
  })
  .openapi('CaseRecordPage');

const params = z.object({
  kind: z.enum(CASE_KINDS).openapi({ param: { name: 'kind', in: 'path' } }),
  id: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** "Sagens forløb": a case's audit events, for the secretariat. */
export function caseRoutes(deps: AppDeps) {
  const app = createApiRouter();
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listCaseEvents',
      path: '/cases/{kind}/{id}/events',
      summary:
        'A case’s record: every event in time order, a page at a time (admins); reading it is recorded',
      security: bearer,
      request: { params, query: caseEventsQuerySchema },
      responses: { 200: json(casePage, 'A page of the case record'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      const page = await readCaseRecord(deps.core, ctx(c), { kind, id }, c.req.valid('query'));
      return c.json(
        {
          items: page.events.map((e) => ({ ...e, actor: { userId: e.actor.userId } })),
          people: page.people,
          ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
        },
        200,
      );
    },
  );
  return app;
}
