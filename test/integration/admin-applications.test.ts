/*
 * The secretariat's list of applications: across calls and within one, by status, focus area, grant type,
 * sector and text, a page at a time by cursor, without drafts unless asked for. Drafts live in their own
 * index partition (the ranking and the call's list read none of them); applications stored before the index
 * join it through the one-off backfill.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_LIST_PAGE } from '../../functions/core/applications/admin-list.schema.js';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { backfill } from '../../functions/db/backfill.js';
import { applicationItem } from '../../functions/db/items.js';
import * as keys from '../../functions/db/keys.js';
import {
  type Api,
  api,
  expectOk,
  expectProblem,
  parseDanishCsv,
  pointers,
  spreadsheetCell,
} from '../support/api.js';
import {
  ADMIN,
  applicationBody,
  createCall,
  createDraft,
  partner,
  RESEARCHER,
  RESEARCHER2,
  submitApplication,
} from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { putItems } from '../support/table.js';
import { browse, fieldError } from '../support/web.js';

let h: Harness;
let client: Api;
let first: string;
let second: string;
const submitted: Record<string, string> = {};

// biome-ignore lint/suspicious/noExplicitAny: the API's JSON
const ids = (body: any): string[] => body.items.map((row: any) => row.application.id);
const list = async (query: string) => expectOk(await client.get(`/api/admin/applications?${query}`, ADMIN));

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  first = (await createCall(client)).id;
  second = (await createCall(client, { overrides: { title: 'Andet opslag' } })).id;
  submitted.falls = await submitApplication(client, first, RESEARCHER);
  h.clock.advance(1_000);
  submitted.psychiatry = await submitApplication(client, first, RESEARCHER2, {
    title: 'Den nære psykiatri i Viborg',
    focusArea: 'near_psychiatry',
    grantTypeId: 'B',
    budgetLines: [{ category: 'Løn', year: 2027, amountOre: 5_000_000 }],
    partners: [partner('Viborg Kommune', 'municipality'), partner('Lægehuset Nørreport', 'general_practice')],
  });
  h.clock.advance(1_000);
  submitted.other = await submitApplication(client, second, RESEARCHER, { title: 'Rygestop i Skive' });
  h.clock.advance(1_000);
  await createDraft(client, first, RESEARCHER, applicationBody({ title: 'Et udkast om fald' }));
}, 60_000);

describe('the secretariat’s list', () => {
  it('lists every submitted application across calls, newest first, with its call, and no drafts', async () => {
    const body = await list('');
    expect(ids(body)).toEqual([submitted.other, submitted.psychiatry, submitted.falls]);
    expect(body.items[0].call).toMatchObject({ id: second, title: 'Andet opslag' });
    expect(body.cursor).toBeUndefined();
  });

  it('narrows by call, status, focus area, grant type, sector and text', async () => {
    expect(ids(await list(`callId=${first}`))).toEqual([submitted.psychiatry, submitted.falls]);
    expect(ids(await list(`status=submitted&focusArea=near_psychiatry`))).toEqual([submitted.psychiatry]);
    expect(ids(await list(`callId=${first}&grantType=B`))).toEqual([submitted.psychiatry]);
    expect(ids(await list(`callId=${first}&sector=region`))).toEqual([submitted.falls]);
    expect(ids(await list(`status=submitted&q=RYGESTOP`))).toEqual([submitted.other]);
    const reference = (await list(`callId=${second}`)).items[0].application.reference;
    expect(ids(await list(`callId=${second}&q=${reference}`))).toEqual([submitted.other]);
    expect(ids(await list(`status=withdrawn`))).toEqual([]);
  });

  it('lists drafts only when asked for by status', async () => {
    const drafts = await list(`status=draft`);
    expect(drafts.items.map((r: { application: Application }) => r.application.title)).toEqual([
      'Et udkast om fald',
    ]);
    expect(ids(await list(`callId=${first}&status=draft`))).toEqual(ids(drafts));
    expect(ids(await list(`callId=${first}&status=submitted`))).not.toContain(ids(drafts)[0]);
  });

  it('refuses text without a call or a status, and a cursor it did not make, naming the field', async () => {
    const text = expectProblem(await client.get('/api/admin/applications?q=fald', ADMIN), 400);
    expect(pointers(text)).toEqual(['/query/q']);
    const cursor = Buffer.from(JSON.stringify({ 'CALLAPPS#x': '2027' })).toString('base64url');
    const bad = expectProblem(await client.get(`/api/admin/applications?cursor=${cursor}`, ADMIN), 400);
    expect(pointers(bad)).toEqual(['/query/cursor']);
    expectProblem(await client.get('/api/admin/applications?status=lost', ADMIN), 400);
  });

  it('is for admins only', async () => {
    expectProblem(await client.get('/api/admin/applications', RESEARCHER), 403);
    expectProblem(await client.get('/api/admin/applications'), 401);
  });

  it('the call’s list and the ranking read no drafts', async () => {
    const ofCall = await h.core.applications.listByCall(first);
    expect(ofCall.map((a) => a.status)).toEqual(['submitted', 'submitted']);
    expect((await h.core.applications.listDraftsByCall(first)).map((a) => a.title)).toEqual([
      'Et udkast om fald',
    ]);
  });
});

describe('the secretariat’s page', () => {
  it('filters by a GET form, shows grant types by name, and links the CSV of the same filters', async () => {
    const page = await browse(h, ADMIN, `/admin/applications?callId=${first}&grantType=B`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Den nære psykiatri i Viborg');
    expect(page.html).not.toContain('Faldforebyggelse i eget hjem');
    expect(page.html).toContain('Ph.d.-protokol (B)');
    expect(page.html).toContain(`href="/admin/applications.csv?callId=${first}&amp;grantType=B"`);
  });

  it('downloads the filtered list as CSV for Danish Excel, amounts as numbers', async () => {
    const file = await browse(h, ADMIN, `/admin/applications.csv?callId=${first}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseDanishCsv(file.html.replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(3);
    expect(rows[0]?.[0]).toBe('Reference');
    const viborg = rows.find((r) => r[1] === 'Den nære psykiatri i Viborg');
    expect(viborg?.[8]).toBe('50000,00');
    expect(spreadsheetCell(viborg?.[8] ?? '')).toEqual({ number: 50_000 });
  });

  it('shows a refused filter beside its field and in the summary, and refuses others', async () => {
    const page = await browse(h, ADMIN, '/admin/applications?q=fald');
    expect(page.status).toBe(400);
    expect(fieldError(page.html, 'f-q')).toContain('Vælg et opslag eller en status');
    expect(page.html).toContain('id="error-summary"');
    expect((await browse(h, ADMIN, '/admin/applications?cursor=bad')).status).toBe(400);
    expect((await browse(h, RESEARCHER, '/admin/applications')).status).toBe(403);
    expect((await browse(h, RESEARCHER, '/admin/applications.csv')).status).toBe(403);
  });
});

describe('paging and the backfill', () => {
  let p: Harness;
  const callId = 'c0ffee00-0000-4000-8000-000000000001';
  const stored = (i: number, status: Application['status']): Application => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    callId,
    status,
    ownerId: 'owner',
    ownerEmail: 'owner@fim.local',
    ownerName: 'Ejer',
    title: `Projekt ${i}`,
    partners: [],
    budgetLines: [],
    requestedAmountOre: 0,
    createdAt: `2027-01-01T09:00:${String(i).padStart(2, '0')}.000Z`,
    version: 1,
    updatedAt: '2027-01-01T09:00:00.000Z',
    ...(status === 'draft' ? {} : { reference: `FIM-2027-${String(i).padStart(4, '0')}` }),
  });
  const total = ADMIN_LIST_PAGE + 5;

  beforeAll(async () => {
    p = await createHarness();
    // As an earlier version stored them: every one in the call's partition, none indexed by status.
    const old = (a: Application) => {
      const {
        gsi3pk: _pk,
        gsi3sk: _sk,
        searchText: _t,
        partnerSectors: _s,
        gsi2pk: _g,
        ...rest
      } = applicationItem(a);
      return { ...rest, ...keys.applicationByCall(a.callId, a.createdAt, a.id) };
    };
    await putItems(p.db, [
      ...Array.from({ length: total }, (_, i) => old(stored(i, i % 2 === 0 ? 'submitted' : 'in_review'))),
      old(stored(59, 'draft')),
    ]);
    await putItems(p.db, [
      {
        ...keys.call(callId),
        ...keys.callByStatus('closed', '2027-01-02T00:00:00.000Z', callId),
        id: callId,
      },
    ]);
  }, 60_000);

  it('joins the index through the backfill, once; then pages by cursor through every one', async () => {
    const pc = api(p);
    expect((await pc.get('/api/admin/applications', ADMIN)).body.items).toEqual([]);
    expect((await p.core.applications.listByCall(callId)).length).toBe(total + 1);

    expect((await backfill(p.db)).applicationIndexes).toBe(total + 1);
    expect((await backfill(p.db)).applicationIndexes).toBe(0);
    expect((await p.core.applications.listByCall(callId)).length).toBe(total);

    const firstPage = expectOk(await pc.get('/api/admin/applications', ADMIN));
    expect(firstPage.items).toHaveLength(ADMIN_LIST_PAGE);
    expect(firstPage.items[0].application.title).toBe(`Projekt ${total - 1}`);
    const rest = expectOk(await pc.get(`/api/admin/applications?cursor=${firstPage.cursor}`, ADMIN));
    expect(rest.cursor).toBeUndefined();
    const all = [...ids(firstPage), ...ids(rest)];
    expect(new Set(all).size).toBe(total);
    expect(ids(expectOk(await pc.get(`/api/admin/applications?status=draft`, ADMIN)))).toHaveLength(1);
  });
});
