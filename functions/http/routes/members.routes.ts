import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { applicationSchema } from '../../core/applications/application.schema.js';
import {
  handOverSchema,
  invitationSchema,
  inviteSchema,
  memberSchema,
  membersSchema,
} from '../../core/applications/members.schema.js';
import {
  acceptInvitation,
  handOverApplication,
  inviteMember,
  listMembers,
  listMyInvitations,
  removeMember,
} from '../../core/applications/members.service.js';
import { getApplicationPrintout } from '../../core/applications/printout.service.js';
import { applicationPdf, applicationPdfName } from '../../pdf/application-pdf.js';
import { pdfHeaders, renderPdf } from '../../pdf/render.js';
import { LANGS, type Lang } from '../../texts/lang.js';
import type { AppDeps } from '../context.js';
import { ctx, ifMatchVersion, requireUser, withETag } from '../context.js';
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

/** Co-applicants (invitations, members, hand-over) and the application as a PDF. */
export function memberRoutes(deps: AppDeps) {
  const app = createApiRouter();
  const appParam = uuidParam('applicationId');
  const invitation = named(invitationSchema, 'Invitation', 'An invitation to co-apply, by e-mail');
  const member = named(memberSchema, 'Member', 'A co-applicant');

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'inviteMember',
      path: '/applications/{applicationId}/members',
      summary: 'Invite a co-applicant by e-mail (the owner); the invitation is e-mailed',
      security: bearer,
      request: { params: appParam, body: jsonBody(named(inviteSchema, 'InviteMember', 'Whom to invite')) },
      responses: { 201: json(invitation, 'The invitation'), ...problems(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => {
      const { applicationId } = c.req.valid('param');
      return c.json(await inviteMember(deps.core, ctx(c), applicationId, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listMembers',
      path: '/applications/{applicationId}/members',
      summary: 'The owner, the co-applicants and the invitations waiting (readers of the application)',
      security: bearer,
      request: { params: appParam },
      responses: {
        200: json(named(membersSchema, 'Members', 'Who is on an application'), 'The members'),
        ...problems(400, 401, 404),
      },
    }),
    async (c) =>
      c.json(await listMembers(deps.core, requireUser(c), c.req.valid('param').applicationId), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      operationId: 'removeMember',
      path: '/applications/{applicationId}/members/{memberId}',
      summary:
        'Remove a co-applicant (the owner), leave (the member themself), or revoke a waiting invitation (the owner, by its id)',
      security: bearer,
      request: {
        params: appParam.extend({
          memberId: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: 'memberId', in: 'path' } }),
        }),
      },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { applicationId, memberId } = c.req.valid('param');
      await removeMember(deps.core, ctx(c), applicationId, memberId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'handOverApplication',
      path: '/applications/{applicationId}/owner',
      summary:
        'Hand the application over to a co-applicant (the owner), who becomes its owner; If-Match optional',
      security: bearer,
      request: {
        params: appParam,
        headers: versionHeaders,
        body: jsonBody(named(handOverSchema, 'HandOver', 'The co-applicant to take over')),
      },
      responses: {
        200: json(named(applicationSchema, 'Application', 'An application; money in øre'), 'The application'),
        ...problems(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const application = await handOverApplication(
        deps.core,
        ctx(c),
        c.req.valid('param').applicationId,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      return c.json(withETag(c, application), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listMyInvitations',
      path: '/me/invitations',
      summary: 'The invitations waiting for your e-mail address',
      security: bearer,
      responses: { 200: json(z.object({ items: z.array(invitation) }), 'Invitations'), ...problems(401) },
    }),
    async (c) => c.json({ items: await listMyInvitations(deps.core, requireUser(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'acceptInvitation',
      path: '/invitations/{invitationId}/accept',
      summary: 'Join the application as a co-applicant (signed in with the address invited; else 404)',
      security: bearer,
      request: { params: uuidParam('invitationId') },
      responses: { 200: json(member, 'You are a co-applicant'), ...problems(400, 401, 404, 409) },
    }),
    async (c) => c.json(await acceptInvitation(deps.core, ctx(c), c.req.valid('param').invitationId), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getApplicationPdf',
      path: '/applications/{applicationId}/pdf',
      summary:
        'The application as a PDF (its readers), Danish unless ?lang=en or Accept-Language asks for English',
      security: bearer,
      request: { params: appParam, query: z.object({ lang: z.enum(LANGS as [Lang, ...Lang[]]).optional() }) },
      responses: {
        200: {
          description: 'The application as a PDF',
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(400, 401, 404),
      },
    }),
    async (c) => {
      const lang = c.req.valid('query').lang ?? c.get('lang');
      const printout = await getApplicationPrintout(
        deps.core,
        requireUser(c),
        c.req.valid('param').applicationId,
      );
      const pdf = await renderPdf(applicationPdf(lang, printout, deps.core.clock.now()));
      return c.body(pdf, 200, pdfHeaders(applicationPdfName(printout)));
    },
  );
  return app;
}
