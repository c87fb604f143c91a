import type { Message } from '../shared/messages.js';
import { findParty } from './parties.js';

/** One figure read from an import file, with the line it came from. */
export interface PopulationRow {
  line: number;
  partyId: string;
  year: number;
  population: number;
}

export type ImportProblemCode =
  | 'COLUMNS'
  | 'UNKNOWN_PARTY'
  | 'INVALID_YEAR'
  | 'NOT_JANUARY'
  | 'INVALID_POPULATION'
  | 'DUPLICATE'
  | 'EMPTY';

/**
 * One fault of the file, with the values it speaks of (the line, the text found there). A line with several
 * faults has a problem for each.
 */
export type ImportProblem = Extract<Message, { code: ImportProblemCode }> & {
  /** 0 for the file as a whole. */
  line: number;
};

export interface ParsedImport {
  format: 'fim' | 'folk1a';
  rows: PopulationRow[];
  problems: ImportProblem[];
}

/** Bytes as text: UTF-8 when it is valid UTF-8, else Windows-1252 (Statistikbanken's exports can be either). */
export function decodeImport(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Splits one CSV line on `separator`, honouring double quotes. */
function splitLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Party, year (reference period) and population. */
const COLUMNS = 3;
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;
/** Far above the whole region's 1.3 million: a figure beyond it is a typing error. */
const MAX_POPULATION = 5_000_000;

/** A population count: digits, optionally with Danish thousands separators (47.156 or 47 156). */
function readPopulation(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(compact)) return undefined;
  const value = Number(compact.replaceAll('.', ''));
  return Number.isSafeInteger(value) && value <= MAX_POPULATION ? value : undefined;
}

/** A reference year: `2024`, or FOLK1A's first quarter `2024K1` (the population on 1 January). */
function readYear(text: string): number | undefined | 'not_january' {
  const m = /^(\d{4})(?:\s*K([1-4]))?$/i.exec(text.trim());
  if (!m) return undefined;
  if (m[2] && m[2] !== '1') return 'not_january';
  const year = Number(m[1]);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
}

/**
 * Reads population figures from the project's own CSV (`party,year,population`) or from Danmarks Statistik's
 * FOLK1A export (semicolons; area, period and value columns, with or without title lines). Every fault of every
 * line that cannot be used is reported with the line's number; nothing is guessed.
 */
export function parsePopulationImport(text: string): ParsedImport {
  const lines = text.split(/\r?\n/);
  // Statistikbanken separates with semicolons (and may open with a title line that has none).
  const format: ParsedImport['format'] = lines.some((l) => l.includes(';')) ? 'folk1a' : 'fim';
  const separator = format === 'folk1a' ? ';' : ',';
  const rows: PopulationRow[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const cells = splitLine(raw, separator).filter((c, i, all) => c !== '' || i < all.length - 1);
    const lower = cells.map((c) => c.toLocaleLowerCase('da-DK'));
    // Header and title lines: the column names, or Statistikbanken's table title (a line with one cell).
    if (
      lower.some((c) => ['party', 'område', 'omrade', 'area', 'region'].includes(c)) &&
      lower.some((c) => ['population', 'indhold', 'value', 'tid', 'year', 'time'].includes(c))
    )
      return;
    if (cells.filter(Boolean).length <= 1 && format === 'folk1a') return;
    if (cells.length < COLUMNS) {
      problems.push({ line, code: 'COLUMNS', params: { line, found: cells.length, expected: COLUMNS } });
      return;
    }
    const [area = '', period = '', value = ''] =
      format === 'fim' ? [cells[0], cells[1], cells[2]] : cells.slice(-3);
    const party = findParty(area);
    const year = readYear(period);
    const population = readPopulation(value);
    const faults = problems.length;
    if (!party) problems.push({ line, code: 'UNKNOWN_PARTY', params: { line, value: area } });
    if (year === undefined) problems.push({ line, code: 'INVALID_YEAR', params: { line, value: period } });
    if (year === 'not_january') problems.push({ line, code: 'NOT_JANUARY', params: { line, value: period } });
    if (population === undefined)
      problems.push({ line, code: 'INVALID_POPULATION', params: { line, value } });
    if (problems.length > faults || !party || typeof year !== 'number' || population === undefined) return;
    const key = `${party.id}#${year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        line,
        code: 'DUPLICATE',
        params: { line, party: party.name, year, firstLine: earlier },
      });
      return;
    }
    seen.set(key, line);
    rows.push({ line, partyId: party.id, year, population });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ line: 0, code: 'EMPTY' });
  return { format, rows, problems };
}
