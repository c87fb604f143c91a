import { createRoute, z } from '@hono/zod-openapi';
import { meetingSchema } from '../../core/decisions/decision.schema.js';
import { minutesCorrectionSchema, minutesVersionSchema } from '../../core/decisions/minutes.schema.js';
import { approveMinutes, correctMinutes, getMeetingMinutes } from '../../core/decisions/minutes.service.js';
import type { AppDeps } from '../context.js';
import { ctx, requireUser } from '../context.js';
import { bearer, createApiRouter, json, jsonBody, named, problems, uuidParam } from './api-common.js';

const minutesResponse = named(
  z.object({
    meeting: meetingSchema,
    versions: z.array(minutesVersionSchema),
  }),
  'Minutes',
  'A meeting and every version of its minutes, oldest first (the last is the current one)',
);
const meetingParam = uuidParam('meetingId');

/** The minutes of a board meeting: read, approved by the chair, corrected by a new version. */
export function minutesRoutes(deps: AppDeps) {
  const app = createApiRouter();
  const answer = (minutes: Awaited<ReturnType<typeof getMeetingMinutes>>) => ({
    meeting: minutes.meeting,
    versions: minutes.versions,
  });

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMinutes',
      path: '/meetings/{meetingId}/minutes',
      summary: 'A meeting’s minutes with each decision’s justification and conditions (board, admins)',
      security: bearer,
      request: { params: meetingParam },
      responses: { 200: json(minutesResponse, 'The minutes'), ...problems(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(answer(await getMeetingMinutes(deps.core, requireUser(c), c.req.valid('param').meetingId)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'approveMinutes',
      path: '/meetings/{meetingId}/minutes/approve',
      summary: 'The chair approves the current version of the minutes; approved minutes are locked',
      security: bearer,
      request: { params: meetingParam },
      responses: { 200: json(minutesResponse, 'The minutes'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(answer(await approveMinutes(deps.core, ctx(c), c.req.valid('param').meetingId)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'correctMinutes',
      path: '/meetings/{meetingId}/minutes/corrections',
      summary: 'A correction of approved minutes: a new version with its reason (the chair, admins)',
      security: bearer,
      request: {
        params: meetingParam,
        body: jsonBody(named(minutesCorrectionSchema, 'MinutesCorrection', 'Why, and the words that change')),
      },
      responses: { 201: json(minutesResponse, 'The minutes'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        answer(await correctMinutes(deps.core, ctx(c), c.req.valid('param').meetingId, c.req.valid('json'))),
        201,
      ),
  );
  return app;
}
