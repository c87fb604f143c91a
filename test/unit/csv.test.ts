import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DANISH_NUMBER, kronerText, toDanishCsv, twoDecimals } from '../../functions/core/shared/csv.js';
import { parseDanishCsv, spreadsheetCell } from '../support/api.js';

describe('toDanishCsv', () => {
  it('starts with a byte-order mark, separates with semicolons and ends each row with CRLF', () => {
    expect(toDanishCsv(['a', 'b'], [['x', 1]])).toBe('\uFEFFa;b\r\nx;1\r\n');
  });

  it('writes decimals with a comma and leaves missing values empty', () => {
    expect(toDanishCsv(['n'], [[4.25], [undefined], [0]])).toBe('\uFEFFn\r\n4,25\r\n\r\n0\r\n');
  });

  it.each(['=1+1', '+45 12 34 56 78', '-2 år', '@SUM(A1)', '=HYPERLINK("https://x";"Klik")'])(
    'keeps %s from running as a formula',
    (text) => {
      const [, row] = parseDanishCsv(toDanishCsv(['t'], [[text]]).slice(1));
      expect(row).toEqual([`'${text}`]);
    },
  );

  it('leaves numbers as numbers, negative ones too', () => {
    expect(toDanishCsv(['n'], [[-1.5]])).toBe('\uFEFFn\r\n-1,5\r\n');
  });

  it('leaves negative amounts in kroner as numbers the spreadsheet sums (no apostrophe)', () => {
    const amounts = [-123_450, 5_000, -1, 0, 99_999_999];
    const csv = toDanishCsv(
      ['Bevægelse', 'Beløb'],
      amounts.map((ore, i) => [i === 0 ? '=SUM(B2:B9)' : `Post ${i}`, kronerText(ore)]),
    );
    const [header, ...rows] = parseDanishCsv(csv.slice(1)).map((row) => row.map(spreadsheetCell));
    expect(header).toEqual([{ text: 'Bevægelse' }, { text: 'Beløb' }]);
    // Every amount is a number, and their sum is the øre written, to the øre.
    const cells = rows.map((row) => row[1]);
    expect(
      cells.every((cell) => cell !== undefined && 'number' in cell),
      JSON.stringify(cells),
    ).toBe(true);
    const sum = cells.reduce((total, cell) => total + (cell && 'number' in cell ? cell.number : 0), 0);
    expect(Math.round(sum * 100)).toBe(amounts.reduce((a, b) => a + b, 0));
    // The text a person typed stays text: the formula is behind the guard's apostrophe.
    expect(rows[0]?.[0]).toEqual({ text: "'=SUM(B2:B9)" });
  });

  it('property: no cell a spreadsheet reads is a formula; any text reads back as written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (rows) => {
          const parsed = parseDanishCsv(toDanishCsv(['h'], rows).slice(1)).slice(1);
          for (const cell of parsed.flat()) expect(spreadsheetCell(cell)).not.toHaveProperty('formula');
          expect(parsed).toEqual(
            rows.map((r) =>
              r.map((cell) => (/^[=+\-@]/.test(cell) && !DANISH_NUMBER.test(cell) ? `'${cell}` : cell)),
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('kronerText and twoDecimals', () => {
  it('writes øre as kroner exactly', () => {
    expect(kronerText(35_000_050)).toBe('350000,50');
    expect(kronerText(1)).toBe('0,01');
    expect(kronerText(-105)).toBe('-1,05');
    expect(kronerText(undefined)).toBeUndefined();
  });

  it('property: kroner text reads back to the same øre', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (ore) => {
        const text = kronerText(ore) as string;
        const [kr = '', decimals = ''] = text.replace('-', '').split(',');
        expect((Number(kr) * 100 + Number(decimals)) * (text.startsWith('-') ? -1 : 1)).toBe(ore);
      }),
    );
  });

  it('rounds scores to two decimals', () => {
    expect(twoDecimals(3.6666)).toBe(3.67);
    expect(twoDecimals(4.2 - 3)).toBe(1.2);
    expect(twoDecimals(undefined)).toBeUndefined();
  });
});
