/*
 * The ledger export streams the whole year, a page at a time, past 10 000 entries (it used to stop there
 * without a word); a failure part-way ends the file with a line saying it is incomplete and fails the download.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../functions/core/finance/finance.schema.js';
import { LEDGER_PAGE_MAX } from '../../functions/core/finance/ledger.service.js';
import { ledgerPut } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';
import { FINANCE } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { putItems } from '../support/table.js';

const YEAR = 2026;
const ENTRIES = 10_050;
const PATH = `/finance/years/${YEAR}/exports/ledger.csv`;
let h: Harness;

/** Ledger Queries sent since the counter was last read. */
let ledgerQueries = 0;

const entry = (i: number): LedgerEntry => ({
  id: `e${String(i).padStart(5, '0')}`,
  year: YEAR,
  kind: 'contribution_received',
  amountOre: 100 + i,
  grantShareOre: 80,
  at: new Date(Date.UTC(YEAR, 0, 1) + i * 1_000).toISOString(),
  partyId: 'aarhus-kommune',
  paidOn: `${YEAR}-01-01`,
  reference: `Bank ${i}`,
  recordedBy: { userId: 'demo-finance', email: FINANCE },
});

const ask = async () =>
  h.app.request(PATH, { headers: { cookie: `fim_session=${await h.sessionFor(FINANCE)}` } });

beforeAll(async () => {
  h = await createHarness();
  await putItems(
    h.db,
    Array.from({ length: ENTRIES }, (_, i) => {
      const e = entry(i);
      return ledgerPut(h.db, e, keys.ledgerEntryOfContribution(YEAR, 'aarhus-kommune', e.at, e.id)).Put
        ?.Item as Record<string, unknown>;
    }),
  );
  h.db.doc.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
      if (input.ExpressionAttributeValues?.[':pk'] === keys.ledgerPk(YEAR)) ledgerQueries += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countLedgerQueries' },
  );
}, 120_000);

describe('the ledger export', () => {
  it('streams every entry past 10 000, reading a page only when the one before was sent', async () => {
    ledgerQueries = 0;
    const res = await ask();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    // The header, then the first page: no more of the ledger has been read than it took.
    for (let i = 0; i < 2; i++) chunks.push((await reader.read()).value as Uint8Array);
    expect(ledgerQueries).toBeLessThanOrEqual(2);
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(ledgerQueries).toBe(Math.ceil(ENTRIES / LEDGER_PAGE_MAX));
    const text = new TextDecoder().decode(Buffer.concat(chunks));
    const lines = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines).toHaveLength(1 + ENTRIES);
    expect(lines.at(-1)).toContain(`Bank ${ENTRIES - 1}`);
    expect(text).not.toContain('UFULDSTÆNDIG');
  });

  it('says the file is incomplete and fails the download when a page cannot be read', async () => {
    let asked = 0;
    h.db.doc.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        if (input.ExpressionAttributeValues?.[':pk'] === keys.ledgerPk(YEAR) && ++asked === 3)
          throw new Error('the table went away');
        return next(args);
      },
      { step: 'initialize', name: 'failThirdPage' },
    );
    try {
      const res = await ask();
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const chunks: Uint8Array[] = [];
      const failed = await (async () => {
        try {
          for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
          return false;
        } catch {
          return true;
        }
      })();
      expect(failed).toBe(true);
      const lines = new TextDecoder().decode(Buffer.concat(chunks)).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1 + 2 * LEDGER_PAGE_MAX + 1);
      expect(lines.at(-1)).toMatch(/^EKSPORTEN ER UFULDSTÆNDIG/);
      expect(h.errors).toHaveLength(1);
    } finally {
      h.db.doc.middlewareStack.remove('failThirdPage');
    }
  });
});
