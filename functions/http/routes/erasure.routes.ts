import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { listErasures, requestErasure } from '../../core/cases/erasure.service.js';
import { ERASURE_STATES } from '../../core/cases/erasure.values.js';
import { dryRunRetention } from '../../core/cases/retention.service.js';
import { readRetention } from '../config.js';
import type { AppDeps } from '../context.js';
import { ctx } from '../context.js';
import { bearer, createApiRouter, json, problems } from './api-common.js';

const deletedNow = z
  .object({
    drafts: z.int().describe('Drafts owned alone, deleted with their documents'),
    documents: z.int().describe('Documents deleted (records and files)'),
    handedOver: z.int().describe('Drafts with co-applicants, handed to the longest-standing one'),
    left: z.int().describe('Drafts the person had joined as a co-applicant, left'),
  })
  .openapi('ErasureDeletedNow');

const keptCase = z
  .object({
    applicationId: z.string(),
    reference: z.string().optional(),
    role: z.enum(['owner', 'member']),
    keptUntil: z
      .string()
      .describe('When the case is anonymised (UTC; at the earliest while it is still open)'),
  })
  .openapi('ErasureKeptCase');

const erasureAnswer = z
  .object({
    deletedNow,
    keptUntil: z
      .string()
      .nullable()
      .describe('The latest of the kept cases’ dates; null when nothing is kept'),
    keptCases: z.array(keptCase),
  })
  .openapi('ErasureAnswer');

const erasure = z
  .object({
    userId: z.string(),
    state: z.enum(ERASURE_STATES),
    requestedAt: z.string(),
    deletedNow,
    keptCases: z.array(keptCase),
    keptUntil: z.string().optional(),
    completedAt: z.string().optional(),
    messagesLeft: z
      .array(z.string())
      .optional()
      .describe('Messages to the person still being sent when asked (ids): anonymised once sent'),
  })
  .openapi('Erasure');

const retentionRun = z
  .object({
    id: z.string(),
    at: z.string(),
    dryRun: z.boolean(),
    reminded: z.array(
      z.object({ applicationId: z.string(), deleteOn: z.string().describe('Date (Copenhagen)') }),
    ),
    deleted: z.array(z.string()).describe('Drafts deleted (ids)'),
    anonymised: z.array(z.string()).describe('Closed cases anonymised (ids)'),
    erasuresCompleted: z.array(z.string()).describe('Erasures completed (user ids)'),
    messagesAnonymised: z
      .array(z.string())
      .optional()
      .describe('Messages anonymised (ids): of the cases anonymised, the drafts deleted, erasures'),
  })
  .openapi('RetentionRun');

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
});

/** Erasure (the person's own) and the retention schedule (admins): docs/cases.md. */
export function erasureRoutes(deps: AppDeps) {
  const app = createApiRouter();
  const schedule = readRetention();
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'requestErasure',
      path: '/me/erasure',
      summary:
        'Erase my data: drafts and their documents go now, submitted and decided cases are kept until their retention date and then anonymised; the account is disabled',
      security: bearer,
      responses: {
        202: json(erasureAnswer, 'Accepted: what went now and until when the rest is kept'),
        ...problems(401),
      },
    }),
    async (c) => c.json(await requestErasure(deps.core, ctx(c), schedule), 202),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listErasures',
      path: '/admin/erasures',
      summary: 'The erasure requests and their state, newest first (admins)',
      security: bearer,
      request: { query: listQuery },
      responses: {
        200: json(z.object({ items: z.array(erasure), cursor: z.string().optional() }), 'A page'),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await listErasures(deps.core, ctx(c), {
        limit: q.limit ?? 50,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
      return c.json(
        {
          items: page.items.map(({ version: _v, updatedAt: _u, ...e }) => e),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'dryRunRetention',
      path: '/admin/retention/dry-run',
      summary: 'What the retention job would do now, writing nothing (admins)',
      security: bearer,
      responses: { 200: json(retentionRun, 'What a run would do'), ...problems(401, 403) },
    }),
    async (c) => c.json(await dryRunRetention(deps.core, ctx(c), schedule), 200),
  );
  return app;
}
