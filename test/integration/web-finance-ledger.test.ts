/*
 * Two finance pages in the browser's terms: the year's ledger a page at a time (50 entries, oldest first,
 * the next page by the service's cursor, a bad cursor a readable 400), and the population import with a
 * chosen file (Windows-1252 read as the API reads it; too large or not text refused beside the file input,
 * nothing written).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PARTIES } from '../../functions/core/finance/parties.js';
import { MAX_BODY_BYTES } from '../../functions/http/limits.js';
import { type Api, expectOk } from '../support/api.js';
import { acceptedAward, FINANCE, pay, RESEARCHER, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browse, fieldError } from '../support/web.js';

const YEAR = 2027;
const PAYMENTS = 55;
let h: Harness;
let client: Api;

/** A page as finance sees it, or the import form posted. */
const web = (path: string, form?: FormData) => browse(h, FINANCE, path, form ? { form } : {});

/** The import form as a browser sends it: the textarea, the file input (empty when none is chosen), the button. */
function importForm(action: 'preview' | 'apply', csv: string, file?: { bytes: Uint8Array; name?: string }) {
  const form = new FormData();
  form.set('csv', csv);
  form.set(
    'file',
    file
      ? new File([file.bytes], file.name ?? 'folk1a.csv', { type: 'text/csv' })
      : new File([], '', { type: 'application/octet-stream' }),
  );
  form.set('_action', action);
  return form;
}

const folk1a = (rows: [string, number][]) =>
  [
    'Folketal den 1. i kvartalet efter område og tid',
    '"område";"tid";"indhold"',
    ...rows.map(([name, population]) => `"${name}";"2013K1";${population}`),
    '',
  ].join('\r\n');

const previewTable = (html: string) => /<table class="compact">[\s\S]*?<\/table>/.exec(html)?.[0];
/** The textarea's text as the browser holds it (the markup escapes quotes and ampersands). */
const textarea = (html: string) =>
  /<textarea[^>]*name="csv"[^>]*>([\s\S]*?)<\/textarea>/
    .exec(html)?.[1]
    ?.replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
const fileError = (html: string) => fieldError(html, 'f-file');
const references = (html: string) => html.match(/Ref \d\d/g) ?? [];
const nextHref = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');

async function populations(year: number): Promise<{ missing: string[] }> {
  return expectOk(await client.get(`/api/populations?year=${year}`, FINANCE));
}

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
  await setUpYear(client, YEAR, { referenceYear: 2026, dueDate: '2027-06-30' });
  for (let i = 1; i <= PAYMENTS; i++) {
    await pay(client, YEAR, 100 * i, {
      partyId: PARTIES[i % PARTIES.length]?.id ?? '',
      paidOn: '2027-02-15',
      reference: `Ref ${String(i).padStart(2, '0')}`,
      key: `ledger-page-${i}`,
    });
    h.clock.advance(1_000);
  }
}, 60_000);

describe('the ledger page', () => {
  it('shows 50 entries oldest first and the rest on the next page', async () => {
    const first = await web(`/finance/years/${YEAR}/ledger`);
    expect(first.status).toBe(200);
    const html = first.html;
    const refs = references(html);
    expect(refs).toHaveLength(50);
    expect(refs[0]).toBe('Ref 01');
    expect(refs[49]).toBe('Ref 50');
    expect(html).toContain(PARTIES[1]?.name);
    expect(html).toContain('finance@fim.local');
    expect(html).toContain('Betaling');
    expect(html).not.toContain('Første side');
    const next = nextHref(html);
    expect(next).toMatch(new RegExp(`^/finance/years/${YEAR}/ledger\\?cursor=`));

    const second = await web(next ?? '');
    expect(second.status).toBe(200);
    const html2 = second.html;
    expect(references(html2)).toEqual(['Ref 51', 'Ref 52', 'Ref 53', 'Ref 54', 'Ref 55']);
    expect(nextHref(html2)).toBeUndefined();
    expect(html2).toContain(`<a href="/finance/years/${YEAR}/ledger">Første side</a>`);
  });

  it('names an award by its application’s reference, on the page and in the CSV', async () => {
    const id = await acceptedAward(client, { amountOre: 50_000, title: 'Ældre i eget hjem' });
    const { reference } = expectOk(await client.get(`/api/applications/${id}`, RESEARCHER));
    expect(reference).toMatch(/^FIM-\d{4}-\d{4}$/);
    const second = await web(nextHref((await web(`/finance/years/${YEAR}/ledger`)).html) ?? '');
    expect(second.html).toContain(`<a href="/finance/awards/${id}">Bevilling ${reference}</a>`);
    expect(second.html).not.toContain(`Bevilling ${id.slice(0, 8)}`);
    const csv = await web(`/finance/years/${YEAR}/exports/ledger.csv`);
    expect(csv.html).toContain(';Bevilling;');
    expect(csv.html).toContain(`;${reference};`);
  });

  it('is linked from the year page', async () => {
    const html = (await web(`/finance/years/${YEAR}`)).html;
    expect(html).toContain(`href="/finance/years/${YEAR}/ledger"`);
  });

  it.each([
    ['not base64 JSON', 'bm9wZQ'],
    ['a position outside the ledger', Buffer.from(JSON.stringify({ sk: 'USER#x' })).toString('base64url')],
  ])('answers a bad cursor (%s) with a 400 page that says what to do', async (_, cursor) => {
    const res = await web(`/finance/years/${YEAR}/ledger?cursor=${cursor}`);
    expect(res.status).toBe(400);
    const html = res.html;
    expect(html).toContain('Siden findes ikke');
    expect(html).toContain(`<a href="/finance/years/${YEAR}/ledger">Første side</a>`);
    expect(h.errors).toEqual([]);
  });
});

describe('the import with a chosen file', () => {
  const rows: [string, number][] = [
    ['Ringkøbing-Skjern', 57_259],
    ['Samsø', 3_913],
  ];

  it('reads a Windows-1252 FOLK1A file as pasting its text would, and carries the text to apply', async () => {
    const text = folk1a(rows);
    const cp1252 = new Uint8Array(Buffer.from(text, 'latin1'));
    expect(cp1252.includes(0xf8)).toBe(true); // ø as one Windows-1252 byte
    const uploaded = await web('/finance/populations/import', importForm('preview', '', { bytes: cp1252 }));
    const pasted = await web('/finance/populations/import', importForm('preview', text));
    expect([uploaded.status, pasted.status]).toEqual([200, 200]);
    const [up, paste] = [uploaded.html, pasted.html];
    expect(previewTable(up)).toBeDefined();
    expect(previewTable(up)).toBe(previewTable(paste));
    expect(previewTable(up)).toContain('Ringkøbing-Skjern Kommune');
    expect(previewTable(up)).toContain('Samsø Kommune');
    expect(textarea(up)).toContain('"Ringkøbing-Skjern";"2013K1";57259');
    expect((await populations(2013)).missing).toContain('samsoe-kommune');

    // No JavaScript: "apply" posts the textarea as the preview left it, with no file chosen.
    const applied = await web('/finance/populations/import', importForm('apply', textarea(up) ?? ''));
    expect(applied.status).toBe(303);
    expect(applied.location).toBe('/finance/populations/import?written=2&figures=2');
    expect((await populations(2013)).missing).not.toContain('samsoe-kommune');
  });

  it("lists every fault of the file by line, in the reader's words, and writes nothing", async () => {
    const res = await web(
      '/finance/populations/import',
      importForm('apply', 'party,year,population\nNowhere,2016,12\nSamsø,2016K2,mange\n'),
    );
    expect(res.status).toBe(422);
    const html = res.html;
    expect(html).toContain('Filen har fejl; intet er gemt');
    for (const fault of [
      'Linje 2: ukendt part &quot;Nowhere&quot; <span class="meta">(UNKNOWN_PARTY)</span>',
      'Linje 3: &quot;2016K2&quot; er ikke 1. januar (brug K1)',
      'Linje 3: ugyldigt folketal &quot;mange&quot;',
    ])
      expect(html).toContain(fault);
    expect((await populations(2016)).missing).toContain('samsoe-kommune');
  });

  it('uses the file rather than the text beside it', async () => {
    const res = await web(
      '/finance/populations/import',
      importForm('preview', 'party,year,population\nNowhere,2014,12', {
        bytes: new TextEncoder().encode('party,year,population\nSkive,2014,46000'),
      }),
    );
    expect(res.status).toBe(200);
    expect(previewTable(res.html)).toContain('Skive Kommune');
  });

  const samso2015 = 'party,year,population\nSamsø,2015,3800\n';
  it.each([
    ['just over the limit', MAX_BODY_BYTES + 1, 413, 'Filen er for stor: højst 256 kB'],
    ['far over the limit', 5 * MAX_BODY_BYTES, 413, 'Filen er for stor: højst 256 kB'],
  ])('refuses a file %s beside the file input and writes nothing', async (_, size, status, message) => {
    const bytes = new Uint8Array(size).fill(0x20);
    bytes.set(new TextEncoder().encode(samso2015));
    const res = await web('/finance/populations/import', importForm('apply', '', { bytes }));
    expect(res.status).toBe(status);
    const html = res.html;
    expect(fileError(html)).toBe(message);
    expect(html).toContain('aria-invalid="true"');
    expect((await populations(2015)).missing).toContain('samsoe-kommune');
  });

  it('refuses a binary file beside the file input and writes nothing', async () => {
    const bytes = new Uint8Array([
      0x50,
      0x4b,
      0x03,
      0x04,
      0x14,
      0x00,
      0x06,
      0x00,
      ...new TextEncoder().encode(samso2015),
    ]);
    const res = await web(
      '/finance/populations/import',
      importForm('apply', samso2015, { bytes, name: 'folketal.xlsx' }),
    );
    expect(res.status).toBe(422);
    const html = res.html;
    expect(fileError(html)).toContain('Filen er ikke en tekstfil');
    expect(textarea(html)).toContain('Samsø,2015,3800');
    expect((await populations(2015)).missing).toContain('samsoe-kommune');
  });
});
