import type { Principal } from '../core/auth/principal.js';
import type { CoreDeps } from '../core/ports.js';
import {
  type DecisionsExportRow,
  exportDecisions,
  exportScores,
  type ScoresExport,
  type ScoresExportRow,
} from '../core/reviews/exports.js';
import { kronerText, toDanishCsv, twoDecimals } from '../core/shared/csv.js';
import { type Lang, localized, texts } from '../texts/index.js';

/*
 * The board's CSV exports of a call, the same for the API and the web pages: the core gives the values, this
 * words the headers, "not applicable", recommendations and outcomes in the reader's language, and writes the
 * spreadsheet Danish Excel opens (semicolons, decimal commas).
 */

type Cell = string | number | undefined;

/** A column of an export: its header and what it shows of a row. */
type Column<R> = readonly [header: string, value: (row: R) => Cell];

/** The spreadsheet of these columns: the headers, then a line per row. */
const csvOf = <R>(columns: readonly Column<R>[], rows: readonly R[]): string =>
  toDanishCsv(
    columns.map(([header]) => header),
    rows.map((row) => columns.map(([, value]) => value(row))),
  );

/** Every submitted score: one row per (application, reviewer), one column per criterion. */
export function scoresCsv(lang: Lang, data: ScoresExport): string {
  const t = texts[lang];
  const w = t.boardCsv;
  return csvOf<ScoresExportRow>(
    [
      [w.reference, (row) => row.reference],
      [w.title, (row) => row.title],
      [w.reviewer, (row) => row.reviewerName],
      ...data.criteria.map(
        (c, i): Column<ScoresExportRow> => [
          w.criterion(localized(lang, c.name, c.nameEn), c.weight),
          (row) => (row.scores[i] === 'na' ? w.notApplicable : row.scores[i]),
        ],
      ),
      [w.weightedScore, (row) => twoDecimals(row.weightedScore)],
      [w.recommendation, (row) => row.recommendation && t.review.recommendations[row.recommendation]],
    ],
    data.rows,
  );
}

/** The ranking with each decision, amounts in kroner. */
export function decisionsCsv(lang: Lang, data: readonly DecisionsExportRow[]): string {
  const t = texts[lang];
  const w = t.boardCsv;
  return csvOf<DecisionsExportRow>(
    [
      [w.place, (row) => row.place],
      [w.reference, (row) => row.reference],
      [w.title, (row) => row.title],
      [w.mean, (row) => twoDecimals(row.mean)],
      [w.reviewCount, (row) => row.reviewCount],
      [w.spread, (row) => twoDecimals(row.spread)],
      [w.requested, (row) => kronerText(row.requestedOre)],
      [w.outcome, (row) => (row.status ? t.status[row.status] : t.ranking.conflicted)],
      [w.amount, (row) => kronerText(row.amountOre)],
      [w.justification, (row) => row.justification],
      [w.recused, (row) => row.recused.join(', ')],
    ],
    data,
  );
}

/** The exports by the name they are served under (`scores.csv`, `decisions.csv`). */
export const REVIEW_EXPORTS = {
  scores: async (core: CoreDeps, actor: Principal, callId: string, lang: Lang) =>
    scoresCsv(lang, await exportScores(core, actor, callId)),
  decisions: async (core: CoreDeps, actor: Principal, callId: string, lang: Lang) =>
    decisionsCsv(lang, await exportDecisions(core, actor, callId)),
} as const;

export type ReviewExportName = keyof typeof REVIEW_EXPORTS;

/** The headers of a CSV download: a file name that says what and which call. */
export const csvHeaders = (name: ReviewExportName, callId: string): Record<string, string> => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="fim-${name}-${callId.slice(0, 8)}.csv"`,
});
