import { DANISH_CSV_BOM, danishCsvLines } from '../functions/core/shared/csv.js';
import type { WebContext } from './render.js';

/* The site's CSV downloads: one for Danish Excel, written whole or streamed a part at a time. */

/** A CSV download for Danish Excel, never cached (it holds the figures of the moment): text, or streamed. */
export const csv = (c: WebContext, name: string, body: string | ReadableStream<Uint8Array>) =>
  c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="fim-${name}.csv"`,
    'Cache-Control': 'no-store',
  });

export type CsvRow = readonly (string | number | undefined)[];

/**
 * A CSV file written as its rows are read: the header, then each part `parts` gives, so only one part is ever
 * held. A failure after the first bytes cannot become an error page: the file then ends with a line saying it
 * is incomplete (`incomplete`), and the stream fails, so the browser reports the download as failed too.
 */
export function streamedCsv(
  header: CsvRow,
  parts: AsyncIterable<CsvRow[]>,
  incomplete: string,
  logError: (message: string, error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${DANISH_CSV_BOM}${danishCsvLines([header])}`));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(danishCsvLines(next.value)));
      } catch (error) {
        logError('CSV export failed part-way', error);
        controller.enqueue(encoder.encode(danishCsvLines([[incomplete]])));
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
