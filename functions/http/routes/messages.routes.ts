import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  MESSAGE_FAILURES,
  MESSAGE_STATUSES,
  type StoredMessage,
} from '../../core/messages/message.schema.js';
import {
  getMessage,
  listMessages,
  listMyMessages,
  MESSAGE_PAGE_MAX,
  messageFilterSchema,
  resendMessage,
} from '../../core/messages/messages.service.js';
import { composedMail, MAIL_KINDS } from '../../texts/index.js';
import type { AppDeps } from '../context.js';
import { ctx, requireIfMatch, requireUser, withETag } from '../context.js';
import { bearer, createApiRouter, json, problems, uuidParam, versionHeaders } from './api-common.js';

const CASE_KINDS = ['application', 'award', 'party', 'meeting', 'call', 'user'] as const;

const message = z
  .object({
    id: z.string(),
    createdAt: z.string().describe('When it was queued (UTC)'),
    kind: z.string().describe('What the message is (application.receipt, contribution.demand, …)'),
    params: z.record(z.string(), z.unknown()).describe('The values its text speaks of (amounts in øre)'),
    to: z.string().describe('The recipient’s address; empty when none was known (then failed, NO_ADDRESS)'),
    case: z.object({ kind: z.enum(CASE_KINDS), id: z.string() }).describe('What the message concerns'),
    link: z.string().describe('The path of the page it concerns'),
    status: z.enum(MESSAGE_STATUSES).describe('pending → sending → sent, or failed, bounced, complained'),
    attempts: z.int().describe('Sends tried so far'),
    sentAt: z.string().optional(),
    failure: z
      .object({ reason: z.enum(MESSAGE_FAILURES), detail: z.string().optional(), at: z.string() })
      .optional()
      .describe('Why it did not reach its reader'),
    resendOf: z.string().optional().describe('The message this one sends again'),
    resentAs: z
      .string()
      .optional()
      .describe('The message that sent this one again (a message is resent once)'),
    version: z.int(),
  })
  .openapi('Message');

const messageWithText = message
  .extend({
    mail: z
      .object({ subject: z.string(), body: z.string() })
      .optional()
      .describe('The e-mail as composed, Danish first, then English (absent when it cannot be composed)'),
  })
  .openapi('MessageWithText');

const messagePage = z.object({
  items: z.array(message),
  cursor: z.string().optional().describe('Send it back for the next page; absent on the last'),
});

const messageParam = uuidParam('messageId');
const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MESSAGE_PAGE_MAX).optional(),
  cursor: z.string().max(500).optional(),
});
const filterQuery = pageQuery.extend(messageFilterSchema.shape).extend({
  kind: messageFilterSchema.shape.kind.describe(`A kind of message: ${MAIL_KINDS.join(', ')}`),
  recipient: messageFilterSchema.shape.recipient.describe(
    'Only the messages to this address (any case). With status or kind, those filter within each page: a page may hold fewer than `limit`; follow the cursor',
  ),
});

/** A message as the API shows it: the sender's lease and header id stay inside. */
function view(m: StoredMessage): z.infer<typeof message> {
  return {
    id: m.id,
    createdAt: m.createdAt,
    kind: m.kind,
    params: { ...m.params },
    to: m.to,
    case: m.case,
    link: m.link,
    status: m.status,
    attempts: m.attempts,
    ...(m.sentAt ? { sentAt: m.sentAt } : {}),
    ...(m.failure ? { failure: m.failure } : {}),
    ...(m.resendOf ? { resendOf: m.resendOf } : {}),
    ...(m.resentAs ? { resentAs: m.resentAs } : {}),
    version: m.version,
  };
}

const pageOf = (q: z.infer<typeof pageQuery>) => ({
  ...(q.limit ? { limit: q.limit } : {}),
  ...(q.cursor ? { cursor: q.cursor } : {}),
});

/** "Mine beskeder" and the admin's (and finance's) list with resend. */
export function messageRoutes(deps: AppDeps) {
  const app = createApiRouter();

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listMyMessages',
      path: '/me/messages',
      summary: 'The messages sent (or to be sent) to your address, newest first, a page at a time',
      security: bearer,
      request: { query: pageQuery },
      responses: { 200: json(messagePage, 'Messages'), ...problems(400, 401) },
    }),
    async (c) => {
      const page = await listMyMessages(deps.core, ctx(c), pageOf(c.req.valid('query')));
      return c.json({ items: page.items.map(view), ...(page.cursor ? { cursor: page.cursor } : {}) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getMessage',
      path: '/me/messages/{messageId}',
      summary:
        'One message in full, with its text as composed: your own; admins any, finance the parties’ (others 404)',
      security: bearer,
      request: { params: messageParam },
      responses: { 200: json(messageWithText, 'The message'), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const m = await getMessage(deps.core, ctx(c), c.req.valid('param').messageId);
      const mail = composedMail(m);
      return c.json(
        withETag(c, { ...view(m), ...(mail ? { mail: { subject: mail.subject, body: mail.body } } : {}) }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listMessages',
      path: '/admin/messages',
      summary:
        'Every message (admins) or the parties’ (finance), newest first, by status and kind, or to one recipient',
      security: bearer,
      request: { query: filterQuery },
      responses: { 200: json(messagePage, 'Messages'), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { status, kind, recipient, ...page } = c.req.valid('query');
      const found = await listMessages(
        deps.core,
        ctx(c),
        { ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(recipient ? { recipient } : {}) },
        pageOf(page),
      );
      return c.json({ items: found.items.map(view), ...(found.cursor ? { cursor: found.cursor } : {}) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'resendMessage',
      path: '/admin/messages/{messageId}/resend',
      summary:
        'Send a failed, bounced or complained message again as a new message (admins; finance the parties’); send If-Match',
      security: bearer,
      request: { params: messageParam, headers: versionHeaders },
      responses: {
        201: json(message, 'The new message, queued'),
        ...problems(400, 401, 403, 404, 409, 428),
      },
    }),
    async (c) => {
      requireUser(c); // 401 before 428
      const version = requireIfMatch(c);
      const copy = await resendMessage(deps.core, ctx(c), c.req.valid('param').messageId, version);
      return c.json(withETag(c, view(copy)), 201);
    },
  );
  return app;
}
