import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ExportBundle, ExportPart } from '../core/exports/export.schema.js';
import type { LedgerEntry, LedgerKind } from '../core/finance/finance.schema.js';
import type { StoredMessage } from '../core/messages/message.schema.js';
import type { ExportWriter } from '../core/ports.js';
import { DANISH_CSV_BOM, danishCsvLines, kronerText } from '../core/shared/csv.js';
import type { ObjectStreams } from '../files/object-streams.js';
import { composeMessage } from '../mail/compose.js';
import { applicationPdf } from '../pdf/application-pdf.js';
import { exportIndexPdf, type IndexRow, readableExportPdf } from '../pdf/export-pdf.js';
import { renderPdf } from '../pdf/render.js';
import { formatDateTime } from '../texts/format.js';
import { texts } from '../texts/index.js';
import type { Lang } from '../texts/lang.js';

/*
 * The exports' ZIP (core/exports gathers the parts as data): one yazl ZipFile whose entries are produced as the
 * ZIP is read (stored documents streamed from the file store, PDFs rendered as streams, each opened only when
 * its turn comes), its output hashed (SHA-256) on the way into a multipart upload. Nothing holds the whole
 * ZIP: the upload holds one part (functions/files/object-streams.ts), an entry one chunk.
 */

export interface ZipWriterConfig {
  objects: ObjectStreams;
  /** The language of the index, the PDFs and the CSV's words (Danish: the authority's). */
  lang?: Lang;
  /** For the composed messages' links, as the mail sender composes them. */
  siteUrl: string;
  from: string;
}

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** A message as it was sent (composed as the sender composes it) with its delivery status. */
function messageText(lang: Lang, message: StoredMessage, config: ZipWriterConfig): Buffer {
  const t = texts[lang];
  const w = t.exports.message;
  const head = [
    `${w.to}: ${message.to}`,
    `${w.status}: ${t.messages.statusName[message.status]} (${message.status})`,
    `${w.createdAt}: ${formatDateTime(message.createdAt, lang)}`,
    ...(message.sentAt ? [`${w.sentAt}: ${formatDateTime(message.sentAt, lang)}`] : []),
  ];
  let body: string;
  try {
    const mail = composeMessage(message, { from: config.from, siteUrl: config.siteUrl });
    body = `${w.subject}: ${mail.subject}\n\n${String(mail.text ?? '')}`;
  } catch {
    body = t.exports.unreadable;
  }
  return Buffer.from(`${head.join('\n')}\n\n${body}\n`, 'utf8');
}

/** The events as Danish CSV, actors named only where the export knows them (people within the case). */
function eventsCsv(lang: Lang, part: ExportPart): Buffer {
  if (part.content.type !== 'events') return Buffer.alloc(0);
  const { events, people } = part.content;
  const t = texts[lang];
  const c = t.exports.eventColumn;
  const words = t.cases.events as Record<string, string>;
  return Buffer.from(
    DANISH_CSV_BOM +
      danishCsvLines([
        [c.at, c.action, c.what, c.actorId, c.actor, c.entity, c.details],
        ...events.map((e) => [
          e.at,
          e.action,
          words[e.action] ?? t.cases.unknownEvent(e.action),
          e.actor.userId,
          people[e.actor.userId]?.name ?? '',
          `${e.entityType}/${e.entityId}`,
          JSON.stringify(e.details),
        ]),
      ]),
    'utf8',
  );
}

/** Entries booked at the same instant in the order they happen to an award: committed before it is paid out. */
const ENTRY_ORDER: Record<LedgerKind, number> = {
  contribution_received: 0,
  adjustment: 0,
  award_committed: 1,
  disbursement: 2,
  refund: 3,
  commitment_released: 4,
};

/**
 * An award's ledger entries as Danish CSV, oldest first: kind, amount in kroner (from øre, exactly), the bank's
 * date and reference, the reason, and who booked it by user id (people outside the case are not named).
 */
function paymentsCsv(lang: Lang, entries: readonly LedgerEntry[]): Buffer {
  const f = texts[lang].finance;
  return Buffer.from(
    DANISH_CSV_BOM +
      danishCsvLines([
        [
          f.recordedAt,
          f.kind,
          f.inKr(f.amount),
          f.paidOn,
          f.reference,
          f.reason,
          texts[lang].exports.recordedById,
        ],
        ...[...entries]
          .sort((a, b) => a.at.localeCompare(b.at) || ENTRY_ORDER[a.kind] - ENTRY_ORDER[b.kind])
          .map((e) => [
            e.at,
            f.kinds[e.kind],
            kronerText(e.amountOre),
            e.paidOn,
            e.reference,
            e.reason,
            e.recordedBy.userId,
          ]),
      ]),
    'utf8',
  );
}

/** Adds a stream made only when yazl reaches the entry, so no more than one is open at a time. */
function addLazy(zip: ZipFile, path: string, mtime: Date, open: () => Promise<Readable>): void {
  zip.addReadStreamLazy(path, { mtime }, (done) => {
    open().then(
      (stream) => done(null, stream),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), undefined as never),
    );
  });
}

const pdfStream = async (doc: Parameters<typeof renderPdf>[0]): Promise<Readable> =>
  Readable.fromWeb((await renderPdf(doc)) as Parameters<typeof Readable.fromWeb>[0]);

export function createZipWriter(config: ZipWriterConfig): ExportWriter {
  const lang = config.lang ?? 'da';
  const t = texts[lang].exports;
  return {
    async write(key, bundle: ExportBundle) {
      const zip = new ZipFile();
      const generated = new Date(bundle.generatedAt);
      const rows: IndexRow[] = bundle.parts.map((p) => ({
        path: p.path,
        kind: t.parts[p.kind],
        date: formatDateTime(p.date, lang),
        note: p.internal ? t.internal : '',
      }));
      zip.addBuffer(
        Buffer.from(
          DANISH_CSV_BOM +
            danishCsvLines([
              [t.column.path, t.column.kind, t.column.date, t.column.note],
              ...bundle.parts.map((p, i) => [p.path, rows[i]?.kind, p.date, rows[i]?.note]),
            ]),
          'utf8',
        ),
        'index.csv',
        { mtime: generated },
      );
      addLazy(zip, 'index.pdf', generated, () => pdfStream(exportIndexPdf(lang, bundle, rows)));
      for (const part of bundle.parts) {
        const mtime = new Date(part.date);
        const { content } = part;
        switch (content.type) {
          case 'json':
            zip.addBuffer(
              json(part.internal ? { note: t.internal, ...(content.value as object) } : content.value),
              part.path,
              { mtime },
            );
            break;
          case 'file':
            // Stored documents are compressed already (PDF, DOCX, images): stored as they are.
            zip.addReadStreamLazy(part.path, { mtime, compress: false }, (done) => {
              config.objects.read(content.objectKey).then(
                (stream) => done(null, stream),
                (error: unknown) => done(error as Error, undefined as never),
              );
            });
            break;
          case 'application_pdf':
            addLazy(zip, part.path, mtime, () =>
              pdfStream(applicationPdf(lang, content.printout, generated)),
            );
            break;
          case 'message':
            zip.addBuffer(messageText(lang, content.message, config), part.path, { mtime });
            break;
          case 'events':
            zip.addBuffer(eventsCsv(lang, part), part.path, { mtime });
            break;
          case 'payments':
            zip.addBuffer(paymentsCsv(lang, content.entries), part.path, { mtime });
            break;
          case 'readable_pdf':
            addLazy(zip, part.path, mtime, () => pdfStream(readableExportPdf(lang, bundle)));
            break;
        }
      }
      zip.end();
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const hashed = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          sizeBytes += chunk.length;
          done(null, chunk);
        },
      });
      // A part that cannot be read fails the ZipFile, not its output: end the upload's source with the error.
      zip.on('error', (error: Error) => hashed.destroy(error));
      zip.outputStream.on('error', (error: Error) => hashed.destroy(error));
      zip.outputStream.pipe(hashed);
      const uploaded = await config.objects.upload(key, hashed, 'application/zip');
      if (uploaded.sizeBytes !== sizeBytes)
        throw new Error(`Export ${key}: wrote ${uploaded.sizeBytes} of ${sizeBytes} bytes`);
      return { sha256: hash.digest('hex'), sizeBytes };
    },
  };
}
