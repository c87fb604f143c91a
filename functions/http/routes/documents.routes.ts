import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { documentSchema, documentUploadSchema } from '../../core/documents/document.schema.js';
import {
  completeUpload,
  deleteDocument,
  downloadDocument,
  listDocuments,
  requestUpload,
} from '../../core/documents/document.service.js';
import type { AppDeps } from '../context.js';
import { ctx, requireUser } from '../context.js';
import { bearer, createApiRouter, json, jsonBody, named, problems, uuidParam } from './api-common.js';

const appParam = uuidParam('applicationId');
const documentParams = z.object({ ...appParam.shape, ...uuidParam('documentId').shape });
const documentResponse = named(
  documentSchema,
  'Document',
  'An attached document: sizes in bytes; status uploaded (checked, not scanned: one machine), scanning, clean, rejected or infected',
);
const listedSchema = documentSchema.extend({
  kindName: z.string(),
  kindNameEn: z.string().optional(),
  downloadable: z.boolean().describe('Whether GET /documents/{id}/download gives you the file now'),
});

export function documentRoutes(deps: AppDeps) {
  const app = createApiRouter();

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'requestDocumentUpload',
      path: '/applications/{applicationId}/documents',
      summary:
        'Start an upload to your draft: POST multipart to upload.url with upload.fields and then `file`, then complete it',
      security: bearer,
      request: {
        params: appParam,
        body: jsonBody(named(documentUploadSchema, 'DocumentUpload', 'What is to be uploaded')),
      },
      responses: {
        201: json(
          z.object({
            id: z.string(),
            document: documentResponse,
            upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
            expiresAt: z.string(),
          }),
          'A presigned POST: its policy fixes the key, the content type and the size range',
        ),
        ...problems(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const ticket = await requestUpload(
        deps.core,
        ctx(c),
        c.req.valid('param').applicationId,
        c.req.valid('json'),
      );
      return c.json({ id: ticket.document.id, ...ticket }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'completeDocumentUpload',
      path: '/applications/{applicationId}/documents/{documentId}/complete',
      summary: 'Check the uploaded file (its size and, by its content, its type); 422 refuses it',
      security: bearer,
      request: { params: documentParams },
      responses: {
        200: json(documentResponse, 'The document, checked'),
        ...problems(400, 401, 404, 409, 422),
      },
    }),
    async (c) => {
      const { applicationId, documentId } = c.req.valid('param');
      return c.json(await completeUpload(deps.core, ctx(c), applicationId, documentId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listDocuments',
      path: '/applications/{applicationId}/documents',
      summary: 'The application’s documents you may see, and the kinds its call asks for',
      security: bearer,
      request: { params: appParam },
      responses: {
        200: json(
          z.object({ items: z.array(listedSchema), kinds: z.array(z.looseObject({ id: z.string() })) }),
          'Documents, oldest first',
        ),
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const { documents, kinds } = await listDocuments(
        deps.core,
        requireUser(c),
        c.req.valid('param').applicationId,
      );
      return c.json({ items: documents, kinds }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'downloadDocument',
      path: '/documents/{documentId}/download',
      summary:
        'A short-lived link to the file (302 to it), for those who may read it; `redirect=false` answers it as JSON',
      security: bearer,
      request: {
        params: uuidParam('documentId'),
        query: z.object({ redirect: z.enum(['true', 'false']).optional() }),
      },
      responses: {
        200: json(z.object({ url: z.string() }), 'The presigned GET (with redirect=false)'),
        302: { description: 'To a presigned GET of the file, as an attachment' },
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const url = await downloadDocument(deps.core, requireUser(c), c.req.valid('param').documentId);
      if (c.req.valid('query').redirect === 'false') return c.json({ url }, 200);
      return c.redirect(url, 302);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      operationId: 'deleteDocument',
      path: '/applications/{applicationId}/documents/{documentId}',
      summary: 'Delete a document of your draft',
      security: bearer,
      request: { params: documentParams },
      responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 404, 409) },
    }),
    async (c) => {
      const { applicationId, documentId } = c.req.valid('param');
      await deleteDocument(deps.core, ctx(c), applicationId, documentId);
      return c.body(null, 204);
    },
  );
  return app;
}
