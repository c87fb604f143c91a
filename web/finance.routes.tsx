import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { openingAvailable } from '../functions/core/finance/balances.js';
import {
  getContribution,
  getOverview,
  getYearSettings,
  type Overview,
  recordAdjustment,
  recordPayment,
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../functions/core/finance/contribution.service.js';
import {
  adjustmentInputSchema,
  type LedgerEntry,
  MAX_YEAR,
  MIN_YEAR,
  paymentInputSchema,
  type YearSettings,
  yearSettingsInputSchema,
} from '../functions/core/finance/finance.schema.js';
import {
  getBalances,
  LEDGER_PAGE_DEFAULT,
  LEDGER_PAGE_MAX,
  listLedger,
} from '../functions/core/finance/ledger.service.js';
import { partyFunding } from '../functions/core/finance/party-funding.service.js';
import {
  applyPopulationImport,
  canManageFinance,
  type ImportPreview,
  listParties,
  previewPopulationImport,
} from '../functions/core/finance/population.service.js';
import { decodeImport } from '../functions/core/finance/population-import.js';
import { kronerText, toDanishCsv } from '../functions/core/shared/csv.js';
import {
  AppError,
  errorsOf,
  type FieldError,
  forbidden,
  notFound,
  reasonAsError,
} from '../functions/core/shared/errors.js';
import { copenhagenDate } from '../functions/core/shared/time.js';
import { parseInput } from '../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { MAX_BODY_BYTES } from '../functions/http/limits.js';
import { parseKrInput } from '../functions/texts/format.js';
import { texts } from '../functions/texts/index.js';
import type { Lang } from '../functions/texts/lang.js';
import { Errors } from './components/fields.js';
import { type FormBody, field, formVersion } from './forms.js';
import {
  FinanceHomePage,
  ImportPage,
  type SettingsValues,
  settingsValues,
  statusText,
  YearPage,
} from './pages/finance.js';
import { type AdjustmentValues, ContributionPage, type PaymentValues } from './pages/finance-contribution.js';
import { LedgerPage } from './pages/finance-ledger.js';
import { PoolPage } from './pages/finance-pool.js';
import { PartiesPage, PartyPage } from './pages/party.js';
import { page, type WebContext, webCtx } from './render.js';

/** The import form's address; web.routes.tsx leaves its body to the import's own, larger limit below. */
export const IMPORT_PATH = '/finance/populations/import';

/**
 * The import form carries the file (at most the API's MAX_BODY_BYTES, refused beside the field above that)
 * and the text of the preview. The envelope may be larger so that a file just over the limit reaches the
 * route and gets its field error; beyond the envelope the form gets the same error without being read.
 */
const IMPORT_FORM_MAX_BYTES = 4 * MAX_BODY_BYTES;
const MAX_FILE_KB = Math.floor(MAX_BODY_BYTES / 1024);

/** Control characters no CSV export holds (NUL, …): a spreadsheet, an image or UTF-16 rather than text. */
const looksBinary = (bytes: Uint8Array): boolean =>
  bytes.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d);

type ImportText = { text: string } | { error: FieldError; status: 413 | 422 };

/** The import's text: a chosen file (decoded as the API decodes a text/csv body) wins over the pasted text. */
async function readImportText(body: FormBody, lang: Lang): Promise<ImportText> {
  const f = texts[lang].finance;
  const file = body.file;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_BODY_BYTES)
      return {
        error: { pointer: '/file', code: 'FILE_TOO_LARGE', detail: f.fileTooLarge(MAX_FILE_KB) },
        status: 413,
      };
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (looksBinary(bytes))
      return { error: { pointer: '/file', code: 'NOT_TEXT', detail: f.fileNotText }, status: 422 };
    return { text: decodeImport(bytes) };
  }
  const text = field(body, 'csv');
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES)
    return {
      error: { pointer: '/csv', code: 'TEXT_TOO_LARGE', detail: f.csvTooLarge(MAX_FILE_KB) },
      status: 413,
    };
  return { text };
}

/** The most ledger entries read for the balance chart and the ledger export (50 pages of 200). */
const LEDGER_PAGES = 50;

const parseYear = (text: string): number => {
  if (!/^\d{4}$/.test(text)) throw notFound('year');
  const year = Number(text);
  if (year < MIN_YEAR || year > MAX_YEAR) throw notFound('year');
  return year;
};

const isCode = (error: unknown, ...codes: string[]): error is AppError =>
  error instanceof AppError && codes.includes(error.code);

/** The settings form's strings as the API's input; numbers that are no numbers are the form's errors. */
function readSettings(values: SettingsValues, lang: Lang): { input: unknown; errors: FieldError[] } {
  const f = texts[lang].finance;
  const errors: FieldError[] = [];
  const whole = (text: string, pointer: string, detail: string) => {
    if (!/^\d{1,4}$/.test(text.trim())) {
      errors.push({ pointer, code: 'not_a_number', detail });
      return undefined;
    }
    return Number(text.trim());
  };
  const rate = (text: string, pointer: string) => {
    const ore = parseKrInput(text);
    if (ore === undefined) errors.push({ pointer, code: 'not_an_amount', detail: f.notAnAmount });
    return ore;
  };
  const input = {
    referenceYear: whole(values.referenceYear, '/referenceYear', f.notAYear),
    dueDate: values.dueDate.trim(),
    rates: {
      municipalityOre: rate(values.municipalityRate, '/rates/municipalityOre'),
      regionOre: rate(values.regionRate, '/rates/regionOre'),
    },
    grantShare: {
      numerator: whole(values.numerator, '/grantShare/numerator', f.notAWhole),
      denominator: whole(values.denominator, '/grantShare/denominator', f.notAWhole),
    },
  };
  return { input, errors };
}

const settingsFromBody = (body: FormBody): SettingsValues => ({
  referenceYear: field(body, 'referenceYear'),
  dueDate: field(body, 'dueDate'),
  municipalityRate: field(body, 'municipalityRate'),
  regionRate: field(body, 'regionRate'),
  numerator: field(body, 'numerator'),
  denominator: field(body, 'denominator'),
});

/** A signed amount in kroner: -1.000 · +250,50 · 300. */
function parseSignedKr(text: string): number | undefined {
  const m = /^\s*([-+−])?\s*(.+)$/.exec(text);
  if (!m?.[2]) return undefined;
  const ore = parseKrInput(m[2]);
  if (ore === undefined) return undefined;
  return m[1] === '-' || m[1] === '−' ? -ore : ore;
}

/** Prefixes the service's pointers with the form they belong to: /amountOre -> /payment/amountOre. */
const under = (prefix: string, errors: FieldError[]): FieldError[] =>
  errors.map((e) => ({ ...e, pointer: e.pointer.startsWith('/headers') ? '' : `${prefix}${e.pointer}` }));

/** Finance pages (finance staff and administrators): populations, the year, contributions and exports. */
export function financeRoutes(deps: AppDeps) {
  const finance = new Hono<AppEnv>();
  finance.use('*', async (c, next) => {
    if (!canManageFinance(webCtx(c).actor)) throw forbidden();
    await next();
  });

  finance.get('/', (c) => {
    const { lang } = webCtx(c);
    const thisYear = Number(copenhagenDate(deps.core.clock.now()).slice(0, 4));
    return page(c, texts[lang].finance.title, <FinanceHomePage lang={lang} thisYear={thisYear} />);
  });

  // The pool over the years: each year's balance with what it carried in and out, and the pool overall.
  finance.get('/balances', async (c) => {
    const { actor, lang } = webCtx(c);
    const { pool, years } = await getBalances(deps.core, actor);
    return page(c, texts[lang].finance.poolTitle, <PoolPage lang={lang} pool={pool} years={years} />);
  });

  finance.get('/years', (c) => {
    webCtx(c);
    const year = parseYear((c.req.query('year') ?? '').trim());
    return c.redirect(`/finance/years/${year}`, 303);
  });

  // Population import: preview, then apply all or nothing.
  finance.get('/populations/import', (c) => {
    const { lang } = webCtx(c);
    const written = c.req.query('written');
    const figures = c.req.query('figures');
    const notice =
      written !== undefined && /^\d{1,3}$/.test(written) && /^\d{1,3}$/.test(figures ?? '')
        ? texts[lang].finance.applied(Number(written), Number(figures))
        : undefined;
    return page(
      c,
      texts[lang].finance.importTitle,
      <ImportPage lang={lang} csv="" problems={[]} notice={notice} maxFileKb={MAX_FILE_KB} />,
    );
  });

  const importPage = (
    c: WebContext,
    props: { csv: string; problems?: FieldError[]; errors?: FieldError[]; preview?: ImportPreview },
    status: 200 | 409 | 413 | 422 = 200,
  ) => {
    const { lang } = webCtx(c);
    return page(
      c,
      texts[lang].finance.importTitle,
      <ImportPage
        lang={lang}
        csv={props.csv}
        preview={props.preview}
        problems={props.problems ?? []}
        errors={new Errors(lang, props.errors ?? [])}
        maxFileKb={MAX_FILE_KB}
      />,
      status,
    );
  };

  finance.post(
    IMPORT_PATH.replace('/finance', ''),
    bodyLimit({
      maxSize: IMPORT_FORM_MAX_BYTES,
      onError: (c) =>
        importPage(
          c,
          {
            csv: '',
            errors: [
              {
                pointer: '/file',
                code: 'FILE_TOO_LARGE',
                detail: texts[webCtx(c).lang].finance.fileTooLarge(MAX_FILE_KB),
              },
            ],
          },
          413,
        ),
    }),
    async (c) => {
      const ctx = webCtx(c);
      const body = await c.req.parseBody();
      const read = await readImportText(body, ctx.lang);
      if ('error' in read)
        return importPage(c, { csv: field(body, 'csv'), errors: [read.error] }, read.status);
      const csv = read.text;
      try {
        if (field(body, '_action') === 'apply') {
          const result = await applyPopulationImport(deps.core, ctx, csv);
          return c.redirect(
            `/finance/populations/import?written=${result.written}&figures=${result.rows.length}`,
            303,
          );
        }
        const preview = await previewPopulationImport(deps.core, ctx.actor, csv);
        return importPage(c, { csv, preview });
      } catch (error) {
        if (isCode(error, 'RULES_FAILED', 'VALIDATION_FAILED', 'VERSION_CONFLICT')) {
          const problems = error.errors.length ? error.errors : [reasonAsError(error)];
          return importPage(c, { csv, problems }, error.code === 'VERSION_CONFLICT' ? 409 : 422);
        }
        throw error;
      }
    },
  );

  // The year: settings, run, send, overview and charts.
  const readLedger = async (c: WebContext, year: number): Promise<LedgerEntry[]> => {
    const { actor } = webCtx(c);
    const entries: LedgerEntry[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < LEDGER_PAGES; i++) {
      const pageOf = await listLedger(deps.core, actor, year, {
        limit: LEDGER_PAGE_MAX,
        ...(cursor ? { cursor } : {}),
      });
      entries.push(...pageOf.items);
      cursor = pageOf.cursor;
      if (!cursor) break;
    }
    return entries;
  };

  const renderYear = async (
    c: WebContext,
    year: number,
    options: {
      values?: SettingsValues;
      errors?: FieldError[];
      problems?: FieldError[];
      notice?: string;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    let settings: YearSettings | undefined;
    let overview: Overview | undefined;
    try {
      settings = await getYearSettings(deps.core, actor, year);
      overview = await getOverview(deps.core, actor, year);
    } catch (error) {
      if (!isCode(error, 'NOT_FOUND')) throw error;
    }
    const [ledger, balances] = overview
      ? await Promise.all([readLedger(c, year), getBalances(deps.core, actor)])
      : [[], undefined];
    const openingOre = balances ? openingAvailable(balances.years, year) : 0;
    return page(
      c,
      texts[lang].finance.yearTitle(year),
      <YearPage
        lang={lang}
        year={year}
        settings={settings}
        overview={overview}
        ledger={ledger}
        openingOre={openingOre}
        values={options.values ?? settingsValues(settings, year)}
        errors={new Errors(lang, options.errors ?? [])}
        problems={options.problems ?? []}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  finance.get('/years/:year', (c) => {
    const f = texts[c.get('lang')].finance;
    const q = (name: string) => {
      const v = c.req.query(name);
      return v !== undefined && /^\d{1,3}$/.test(v) ? Number(v) : undefined;
    };
    const ran = [q('created'), q('recomputed'), q('unchanged'), q('differing')];
    const sent = [q('sent'), q('already')];
    const notice = c.req.query('saved')
      ? f.saved
      : ran.every((n) => n !== undefined)
        ? f.ran(...(ran as [number, number, number, number]))
        : sent.every((n) => n !== undefined)
          ? f.sentNotice(...(sent as [number, number]))
          : undefined;
    return renderYear(c, parseYear(c.req.param('year')), notice ? { notice } : {});
  });

  finance.post('/years/:year/settings', async (c) => {
    const ctx = webCtx(c);
    const year = parseYear(c.req.param('year'));
    const body = await c.req.parseBody();
    const values = settingsFromBody(body);
    const form = readSettings(values, ctx.lang);
    if (form.errors.length > 0) return renderYear(c, year, { values, errors: form.errors, status: 400 });
    try {
      const input = parseInput(yearSettingsInputSchema, form.input);
      await saveYearSettings(deps.core, ctx, year, input, formVersion(body));
      return c.redirect(`/finance/years/${year}?saved=1`, 303);
    } catch (error) {
      if (isCode(error, 'VALIDATION_FAILED'))
        return renderYear(c, year, { values, errors: error.errors, status: 400 });
      if (isCode(error, 'VERSION_CONFLICT', 'PRECONDITION_REQUIRED'))
        return renderYear(c, year, {
          problems: [{ pointer: '', code: error.code, detail: texts[ctx.lang].finance.conflict }],
          status: 409,
        });
      throw error;
    }
  });

  finance.post('/years/:year/run', async (c) => {
    const ctx = webCtx(c);
    const year = parseYear(c.req.param('year'));
    try {
      const r = await runContributions(deps.core, ctx, year);
      return c.redirect(
        `/finance/years/${year}?created=${r.created.length}&recomputed=${r.recomputed.length}&unchanged=${r.unchanged.length}&differing=${r.sentDiffering.length}`,
        303,
      );
    } catch (error) {
      if (isCode(error, 'RULES_FAILED', 'VERSION_CONFLICT'))
        return renderYear(c, year, {
          problems: errorsOf(error),
          status: error.code === 'VERSION_CONFLICT' ? 409 : 422,
        });
      throw error;
    }
  });

  finance.post('/years/:year/send', async (c) => {
    const ctx = webCtx(c);
    const year = parseYear(c.req.param('year'));
    try {
      const r = await sendContributions(deps.core, ctx, year);
      return c.redirect(`/finance/years/${year}?sent=${r.sent.length}&already=${r.alreadySent.length}`, 303);
    } catch (error) {
      if (isCode(error, 'RULES_FAILED', 'VERSION_CONFLICT'))
        return renderYear(c, year, {
          problems: [reasonAsError(error)],
          status: error.code === 'VERSION_CONFLICT' ? 409 : 422,
        });
      throw error;
    }
  });

  // One party's contribution: payments (once per form) and adjustments.
  const emptyPayment = (): PaymentValues => ({
    amount: '',
    paidOn: copenhagenDate(deps.core.clock.now()),
    reference: '',
    idempotencyKey: crypto.randomUUID(),
  });
  const renderContribution = async (
    c: WebContext,
    year: number,
    partyId: string,
    options: {
      payment?: PaymentValues;
      adjustment?: AdjustmentValues;
      errors?: FieldError[];
      notice?: string;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const { contribution, entries } = await getContribution(deps.core, actor, year, partyId);
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
        errors={new Errors(lang, options.errors ?? [])}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  finance.get('/years/:year/parties/:partyId', (c) => {
    const f = texts[c.get('lang')].finance;
    const notice = c.req.query('paid')
      ? f.paymentRecorded
      : c.req.query('adjusted')
        ? f.adjustmentRecorded
        : undefined;
    return renderContribution(
      c,
      parseYear(c.req.param('year')),
      c.req.param('partyId'),
      notice ? { notice } : {},
    );
  });

  finance.post('/years/:year/parties/:partyId/payments', async (c) => {
    const ctx = webCtx(c);
    const f = texts[ctx.lang].finance;
    const year = parseYear(c.req.param('year'));
    const partyId = c.req.param('partyId');
    const body = await c.req.parseBody();
    const values: PaymentValues = {
      amount: field(body, 'amount'),
      paidOn: field(body, 'paidOn'),
      reference: field(body, 'reference'),
      idempotencyKey: field(body, 'idempotencyKey') || crypto.randomUUID(),
    };
    const fail = (errors: FieldError[], status: 400 | 409 | 422, newKey = false) =>
      renderContribution(c, year, partyId, {
        payment: newKey ? { ...values, idempotencyKey: crypto.randomUUID() } : values,
        errors,
        status,
      });
    const amountOre = parseKrInput(values.amount);
    if (amountOre === undefined || amountOre <= 0)
      return fail(
        [
          {
            pointer: '/payment/amountOre',
            code: 'not_an_amount',
            detail: amountOre === undefined ? f.notAnAmount : f.notPositive,
          },
        ],
        400,
      );
    try {
      const input = parseInput(paymentInputSchema, {
        amountOre,
        paidOn: values.paidOn,
        reference: values.reference,
      });
      await recordPayment(deps.core, ctx, year, partyId, input, values.idempotencyKey);
      return c.redirect(`/finance/years/${year}/parties/${partyId}?paid=1`, 303);
    } catch (error) {
      if (isCode(error, 'VALIDATION_FAILED', 'RULES_FAILED', 'VERSION_CONFLICT')) {
        const reused = error.errors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED');
        const errors = error.errors.length ? under('/payment', error.errors) : [reasonAsError(error)];
        return fail(
          errors,
          error.code === 'VALIDATION_FAILED' ? 400 : error.code === 'RULES_FAILED' ? 422 : 409,
          reused,
        );
      }
      throw error;
    }
  });

  finance.post('/years/:year/parties/:partyId/adjustments', async (c) => {
    const ctx = webCtx(c);
    const f = texts[ctx.lang].finance;
    const year = parseYear(c.req.param('year'));
    const partyId = c.req.param('partyId');
    const body = await c.req.parseBody();
    const values: AdjustmentValues = { amount: field(body, 'amount'), reason: field(body, 'reason') };
    const fail = (errors: FieldError[], status: 400 | 409 | 422) =>
      renderContribution(c, year, partyId, { adjustment: values, errors, status });
    const amountOre = parseSignedKr(values.amount);
    if (amountOre === undefined)
      return fail([{ pointer: '/adjustment/amountOre', code: 'not_an_amount', detail: f.notAnAmount }], 400);
    try {
      const input = parseInput(adjustmentInputSchema, { amountOre, reason: values.reason });
      await recordAdjustment(deps.core, ctx, year, partyId, input);
      return c.redirect(`/finance/years/${year}/parties/${partyId}?adjusted=1`, 303);
    } catch (error) {
      if (isCode(error, 'VALIDATION_FAILED', 'RULES_FAILED', 'VERSION_CONFLICT', 'INVALID_STATE')) {
        const errors = error.errors.length ? under('/adjustment', error.errors) : [reasonAsError(error)];
        return fail(
          errors,
          error.code === 'VALIDATION_FAILED' ? 400 : error.code === 'RULES_FAILED' ? 422 : 409,
        );
      }
      throw error;
    }
  });

  // The year's ledger, a page at a time (the service's cursor); a cursor it refuses is the reader's 400.
  finance.get('/years/:year/ledger', async (c) => {
    const { actor, lang } = webCtx(c);
    const year = parseYear(c.req.param('year'));
    const cursor = c.req.query('cursor') || undefined;
    const render = (
      props: { entries: LedgerEntry[]; nextCursor?: string; badCursor?: boolean },
      status: 200 | 400,
    ) =>
      page(
        c,
        texts[lang].ledgerPage.title(year),
        <LedgerPage lang={lang} year={year} pageSize={LEDGER_PAGE_DEFAULT} cursor={cursor} {...props} />,
        status,
      );
    try {
      const pageOf = await listLedger(deps.core, actor, year, cursor ? { cursor } : {});
      return render({ entries: pageOf.items, ...(pageOf.cursor ? { nextCursor: pageOf.cursor } : {}) }, 200);
    } catch (error) {
      if (isCode(error, 'VALIDATION_FAILED')) return render({ entries: [], badCursor: true }, 400);
      throw error;
    }
  });

  // Exports for Danish Excel.
  const csv = (c: WebContext, name: string, text: string) =>
    c.body(text, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="fim-${name}.csv"`,
      'Cache-Control': 'no-store',
    });

  finance.get('/years/:year/exports/contributions.csv', async (c) => {
    const { actor, lang } = webCtx(c);
    const f = texts[lang].finance;
    const year = parseYear(c.req.param('year'));
    const overview = await getOverview(deps.core, actor, year);
    const header = [
      f.party,
      f.year,
      f.referenceYear,
      f.population,
      `${f.rate} (kr.)`,
      `${f.demand} (kr.)`,
      `${f.adjustments} (kr.)`,
      `${f.totalDue} (kr.)`,
      `${f.paid} (kr.)`,
      `${f.outstanding} (kr.)`,
      `${f.overpaidCol} (kr.)`,
      f.status,
    ];
    const rows = overview.rows.map((r) => [
      r.name,
      year,
      overview.settings.referenceYear,
      r.population ?? undefined,
      r.rateOre === null ? undefined : kronerText(r.rateOre),
      kronerText(r.demandOre),
      kronerText(r.adjustmentsOre),
      kronerText(r.totalDueOre),
      kronerText(r.paidOre),
      kronerText(r.outstandingOre),
      kronerText(r.overpaidOre),
      statusText(r, lang),
    ]);
    return csv(c, `bidrag-${year}`, toDanishCsv(header, rows));
  });

  finance.get('/years/:year/exports/ledger.csv', async (c) => {
    const { lang } = webCtx(c);
    const f = texts[lang].finance;
    const year = parseYear(c.req.param('year'));
    const entries = await readLedger(c, year);
    const header = [
      f.recordedAt,
      f.kind,
      f.party,
      `${f.amount} (kr.)`,
      f.paidOn,
      f.reference,
      f.reason,
      f.recordedBy,
    ];
    const rows = entries.map((e) => [
      e.at,
      f.kinds[e.kind],
      e.partyId,
      kronerText(e.amountOre),
      e.paidOn,
      e.reference,
      e.reason,
      e.recordedBy.email,
    ]);
    return csv(c, `posteringer-${year}`, toDanishCsv(header, rows));
  });

  return finance;
}

/**
 * The public pages of the parties: anyone may read who pays, how many citizens they count, and what a party's
 * share of the pool has funded.
 */
export function partyRoutes(deps: AppDeps) {
  const parties = new Hono<AppEnv>();
  parties.get('/', async (c) => {
    const lang = c.get('lang');
    return page(
      c,
      texts[lang].finance.publicTitle,
      <PartiesPage lang={lang} parties={await listParties(deps.core)} />,
    );
  });
  parties.get('/:partyId', async (c) => {
    const lang = c.get('lang');
    const partyId = c.req.param('partyId');
    // partyFunding refuses an unknown party itself, so both reads go at once.
    const [parties, funding] = await Promise.all([listParties(deps.core), partyFunding(deps.core, partyId)]);
    const party = parties.find((p) => p.id === partyId);
    if (!party) throw notFound('party');
    return page(c, party.name, <PartyPage lang={lang} party={party} funding={funding} />);
  });
  return parties;
}
