import type { ApplicationPrintout } from '../core/applications/printout.service.js';
import { formatDate, formatDateTime, formatKr } from '../texts/format.js';
import { localized, texts } from '../texts/index.js';
import type { Lang } from '../texts/lang.js';
import type { PdfContent, PdfDocument } from './document.js';

/*
 * The application as a PDF: every field, the partners, the budget in kroner, the documents with their
 * checksums, the reference and the submission time. Words from the catalogue (functions/texts/pdf.ts), in the
 * reader's language; the applicant's own text is printed as written.
 */

const table = (widths: ('*' | 'auto')[], header: string[], rows: PdfContent[][]): PdfContent => ({
  table: { headerRows: 1, widths, body: [header.map((h) => ({ text: h, bold: true })), ...rows] },
  layout: 'lightHorizontalLines',
  margin: [0, 0, 0, 12],
});

/** A section heading, in the PDF's outline too. */
export const heading = (text: string): PdfContent => ({ text, style: 'heading', tocItem: true });

/** Facts as a borderless two-column table: each label in bold, its value beside it. */
export const factsTable = (rows: readonly [string, PdfContent][]): PdfContent => ({
  table: { widths: ['auto', '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
  layout: 'noBorders',
  margin: [0, 0, 0, 8],
});

const formatSize = (bytes: number, lang: Lang): string =>
  `${new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`;

/**
 * The frame every platform PDF shares: A4, the styles, the footer with when it was made and the page; `info`
 * names the document (its producer is the platform).
 */
export function pdfFrame(
  lang: Lang,
  info: { title: string; author?: string; subject?: string },
  now: Date,
  content: PdfContent[],
): PdfDocument {
  const p = texts[lang].applicationPdf;
  return {
    info: { ...info, producer: p.producer, creator: p.producer },
    language: lang,
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 60],
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: '#444444', margin: [0, 0, 0, 12] },
      heading: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
      subheading: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
    },
    defaultStyle: { fontSize: 10 },
    footer: (page, count) => ({
      columns: [
        { text: `${p.printed} ${formatDateTime(now.toISOString(), lang)}`, width: '*' },
        { text: p.page(page, count), alignment: 'right', width: 'auto' },
      ],
      margin: [50, 20, 50, 0],
      fontSize: 8,
      color: '#555555',
    }),
    content,
  };
}

/** The document definition of an application's PDF, generated `now`. */
export function applicationPdf(lang: Lang, printout: ApplicationPrintout, now: Date): PdfDocument {
  const t = texts[lang];
  const p = t.applicationPdf;
  const { application: a, call, members, documents } = printout;
  const empty = p.empty;
  const title = a.title || t.mine.untitled;
  const facts: [string, string][] = [
    [p.call, call ? localized(lang, call.title, call.titleEn) : empty],
    [p.reference, a.reference ?? p.notSubmitted],
    [p.submittedAt, a.submittedAt ? formatDateTime(a.submittedAt, lang) : empty],
    [p.status, t.status[a.status]],
    [p.owner, [a.ownerName, a.ownerOrganisation].filter(Boolean).join(', ')],
    [p.members, members.length ? members.map((m) => m.name).join(', ') : empty],
    [p.grantType, a.grantTypeId ?? empty],
    [p.focusArea, a.focusArea ? t.focusArea[a.focusArea] : empty],
    [
      p.period,
      `${a.startDate ? formatDate(a.startDate, lang) : empty} – ${a.endDate ? formatDate(a.endDate, lang) : empty}`,
    ],
  ];
  return pdfFrame(
    lang,
    {
      title: `${p.documentTitle}: ${title}`,
      author: a.ownerName,
      subject: a.reference ?? '',
    },
    now,
    [
      { text: title, style: 'title' },
      { text: `${p.documentTitle}${a.reference ? ` ${a.reference}` : ''}`, style: 'subtitle' },
      factsTable(facts.map(([k, v]) => [k, v || empty])),
      heading(p.summary),
      a.summary || empty,
      heading(p.userInvolvement),
      a.userInvolvement || empty,
      heading(p.partners),
      a.partners.length
        ? table(
            ['*', 'auto', '*', '*'],
            [p.organisation, p.sector, p.contact, p.role],
            a.partners.map((x) => [
              x.organisation ?? empty,
              x.sector ? t.sector[x.sector] : empty,
              [x.contactName, x.contactEmail].filter(Boolean).join(', ') || empty,
              x.role ?? empty,
            ]),
          )
        : p.noPartners,
      heading(p.budget),
      a.budgetLines.length
        ? table(
            ['*', 'auto', 'auto'],
            [p.category, p.year, p.amount],
            [
              ...a.budgetLines.map((l): PdfContent[] => [
                l.category ?? empty,
                l.year === undefined ? empty : String(l.year),
                { text: formatKr(l.amountOre ?? 0, lang), alignment: 'right', noWrap: true },
              ]),
              [
                { text: p.total, bold: true },
                '',
                { text: formatKr(a.requestedAmountOre, lang), bold: true, alignment: 'right', noWrap: true },
              ],
            ],
          )
        : p.noBudget,
      heading(p.documents),
      documents.length
        ? table(
            ['auto', '*', 'auto', '*'],
            [p.kind, p.fileName, p.size, p.checksum],
            documents.map((d) => [
              `${lang === 'en' && d.kindNameEn ? d.kindNameEn : d.kindName}${d.partner ? ` (${d.partner})` : ''}`,
              d.name,
              { text: formatSize(d.sizeBytes, lang), noWrap: true },
              { text: d.sha256, fontSize: 7 },
            ]),
          )
        : p.noDocuments,
    ],
  );
}

/** The PDF's file name: the reference, or the application's id for a draft. */
export const applicationPdfName = (printout: ApplicationPrintout): string =>
  `${printout.application.reference ?? `ansoegning-${printout.application.id}`}.pdf`;
