import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  CALL_STATUSES,
  callSchema,
  closeCallSchema,
  createCallSchema,
  reopenCallSchema,
  updateCallSchema,
} from '../../core/calls/call.schema.js';
import {
  closeCall,
  createCall,
  getCall,
  listCalls,
  openCall,
  reopenCall,
  updateCall,
} from '../../core/calls/call.service.js';
import type { AppDeps } from '../context.js';
import { ctx, ifMatchVersion, requireIfMatch, requireUser, withETag } from '../context.js';
import {
  bearer,
  createApiRouter,
  json,
  jsonBody,
  named,
  optionalBearer,
  problems,
  uuidParam,
  versionHeaders,
} from './api-common.js';

const callParam = uuidParam('callId');
const callResponse = named(callSchema, 'Call', 'A call for applications; money in øre, times in UTC');
const callInput = named(createCallSchema, 'CallInput', 'A new call');
const callPatch = named(updateCallSchema, 'CallPatch', 'Fields of a call to change');

export function callRoutes(deps: AppDeps) {
  const app = createApiRouter();

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listCalls',
      path: '/calls',
      summary: 'Open calls (anyone); admins may filter by status',
      security: optionalBearer,
      request: { query: z.object({ status: z.enum(CALL_STATUSES).optional() }) },
      responses: {
        200: json(z.object({ items: z.array(callResponse) }), 'Calls'),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { status } = c.req.valid('query');
      return c.json({ items: await listCalls(deps.core, c.get('principal'), status) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'createCall',
      path: '/calls',
      summary: 'Create a call in draft (admin)',
      security: bearer,
      request: { body: jsonBody(callInput) },
      responses: { 201: json(callResponse, 'The new call'), ...problems(400, 401, 403, 415) },
    }),
    async (c) => {
      const call = await createCall(deps.core, ctx(c), c.req.valid('json'));
      c.header('Location', `/api/calls/${call.id}`);
      return c.json(withETag(c, call), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getCall',
      path: '/calls/{callId}',
      summary: 'A call (drafts: admins only)',
      security: optionalBearer,
      request: { params: callParam },
      responses: { 200: json(callResponse, 'The call'), ...problems(400, 404) },
    }),
    async (c) =>
      c.json(withETag(c, await getCall(deps.core, c.get('principal'), c.req.valid('param').callId)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      operationId: 'updateCall',
      path: '/calls/{callId}',
      summary: 'Change a call that is not closed (admin); send If-Match',
      security: bearer,
      request: { params: callParam, headers: versionHeaders, body: jsonBody(callPatch) },
      responses: {
        200: json(callResponse, 'The changed call'),
        ...problems(400, 401, 403, 404, 409, 415, 428),
      },
    }),
    async (c) => {
      requireUser(c); // 401 before 428: an anonymous caller is told to sign in, not to send a version
      const version = requireIfMatch(c);
      const call = await updateCall(
        deps.core,
        ctx(c),
        c.req.valid('param').callId,
        c.req.valid('json'),
        version,
      );
      return c.json(withETag(c, call), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'openCall',
      path: '/calls/{callId}/open',
      summary: 'Open a draft call (admin)',
      security: bearer,
      request: { params: callParam, headers: versionHeaders },
      responses: { 200: json(callResponse, 'The call'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(
        withETag(c, await openCall(deps.core, ctx(c), c.req.valid('param').callId, ifMatchVersion(c))),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'closeCall',
      path: '/calls/{callId}/close',
      summary:
        'Close an open call (admin); before its deadline with a reason, and the owners of its drafts are told',
      security: bearer,
      request: {
        params: callParam,
        headers: versionHeaders,
        body: {
          ...jsonBody(named(closeCallSchema, 'CloseCall', 'Why the call closes early')),
          required: false,
        },
      },
      responses: { 200: json(callResponse, 'The call'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const call = await closeCall(
        deps.core,
        ctx(c),
        c.req.valid('param').callId,
        ifMatchVersion(c),
        // No body: nothing to say (enough once the deadline has passed).
        c.req.header('content-type') ? c.req.valid('json') : {},
      );
      return c.json(withETag(c, call), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'reopenCall',
      path: '/calls/{callId}/reopen',
      summary: 'Open a closed call again with a new deadline and a reason, until its review starts (admin)',
      security: bearer,
      request: {
        params: callParam,
        headers: versionHeaders,
        body: jsonBody(named(reopenCallSchema, 'ReopenCall', 'The new deadline and why')),
      },
      responses: { 200: json(callResponse, 'The call'), ...problems(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const call = await reopenCall(
        deps.core,
        ctx(c),
        c.req.valid('param').callId,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      return c.json(withETag(c, call), 200);
    },
  );
  return app;
}
