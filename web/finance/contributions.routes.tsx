import { Hono } from 'hono';
import {
  getContribution,
  recordAdjustment,
  recordPayment,
} from '../../functions/core/finance/contribution.service.js';
import { adjustmentInputSchema, paymentInputSchema } from '../../functions/core/finance/finance.schema.js';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { type FormState, formAction } from '../form-action.js';
import { type MovementFormValues, movementValues } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { ContributionPage } from './contributions.page.js';
import { yearOf } from './finance-context.js';

const partyOf = (c: WebContext): string => c.req.param('partyId') ?? '';
const contributionPath = (c: WebContext): string => `/finance/years/${yearOf(c)}/parties/${partyOf(c)}`;

/** One party's contribution for a year: payments (each booked once per form) and adjustments. */
export function contributionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // A fresh payment form: today's date, and a key of its own so a second post of it books nothing twice.
  const emptyPayment = (): MovementFormValues => ({
    amount: '',
    paidOn: copenhagenDate(deps.core.clock.now()),
    reference: '',
    idempotencyKey: crypto.randomUUID(),
  });

  const renderContribution = async (
    c: WebContext,
    options: {
      payment?: MovementFormValues;
      adjustment?: MovementFormValues;
      errors?: Errors;
      notice?: string;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const year = yearOf(c);
    const { contribution, entries } = await getContribution(deps.core, actor, year, partyOf(c));
    return page(
      c,
      `${contribution.partyName} ${year}`,
      <ContributionPage
        lang={lang}
        year={year}
        contribution={contribution}
        entries={entries}
        payment={options.payment ?? emptyPayment()}
        adjustment={options.adjustment ?? { amount: '', reason: '' }}
        errors={options.errors ?? new Errors(lang)}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/years/:year/parties/:partyId', (c) => {
    const f = texts[webCtx(c).lang].finance;
    const notice = c.req.query('paid')
      ? f.paymentRecorded
      : c.req.query('adjusted')
        ? f.adjustmentRecorded
        : undefined;
    return renderContribution(c, notice ? { notice } : {});
  });

  /** The form again after a refusal; a key already used for another payment is swapped for a fresh one. */
  const renderPayment = (c: WebContext, state: FormState<MovementFormValues>) => {
    const reused = state.error?.errors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED') ?? false;
    return renderContribution(c, {
      payment: reused ? { ...state.values, idempotencyKey: crypto.randomUUID() } : state.values,
      errors: state.errors,
      status: state.status,
    });
  };

  app.post(
    '/years/:year/parties/:partyId/payments',
    formAction({
      values: (body) => movementValues(body, { paidOn: true, reference: true, idempotent: true }),
      input: (values, read) => {
        const amountOre = read.kroner(values.amount, '/amountOre');
        // The schema counts øre ("at least 1"); the form speaks of kroner.
        if (amountOre === 0) read.errors.push({ pointer: '/amountOre', code: 'AMOUNT_NOT_POSITIVE' });
        return { amountOre, paidOn: values.paidOn, reference: values.reference };
      },
      schema: paymentInputSchema,
      run: (input, { c, ctx, values }) =>
        recordPayment(deps.core, ctx, yearOf(c), partyOf(c), input, values.idempotencyKey),
      done: (_, { c }) => `${contributionPath(c)}?paid=1`,
      render: renderPayment,
      pointerPrefix: '/payment',
    }),
  );

  app.post(
    '/years/:year/parties/:partyId/adjustments',
    formAction({
      values: (body) => movementValues(body, { reason: true }),
      input: (values, read) => ({
        amountOre: read.signedKroner(values.amount, '/amountOre'),
        reason: values.reason,
      }),
      schema: adjustmentInputSchema,
      run: (input, { c, ctx }) => recordAdjustment(deps.core, ctx, yearOf(c), partyOf(c), input),
      done: (_, { c }) => `${contributionPath(c)}?adjusted=1`,
      render: (c, state) =>
        renderContribution(c, { adjustment: state.values, errors: state.errors, status: state.status }),
      pointerPrefix: '/adjustment',
    }),
  );
  return app;
}
