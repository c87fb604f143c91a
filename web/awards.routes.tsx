import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { Application } from '../functions/core/applications/application.schema.js';
import { getApplication } from '../functions/core/applications/application.service.js';
import type { Principal } from '../functions/core/auth/principal.js';
import {
  awardAcceptInputSchema,
  awardMovementInputSchema,
  awardView,
} from '../functions/core/finance/award.schema.js';
import {
  acceptAward,
  closeAward,
  getAward,
  listAwards,
  recordDisbursement,
  recordRefund,
} from '../functions/core/finance/award.service.js';
import { canManageFinance } from '../functions/core/finance/population.service.js';
import { reportSubmitInputSchema } from '../functions/core/finance/report.schema.js';
import { listReports, submitReport } from '../functions/core/finance/report.service.js';
import { kronerText, toDanishCsv } from '../functions/core/shared/csv.js';
import { AppError, errorsOf, type FieldError, forbidden, notFound } from '../functions/core/shared/errors.js';
import { copenhagenDate } from '../functions/core/shared/time.js';
import { parseInput } from '../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { formatKr, parseKrInput } from '../functions/texts/format.js';
import { say, texts } from '../functions/texts/index.js';
import type { Lang } from '../functions/texts/lang.js';
import { Errors } from './components/fields.js';
import { type FormBody, field, formVersion } from './forms.js';
import {
  AwardAcceptSection,
  AwardPage,
  AwardsListPage,
  FinanceAwardPage,
  type MovementValues,
  ReportsSection,
  type ReportValues,
  reportPointer,
  type TrancheValues,
} from './pages/awards.js';
import { ApplicationView } from './pages/public.js';
import { page, type WebContext, webCtx } from './render.js';

const isCode = (error: unknown, ...codes: string[]): error is AppError =>
  error instanceof AppError && codes.includes(error.code);

const STATUS = {
  VALIDATION_FAILED: 400,
  RULES_FAILED: 422,
  INVALID_STATE: 409,
  VERSION_CONFLICT: 409,
} as const;
type FormStatus = 400 | 409 | 422;
const statusOf = (error: AppError): FormStatus => STATUS[error.code as keyof typeof STATUS] ?? 422;

/** The figures a refusal carries in its detail: "amountOre=1 remainingOre=2 (…)" -> {amountOre: 1, …}. */
function figures(detail: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of detail.matchAll(/(\w+)=(-?\d+)/g)) if (m[1] && m[2]) out[m[1]] = Number(m[2]);
  return out;
}

/** A refusal in the reader's words, with the figures as kroner (INSUFFICIENT_FUNDS, OVER_REMAINING, …). */
function explain(errors: readonly FieldError[], lang: Lang): FieldError[] {
  const a = texts[lang].award;
  const kr = (ore: number | undefined) => formatKr(ore ?? 0, lang);
  return errors.map((e) => {
    const n = figures('detail' in e ? e.detail : '');
    switch (e.code) {
      case 'INSUFFICIENT_FUNDS':
        return { ...e, detail: a.insufficient(kr(n.amountOre), kr(n.grantAvailableOre)) };
      case 'OVER_REMAINING':
        return {
          ...e,
          detail: a.overRemaining(kr(n.amountOre), kr(n.remainingOre), kr(n.awardOre), kr(n.disbursedOre)),
        };
      case 'OVER_DISBURSED':
        return {
          ...e,
          detail: a.overDisbursed(
            kr(n.amountOre),
            kr(n.refundableOre),
            kr(n.disbursedOre),
            kr(n.refundedOre),
          ),
        };
      case 'IDEMPOTENCY_KEY_REUSED':
        return { ...e, pointer: '', detail: a.keyReused };
      default:
        return e;
    }
  });
}

/** A refusal as problems: its field errors, or its message when it names no field. */
const problemsOf = (error: AppError, lang: Lang): FieldError[] => explain(errorsOf(error), lang);

/**
 * The "Bevilling" section of an approved application's page, for its owner only (undefined for anyone else
 * and for any other status).
 */
export async function awardSection(
  deps: AppDeps,
  actor: Principal,
  lang: Lang,
  application: Application,
  options: { errors?: FieldError[]; problems?: FieldError[] } = {},
): Promise<Child | undefined> {
  if (application.status !== 'approved' || application.ownerId !== actor.userId) return undefined;
  if (!application.decision?.amountOre) return undefined;
  const award = await deps.core.awards.get(application.id);
  return (
    <AwardAcceptSection
      lang={lang}
      application={application}
      award={award ? awardView(award) : undefined}
      errors={new Errors(lang, options.errors ?? [])}
      problems={options.problems ?? []}
    />
  );
}

/** The applicant's side: accepting an approved application's award, and reading an award. */
export function awardRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  const renderApplication = async (
    c: WebContext,
    applicationId: string,
    options: { errors?: FieldError[]; problems?: FieldError[] },
    status: FormStatus,
  ) => {
    const { actor, lang } = webCtx(c);
    const application = await getApplication(deps.core, actor, applicationId);
    const call = await deps.core.calls.get(application.callId);
    return page(
      c,
      application.title ?? texts[lang].application.newTitle,
      <ApplicationView
        lang={lang}
        application={application}
        call={call}
        award={await awardSection(deps, actor, lang, application, options)}
      />,
      status,
    );
  };

  app.post('/applications/:id/award', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('id');
    const application = await getApplication(deps.core, ctx.actor, id);
    // Only the owner accepts; to anyone else the form does not exist (as the API answers).
    if (application.ownerId !== ctx.actor.userId) throw notFound('application');
    const body = await c.req.parseBody();
    if (field(body, 'declaration') !== 'true') {
      const detail = texts[ctx.lang].award.declarationMissing;
      return renderApplication(
        c,
        id,
        { errors: [{ pointer: '/declaration', code: 'required', detail }] },
        400,
      );
    }
    try {
      const input = parseInput(awardAcceptInputSchema, {
        declaration: true,
        termsVersion: field(body, 'termsVersion'),
      });
      await acceptAward(deps.core, ctx, id, input);
      return c.redirect(`/applications/${id}#award`, 303);
    } catch (error) {
      if (isCode(error, 'VALIDATION_FAILED', 'RULES_FAILED', 'INVALID_STATE', 'VERSION_CONFLICT'))
        return renderApplication(c, id, { problems: problemsOf(error, ctx.lang) }, statusOf(error));
      throw error;
    }
  });

  const renderAward = async (
    c: WebContext,
    applicationId: string,
    options: {
      values?: Record<string, ReportValues>;
      errors?: FieldError[];
      notice?: string | undefined;
      status?: 200 | FormStatus;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const { award, entries } = await getAward(deps.core, actor, applicationId);
    const reports = await listReports(deps.core, actor, applicationId);
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
            owner={award.ownerId === actor.userId}
            values={options.values ?? {}}
            errors={new Errors(lang, options.errors ?? [])}
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
    const ctx = webCtx(c);
    const r = texts[ctx.lang].report;
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    // Who may not read the award gets 404, its other readers 403 (as the service answers).
    const reports = await listReports(deps.core, ctx.actor, id);
    const award = await deps.core.awards.get(id);
    if (award?.ownerId !== ctx.actor.userId) throw forbidden();
    const report = reports.find((x) => x.reportId === reportId);
    if (!report) throw notFound('report');
    const body = await c.req.parseBody();
    const values: ReportValues = { text: field(body, 'text'), spent: field(body, 'spent') };
    const again = (errors: FieldError[], status: FormStatus) =>
      renderAward(c, id, { values: { [reportId]: values }, errors, status });
    const stale = (detail: string) => again([{ pointer: '', code: 'VERSION_CONFLICT', detail }], 409);
    if (formVersion(body) !== report.version) return stale(r.conflict);
    const errors: FieldError[] = [];
    if (!values.text.trim())
      errors.push({ pointer: reportPointer(reportId, 'text'), code: 'required', detail: r.textMissing });
    const spentOre = values.spent.trim() ? parseKrInput(values.spent) : undefined;
    if (values.spent.trim() && spentOre === undefined)
      errors.push({
        pointer: reportPointer(reportId, 'spentOre'),
        code: 'not_an_amount',
        detail: r.notAnAmount,
      });
    if (errors.length) return again(errors, 400);
    try {
      const input = parseInput(reportSubmitInputSchema, {
        text: values.text,
        ...(spentOre !== undefined ? { spentOre } : {}),
      });
      await submitReport(deps.core, ctx, id, reportId, input);
      return c.redirect(`/awards/${id}?submitted=1#reports`, 303);
    } catch (e) {
      if (isCode(e, 'INVALID_STATE', 'VERSION_CONFLICT'))
        return stale(e.code === 'VERSION_CONFLICT' ? r.conflict : say(ctx.lang, e.reason));
      if (isCode(e, 'VALIDATION_FAILED', 'RULES_FAILED'))
        return again(
          problemsOf(e, ctx.lang).map((x) => ({
            ...x,
            pointer: x.pointer ? `/reports/${reportId}${x.pointer}` : '',
          })),
          statusOf(e),
        );
      throw e;
    }
  });

  return app;
}

/** Under /finance: every award, one award with its tranche, refund and close forms, and the CSV. */
export function financeAwardRoutes(deps: AppDeps) {
  const finance = new Hono<AppEnv>();
  finance.use('/awards', guard);
  finance.use('/awards/*', guard);
  finance.use('/awards.csv', guard);

  finance.get('/awards', async (c) => {
    const { actor, lang } = webCtx(c);
    const awards = await listAwards(deps.core, actor, false);
    return page(c, texts[lang].award.listTitle, <AwardsListPage lang={lang} awards={awards} />);
  });

  finance.get('/awards.csv', async (c) => {
    const { actor, lang } = webCtx(c);
    const h = texts[lang].award.csvHeader;
    const statuses = texts[lang].award.statuses;
    const awards = await listAwards(deps.core, actor, false);
    const header = [
      h.reference,
      h.title,
      h.owner,
      h.year,
      h.committed,
      h.disbursed,
      h.refunded,
      h.remaining,
      h.status,
      h.committedAt,
    ];
    const rows = awards.map((w) => [
      w.reference,
      w.title,
      w.ownerName,
      w.year,
      kronerText(w.amountOre),
      kronerText(w.disbursedOre),
      kronerText(w.refundedOre),
      kronerText(w.remainingOre),
      statuses[w.status],
      w.committedAt,
    ]);
    return c.body(toDanishCsv(header, rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="fim-bevillinger.csv"',
      'Cache-Control': 'no-store',
    });
  });

  const today = () => copenhagenDate(deps.core.clock.now());
  const emptyTranche = (): TrancheValues => ({
    amount: '',
    paidOn: today(),
    reference: '',
    idempotencyKey: crypto.randomUUID(),
  });
  const emptyRefund = (): MovementValues => ({ amount: '', paidOn: today(), reference: '' });

  const render = async (
    c: WebContext,
    applicationId: string,
    options: {
      tranche?: TrancheValues;
      refund?: MovementValues;
      errors?: FieldError[];
      notice?: string;
      status?: 200 | FormStatus;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const { award, entries } = await getAward(deps.core, actor, applicationId);
    return page(
      c,
      `${texts[lang].award.title}: ${award.title ?? award.reference ?? ''}`,
      <FinanceAwardPage
        lang={lang}
        award={award}
        entries={entries}
        tranche={options.tranche ?? emptyTranche()}
        refund={options.refund ?? emptyRefund()}
        errors={new Errors(lang, options.errors ?? [])}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  finance.get('/awards/:applicationId', (c) => {
    const a = texts[c.get('lang')].award;
    const notice = c.req.query('paid')
      ? a.trancheRecorded
      : c.req.query('refunded')
        ? a.refundRecorded
        : c.req.query('closed')
          ? a.closed
          : undefined;
    return render(c, c.req.param('applicationId'), notice ? { notice } : {});
  });

  /** The movement form's fields, its amount read as kroner; a field error when it is no amount above 0. */
  const readMovement = (body: FormBody, prefix: string, lang: Lang) => {
    const f = texts[lang].finance;
    const values: MovementValues = {
      amount: field(body, 'amount'),
      paidOn: field(body, 'paidOn'),
      reference: field(body, 'reference'),
    };
    const amountOre = parseKrInput(values.amount);
    const error: FieldError | undefined =
      amountOre === undefined || amountOre <= 0
        ? {
            pointer: `${prefix}/amountOre`,
            code: 'not_an_amount',
            detail: amountOre === undefined ? f.notAnAmount : f.notPositive,
          }
        : undefined;
    return { values, amountOre: amountOre ?? 0, error };
  };

  /** The service's pointers under the form's: /amountOre -> /tranche/amountOre; headers name no field. */
  const under = (prefix: string, errors: FieldError[]): FieldError[] =>
    errors.map((e) => ({
      ...e,
      pointer: e.pointer && !e.pointer.startsWith('/headers') ? `${prefix}${e.pointer}` : '',
    }));

  finance.post('/awards/:applicationId/disbursements', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const body = await c.req.parseBody();
    const { values, amountOre, error } = readMovement(body, '/tranche', ctx.lang);
    const tranche: TrancheValues = {
      ...values,
      idempotencyKey: field(body, 'idempotencyKey') || crypto.randomUUID(),
    };
    if (error) return render(c, id, { tranche, errors: [error], status: 400 });
    try {
      const input = parseInput(awardMovementInputSchema, {
        amountOre,
        paidOn: values.paidOn,
        reference: values.reference,
      });
      await recordDisbursement(deps.core, ctx, id, input, tranche.idempotencyKey);
      return c.redirect(`/finance/awards/${id}?paid=1`, 303);
    } catch (e) {
      if (isCode(e, 'VALIDATION_FAILED', 'RULES_FAILED', 'INVALID_STATE', 'VERSION_CONFLICT')) {
        const reused = e.errors.some((x) => x.code === 'IDEMPOTENCY_KEY_REUSED');
        return render(c, id, {
          tranche: reused ? { ...tranche, idempotencyKey: crypto.randomUUID() } : tranche,
          errors: under('/tranche', problemsOf(e, ctx.lang)),
          status: statusOf(e),
        });
      }
      throw e;
    }
  });

  finance.post('/awards/:applicationId/refunds', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const body = await c.req.parseBody();
    const { values, amountOre, error } = readMovement(body, '/refund', ctx.lang);
    if (error) return render(c, id, { refund: values, errors: [error], status: 400 });
    try {
      const input = parseInput(awardMovementInputSchema, {
        amountOre,
        paidOn: values.paidOn,
        reference: values.reference,
      });
      await recordRefund(deps.core, ctx, id, input);
      return c.redirect(`/finance/awards/${id}?refunded=1`, 303);
    } catch (e) {
      if (isCode(e, 'VALIDATION_FAILED', 'RULES_FAILED', 'INVALID_STATE', 'VERSION_CONFLICT'))
        return render(c, id, {
          refund: values,
          errors: under('/refund', problemsOf(e, ctx.lang)),
          status: statusOf(e),
        });
      throw e;
    }
  });

  finance.post('/awards/:applicationId/close', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    try {
      await closeAward(deps.core, ctx, id);
      return c.redirect(`/finance/awards/${id}?closed=1`, 303);
    } catch (e) {
      if (isCode(e, 'INVALID_STATE', 'VERSION_CONFLICT')) {
        const detail =
          e.code === 'VERSION_CONFLICT' ? texts[ctx.lang].award.conflict : say(ctx.lang, e.reason);
        return render(c, id, {
          errors: [{ pointer: '', code: e.code, detail }],
          status: 409,
        });
      }
      throw e;
    }
  });

  return finance;
}

async function guard(c: WebContext, next: () => Promise<void>) {
  if (!canManageFinance(webCtx(c).actor)) throw forbidden();
  await next();
}
