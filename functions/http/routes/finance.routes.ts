import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  getContribution,
  getOverview,
  getYearSettings,
  recordAdjustment,
  recordPayment,
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../../core/finance/contribution.service.js';
import {
  adjustmentInputSchema,
  balanceSchema,
  CONTRIBUTION_STATES,
  CONTRIBUTION_STATUSES,
  contributionViewSchema,
  type InvariantProblem,
  invariantsInputSchema,
  ledgerEntrySchema,
  MAX_YEAR,
  MIN_YEAR,
  partyKindSchema,
  partyViewSchema,
  paymentInputSchema,
  poolBalanceSchema,
  yearSettingsInputSchema,
  yearSettingsSchema,
} from '../../core/finance/finance.schema.js';
import {
  checkInvariants,
  getBalances,
  LEDGER_PAGE_MAX,
  listLedger,
} from '../../core/finance/ledger.service.js';
import {
  partyChangeSchema,
  partyDetailsInputSchema,
  partySchema,
} from '../../core/finance/parties.schema.js';
import { getPartyDetails, listPartyDetails, updatePartyDetails } from '../../core/finance/parties.service.js';
import {
  applyPopulationImport,
  listParties,
  listPopulations,
  previewPopulationImport,
} from '../../core/finance/population.service.js';
import { decodeImport } from '../../core/finance/population-import.js';
import { refusal } from '../../core/shared/errors.js';
import { type Lang, sayInvariantProblem } from '../../texts/index.js';
import type { AppContext, AppDeps } from '../context.js';
import { ctx, ifMatchVersion, requireIfMatch, requireUser, withETag } from '../context.js';
import { answerBookedOnce, bookedOnceResponses, idempotencyKeyHeaders } from '../idempotency-key.js';
import { messageMembers } from '../problem.js';
import {
  bearer,
  createApiRouter,
  json,
  jsonBody,
  named,
  problems,
  publicRoute,
  versionHeaders,
} from './api-common.js';

const party = named(partyViewSchema, 'Party', 'One of the 20 parties, with its latest population');
const settings = named(
  yearSettingsSchema,
  'FinanceYear',
  'A year’s settings: reference year, due date, rates, grant share, payment details',
);
const settingsInput = named(
  yearSettingsInputSchema,
  'FinanceYearInput',
  'A year’s settings; rates are øre per citizen (default 100), the grant share a fraction (default 4/5), the pool’s payment details (payee, 4-digit reg. no., account no. of up to 10 digits) needed before the demands are sent',
);
const contribution = named(
  contributionViewSchema,
  'Contribution',
  'A party’s contribution for a year and where it stands (status judged on the Copenhagen date)',
);
/** The ledger's entries as the API shows them (the awards' routes show them too). */
export const ledgerEntry = named(ledgerEntrySchema, 'LedgerEntry', 'An immutable movement of money, in øre');
const paymentInput = named(paymentInputSchema, 'PaymentInput', 'A payment received, in øre');
const adjustmentInput = named(
  adjustmentInputSchema,
  'AdjustmentInput',
  'A correction of a sent demand, signed øre, with a reason',
);

const partyDetails = named(
  partySchema,
  'PartyDetails',
  'A party with its invoicing details (invoicing e-mail, EAN/GLN, CVR); version 0: never saved',
);
const partyDetailsInput = named(
  partyDetailsInputSchema,
  'PartyDetailsInput',
  'A change of invoicing details as a JSON merge patch (null clears); EAN 13 digits (GS1 check digit), CVR 8 digits (modulus 11)',
);
const partyChange = named(
  partyChangeSchema,
  'PartyChange',
  'One change of a party’s details, before and after',
);
const partyIdParam = z.object({
  partyId: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .openapi({ param: { name: 'partyId', in: 'path' }, example: 'favrskov-kommune' }),
});

const yearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(MIN_YEAR)
    .max(MAX_YEAR)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2027 }),
});
const partyParam = yearParam.extend(partyIdParam.shape);

const importRow = z.object({
  line: z.int(),
  partyId: z.string(),
  partyName: z.string(),
  year: z.int(),
  population: z.int(),
  currentPopulation: z.int().nullable(),
  change: z.int().nullable(),
  outcome: z.enum(['new', 'changed', 'unchanged']),
});
const importPreview = z
  .object({
    format: z.enum(['fim', 'folk1a']),
    rows: z.array(importRow),
    summary: z.object({ new: z.int(), changed: z.int(), unchanged: z.int() }),
  })
  .openapi('PopulationImportPreview');
const importResult = importPreview
  .extend({ written: z.int().describe('Figures written (0 when every figure was already stored)') })
  .openapi('PopulationImportResult');
const importBody = {
  required: false,
  description:
    'The file as text/csv (UTF-8 or Windows-1252): the project’s `party,year,population` or a FOLK1A export; or JSON {csv}',
  content: {
    'text/csv': { schema: z.string() },
    'application/json': { schema: z.strictObject({ csv: z.string().max(200_000) }) },
  },
};

const populationsResponse = z
  .object({
    year: z.int(),
    items: z.array(
      z.object({
        partyId: z.string(),
        name: z.string(),
        kind: partyKindSchema,
        population: z.int().nullable(),
        derived: z.boolean(),
        version: z.int().nullable(),
        source: z.string().nullable(),
        updatedAt: z.string().nullable(),
      }),
    ),
    missing: z.array(z.string()),
  })
  .openapi('Populations');

const runResponse = z
  .object({
    year: z.int(),
    referenceYear: z.int(),
    created: z.array(z.string()),
    recomputed: z.array(z.string()),
    unchanged: z.array(z.string()),
    sentDiffering: z.array(
      z.object({
        partyId: z.string(),
        demandOre: z.int(),
        recomputedDemandOre: z.int(),
        differenceOre: z.int(),
      }),
    ),
    contributions: z.array(contribution),
  })
  .openapi('ContributionRun');

/** What a party owes and has paid for the year, in øre: a row's and the totals' figures. */
const overviewAmounts = {
  demandOre: z.int(),
  adjustmentsOre: z.int(),
  totalDueOre: z.int(),
  paidOre: z.int(),
  outstandingOre: z.int(),
  overpaidOre: z.int(),
};
const overviewRow = z.object({
  partyId: z.string(),
  name: z.string(),
  kind: partyKindSchema,
  state: z.enum([...CONTRIBUTION_STATES, 'not_computed']),
  population: z.int().nullable(),
  rateOre: z.int().nullable(),
  ...overviewAmounts,
  status: z.enum(CONTRIBUTION_STATUSES).nullable(),
});
const overview = z
  .object({
    year: z.int(),
    today: z.string(),
    settings,
    rows: z.array(overviewRow),
    totals: z.object({ population: z.int(), ...overviewAmounts }),
    balances: balanceSchema.extend({
      grantShareOre: z
        .int()
        .describe("The year's income earmarked for grants (each payment's grant share, rounded down)"),
      otherShareOre: z.int().describe("The rest of the year's income"),
    }),
    pool: poolBalanceSchema.describe('The pool overall: every year'),
  })
  .openapi('FinanceOverview');

const balancesOverview = z
  .object({
    pool: poolBalanceSchema.describe('Every year summed: commitments are guarded by its grantAvailableOre'),
    years: z.array(
      z.object({
        year: z.int(),
        balance: balanceSchema,
        openingAvailableOre: z.int().describe('Carried in from the years before'),
        openingGrantAvailableOre: z.int(),
        closingAvailableOre: z.int().describe('Carried out to the years after'),
        closingGrantAvailableOre: z.int(),
      }),
    ),
  })
  .openapi('Balances');

const paymentResponse = z
  .object({ payment: ledgerEntry, contribution, replayed: z.boolean() })
  .openapi('PaymentRecorded');

/** The import file from a text/csv body (bytes decoded as UTF-8 or Windows-1252) or JSON {csv}. */
async function importText(c: AppContext, validated: string | { csv?: string } | undefined): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/(.+\+)?json/i.test(type))
    return typeof validated === 'object' ? (validated.csv ?? '') : '';
  if (/^text\/csv/i.test(type)) return decodeImport(new Uint8Array(await c.req.arrayBuffer()));
  throw refusal('VALIDATION_FAILED', '/headers/content-type', {
    code: 'IMPORT_CONTENT_TYPE',
    params: { accepted: ['text/csv', 'application/json'] },
  });
}

/** A finding of the invariant check as the API shows it: its figures as members, worded for the reader. */
const finding = (lang: Lang, problem: InvariantProblem) => ({
  ...messageMembers(problem, sayInvariantProblem(lang, problem)),
  ...(problem.year === undefined ? {} : { year: problem.year }),
});

export function financeRoutes(deps: AppDeps) {
  const app = createApiRouter();

  // Parties and population.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listParties',
      path: '/parties',
      summary: 'The 20 parties with their latest population (anyone)',
      security: publicRoute,
      responses: { 200: json(z.object({ items: z.array(party) }), 'Parties') },
    }),
    async (c) => c.json({ items: await listParties(deps.core) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listPopulations',
      path: '/populations',
      summary: 'Every party’s population on 1 January of a year (finance, admins)',
      security: bearer,
      request: {
        query: z.object({ year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR) }),
      },
      responses: { 200: json(populationsResponse, 'Figures'), ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await listPopulations(deps.core, requireUser(c), c.req.valid('query').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'previewPopulationImport',
      path: '/populations/imports/preview',
      summary: 'What an import would change, line by line; 422 lists every line that cannot be used',
      security: bearer,
      request: { body: importBody },
      responses: { 200: json(importPreview, 'Preview'), ...problems(400, 401, 403, 413, 415, 422) },
    }),
    // Who asks is settled before the body is read: arguments are evaluated left to right.
    async (c) =>
      c.json(
        await previewPopulationImport(deps.core, requireUser(c), await importText(c, c.req.valid('json'))),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'applyPopulationImport',
      path: '/populations/imports',
      summary: 'Import population figures, all or nothing (at most 90 figures; finance, admins)',
      security: bearer,
      request: { body: importBody },
      responses: {
        200: json(importResult, 'Applied (written 0: the figures were already stored)'),
        ...problems(400, 401, 403, 409, 413, 415, 422),
      },
    }),
    async (c) =>
      c.json(await applyPopulationImport(deps.core, ctx(c), await importText(c, c.req.valid('json'))), 200),
  );

  // The parties' invoicing details.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listPartyDetails',
      path: '/finance/parties',
      summary: 'Every party with its invoicing details (finance, admins)',
      security: bearer,
      responses: { 200: json(z.object({ items: z.array(partyDetails) }), 'Parties'), ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listPartyDetails(deps.core, requireUser(c)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getPartyDetails',
      path: '/finance/parties/{partyId}',
      summary: 'A party’s invoicing details and their history, newest change first (finance, admins)',
      security: bearer,
      request: { params: partyIdParam },
      responses: {
        200: json(z.object({ party: partyDetails, history: z.array(partyChange) }), 'The party'),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const found = await getPartyDetails(deps.core, requireUser(c), c.req.valid('param').partyId);
      return c.json({ party: withETag(c, found.party), history: found.history }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'patch',
      operationId: 'updatePartyDetails',
      path: '/finance/parties/{partyId}',
      summary:
        'Change a party’s invoicing details (finance, admins); send If-Match (0 for a party never saved)',
      security: bearer,
      request: { params: partyIdParam, headers: versionHeaders, body: jsonBody(partyDetailsInput) },
      responses: {
        200: json(partyDetails, 'The saved details'),
        ...problems(400, 401, 403, 404, 409, 415, 428),
      },
    }),
    async (c) => {
      requireUser(c); // 401 before 428
      const version = requireIfMatch(c);
      const context = ctx(c);
      const saved = await updatePartyDetails(
        deps.core,
        context,
        c.req.valid('param').partyId,
        c.req.valid('json'),
        version,
      );
      return c.json(withETag(c, saved), 200);
    },
  );

  // The year: settings, contributions, payments, adjustments.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getFinanceYear',
      path: '/finance/years/{year}',
      summary: 'A year’s settings (finance, admins)',
      security: bearer,
      request: { params: yearParam },
      responses: { 200: json(settings, 'Settings'), ...problems(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(withETag(c, await getYearSettings(deps.core, requireUser(c), c.req.valid('param').year)), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      operationId: 'saveFinanceYear',
      path: '/finance/years/{year}',
      summary: 'Set up or change a year (finance, admins); If-Match when it exists',
      security: bearer,
      request: {
        params: yearParam,
        headers: z.object({ 'if-match': z.string().max(20).optional() }),
        body: jsonBody(settingsInput),
      },
      responses: {
        200: json(settings, 'Changed (or unchanged)'),
        201: json(settings, 'Created'),
        ...problems(400, 401, 403, 409, 428),
      },
    }),
    async (c) => {
      const context = ctx(c);
      const saved = await saveYearSettings(
        deps.core,
        context,
        c.req.valid('param').year,
        c.req.valid('json'),
        ifMatchVersion(c),
      );
      const settings = withETag(c, saved.settings);
      return saved.created ? c.json(settings, 201) : c.json(settings, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'runContributions',
      path: '/finance/years/{year}/contributions/run',
      summary:
        'Compute each party’s demand (population x rate); again on the same figures changes nothing; sent demands are never edited',
      security: bearer,
      request: { params: yearParam },
      responses: { 200: json(runResponse, 'The run'), ...problems(400, 401, 403, 409, 422) },
    }),
    async (c) => c.json(await runContributions(deps.core, ctx(c), c.req.valid('param').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'sendContributions',
      path: '/finance/years/{year}/contributions/send',
      summary: 'Send the computed demands (a message per party in the outbox); finance, admins',
      security: bearer,
      request: { params: yearParam },
      responses: {
        200: json(
          z.object({
            year: z.int(),
            sent: z.array(z.string()).describe('Parties whose demand was queued now'),
            alreadySent: z.array(z.string()),
            noAddress: z
              .array(z.string())
              .describe('Parties of `sent` with no invoicing e-mail: their demand cannot reach them'),
          }),
          'Sent',
        ),
        ...problems(400, 401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await sendContributions(deps.core, ctx(c), c.req.valid('param').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getContribution',
      path: '/finance/years/{year}/contributions/{partyId}',
      summary: 'A party’s contribution with its payments and adjustments (finance, admins)',
      security: bearer,
      request: { params: partyParam },
      responses: {
        200: json(z.object({ contribution, entries: z.array(ledgerEntry) }), 'Contribution'),
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { year, partyId } = c.req.valid('param');
      return c.json(await getContribution(deps.core, requireUser(c), year, partyId), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'recordPayment',
      path: '/finance/years/{year}/contributions/{partyId}/payments',
      summary:
        'Record a payment once per Idempotency-Key (428 without; the same key again answers 200 with the same payment)',
      security: bearer,
      request: {
        params: partyParam,
        headers: idempotencyKeyHeaders('payment'),
        body: jsonBody(paymentInput),
      },
      responses: {
        ...bookedOnceResponses(paymentResponse),
        ...problems(400, 401, 403, 404, 409, 422, 428),
      },
    }),
    async (c) => {
      const context = ctx(c);
      const { year, partyId } = c.req.valid('param');
      return answerBookedOnce(c, (key) =>
        recordPayment(deps.core, context, year, partyId, c.req.valid('json'), key),
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'recordAdjustment',
      path: '/finance/years/{year}/contributions/{partyId}/adjustments',
      summary: 'Correct a sent demand by a separate adjustment entry (finance, admins)',
      security: bearer,
      request: { params: partyParam, body: jsonBody(adjustmentInput) },
      responses: {
        201: json(z.object({ adjustment: ledgerEntry, contribution }), 'Recorded'),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const context = ctx(c);
      const { year, partyId } = c.req.valid('param');
      return c.json(await recordAdjustment(deps.core, context, year, partyId, c.req.valid('json')), 201);
    },
  );

  // The pool: overview, balances, ledger, invariants.
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getBalances',
      path: '/finance/balances',
      summary: 'The pool overall and each year’s balance with what it carried in and out (finance, admins)',
      security: bearer,
      responses: { 200: json(balancesOverview, 'Balances'), ...problems(401, 403) },
    }),
    async (c) => c.json(await getBalances(deps.core, requireUser(c)), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'getFinanceOverview',
      path: '/finance/years/{year}/overview',
      summary: 'A row per party, totals and the pool’s balances (finance, admins)',
      security: bearer,
      request: { params: yearParam },
      responses: { 200: json(overview, 'Overview'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getOverview(deps.core, requireUser(c), c.req.valid('param').year), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      operationId: 'listLedgerEntries',
      path: '/finance/years/{year}/ledger',
      summary: 'The year’s ledger, oldest first, a page at a time (finance, admins)',
      security: bearer,
      request: {
        params: yearParam,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(LEDGER_PAGE_MAX).optional(),
          cursor: z.string().max(500).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            items: z.array(ledgerEntry),
            cursor: z.string().optional().describe('Send it back for the next page; absent on the last'),
          }),
          'Entries',
        ),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(
        await listLedger(deps.core, requireUser(c), c.req.valid('param').year, {
          ...(query.limit ? { limit: query.limit } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      operationId: 'checkInvariants',
      path: '/finance/invariants/check',
      summary:
        'Check a year’s ledger (or, without a year, every year’s) and the pool: balances equal the sums of the entries, nothing over-committed (finance, admins)',
      security: bearer,
      request: { body: jsonBody(invariantsInputSchema) },
      responses: {
        200: json(
          z.object({
            year: z.int().optional(),
            years: z.array(z.int()).describe('The years whose ledgers were checked'),
            ok: z.boolean(),
            entries: z.int(),
            problems: z.array(
              z
                .looseObject({
                  code: z.string().describe('What disagrees (BALANCE_MISMATCH, OVER_COMMITTED, …)'),
                  detail: z.string().describe('In the reader’s language (Accept-Language)'),
                  year: z.int().optional().describe('Absent: the pool overall'),
                })
                .describe('The figures the finding speaks of are members too (partyId, awardId, balance, …)'),
            ),
          }),
          'The verdict',
        ),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const checked = await checkInvariants(deps.core, requireUser(c), c.req.valid('json').year);
      return c.json({ ...checked, problems: checked.problems.map((p) => finding(c.get('lang'), p)) }, 200);
    },
  );
  return app;
}
