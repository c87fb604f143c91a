import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  applicationDraftSchema,
  applicationSchema,
  receiptSchema,
} from '../../core/applications/application.schema.js';
import {
  createDraft,
  getApplication,
  getReceipt,
  listCallApplications,
  listMyApplications,
  submitApplication,
  updateDraft,
  withdrawApplication,
} from '../../core/applications/application.service.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppDeps } from '../context.js';
import { ctx, ifMatchVersion, requireIfMatch, requireUser, withETag } from '../context.js';
import {
  bearer,
  createApiRouter,
  json,
  jsonBody,
  named,
  problems,
  uuidParam,
  versionHeaders,
} from './api-common.js';

const appParam = uuidParam('applicationId');
const applicationResponse = named(applicationSchema, 'Application', 'An application; money in øre');
const draftInput = named(
  applicationDraftSchema,
  'ApplicationDraft',
  'Fields of a draft: a field sent replaces, null clears, an absent one is kept',
);

export function applicationRoutes(deps: AppDeps) {
  const app = createApiRouter();
  const id = (c: { req: { valid(target: 'param'): Record<string, unknown> } }) =>
    c.req.valid('param').applicationId as string;

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'createApplicationDraft',
      path: '/calls/{callId}/applications',
      summary: 'Start a draft application under an open call (anyone signed in)',
      security: bearer,
      request: { params: uuidParam('callId'), body: jsonBody(draftInput) },
      responses: { 201: json(applicationResponse, 'The new draft'), ...problems(400, 401, 404, 415, 422) },
    }),
    async (c) => {
      const application = await createDraft(
        deps.core,
        ctx(c),
        c.req.valid('param').callId,
        c.req.valid('json'),
      );
      c.header('Location', `/api/applications/${application.id}`);
      return c.json(withETag(c, application), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listApplications',
      path: '/applications',
      summary: 'Your applications (mine=true), or a call’s submitted ones (callId, admins)',
      security: bearer,
      request: {
        query: z.object({ mine: z.enum(['true']).optional(), callId: z.uuid().optional() }),
      },
      responses: {
        200: json(z.object({ items: z.array(applicationResponse) }), 'Applications'),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const actor = requireUser(c);
      const { mine, callId } = c.req.valid('query');
      if (mine === 'true') {
        const items = await listMyApplications(deps.core, actor);
        return c.json({ items: items }, 200);
      }
      if (callId) return c.json({ items: await listCallApplications(deps.core, actor, callId) }, 200);
      throw new AppError(
        'VALIDATION_FAILED',
        { code: 'MINE_OR_CALL_ID' },
        { errors: [{ pointer: '/query/mine', code: 'REQUIRED' }] },
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getApplication',
      path: '/applications/{applicationId}',
      summary: 'An application (its owner; admins once submitted)',
      security: bearer,
      request: { params: appParam },
      responses: { 200: json(applicationResponse, 'The application'), ...problems(400, 401, 404) },
    }),
    async (c) => c.json(withETag(c, await getApplication(deps.core, requireUser(c), id(c))), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      operationId: 'updateApplicationDraft',
      path: '/applications/{applicationId}',
      summary: 'Save changes to your draft; send If-Match',
      security: bearer,
      request: { params: appParam, headers: versionHeaders, body: jsonBody(draftInput) },
      responses: {
        200: json(applicationResponse, 'The saved draft'),
        ...problems(400, 401, 403, 404, 409, 415, 428),
      },
    }),
    async (c) => {
      requireUser(c); // 401 before 428: an anonymous caller is told to sign in, not to send a version
      const version = requireIfMatch(c);
      const application = await updateDraft(deps.core, ctx(c), id(c), c.req.valid('json'), version);
      return c.json(withETag(c, application), 200);
    },
  );

  for (const [action, run] of [
    ['submit', submitApplication],
    ['withdraw', withdrawApplication],
  ] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        operationId: action === 'submit' ? 'submitApplication' : 'withdrawApplication',
        path: `/applications/{applicationId}/${action}`,
        summary:
          action === 'submit'
            ? 'Submit your draft; 422 lists every rule that failed'
            : 'Withdraw your application before review starts',
        security: bearer,
        request: { params: appParam, headers: versionHeaders },
        responses: {
          200: json(applicationResponse, 'The application'),
          ...problems(400, 401, 403, 404, 409, ...(action === 'submit' ? ([422] as const) : [])),
        },
      }),
      async (c) => c.json(withETag(c, await run(deps.core, ctx(c), id(c), ifMatchVersion(c))), 200),
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getApplicationReceipt',
      path: '/applications/{applicationId}/receipt',
      summary: 'The receipt of a submitted application',
      security: bearer,
      request: { params: appParam },
      responses: {
        200: json(named(receiptSchema, 'Receipt', 'Proof of submission'), 'The receipt'),
        ...problems(400, 401, 404, 409),
      },
    }),
    async (c) => c.json(await getReceipt(deps.core, requireUser(c), id(c)), 200),
  );
  return app;
}
