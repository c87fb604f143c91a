import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { awardMovementInputSchema } from '../../functions/core/finance/award.schema.js';
import {
  closeAward,
  getAward,
  listAwards,
  recordDisbursement,
  recordRefund,
} from '../../functions/core/finance/award.service.js';
import { canManageFinance } from '../../functions/core/finance/population.service.js';
import { kronerText, toDanishCsv } from '../../functions/core/shared/csv.js';
import { AppError, errorsOf, forbidden } from '../../functions/core/shared/errors.js';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { STATUS_OF } from '../../functions/http/problem.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { Errors } from '../components/fields.js';
import { type FormState, formAction } from '../form-action.js';
import { type MovementFormValues, movementValues } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { AwardsListPage, FinanceAwardPage } from './finance-awards.page.js';
import { movementInput } from './form-checks.js';

/** The page's own words for a stale form: the award changed since the page was read. */
const awardChanged = (lang: Lang) => new Errors(lang, [{ pointer: '', code: 'AWARD_CHANGED' }]);

/** Under /finance: every award, one award with its tranche, refund and close forms, and the CSV. */
export function financeAwardRoutes(deps: AppDeps) {
  const finance = new Hono<AppEnv>();
  // The finance area is refused as a whole to everyone else (the services decide so again), before a form
  // of theirs is read.
  for (const path of ['/awards', '/awards/*', '/awards.csv']) finance.use(path, guard);

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
  const emptyTranche = (): MovementFormValues => ({
    amount: '',
    paidOn: today(),
    reference: '',
    idempotencyKey: crypto.randomUUID(),
  });
  const emptyRefund = (): MovementFormValues => ({ amount: '', paidOn: today(), reference: '' });

  const render = async (
    c: WebContext,
    applicationId: string,
    options: {
      tranche?: MovementFormValues;
      refund?: MovementFormValues;
      errors?: Errors;
      notice?: string | undefined;
      status?: ContentfulStatusCode;
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
        errors={options.errors ?? new Errors(lang)}
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
    return render(c, c.req.param('applicationId'), { notice });
  });

  const awardId = (c: WebContext) => c.req.param('applicationId') ?? '';
  /** A refused form's errors: the page's own words when the award changed meanwhile. */
  const errorsOfState = (c: WebContext, state: FormState<MovementFormValues>) =>
    state.conflict ? awardChanged(webCtx(c).lang) : state.errors;

  finance.post(
    '/awards/:applicationId/disbursements',
    formAction({
      pointerPrefix: '/tranche',
      values: (body) => movementValues(body, { paidOn: true, reference: true, idempotent: true }),
      input: movementInput,
      schema: awardMovementInputSchema,
      run: (input, { c, ctx, values }) =>
        recordDisbursement(deps.core, ctx, awardId(c), input, values.idempotencyKey),
      done: (_, { c }) => `/finance/awards/${awardId(c)}?paid=1`,
      render: (c, state) => {
        // The form's key was claimed by a different tranche: a new key, so the corrected form can be sent.
        const reused = state.error?.errors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED') ?? false;
        return render(c, awardId(c), {
          tranche: reused ? { ...state.values, idempotencyKey: crypto.randomUUID() } : state.values,
          errors: reused
            ? new Errors(webCtx(c).lang, [{ pointer: '', code: 'TRANCHE_FORM_REUSED' }])
            : errorsOfState(c, state),
          status: state.status,
        });
      },
    }),
  );

  finance.post(
    '/awards/:applicationId/refunds',
    formAction({
      pointerPrefix: '/refund',
      values: (body) => movementValues(body, { paidOn: true, reference: true }),
      input: movementInput,
      schema: awardMovementInputSchema,
      run: (input, { c, ctx }) => recordRefund(deps.core, ctx, awardId(c), input),
      done: (_, { c }) => `/finance/awards/${awardId(c)}?refunded=1`,
      render: (c, state) =>
        render(c, awardId(c), {
          refund: state.values,
          errors: errorsOfState(c, state),
          status: state.status,
        }),
    }),
  );

  finance.post('/awards/:applicationId/close', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    try {
      await closeAward(deps.core, ctx, id);
      return c.redirect(`/finance/awards/${id}?closed=1`, 303);
    } catch (error) {
      // Closed already, or changed meanwhile: the award's page says so, as it is now.
      if (
        error instanceof AppError &&
        (error.code === 'INVALID_STATE' || error.code === 'VERSION_CONFLICT')
      ) {
        return render(c, id, {
          errors:
            error.code === 'VERSION_CONFLICT'
              ? awardChanged(ctx.lang)
              : new Errors(ctx.lang, errorsOf(error)),
          status: STATUS_OF[error.code],
        });
      }
      throw error;
    }
  });

  return finance;
}

async function guard(c: WebContext, next: () => Promise<void>) {
  if (!canManageFinance(webCtx(c).actor)) throw forbidden();
  await next();
}
