import { inflateSync } from 'node:zlib';

/*
 * The text of a PDF as a reader's copy-and-paste would give it: a small parser for the PDFs pdfkit (under
 * pdfmake) writes. It inflates the streams, reads each embedded font's ToUnicode map and decodes the text
 * operators (Tj, TJ) of the page contents with the font set by Tf. Enough to prove what a PDF shows, no more.
 */

interface PdfObject {
  dict: string;
  stream?: string;
}

function objectsOf(raw: string): Map<string, PdfObject> {
  const objects = new Map<string, PdfObject>();
  for (const m of raw.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) {
    const [, id = '', body = ''] = m;
    const at = body.search(/\bstream\r?\n/);
    if (at < 0) {
      objects.set(id, { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const start = body.indexOf('\n', at) + 1;
    const data = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
    const stream = /\/FlateDecode/.test(dict) ? inflateSync(data, { finishFlush: 2 }) : data;
    objects.set(id, { dict, stream: stream.toString('latin1') });
  }
  return objects;
}

/** UTF-16BE as hex (a ligature's target is two units, `<0066 0069>`: spaces allowed). */
const utf16 = (hex: string): string =>
  String.fromCharCode(...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16)));

/** A ToUnicode CMap: glyph code (hex, upper case) to text. */
function cmapOf(stream: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, block = ''] of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src = '', dst = ''] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(src.toUpperCase(), utf16(dst));
    }
  }
  for (const [, block = ''] of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo = '', hi = '', dst = ''] of block.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g,
    )) {
      const from = Number.parseInt(lo, 16);
      const to = Number.parseInt(hi, 16);
      const targets = dst.startsWith('[')
        ? [...dst.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => x[1] ?? '')
        : [];
      for (let code = from; code <= to; code++) {
        const key = code.toString(16).toUpperCase().padStart(lo.length, '0');
        if (targets.length) map.set(key, utf16(targets[code - from] ?? ''));
        else {
          const base = Number.parseInt(dst.slice(1, -1), 16) + (code - from);
          map.set(key, String.fromCodePoint(base));
        }
      }
    }
  }
  return map;
}

/** The text a PDF shows, in content order; runs joined without separators (compare with `compact`). */
export function pdfText(bytes: Uint8Array): string {
  const objects = objectsOf(Buffer.from(bytes).toString('latin1'));
  const cmaps = new Map<string, Map<string, string>>();
  for (const [id, o] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(o.dict)?.[1];
    const cmap = ref ? objects.get(ref)?.stream : undefined;
    if (/\/Type\s*\/Font\b/.test(o.dict) && cmap) cmaps.set(id, cmapOf(cmap));
  }
  const fontByName = new Map<string, string>();
  for (const o of objects.values()) {
    for (const [, fonts = ''] of o.dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const [, name = '', id = ''] of fonts.matchAll(/\/(\w+) (\d+) 0 R/g)) fontByName.set(name, id);
    }
  }
  const out: string[] = [];
  for (const o of objects.values()) {
    if (!o.stream || !/\bT[jJ]\b/.test(o.stream)) continue;
    let cmap: Map<string, string> | undefined;
    for (const [, font, array, single] of o.stream.matchAll(
      /\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g,
    )) {
      if (font) {
        cmap = cmaps.get(fontByName.get(font) ?? '');
        continue;
      }
      const hexes =
        array !== undefined
          ? [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? '')
          : [single ?? ''];
      for (const hex of hexes) {
        for (const code of hex.toUpperCase().match(/.{4}/g) ?? []) out.push(cmap?.get(code) ?? '\uFFFD');
      }
    }
  }
  return out.join('');
}

/** Text without any whitespace (line breaks and the formatters' no-break spaces fall where they fall). */
export const compact = (text: string): string => text.replace(/\s+/gu, '');
