import type { ExportBundle } from '../core/exports/export.schema.js';
import { formatDateTime } from '../texts/format.js';
import { texts } from '../texts/index.js';
import type { Lang } from '../texts/lang.js';
import { pdfFrame } from './application-pdf.js';
import type { PdfContent, PdfDocument } from './document.js';

/*
 * The exports' PDFs (functions/exports): the index of a ZIP (every part with its kind and date, the internal
 * working documents marked) and "Mine data"'s readable overview (every JSON part as field and value).
 */

/** A row of the index: the part's path, its kind and date in words, and its note. */
export interface IndexRow {
  path: string;
  kind: string;
  date: string;
  note: string;
}

/** The platform's one PDF frame (application-pdf.ts), headed by the export's title and when it was made. */
const base = (lang: Lang, title: string, generatedAt: string, content: PdfContent[]): PdfDocument =>
  pdfFrame(lang, { title }, new Date(generatedAt), [
    { text: title, style: 'title' },
    { text: `${texts[lang].exports.generatedAt} ${formatDateTime(generatedAt, lang)}`, style: 'subtitle' },
    ...content,
  ]);

/** The index of an export's ZIP. */
export function exportIndexPdf(lang: Lang, bundle: ExportBundle, rows: readonly IndexRow[]): PdfDocument {
  const t = texts[lang].exports;
  const title = bundle.scope === 'case' ? t.caseTitle(bundle.title) : t.personTitle(bundle.title);
  return base(lang, t.indexTitle(title), bundle.generatedAt, [
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', '*'],
        body: [
          [t.column.path, t.column.kind, t.column.date, t.column.note].map((h) => ({ text: h, bold: true })),
          ...rows.map((r) => [{ text: r.path, fontSize: 8 }, r.kind, { text: r.date, noWrap: true }, r.note]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ]);
}

/** A JSON value as field/value rows (nested fields dotted, lists numbered), long texts kept whole. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return prefix ? [[prefix, '']] : [];
  if (Array.isArray(value))
    return value.length === 0
      ? [[prefix, '']]
      : value.flatMap((v, i) => flatten(v, prefix ? `${prefix}.${i + 1}` : String(i + 1)));
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flatten(v, prefix ? `${prefix}.${k}` : k),
    );
  return [[prefix, String(value)]];
}

/** "Mine data" as a readable PDF: each JSON part, its fields and values. */
export function readableExportPdf(lang: Lang, bundle: ExportBundle): PdfDocument {
  const t = texts[lang].exports;
  const sections = bundle.parts.flatMap((part): PdfContent[] =>
    part.content.type === 'json'
      ? [
          { text: `${t.parts[part.kind]}: ${part.path}`, style: 'heading', tocItem: true },
          {
            table: {
              widths: ['auto', '*'],
              body: flatten(part.content.value).map(([k, v]) => [{ text: k, bold: true }, v]),
            },
            layout: 'lightHorizontalLines',
          },
        ]
      : [],
  );
  return base(lang, t.personTitle(bundle.title), bundle.generatedAt, sections);
}
