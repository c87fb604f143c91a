import type { MeetingPack, PackItem } from '../core/board/meeting-pack.service.js';
import type { Meeting } from '../core/decisions/decision.schema.js';
import type { MinutesVersion } from '../core/decisions/minutes.schema.js';
import type { Minutes } from '../core/decisions/minutes.service.js';
import { copenhagenDate } from '../core/shared/time.js';
import { formatDate, formatDateTime, formatKr } from '../texts/format.js';
import { localized, texts } from '../texts/index.js';
import type { Lang } from '../texts/lang.js';
import { applicationPdf, factsTable, heading, pdfFrame } from './application-pdf.js';
import type { PdfContent, PdfDocument } from './document.js';

/*
 * The board's PDFs: the minutes of a meeting and a member's meeting pack. Words from the catalogue
 * (functions/texts/pdf.ts), in the reader's language; what people wrote (justifications, conditions, notes,
 * comments) is printed as written. Both are built from what the core lets the reader see: a conflicted
 * reader's minutes and pack carry the title of that case and their recusal, nothing more.
 */

/** The pack's layout version: part of its cache key, so a changed layout is never served from an old key. */
export const MEETING_PACK_FORMAT = 2;

/** The title the board's PDFs give a meeting: its date and its call. */
const meetingTitle = (lang: Lang, meeting: Meeting, callTitle: string): string =>
  texts[lang].minutesPdf.meeting(formatDate(copenhagenDate(new Date(meeting.heldAt)), lang), callTitle);

/** Who took no part and why: the name, then the ground in words with the organisation or their own words. */
const recusals = (lang: Lang, recused: Meeting['decisions'][number]['recused']): string => {
  const l = texts[lang];
  return recused.length === 0
    ? l.minutesPdf.noneRecused
    : recused.map((r) => `${r.name} (${l.meeting.recusal(r.ground, r.reason)})`).join('; ');
};

function minutesVersion(lang: Lang, meeting: Meeting, version: MinutesVersion): PdfContent[] {
  const t = texts[lang];
  const m = t.minutesPdf;
  const words = new Map(version.decisions.map((d) => [d.applicationId, d]));
  const state =
    version.status === 'approved' && version.approvedAt
      ? m.approved(formatDateTime(version.approvedAt, lang))
      : m.draft;
  return [
    { text: m.versionState(version.number, state), bold: true, margin: [0, 0, 0, 6] },
    factsTable([
      [m.heldAt, formatDateTime(meeting.heldAt, lang)],
      [
        m.attendees,
        meeting.attendees.map((a) => `${a.name}${a.organisation ? ` (${a.organisation})` : ''}`).join(', '),
      ],
      ...(version.reason ? [[m.correctionReason, version.reason] as [string, string]] : []),
      ...(version.notes ? [[m.notes, version.notes] as [string, string]] : []),
    ]),
    { text: m.decisions, style: 'subheading' },
    ...(meeting.decisions.length === 0 ? [m.noDecisions] : []),
    ...meeting.decisions.map((d): PdfContent => {
      const title = `${d.reference ? `${d.reference}: ` : ''}${d.title}`;
      if (d.conflicted) return { stack: [{ text: title, bold: true }, m.conflicted], margin: [0, 4, 0, 8] };
      const entry = words.get(d.applicationId);
      const rows: [string, PdfContent][] = [
        [m.outcome, d.outcome ? t.decision.outcomes[d.outcome] : '–'],
        ...(d.amountOre !== undefined
          ? [[m.amount, formatKr(d.amountOre, lang)] as [string, PdfContent]]
          : []),
        ...(entry?.justification ? [[m.justification, entry.justification] as [string, PdfContent]] : []),
        ...(entry?.conditions ? [[m.conditions, entry.conditions] as [string, PdfContent]] : []),
        [m.recused, recusals(lang, d.recused)],
      ];
      return { stack: [{ text: title, bold: true }, factsTable(rows)], margin: [0, 4, 0, 4] };
    }),
  ];
}

/** The minutes of a meeting as a PDF: the current version first, then the earlier ones, newest first. */
export function minutesPdf(lang: Lang, minutes: Minutes, now: Date): PdfDocument {
  const m = texts[lang].minutesPdf;
  const { meeting, call, versions } = minutes;
  const title = meetingTitle(lang, meeting, call ? localized(lang, call.title, call.titleEn) : '');
  const current = versions.at(-1);
  const earlier = versions.slice(0, -1).reverse();
  return pdfFrame(lang, { title: `${m.documentTitle}: ${title}` }, now, [
    { text: m.documentTitle, style: 'title' },
    { text: title, style: 'subtitle' },
    ...(current ? minutesVersion(lang, meeting, current) : []),
    ...(earlier.length > 0
      ? [heading(m.earlier), ...earlier.flatMap((v) => minutesVersion(lang, meeting, v))]
      : []),
  ]);
}

/** The minutes' file name: the meeting's date. */
export const minutesPdfName = (meeting: Meeting): string =>
  `referat-${copenhagenDate(new Date(meeting.heldAt))}.pdf`;

const number = (value: number | undefined, lang: Lang): string =>
  value === undefined
    ? '–'
    : new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 2 }).format(value);

function rankingTable(lang: Lang, pack: MeetingPack): PdfContent[] {
  const k = texts[lang].meetingPack;
  const { ranking } = pack;
  if (ranking.rows.length === 0) return [k.noRanking];
  let place = 0;
  const right = (text: string): PdfContent => ({ text, alignment: 'right', noWrap: true });
  return [
    { text: k.budget(formatKr(ranking.budgetOre, lang)), margin: [0, 0, 0, 6] },
    {
      table: {
        headerRows: 1,
        widths: ['auto', 'auto', '*', 'auto', 'auto', 'auto', 'auto'],
        body: [
          [k.place, k.reference, k.title, k.mean, k.reviewCount, k.requested, k.runningTotal].map((h) => ({
            text: h,
            bold: true,
          })),
          ...ranking.rows.map((r): PdfContent[] => {
            if (r.conflicted) return ['', '', r.title, { text: k.conflicted, colSpan: 4 }, '', '', ''];
            place += 1;
            return [
              String(place),
              r.reference ?? '–',
              r.title,
              right(number(r.score?.mean, lang)),
              right(String(r.score?.count ?? 0)),
              right(formatKr(r.requestedAmountOre ?? 0, lang)),
              right(formatKr(r.runningTotalOre ?? 0, lang)),
            ];
          }),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 8,
      margin: [0, 0, 0, 6],
    },
    ...(ranking.leftOut > 0 ? [k.leftOut(ranking.leftOut)] : []),
  ];
}

function packItem(lang: Lang, pack: MeetingPack, item: PackItem, now: Date): PdfContent[] {
  const k = texts[lang].meetingPack;
  const r = texts[lang].review;
  if (item.conflicted)
    return [
      { text: item.title, style: 'title', pageBreak: 'before' },
      { text: k.conflicted, style: 'subtitle' },
      k.conflictedNote,
    ];
  const printout = {
    application: item.application,
    call: pack.call,
    members: item.members,
    documents: item.documents,
  };
  const application = applicationPdf(lang, printout, now).content;
  const reviews: PdfContent = item.reviews.length
    ? {
        table: {
          headerRows: 1,
          widths: ['auto', 'auto', 'auto', 'auto', '*'],
          body: [
            [k.reviewer, k.reviewStatus, k.score, k.recommendation, k.comment].map((h) => ({
              text: h,
              bold: true,
            })),
            ...item.reviews.map((v): PdfContent[] => [
              v.reviewerName,
              v.recused ? k.recusedReviewer : r.statuses[v.status],
              { text: number(v.score, lang), alignment: 'right' },
              v.recommendation ? r.recommendations[v.recommendation] : '–',
              v.overallComment ?? '–',
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      }
    : k.noReviews;
  return [{ stack: [application], pageBreak: 'before' }, heading(k.reviews), reviews];
}

/**
 * A member's meeting pack: the call's ranking, then each application the meeting decided on (its PDF and its
 * reviews in short), one from a new page; what the member is conflicted on shows its title and "recused".
 */
export function meetingPackPdf(lang: Lang, pack: MeetingPack, now: Date): PdfDocument {
  const k = texts[lang].meetingPack;
  const title = meetingTitle(lang, pack.meeting, localized(lang, pack.call.title, pack.call.titleEn));
  return pdfFrame(lang, { title: `${k.documentTitle}: ${title}` }, now, [
    { text: k.documentTitle, style: 'title' },
    { text: `${title}. ${k.forReader(pack.reader.name)}`, style: 'subtitle' },
    heading(k.ranking),
    ...rankingTable(lang, pack),
    heading(k.agenda),
    {
      ul: pack.items.map((i) =>
        i.conflicted
          ? `${i.title} (${k.conflicted})`
          : `${i.application.reference ?? ''} ${i.application.title ?? ''}`,
      ),
    },
    ...pack.items.flatMap((i) => packItem(lang, pack, i, now)),
  ]);
}

/** The pack's file name: the meeting's date. */
export const meetingPackName = (pack: MeetingPack): string =>
  `moedemappe-${copenhagenDate(new Date(pack.meeting.heldAt))}.pdf`;
