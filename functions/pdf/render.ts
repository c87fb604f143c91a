import { Readable } from 'node:stream';
import type { PdfDocument } from './document.js';

/*
 * The one PDF renderer: pdfmake (declarative documents) with the Roboto fonts that ship with it (they cover
 * æøå), embedded in every PDF. Nothing is fetched: pdfmake may read neither URLs nor local files, only the
 * fonts' virtual file system. pdfmake and its fonts are loaded on the first PDF, so a process that never
 * renders one never evaluates them.
 */

type Pdfmake = typeof import('pdfmake/js/index.js')['default'];
let ready: Promise<Pdfmake> | undefined;

async function loadPdfmake(): Promise<Pdfmake> {
  const { default: pdfmake } = await import('pdfmake/js/index.js');
  // `as string` keeps @types/pdfmake (and the DOM library it pulls in) out of the program; esbuild still
  // sees the literal and bundles the fonts.
  const { default: vfs } = (await import('pdfmake/build/vfs_fonts.js' as string)) as {
    default: Record<string, string>;
  };
  for (const [name, base64] of Object.entries(vfs))
    pdfmake.virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  pdfmake.setFonts({
    Roboto: {
      normal: 'Roboto-Regular.ttf',
      bold: 'Roboto-Medium.ttf',
      italics: 'Roboto-Italic.ttf',
      bolditalics: 'Roboto-MediumItalic.ttf',
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

export interface RenderOptions {
  /** Compress the PDF's streams (the default). Uncompressed, a test can read the text in the bytes. */
  compress?: boolean;
}

/** Renders a document as a stream of PDF bytes, produced as it is read. */
export async function renderPdf(
  doc: PdfDocument,
  options: RenderOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  // A failed load is tried again on the next PDF rather than remembered.
  ready ??= loadPdfmake().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  const pdfmake = await ready;
  const stream = await pdfmake
    .createPdf({
      ...doc,
      compress: options.compress ?? true,
      defaultStyle: { font: 'Roboto', ...doc.defaultStyle },
    })
    .getStream();
  stream.end();
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

/**
 * The media type and a file name for a PDF answer; with an entity tag (a cache key of what the PDF shows), the
 * reader's browser keeps it and asks again each time (`no-cache`), answered 304 while nothing in it changed.
 */
export const pdfHeaders = (fileName: string, etag?: string): Record<string, string> => ({
  'Content-Type': 'application/pdf',
  'Content-Disposition': `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  ...(etag ? { ETag: etag, 'Cache-Control': 'private, no-cache' } : {}),
});

/** A cache key as an entity tag: weak, as the PDF's footer says when it was made. */
export const pdfEtag = (key: string): string => `W/"${key}"`;

/** Whether the reader's copy (their If-None-Match) is the PDF under `etag`: then it is not built again. */
export const unchanged = (ifNoneMatch: string | undefined, etag: string): boolean =>
  (ifNoneMatch ?? '').split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''));
