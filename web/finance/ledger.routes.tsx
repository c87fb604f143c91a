import { Hono } from 'hono';
import { getOverview } from '../../functions/core/finance/contribution.service.js';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import {
  awardReferences,
  LEDGER_PAGE_DEFAULT,
  listLedger,
  yearLedgerPages,
} from '../../functions/core/finance/ledger.service.js';
import { kronerText, toDanishCsv } from '../../functions/core/shared/csv.js';
import { AppError } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { csv, streamedCsv } from '../csv.js';
import { page, webCtx } from '../render.js';
import { statusText } from './contributions.page.js';
import { yearOf } from './finance-context.js';
import { LedgerPage } from './ledger.page.js';

/** The year's ledger a page at a time, and the year's contributions and ledger as spreadsheets. */
export function ledgerRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // A cursor the service refuses (made up, out of date) is the reader's 400, with a way back to the start.
  app.get('/years/:year/ledger', async (c) => {
    const { actor, lang } = webCtx(c);
    const year = yearOf(c);
    const cursor = c.req.query('cursor') || undefined;
    const render = (
      props: {
        entries: LedgerEntry[];
        nextCursor?: string;
        badCursor?: boolean;
        awardReferences?: ReadonlyMap<string, string>;
      },
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
      const references = await awardReferences(deps.core, actor, pageOf.items);
      return render(
        {
          entries: pageOf.items,
          awardReferences: references,
          ...(pageOf.cursor ? { nextCursor: pageOf.cursor } : {}),
        },
        200,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
        return render({ entries: [], badCursor: true }, 400);
      throw error;
    }
  });

  app.get('/years/:year/exports/contributions.csv', async (c) => {
    const { actor, lang } = webCtx(c);
    const f = texts[lang].finance;
    const year = yearOf(c);
    const overview = await getOverview(deps.core, actor, year);
    const header = [
      f.party,
      f.year,
      f.referenceYear,
      f.population,
      f.inKr(f.rate),
      f.inKr(f.demand),
      f.inKr(f.adjustments),
      f.inKr(f.totalDue),
      f.inKr(f.paid),
      f.inKr(f.outstanding),
      f.inKr(f.overpaidCol),
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

  app.get('/years/:year/exports/ledger.csv', async (c) => {
    const { actor, lang } = webCtx(c);
    const f = texts[lang].finance;
    const year = yearOf(c);
    const pages = yearLedgerPages(deps.core, actor, year);
    const header = [
      f.recordedAt,
      f.kind,
      f.party,
      texts[lang].ledgerPage.awardColumn,
      f.inKr(f.amount),
      f.paidOn,
      f.reference,
      f.reason,
      f.recordedBy,
    ];
    const rows = async function* () {
      for await (const entries of pages) {
        const references = await awardReferences(deps.core, actor, entries);
        yield entries.map((e) => [
          e.at,
          f.kinds[e.kind],
          e.partyId,
          e.awardId ? (references.get(e.awardId) ?? e.awardId) : undefined,
          kronerText(e.amountOre),
          e.paidOn,
          e.reference,
          e.reason,
          e.recordedBy.email,
        ]);
      }
    };
    return csv(c, `posteringer-${year}`, streamedCsv(header, rows(), f.exportIncomplete, deps.logError));
  });
  return app;
}
