/** A number as Danish Excel reads one from CSV: an optional minus, digits, a decimal comma and digits. */
export const DANISH_NUMBER = /^-?\d+(,\d+)?$/;

/**
 * CSV that opens cleanly in Danish Excel: UTF-8 with a byte-order mark, semicolons between fields, CRLF line
 * ends, Danish decimal commas, and fields quoted when they hold a separator, a quote or a line break.
 */
export function toDanishCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | undefined)[])[],
): string {
  return `${DANISH_CSV_BOM}${danishCsvLines([header, ...rows])}`;
}

/** What a Danish CSV file begins with: the byte-order mark that tells Excel it is UTF-8. */
export const DANISH_CSV_BOM = '\uFEFF';

/** Rows as lines of a Danish CSV, each ended by CRLF: a file written a part at a time (after the BOM). */
export function danishCsvLines(rows: readonly (readonly (string | number | undefined)[])[]): string {
  const cell = (value: string | number | undefined): string => {
    if (value === undefined) return '';
    const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
    // A leading = + - @ would run as a formula in a spreadsheet: quote it as text. A plain number (an amount in
    // kroner, `-1234,50`) runs as nothing and must stay a number the spreadsheet sums.
    const safe = /^[=+\-@]/.test(text) && !DANISH_NUMBER.test(text) ? `'${text}` : text;
    return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return rows.map((row) => `${row.map(cell).join(';')}\r\n`).join('');
}

/** A score to two decimals, as a number for the spreadsheet. */
export const twoDecimals = (value: number | undefined): number | undefined =>
  value === undefined ? undefined : Math.round(value * 100) / 100;

/** Øre as kroner with a decimal comma, exactly (no floating point): 123450 -> "1234,50". */
export const kronerText = (ore: number | undefined): string | undefined =>
  ore === undefined
    ? undefined
    : `${ore < 0 ? '-' : ''}${Math.trunc(Math.abs(ore) / 100)},${String(Math.abs(ore) % 100).padStart(2, '0')}`;
