import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LocalServer, launchChromium, startLocalServer } from './support.js';

/*
 * The applicant's journey in a real browser against `npm start`'s server. The pages ship no script (checked
 * on every page), and a second browser with JavaScript switched off saves a draft through the same forms.
 * axe-core checks every page on the way.
 */
describe('a researcher applies to an open call', () => {
  let server: LocalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const visited: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startLocalServer(), launchChromium()]);
    context = await browser.newContext({ locale: 'da-DK' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('load', () => visited.push(new URL(page.url()).pathname));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('finds the call, signs in, fills the form, is told about the missing sector, fixes it and gets a receipt', async () => {
    await page.goto(server.url);
    expect(await page.locator('h1').textContent()).toBe('Åbne opslag');
    await expectAccessible(page);

    await page.getByRole('link', { name: /Praksisnær forskning/ }).click();
    expect(await page.locator('h1').textContent()).toMatch(/Praksisnær forskning i folkesundhed/);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Log ind for at søge' }).click();
    expect(await page.locator('h1').textContent()).toBe('Log ind');
    await expectAccessible(page);
    await page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();

    // Back on the call page, now signed in.
    await page.getByRole('button', { name: 'Start en ansøgning' }).click();
    expect(page.url()).toMatch(/\/applications\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    await page.getByLabel('Bevillingstype').selectOption('A');
    await page.getByLabel('Projektets titel').fill('Røgfri fremtid i Midtjylland');
    await page
      .getByLabel('Resumé')
      .fill('Et praksisnært projekt om rygestop på tværs af kommune og almen praksis.');
    await page.getByLabel('Fokusområde').selectOption('prevention');
    await page
      .getByLabel('Brugerinddragelse', { exact: true })
      .fill('Et borgerpanel med tidligere rygere følger projektet.');
    await page.getByLabel('Startdato').fill('2027-01-01');
    await page.getByLabel('Slutdato').fill('2028-12-31');

    await page.getByRole('button', { name: 'Tilføj partner' }).click();
    await page.getByLabel('Organisation').fill('Aarhus Kommune');
    await page.getByLabel('Sektor').selectOption('municipality');
    await page.getByLabel('Kontaktperson').fill('Ane Jensen');
    await page.getByLabel('E-mail').fill('ane.jensen@aarhus.dk');
    await page.getByLabel('Rolle i projektet').fill('Projektleder');

    await page.getByRole('button', { name: 'Tilføj budgetlinje' }).click();
    await page.getByLabel('Kategori').fill('Løn');
    await page.getByLabel('År').fill('2027');
    await page.getByLabel('Beløb (kr.)').fill('300.000');
    await page.getByRole('button', { name: 'Gem kladde' }).first().click();
    expect(await page.locator('.notice').textContent()).toContain('Kladden er gemt');
    expect(await page.locator('#total').textContent()).toMatch(/300\.000,00\s*kr\./);

    // One sector only: the submit is refused, the summary links to the partners, nothing is lost.
    await page.getByRole('button', { name: 'Indsend ansøgning' }).click();
    const summary = page.locator('#error-summary');
    expect(await summary.textContent()).toMatch(
      /mindst 2 af sektorerne kommune, region og almen praksis \(nu 1\)/,
    );
    expect(await page.getByLabel('Projektets titel').inputValue()).toBe('Røgfri fremtid i Midtjylland');
    await expectAccessible(page);
    await summary.getByRole('link', { name: /Partnere/ }).click();
    expect(new URL(page.url()).hash).toBe('#f-partners');

    await page.getByRole('button', { name: 'Tilføj partner' }).click();
    await page.getByLabel('Organisation').nth(1).fill('PLO Midtjylland');
    await page.getByLabel('Sektor').nth(1).selectOption('general_practice');
    await page.getByLabel('Kontaktperson').nth(1).fill('Bo Holm');
    await page.getByLabel('E-mail').nth(1).fill('bo.holm@plo.dk');
    await page.getByLabel('Rolle i projektet').nth(1).fill('Almen praksis');
    await page.getByRole('button', { name: 'Indsend ansøgning' }).click();

    expect(page.url()).toMatch(/\/receipt$/);
    const heading = await page.locator('h1').textContent();
    expect(heading).toMatch(/^Kvittering: FIM-\d{4}-0001$/);
    expect(await page.locator('main').textContent()).toContain('300.000,00');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Mine ansøgninger' }).first().click();
    const row = page.getByRole('row', { name: /Røgfri fremtid i Midtjylland/ });
    expect(await row.textContent()).toMatch(/Indsendt.*FIM-\d{4}-0001/);
    await expectAccessible(page);

    // The English switch keeps the reader on the same page.
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('My applications');
    await expectAccessible(page);
    expect(visited.length).toBeGreaterThan(8);
  }, 120_000);

  it('works with JavaScript switched off', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'da-DK' });
    const p = await noJs.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${server.url}/login?next=/`);
    await p.getByRole('button', { name: /Log ind som Mads Poulsen/ }).click();
    await p.getByRole('link', { name: /Praksisnær forskning/ }).click();
    await p.getByRole('button', { name: 'Start en ansøgning' }).click();
    await p.getByLabel('Projektets titel').fill('Uden JavaScript');
    await p.getByRole('button', { name: 'Tilføj budgetlinje' }).click();
    await p.getByLabel('Beløb (kr.)').fill('1.250,50');
    await p.getByRole('button', { name: 'Gem kladde' }).last().click();
    expect(await p.locator('.notice').textContent()).toContain('Kladden er gemt');
    expect(await p.getByLabel('Beløb (kr.)').inputValue()).toBe('1.250,50');
    expect(await p.getByLabel('Projektets titel').inputValue()).toBe('Uden JavaScript');
    await noJs.close();
  });

  it('can be used by keyboard: the skip link leads to the content', async () => {
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    const focused = await page.locator(':focus').textContent();
    expect(focused).toMatch(/Skip to content|Gå til indhold/);
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#content');
  });
});
