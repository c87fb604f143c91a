import { Hono } from 'hono';
import {
  getOverview,
  type Overview,
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../../functions/core/finance/contribution.service.js';
import { yearSettingsInputSchema } from '../../functions/core/finance/finance.schema.js';
import { getBalanceChart } from '../../functions/core/finance/ledger.service.js';
import { listPartyDetails } from '../../functions/core/finance/parties.service.js';
import { AppError, errorsOf, type FieldError, versionConflict } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { STATUS_OF } from '../../functions/http/problem.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import type { FieldReader } from '../field-reader.js';
import { formAction } from '../form-action.js';
import { digits, type FormBody, field, formVersion, readBody } from '../forms.js';
import { page, type WebContext, type WebRequestContext, webCtx } from '../render.js';
import { countsOf, yearOf } from './finance-context.js';
import { type SettingsValues, settingsValues, YearPage } from './years.page.js';

const settingsFromBody = (body: FormBody): SettingsValues => ({
  referenceYear: field(body, 'referenceYear'),
  dueDate: field(body, 'dueDate'),
  municipalityRate: field(body, 'municipalityRate'),
  regionRate: field(body, 'regionRate'),
  numerator: field(body, 'numerator'),
  denominator: field(body, 'denominator'),
  payee: field(body, 'payee'),
  registrationNumber: field(body, 'registrationNumber'),
  accountNumber: field(body, 'accountNumber'),
});

/**
 * The settings form's text as the API's input. Every figure must be given: the schema's defaults are for API
 * clients that leave a whole group out, not for a field someone emptied.
 */
function settingsInput(values: SettingsValues, read: FieldReader) {
  const given = <T,>(text: string, pointer: string, reader: (text: string, pointer: string) => T) => {
    if (text.trim() !== '') return reader(text, pointer);
    read.errors.push({ pointer, code: 'REQUIRED' });
    return undefined;
  };
  const whole = (text: string, pointer: string) => read.whole(text, pointer, 4);
  const kroner = (text: string, pointer: string) => read.kroner(text, pointer);
  return {
    referenceYear: given(values.referenceYear, '/referenceYear', whole),
    dueDate: values.dueDate.trim(),
    rates: {
      municipalityOre: given(values.municipalityRate, '/rates/municipalityOre', kroner),
      regionOre: given(values.regionRate, '/rates/regionOre', kroner),
    },
    grantShare: {
      numerator: given(values.numerator, '/grantShare/numerator', whole),
      denominator: given(values.denominator, '/grantShare/denominator', whole),
    },
    paymentDetails: paymentDetailsInput(values, read),
  };
}

/**
 * The payment details as typed: none when all three are empty (the year waits for them before its demands go
 * out), otherwise all three, each one left empty named beside its field. Numbers lose their spaces and dashes.
 */
function paymentDetailsInput(values: SettingsValues, read: FieldReader) {
  const typed = {
    payee: values.payee.trim(),
    registrationNumber: digits(values.registrationNumber),
    accountNumber: digits(values.accountNumber),
  };
  if (Object.values(typed).every((v) => v === '')) return undefined;
  for (const [name, value] of Object.entries(typed)) {
    if (value === '') read.errors.push({ pointer: `/paymentDetails/${name}`, code: 'REQUIRED' });
  }
  return typed;
}

/** The run's and the sending's refusals the year page shows: parties without figures, a year not set up. */
const isYearRefusal = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === 'RULES_FAILED' || error.code === 'VERSION_CONFLICT');

/** A year: its settings, the run, the sending of the demands, the overview and its charts. */
export function yearRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  const renderYear = async (
    c: WebContext,
    options: {
      values?: SettingsValues;
      errors?: Errors;
      problems?: FieldError[];
      conflict?: boolean;
      notice?: string;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const year = yearOf(c);
    let overview: Overview | undefined;
    try {
      overview = await getOverview(deps.core, actor, year);
    } catch (error) {
      // A year not set up yet: its page is the settings form.
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
    const [chart, parties] = overview
      ? await Promise.all([getBalanceChart(deps.core, actor, year), listPartyDetails(deps.core, actor)])
      : [{ openingOre: 0, points: [] }, []];
    return page(
      c,
      texts[lang].finance.yearTitle(year),
      <YearPage
        lang={lang}
        year={year}
        overview={overview}
        points={chart.points}
        openingOre={chart.openingOre}
        unreachable={parties.filter((p) => !p.invoiceEmail)}
        values={options.values ?? settingsValues(overview?.settings, year)}
        errors={options.errors ?? new Errors(lang)}
        problems={options.problems ?? []}
        conflict={options.conflict ?? false}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/years/:year', (c) => {
    const f = texts[webCtx(c).lang].finance;
    const ran = countsOf(c, 'created', 'recomputed', 'unchanged', 'differing');
    const sent = countsOf(c, 'sent', 'already', 'noaddress');
    const notice = c.req.query('saved')
      ? f.saved
      : ran
        ? f.ran(...ran)
        : sent
          ? f.sentNotice(...sent)
          : undefined;
    return renderYear(c, notice ? { notice } : {});
  });

  app.post(
    '/years/:year/settings',
    formAction({
      values: settingsFromBody,
      input: settingsInput,
      schema: yearSettingsInputSchema,
      run: async (input, { c, ctx, body }) => {
        // No version: the form was read before the year existed, so it creates (and is refused if the year
        // was set up meanwhile).
        const version = formVersion(body);
        try {
          return await saveYearSettings(deps.core, ctx, yearOf(c), input, version);
        } catch (error) {
          if (error instanceof AppError && error.code === 'PRECONDITION_REQUIRED') throw versionConflict();
          throw error;
        }
      },
      done: (_, { c }) => `/finance/years/${yearOf(c)}?saved=1`,
      render: (c, state) =>
        state.conflict
          ? renderYear(c, { conflict: true, status: 409 })
          : renderYear(c, { values: state.values, errors: state.errors, status: state.status }),
    }),
  );

  /**
   * A button of the year page (run, send): no fields, so no form helper. The service's refusal is shown on the
   * year page, in its list of problems; otherwise it redirects with the counts for the notice.
   */
  const yearButton =
    (act: (ctx: WebRequestContext, year: number) => Promise<string>) => async (c: WebContext) => {
      const ctx = webCtx(c);
      await readBody(c);
      const year = yearOf(c);
      try {
        return c.redirect(`/finance/years/${year}?${await act(ctx, year)}`, 303);
      } catch (error) {
        if (!isYearRefusal(error)) throw error;
        return renderYear(c, { problems: errorsOf(error), status: STATUS_OF[error.code] as 409 | 422 });
      }
    };

  app.post(
    '/years/:year/run',
    yearButton(async (ctx, year) => {
      const r = await runContributions(deps.core, ctx, year);
      return `created=${r.created.length}&recomputed=${r.recomputed.length}&unchanged=${r.unchanged.length}&differing=${r.sentDiffering.length}`;
    }),
  );

  app.post(
    '/years/:year/send',
    yearButton(async (ctx, year) => {
      const r = await sendContributions(deps.core, ctx, year);
      return `sent=${r.sent.length}&already=${r.alreadySent.length}&noaddress=${r.noAddress.length}`;
    }),
  );
  return app;
}
