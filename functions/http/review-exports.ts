import type { Principal } from '../core/auth/principal.js';
import type { CoreDeps } from '../core/ports.js';
import {
  type DecisionsExportRow,
  exportDecisions,
  exportScores,
  type ScoresExport,
} from '../core/reviews/exports.js';
import { kronerText, toDanishCsv, twoDecimals } from '../core/shared/csv.js';
import { type Lang, localized, texts } from '../texts/index.js';

/*
 * The board's CSV exports of a call, the same for the API and the web pages: the core gives the values, this
 * words the headers, "not applicable", recommendations and outcomes in the reader's language, and writes the
 * spreadsheet Danish Excel opens (semicolons, decimal commas).
 */

/** Every submitted score: one row per (application, reviewer), one column per criterion. */
export function scoresCsv(lang: Lang, data: ScoresExport): string {
  const t = texts[lang];
  const w = t.boardCsv;
  const header = [
    w.reference,
    w.title,
    w.reviewer,
    ...data.criteria.map((c) => w.criterion(localized(lang, c.name, c.nameEn), c.weight)),
    w.weightedScore,
    w.recommendation,
  ];
  const rows = data.rows.map((row) => [
    row.reference,
    row.title,
    row.reviewerName,
    ...row.scores.map((s) => (s === 'na' ? w.notApplicable : s)),
    twoDecimals(row.weightedScore),
    row.recommendation && t.review.recommendations[row.recommendation],
  ]);
  return toDanishCsv(header, rows);
}

/** The ranking with each decision, amounts in kroner. */
export function decisionsCsv(lang: Lang, data: readonly DecisionsExportRow[]): string {
  const t = texts[lang];
  const w = t.boardCsv;
  const header = [
    w.place,
    w.reference,
    w.title,
    w.mean,
    w.reviewCount,
    w.spread,
    w.requested,
    w.outcome,
    w.amount,
    w.justification,
    w.recused,
  ];
  const rows = data.map((row) => [
    row.place,
    row.reference,
    row.title,
    twoDecimals(row.mean),
    row.reviewCount,
    twoDecimals(row.spread),
    kronerText(row.requestedOre),
    t.status[row.status],
    kronerText(row.amountOre),
    row.justification,
    row.recused.join(', '),
  ]);
  return toDanishCsv(header, rows);
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
