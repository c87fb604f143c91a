import { beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../functions/texts/index.js';
import {
  type Api,
  api,
  expectOk,
  parseDanishCsv,
  type SpreadsheetCell,
  spreadsheetCell,
} from '../support/api.js';
import { FINANCE, setUpYear } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { browse } from '../support/web.js';

/*
 * The finance exports opened as Danish Excel opens a CSV (spreadsheetCell: the rules the formula guard of
 * functions/core/shared/csv.ts is written against; no spreadsheet program is installed to ask): a negative
 * amount is a number the spreadsheet sums, never text behind the guard's apostrophe.
 */

let h: Harness;
let client: Api;
const YEAR = 2027;

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  await setUpYear(client, YEAR);
  expectOk(
    await client.post(
      `/api/finance/years/${YEAR}/contributions/lemvig-kommune/adjustments`,
      { amountOre: -12_345, reason: 'Rettet folketal' },
      FINANCE,
    ),
    201,
  );
});

/** A download's rows as spreadsheet cells (without the byte-order mark). */
async function sheet(path: string): Promise<SpreadsheetCell[][]> {
  const res = await browse(h, FINANCE, path);
  expect(res.status, res.html.slice(0, 200)).toBe(200);
  return parseDanishCsv(res.html.replace(/^\uFEFF/, '')).map((row) => row.map(spreadsheetCell));
}

const numberIn = (cell: SpreadsheetCell | undefined): number | undefined =>
  cell && 'number' in cell ? cell.number : undefined;

describe('a negative amount in an export is a number', () => {
  it('the contributions: the adjustment column sums to the adjustment', async () => {
    const [header = [], ...rows] = await sheet(`/finance/years/${YEAR}/exports/contributions.csv`);
    const column = header.findIndex(
      (cell) => 'text' in cell && cell.text === texts.da.finance.inKr(texts.da.finance.adjustments),
    );
    expect(column).toBeGreaterThan(0);
    const cells = rows.map((row) => row[column]);
    expect(cells).toContainEqual({ number: -123.45 });
    expect(cells.some((cell) => cell && 'text' in cell && cell.text.startsWith("'"))).toBe(false);
    const sum = cells.reduce((total, cell) => total + (numberIn(cell) ?? 0), 0);
    expect(Math.round(sum * 100)).toBe(-12_345);
  });

  it('the ledger: the adjustment entry’s amount is a number, and no cell runs as a formula', async () => {
    const rows = await sheet(`/finance/years/${YEAR}/exports/ledger.csv`);
    const adjustment = rows.find((row) =>
      row.some((cell) => 'text' in cell && cell.text === 'Rettet folketal'),
    );
    expect(adjustment).toContainEqual({ number: -123.45 });
    expect(rows.flat().filter((cell) => 'formula' in cell)).toEqual([]);
  });
});
