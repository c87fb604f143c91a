import { Hono } from 'hono';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import {
  createDraft,
  getApplication,
  getApplicationWithCall,
  getReceipt,
  listMyApplicationsWithCalls,
  submitApplication,
  updateDraft,
  withdrawApplication,
} from '../../functions/core/applications/application.service.js';
import { listMyInvitations } from '../../functions/core/applications/members.service.js';
import { listAwards } from '../../functions/core/finance/award.service.js';
import { searchOrganisations } from '../../functions/core/organisations/organisation.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { awardSection } from '../awards/awards.routes.js';
import { Errors } from '../components/fields.js';
import { noticeOf } from '../components/notice.js';
import { documentsSection } from '../documents/documents.routes.js';
import { type FormState, formAction } from '../form-action.js';
import { formVersion, readBody } from '../forms.js';
import { receiptNotice } from '../messages/messages.routes.js';
import { page, type WebContext, webCtx } from '../render.js';
import {
  type ApplicationFormValues,
  applicationInput,
  readAction,
  valuesFromBody,
} from './application-form.js';
import { ApplicationFormPage, valuesFromApplication } from './application-form.page.js';
import { ApplicationView, MyApplicationsPage, ReceiptPage, WithdrawPage } from './applications.page.js';
import { MyInvitations } from './members.page.js';

/** The applicant's pages: starting an application, the form, the list of one's own, withdrawal and receipt. */
export function applicationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/calls/:callId/apply', async (c) => {
    const application = await createDraft(deps.core, webCtx(c), c.req.param('callId'), {});
    return c.redirect(`/applications/${application.id}`, 303);
  });

  app.get('/applications', async (c) => {
    const { actor, lang } = webCtx(c);
    const [items, awards, invitations] = await Promise.all([
      listMyApplicationsWithCalls(deps.core, actor),
      listAwards(deps.core, actor, true),
      listMyInvitations(deps.core, actor),
    ]);
    return page(
      c,
      texts[lang].mine.title,
      <MyApplicationsPage
        lang={lang}
        items={items}
        awarded={new Set(awards.map((a) => a.applicationId))}
        invitations={<MyInvitations lang={lang} invitations={invitations} />}
        notice={c.req.query('left') ? texts[lang].members.left : undefined}
      />,
    );
  });

  /** The owner's draft as a form (again, with what was typed and what is wrong); anything else read-only. */
  const renderApplication = async (
    c: WebContext,
    applicationId: string,
    state?: FormState<ApplicationFormValues>,
    notice?: string,
  ) => {
    const { actor, lang } = webCtx(c);
    const { application, call, editable, withdrawable, owner } = await getApplicationWithCall(
      deps.core,
      actor,
      applicationId,
    );
    const title = application.title || texts[lang].application.newTitle;
    const documents = await documentsSection(deps, actor, lang, applicationId, c.req.query('document'));
    if (editable && call) {
      return page(
        c,
        title,
        <ApplicationFormPage
          lang={lang}
          call={call}
          application={application}
          values={state?.values ?? valuesFromApplication(application)}
          errors={state?.errors ?? new Errors(lang)}
          notice={notice}
          conflict={state?.conflict}
          owner={owner}
          documents={documents}
          organisations={await searchOrganisations(deps.core, '')}
        />,
        state?.status ?? 200,
      );
    }
    // A refusal of a form this reader cannot edit (submitted meanwhile) is shown as the refusal it is.
    if (state?.error) throw state.error;
    const [award, receiptMail] = await Promise.all([
      awardSection(deps, actor, lang, application),
      application.reference ? receiptNotice(deps, { actor, lang }, application) : undefined,
    ]);
    const view = (
      <ApplicationView
        lang={lang}
        application={application}
        call={call}
        withdrawable={withdrawable}
        award={award}
        receiptMail={receiptMail}
        documents={documents}
      />
    );
    return page(c, title, view, state?.status ?? 200);
  };

  app.get('/applications/:id', (c) =>
    renderApplication(
      c,
      c.req.param('id'),
      undefined,
      noticeOf((flag) => c.req.query(flag), {
        saved: texts[c.get('lang')].form.saved,
        joined: texts[c.get('lang')].invitation.accepted,
      }),
    ),
  );

  // Every button of the form saves what was typed first; submit then submits, add and remove come back to
  // the rows they changed.
  app.post(
    '/applications/:id',
    formAction({
      values: valuesFromBody,
      input: applicationInput,
      schema: applicationDraftSchema,
      run: async (input, { c, ctx, body }) => {
        const id = c.req.param('id') ?? '';
        const saved = await updateDraft(deps.core, ctx, id, input, formVersion(body) ?? -1);
        if (readAction(body).kind === 'submit') await submitApplication(deps.core, ctx, id, saved.version);
        return saved;
      },
      done: (saved, { body }) => {
        const action = readAction(body);
        const base = `/applications/${saved.id}`;
        if (action.kind === 'submit') return `${base}/receipt`;
        if (action.kind === 'save') return `${base}?saved=1`;
        return `${base}#f-${action.group}`;
      },
      render: (c, state) => renderApplication(c, c.req.param('id') ?? '', state),
    }),
  );

  app.get('/applications/:id/withdraw', async (c) => {
    const { actor, lang } = webCtx(c);
    const application = await getApplication(deps.core, actor, c.req.param('id'));
    return page(c, texts[lang].application.withdraw, <WithdrawPage lang={lang} application={application} />);
  });

  app.post('/applications/:id/withdraw', async (c) => {
    const id = c.req.param('id');
    await withdrawApplication(deps.core, webCtx(c), id, formVersion(await readBody(c)) ?? -1);
    return c.redirect(`/applications/${id}`, 303);
  });

  app.get('/applications/:id/receipt', async (c) => {
    const { actor, lang } = webCtx(c);
    const receipt = await getReceipt(deps.core, actor, c.req.param('id'));
    const mail = await receiptNotice(
      deps,
      { actor, lang },
      { id: receipt.applicationId, ownerEmail: receipt.applicant.email },
    );
    return page(
      c,
      `${texts[lang].receipt.title} ${receipt.reference}`,
      <ReceiptPage lang={lang} receipt={receipt} mail={mail} />,
    );
  });
  return app;
}
