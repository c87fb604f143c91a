import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { adminApplicationFilterSchema } from '../../core/applications/admin-list.schema.js';
import { listApplicationsForAdmin } from '../../core/applications/admin-list.service.js';
import { applicationSchema } from '../../core/applications/application.schema.js';
import { grantTypeSchema } from '../../core/calls/call.schema.js';
import type { AppDeps } from '../context.js';
import { requireUser } from '../context.js';
import { bearer, createApiRouter, json, named, problems } from './api-common.js';

const rowSchema = named(
  z.object({
    application: applicationSchema,
    call: z
      .object({
        id: z.string(),
        title: z.string(),
        titleEn: z.string().optional(),
        grantTypes: z.array(grantTypeSchema),
      })
      .optional(),
  }),
  'AdminApplicationRow',
  'An application with the call it belongs to',
);

/** The secretariat's list of applications (docs/review.md, "The secretariat's list"). */
export function adminApplicationRoutes(deps: AppDeps) {
  const app = createApiRouter();
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listAdminApplications',
      path: '/admin/applications',
      summary:
        'Every application, across calls or in one, newest first, a page at a time (admin); without a status, those that have left draft',
      security: bearer,
      request: { query: adminApplicationFilterSchema },
      responses: {
        200: json(
          z.object({
            items: z.array(rowSchema),
            cursor: z.string().optional().openapi({ description: 'Ask again with it for the next page' }),
          }),
          'A page of applications',
        ),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const page = await listApplicationsForAdmin(deps.core, requireUser(c), c.req.valid('query'));
      return c.json({ items: page.rows, ...(page.cursor ? { cursor: page.cursor } : {}) }, 200);
    },
  );
  return app;
}
