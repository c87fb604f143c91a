import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { getBoardApplication } from '../../core/board/board-application.service.js';
import type { AppDeps } from '../context.js';
import { requireUser } from '../context.js';
import { bearer, createApiRouter, json, problems, uuidParam } from './api-common.js';

const boardApplication = z
  .object({
    application: z
      .object({})
      .passthrough()
      .describe('Every field of the application, partners and budget included'),
    call: z.object({}).passthrough(),
    reviews: z
      .array(z.object({}).passthrough())
      .describe(
        'Each reviewer: a submitted review with its scores and comments; others with their status only',
      ),
    history: z.array(
      z.object({
        meetingId: z.string(),
        heldAt: z.string(),
        outcome: z.string().optional(),
        amountOre: z.int().optional(),
        recused: z.array(z.object({}).passthrough()),
      }),
    ),
    documents: z
      .array(
        z.object({
          id: z.string(),
          kind: z.string(),
          kindName: z.string(),
          kindNameEn: z.string().optional(),
          partner: z.string().optional().describe('The partner organisation a per-partner document is for'),
          name: z.string(),
          sizeBytes: z.int(),
          sha256: z.string().describe('The stored file’s SHA-256 (hex), taken at upload'),
          downloadable: z.boolean().describe('Whether GET /documents/{id}/download gives you the file now'),
        }),
      )
      .describe('The application’s kept documents'),
  })
  .openapi('BoardApplication');

/** The board's view of an application (issue 11). */
export function boardRoutes(deps: AppDeps) {
  const app = createApiRouter();
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getBoardApplication',
      path: '/board/applications/{applicationId}',
      summary:
        'The whole application as the board decides on it: fields, partners, budget, documents, reviews, decision history ' +
        '(board members free of conflict, the chair, admins; 403 RECUSED with the title for a conflicted member)',
      security: bearer,
      request: { params: uuidParam('applicationId') },
      responses: { 200: json(boardApplication, 'The application'), ...problems(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(await getBoardApplication(deps.core, requireUser(c), c.req.valid('param').applicationId), 200),
  );
  return app;
}
