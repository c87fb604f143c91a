import { Hono } from 'hono';
import * as z from 'zod';
import { getApplicationWithCall } from '../../functions/core/applications/application.service.js';
import { handOverSchema, inviteSchema } from '../../functions/core/applications/members.schema.js';
import {
  acceptInvitation,
  getInvitation,
  handOverApplication,
  inviteMember,
  listMembers,
  removeMember,
} from '../../functions/core/applications/members.service.js';
import { getApplicationPrintout } from '../../functions/core/applications/printout.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { applicationPdf, applicationPdfName } from '../../functions/pdf/application-pdf.js';
import { pdfHeaders, renderPdf } from '../../functions/pdf/render.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { noticeOf } from '../components/notice.js';
import { type FormState, formAction } from '../form-action.js';
import { field, formVersion } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { InvitationPage, type MembersFormValues, MembersPage } from './members.page.js';

/** A button's form: nothing to type, the same schema as the API's bodiless call. */
const noFields = z.strictObject({});
const noValues = (): MembersFormValues => ({ email: '', memberId: '' });

/** Co-applicants: the members page (invite, remove, leave, hand over), invitations, and the PDF. */
export function memberRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const id = (c: WebContext) => c.req.param('id') ?? '';

  const renderMembers = async (c: WebContext, state?: FormState<MembersFormValues>) => {
    const { actor, lang } = webCtx(c);
    const [{ application, owner }, members] = await Promise.all([
      getApplicationWithCall(deps.core, actor, id(c)),
      listMembers(deps.core, actor, id(c)),
    ]);
    const m = texts[lang].members;
    return page(
      c,
      m.title,
      <MembersPage
        lang={lang}
        application={application}
        members={members}
        owner={owner}
        me={actor.userId}
        values={state?.values ?? noValues()}
        errors={state?.errors ?? new Errors(lang)}
        notice={noticeOf((flag) => c.req.query(flag), {
          invited: m.invited,
          removed: m.removed,
          handedOver: m.handedOver,
        })}
      />,
      state?.status ?? 200,
    );
  };

  app.get('/applications/:id/members', (c) => renderMembers(c));

  app.post(
    '/applications/:id/members',
    formAction({
      values: (body) => ({ email: field(body, 'email').trim(), memberId: '' }),
      input: (v) => ({ email: v.email }),
      schema: inviteSchema,
      run: (input, { c, ctx }) => inviteMember(deps.core, ctx, id(c), input),
      done: (invitation) => `/applications/${invitation.applicationId}/members?invited=1`,
      render: renderMembers,
    }),
  );

  app.post(
    '/applications/:id/members/:memberId/remove',
    formAction({
      values: noValues,
      input: () => ({}),
      schema: noFields,
      run: async (_input, { c, ctx }) => {
        const memberId = c.req.param('memberId') ?? '';
        await removeMember(deps.core, ctx, id(c), memberId);
        return memberId === ctx.actor.userId;
      },
      done: (left, { c }) => (left ? '/applications?left=1' : `/applications/${id(c)}/members?removed=1`),
      render: renderMembers,
    }),
  );

  app.post(
    '/applications/:id/owner',
    formAction({
      values: (body) => ({ email: '', memberId: field(body, 'memberId') }),
      input: (v) => ({ memberId: v.memberId }),
      schema: handOverSchema,
      run: (input, { c, ctx, body }) =>
        handOverApplication(deps.core, ctx, id(c), input, formVersion(body) ?? -1),
      done: (application) => `/applications/${application.id}/members?handedOver=1`,
      render: renderMembers,
    }),
  );

  const renderInvitation = async (c: WebContext, state?: FormState<MembersFormValues>) => {
    const { actor, lang } = webCtx(c);
    const invitation = await getInvitation(deps.core, actor, id(c));
    return page(
      c,
      texts[lang].invitation.title,
      <InvitationPage lang={lang} invitation={invitation} errors={state?.errors ?? new Errors(lang)} />,
      state?.status ?? 200,
    );
  };

  app.get('/invitations/:id', (c) => renderInvitation(c));

  app.post(
    '/invitations/:id/accept',
    formAction({
      values: noValues,
      input: () => ({}),
      schema: noFields,
      run: (_input, { c, ctx }) => acceptInvitation(deps.core, ctx, id(c)),
      done: (member) => `/applications/${member.applicationId}?joined=1`,
      render: renderInvitation,
    }),
  );

  // Built when asked for, streamed as it is made; never on a page view.
  app.get('/applications/:id/pdf', async (c) => {
    const { actor, lang } = webCtx(c);
    const asked = c.req.query('lang');
    const printout = await getApplicationPrintout(deps.core, actor, id(c));
    const pdf = await renderPdf(
      applicationPdf(asked === 'en' || asked === 'da' ? asked : lang, printout, deps.core.clock.now()),
    );
    return c.body(pdf, 200, pdfHeaders(applicationPdfName(printout)));
  });
  return app;
}
