import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { getMeetingPack, meetingPackKey } from '../../core/board/meeting-pack.service.js';
import { meetingSchema } from '../../core/decisions/decision.schema.js';
import { minutesCorrectionSchema, minutesVersionSchema } from '../../core/decisions/minutes.schema.js';
import { approveMinutes, correctMinutes, getMeetingMinutes } from '../../core/decisions/minutes.service.js';
import {
  MEETING_PACK_FORMAT,
  meetingPackName,
  meetingPackPdf,
  minutesPdf,
  minutesPdfName,
} from '../../pdf/board-pdf.js';
import { pdfEtag, pdfHeaders, renderPdf, unchanged } from '../../pdf/render.js';
import { LANGS, type Lang } from '../../texts/lang.js';
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
const langQuery = z.object({ lang: z.enum(LANGS as [Lang, ...Lang[]]).optional() });
const pdfResponse = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
});

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
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMinutesPdf',
      path: '/meetings/{meetingId}/minutes.pdf',
      summary:
        'The minutes as a PDF (board, admins): every decision with its words, attendees, recusals and why, the ' +
        'version and its approval; Danish unless ?lang=en or Accept-Language asks for English',
      security: bearer,
      request: { params: meetingParam, query: langQuery },
      responses: { 200: pdfResponse('The minutes as a PDF'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const lang = c.req.valid('query').lang ?? c.get('lang');
      const minutes = await getMeetingMinutes(deps.core, requireUser(c), c.req.valid('param').meetingId);
      const pdf = await renderPdf(minutesPdf(lang, minutes, deps.core.clock.now()));
      return c.body(pdf, 200, pdfHeaders(minutesPdfName(minutes.meeting)));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMeetingPack',
      path: '/meetings/{meetingId}/pack',
      summary:
        'The meeting pack as a PDF, the reader’s own (board, chair, admins): the ranking and each application ' +
        'of the meeting with its reviews, what the reader is conflicted on as its title only. Its ETag is a ' +
        'hash of what it shows: If-None-Match answers 304 while nothing in it changed',
      security: bearer,
      request: { params: meetingParam, query: langQuery },
      responses: {
        200: pdfResponse('The meeting pack as a PDF'),
        304: { description: 'Nothing in the pack changed since the reader’s copy' },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const lang = c.req.valid('query').lang ?? c.get('lang');
      const pack = await getMeetingPack(deps.core, requireUser(c), c.req.valid('param').meetingId);
      const etag = pdfEtag(meetingPackKey(pack, lang, MEETING_PACK_FORMAT));
      if (unchanged(c.req.header('if-none-match'), etag))
        return c.body(null, 304, { ETag: etag, 'Cache-Control': 'private, no-cache' });
      const pdf = await renderPdf(meetingPackPdf(lang, pack, deps.core.clock.now()));
      return c.body(pdf, 200, pdfHeaders(meetingPackName(pack), etag));
    },
  );
  return app;
}
