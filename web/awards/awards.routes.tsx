import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { awardAcceptInputSchema } from '../../functions/core/finance/award.schema.js';
import {
  acceptAward,
  awardOfferOf,
  getAward,
  getAwardOffer,
} from '../../functions/core/finance/award.service.js';
import { canManageFinance } from '../../functions/core/finance/population.service.js';
import { reportSubmitInputSchema } from '../../functions/core/finance/report.schema.js';
import {
  getAwardReports,
  getReportForLead,
  submitReport,
} from '../../functions/core/finance/report.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { ApplicationView } from '../applications/applications.page.js';
import { Errors } from '../components/fields.js';
import { type FormState, formAction } from '../form-action.js';
import { field, formVersion } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { AwardAcceptSection, AwardPage } from './awards.page.js';
import { check } from './form-checks.js';
import { ReportsSection, type ReportValues, reportPrefix } from './reports.page.js';

/**
 * The "Bevilling" section of an application's page: for its owner once it is approved with an amount
 * (undefined for anyone else and for any other status; the service decides).
 */
export async function awardSection(
  deps: AppDeps,
  actor: Principal,
  lang: Lang,
  application: Application,
): Promise<Child | undefined> {
  const offer = await awardOfferOf(deps.core, actor, application);
  if (!offer) return undefined;
  return <AwardAcceptSection lang={lang} application={application} offer={offer} errors={new Errors(lang)} />;
}

/** The acceptance form as typed: whether the box was ticked, and the version of the terms shown. */
interface AcceptValues {
  declaration: boolean;
  termsVersion: string;
}

/** The applicant's side: accepting an approved application's award, reading an award, submitting its reports. */
export function awardRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  /** The application's page again, its award section showing what is wrong (not found for all but the owner). */
  const renderApplication = async (c: WebContext, applicationId: string, state: FormState<AcceptValues>) => {
    const { actor, lang } = webCtx(c);
    const { application, call, offer } = await getAwardOffer(deps.core, actor, applicationId);
    return page(
      c,
      application.title ?? texts[lang].application.newTitle,
      <ApplicationView
        lang={lang}
        application={application}
        call={call}
        award={
          offer && (
            <AwardAcceptSection lang={lang} application={application} offer={offer} errors={state.errors} />
          )
        }
      />,
      state.status,
    );
  };

  const applicationId = (c: WebContext) => c.req.param('id') ?? '';

  app.post(
    '/applications/:id/award',
    formAction({
      values: (body): AcceptValues => ({
        declaration: field(body, 'declaration') === 'true',
        termsVersion: field(body, 'termsVersion'),
      }),
      input: (values, read) => {
        check(read, values.declaration, '/declaration', 'DECLARATION_MISSING');
        return { declaration: values.declaration, termsVersion: values.termsVersion };
      },
      schema: awardAcceptInputSchema,
      run: (input, { c, ctx }) => acceptAward(deps.core, ctx, applicationId(c), input),
      done: (_, { c }) => `/applications/${applicationId(c)}#award`,
      render: (c, state) => renderApplication(c, applicationId(c), state),
    }),
  );

  const renderAward = async (
    c: WebContext,
    applicationId: string,
    options: {
      values?: Record<string, ReportValues>;
      errors?: Errors;
      notice?: string | undefined;
      status?: 200 | FormState<unknown>['status'];
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const [{ award, entries }, { reports, lead }] = await Promise.all([
      getAward(deps.core, actor, applicationId),
      getAwardReports(deps.core, actor, applicationId),
    ]);
    return page(
      c,
      `${texts[lang].award.title}: ${award.title ?? award.reference ?? ''}`,
      <AwardPage
        lang={lang}
        award={award}
        entries={entries}
        financeLink={canManageFinance(actor)}
        reports={
          <ReportsSection
            lang={lang}
            applicationId={applicationId}
            reports={reports}
            owner={lead}
            values={options.values ?? {}}
            errors={options.errors ?? new Errors(lang)}
            notice={options.notice}
          />
        }
      />,
      options.status ?? 200,
    );
  };

  app.get('/awards/:applicationId', (c) =>
    renderAward(c, c.req.param('applicationId'), {
      notice: c.req.query('submitted') ? texts[c.get('lang')].report.submitted : undefined,
    }),
  );

  app.post('/awards/:applicationId/reports/:reportId', async (c) => {
    const { actor, lang } = webCtx(c);
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    // The lead's form only: the others are refused (403, or 404 where they may not read the award) before
    // what they sent is read.
    await getReportForLead(deps.core, actor, id, reportId);
    const submit = formAction({
      pointerPrefix: reportPrefix(reportId),
      values: (body): ReportValues => ({ text: field(body, 'text'), spent: field(body, 'spent') }),
      input: (values, read) => {
        check(read, values.text.trim() !== '', '/text', 'REPORT_TEXT_MISSING');
        return { text: values.text, spentOre: read.kroner(values.spent, '/spentOre') };
      },
      schema: reportSubmitInputSchema,
      run: (input, { ctx, body }) =>
        submitReport(deps.core, ctx, id, reportId, input, formVersion(body) ?? -1),
      done: () => `/awards/${id}?submitted=1#reports`,
      render: (c, state) =>
        renderAward(c, id, {
          values: { [reportId]: state.values },
          // A stale form: the page says so in its own words, and shows the report as it is now.
          errors: state.conflict ? new Errors(lang, [{ pointer: '', code: 'REPORT_CHANGED' }]) : state.errors,
          status: state.status,
        }),
    });
    return submit(c);
  });

  return app;
}
