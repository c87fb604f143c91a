import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { EXPORT_LINK_SECONDS, EXPORT_STATUSES } from '../../core/exports/export.schema.js';
import { readExport, requestCaseExport, requestPersonalExport } from '../../core/exports/export.service.js';
import type { AppDeps } from '../context.js';
import { ctx } from '../context.js';
import { bearer, createApiRouter, json, problems, uuidParam } from './api-common.js';

const accepted = z
  .object({ exportId: z.uuid().describe('Poll GET /exports/{exportId} for its state') })
  .openapi('ExportAccepted');

const exportState = z
  .object({
    id: z.uuid(),
    status: z.enum(EXPORT_STATUSES),
    scope: z.enum(['case', 'person']).describe('Aktindsigt in a case, or a person’s own data'),
    createdAt: z.string().describe('When it was asked for (UTC)'),
    sha256: z.string().optional().describe('The ZIP’s SHA-256 (hex), once ready'),
    sizeBytes: z.int().optional(),
    downloadUrl: z
      .string()
      .optional()
      .describe(`Once ready: a link to the ZIP that expires after ${EXPORT_LINK_SECONDS / 60} minutes`),
    expiresInSeconds: z.int().optional(),
  })
  .openapi('ExportState');

/** Aktindsigt in one step and "Mine data": ask for an export (202), then poll its state for the link. */
export function exportRoutes(deps: AppDeps) {
  const app = createApiRouter();
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'requestCaseExport',
      path: '/cases/application/{applicationId}/export',
      summary: 'Ask for the aktindsigt export of an application’s case, built in the background (admins)',
      security: bearer,
      request: { params: uuidParam('applicationId') },
      responses: { 202: json(accepted, 'The export is queued'), ...problems(403, 404) },
    }),
    async (c) => {
      const job = await requestCaseExport(deps.core, ctx(c), c.req.valid('param').applicationId);
      return c.json({ exportId: job.id }, 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'requestPersonalDataExport',
      path: '/me/data-export',
      summary:
        'Ask for everything the platform holds about you as one ZIP ("Mine data"), built in the background',
      security: bearer,
      responses: { 202: json(accepted, 'The export is queued') },
    }),
    async (c) => {
      const job = await requestPersonalExport(deps.core, ctx(c));
      return c.json({ exportId: job.id }, 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getExport',
      path: '/exports/{exportId}',
      summary:
        'An export’s state and, once ready, a download link that expires (the asker; any admin for aktindsigt); handing out the link is recorded',
      security: bearer,
      request: { params: uuidParam('exportId') },
      responses: { 200: json(exportState, 'The export’s state'), ...problems(404) },
    }),
    async (c) => {
      const view = await readExport(deps.core, ctx(c), c.req.valid('param').exportId);
      const { subject: _subject, ...state } = view;
      return c.json(state, 200);
    },
  );
  return app;
}
