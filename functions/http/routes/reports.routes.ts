import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  REPORT_ID,
  reportReturnInputSchema,
  reportSchema,
  reportSubmitInputSchema,
} from '../../core/finance/report.schema.js';
import { approveReport, listReports, returnReport, submitReport } from '../../core/finance/report.service.js';
import type { AppDeps } from '../context.js';
import { ctx, requireUser } from '../context.js';
import { bearer, createApiRouter, json, jsonBody, named, problems, uuidParam } from './api-common.js';

const report = named(
  reportSchema,
  'Report',
  'A report an award owes: due on dueDate (Copenhagen date); due → submitted → approved, or returned and submitted again',
);
const submitInput = named(
  reportSubmitInputSchema,
  'ReportSubmitInput',
  'The report’s text and, optionally, what the project has spent so far in øre',
);
const returnInput = named(reportReturnInputSchema, 'ReportReturnInput', 'Why the report is returned');
const appParam = uuidParam('applicationId');
const reportParams = appParam.extend({
  reportId: z
    .string()
    .regex(REPORT_ID)
    .openapi({ param: { name: 'reportId', in: 'path' }, description: 'progress-1, progress-2, … or final' }),
});

export function reportRoutes(deps: AppDeps) {
  const app = createApiRouter();

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listReports',
      path: '/awards/{applicationId}/reports',
      summary: 'An award’s reports with their due dates (its owner, finance, admins, the board; others 404)',
      security: bearer,
      request: { params: appParam },
      responses: { 200: json(z.object({ items: z.array(report) }), 'Reports'), ...problems(400, 401, 404) },
    }),
    async (c) =>
      c.json(
        { items: await listReports(deps.core, requireUser(c), c.req.valid('param').applicationId) },
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'submitReport',
      path: '/awards/{applicationId}/reports/{reportId}/submit',
      summary:
        'The project lead (the award’s owner) submits a report that is due or was returned (other readers 403, others 404)',
      security: bearer,
      request: { params: reportParams, body: jsonBody(submitInput) },
      responses: { 200: json(report, 'Submitted'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { applicationId, reportId } = c.req.valid('param');
      return c.json(await submitReport(deps.core, ctx(c), applicationId, reportId, c.req.valid('json')), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'approveReport',
      path: '/awards/{applicationId}/reports/{reportId}/approve',
      summary:
        'The board (not conflicted) or an admin approves a submitted report; approving the final report closes the award',
      security: bearer,
      request: { params: reportParams },
      responses: {
        200: json(z.object({ report, awardClosed: z.boolean() }), 'Approved'),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { applicationId, reportId } = c.req.valid('param');
      return c.json(await approveReport(deps.core, ctx(c), applicationId, reportId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'returnReport',
      path: '/awards/{applicationId}/reports/{reportId}/return',
      summary: 'The board (not conflicted) or an admin returns a submitted report with a reason',
      security: bearer,
      request: { params: reportParams, body: jsonBody(returnInput) },
      responses: { 200: json(report, 'Returned'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { applicationId, reportId } = c.req.valid('param');
      return c.json(await returnReport(deps.core, ctx(c), applicationId, reportId, c.req.valid('json')), 200);
    },
  );
  return app;
}
