import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import { expectAccessible, type LocalServer, launchChromium, startLocalServer } from './support.js';

/*
 * Finance's year in a real browser against `npm start`'s server (which seeds the 2013 populations): the
 * finance officer imports a figure, sets up this year with 2013 as reference year, runs and sends the
 * demands, records a payment for Samsø, reads the overview with its charts and downloads the contributions
 * for Excel. axe-core checks every page on the way.
 */
const FINANCE = 'Frederik Kristensen';
const YEAR = Number(copenhagenDate(new Date()).slice(0, 4));

describe('finance runs the year', () => {
  let server: LocalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const main = () => page.locator('main');

  beforeAll(async () => {
    [server, browser] = await Promise.all([startLocalServer(), launchChromium()]);
    context = await browser.newContext({ locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps the finance pages to finance and administrators', async () => {
    await page.goto(`${server.url}/finance`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto(`${server.url}/login?next=/finance`);
    await page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();
    expect((await page.goto(`${server.url}/finance`))?.status()).toBe(403);
    await expectAccessible(page);
    expect((await page.goto(`${server.url}/parties/samsoe-kommune`))?.status()).toBe(200);
    expect(await main().textContent()).toContain('kommer, når platformen registrerer bevillinger');
    await expectAccessible(page);
    await context.clearCookies();
  }, 120_000);

  it('imports a population figure after a preview', async () => {
    await page.goto(`${server.url}/login?next=/`);
    await page.getByRole('button', { name: new RegExp(`Log ind som ${FINANCE}`) }).click();
    await page.getByRole('link', { name: 'Økonomi' }).click();
    expect(await page.locator('h1').textContent()).toBe('Økonomi');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Indlæs folketal' }).click();
    await expectAccessible(page);
    await page.getByLabel('Filens indhold (CSV)').fill('party,year,population\nNowhere,2014,12');
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Linje 2');
    await expectAccessible(page);
    await page.getByLabel('Filens indhold (CSV)').fill('party,year,population\nSamsø,2014,3750');
    await page.getByRole('button', { name: 'Forhåndsvis' }).click();
    expect(await main().locator('table').textContent()).toContain('Samsø Kommune');
    expect(await main().locator('table').textContent()).toContain('Nyt');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Anvend' }).click();
    expect(await page.getByRole('status').textContent()).toContain('1 af 1');
    await expectAccessible(page);
  }, 120_000);

  it('sets up the year, runs it and sends the demands', async () => {
    await page.goto(`${server.url}/finance`);
    await page.getByRole('link', { name: `Oversigt ${YEAR}` }).click();
    expect(await page.locator('h1').textContent()).toBe(`Økonomi ${YEAR}`);
    await expectAccessible(page);
    await page.getByLabel('Referenceår for folketal').fill('2013');
    await page.getByLabel('Betalingsfrist').fill(`${YEAR}-12-31`);
    await page.getByRole('button', { name: 'Gem opsætningen' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Opsætningen er gemt');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Beregn bidragene' }).click();
    expect(await page.getByRole('status').textContent()).toContain('20 nye');
    await page.getByRole('button', { name: 'Send opkrævningerne' }).click();
    expect(await page.getByRole('status').textContent()).toContain('20 opkrævninger er sendt');
    await expectAccessible(page);
  }, 120_000);

  it('records a payment once, and the overview and charts show it', async () => {
    await page.getByRole('link', { name: 'Samsø Kommune' }).click();
    expect(await main().textContent()).toContain('Ikke betalt');
    await expectAccessible(page);
    await page.getByLabel('Beløb (kr.)').fill('1.000');
    await page.getByLabel('Reference (fx fra kontoudtoget)').fill('Bankoverførsel 4711');
    await page.getByRole('button', { name: 'Registrér betalingen' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Betalingen er registreret');
    expect(await main().textContent()).toContain('Delvist betalt');
    expect(await main().textContent()).toContain('Bankoverførsel 4711');
    await expectAccessible(page);

    await page.getByRole('link', { name: `Tilbage til oversigten ${YEAR}` }).click();
    const samso = main().locator('tr', { has: page.getByRole('link', { name: 'Samsø Kommune' }) });
    expect(await samso.textContent()).toContain('Delvist betalt');
    expect(await samso.textContent()).toContain('1.000,00');
    const charts = main().locator('svg[role=img]');
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(0).locator('title').textContent()).toBe('Bidrag pr. part: opkrævet og betalt');
    expect(await charts.nth(1).locator('title').textContent()).toBe('Modtagne bidrag gennem året');
    expect(await main().textContent()).toContain('Modtaget');
    await expectAccessible(page);
  }, 120_000);

  it('downloads the contributions for Danish Excel', async () => {
    const res = await page.request.get(`${server.url}/finance/years/${YEAR}/exports/contributions.csv`);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, ...lines] = text.split('\r\n');
    expect(header).toMatch(/^Part;År;Referenceår for folketal;Folketal;/);
    expect(lines.find((l) => l.startsWith('Samsø Kommune;'))).toContain(';1000,00;');
  }, 60_000);
});
