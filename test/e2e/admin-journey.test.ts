import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, type LocalServer, launchChromium, startLocalServer } from './support.js';

/** An administrator creates a call through the pages, corrects it, opens it; the public then sees it. */
describe('an administrator creates and opens a call', () => {
  let server: LocalServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

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

  it('refuses a researcher, then lets the admin create, fix and open a call', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();
    const forbidden = await page.goto(`${server.url}/admin/calls`);
    expect(forbidden?.status()).toBe(403);
    await expectAccessible(page);
    await page.getByRole('button', { name: /Log ud/ }).click();

    await page.goto(`${server.url}/login?next=/admin/calls`);
    await expectAccessible(page);
    await page.getByRole('button', { name: /Log ind som Anne Holm/ }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/calls');
    expect(await page.locator('main table').textContent()).toMatch(/Praksisnær forskning/);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Nyt opslag' }).click();
    await expectAccessible(page);
    await page.getByLabel('Titel (dansk)').fill('FIM 2028: Den nære psykiatri');
    await page
      .getByLabel('Beskrivelse (dansk)')
      .fill('Projekter om den nære psykiatri på tværs af sektorer.');
    await page.getByLabel('Samlet pulje (kr.)').fill('2.000.000');
    await page.getByLabel('Åbner (dansk tid)').fill('2027-01-04T00:00');
    // A deadline before the opening: refused, with the error beside the field and in the summary.
    await page.getByLabel('Ansøgningsfrist (dansk tid)').fill('2026-12-01T12:00');
    await page.getByRole('button', { name: 'Opret kladde' }).click();
    expect(await page.locator('#error-summary').textContent()).toMatch(
      /Ansøgningsfrist.*efter åbningstidspunktet/,
    );
    expect(await page.locator('#f-closesAt-error').textContent()).toMatch(/efter åbningstidspunktet/);
    expect(await page.getByLabel('Titel (dansk)').inputValue()).toBe('FIM 2028: Den nære psykiatri');
    await expectAccessible(page);

    await page.getByLabel('Ansøgningsfrist (dansk tid)').fill('2028-09-01T12:00');
    await page.getByRole('button', { name: 'Opret kladde' }).click();
    expect(await page.locator('.notice').textContent()).toContain('Gemt');
    expect(await page.locator('main').textContent()).toContain('Kladde');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Åbn opslaget' }).click();
    expect(await page.locator('main').textContent()).toContain('Åben');

    await page.goto(server.url);
    expect(await page.locator('main').textContent()).toContain('FIM 2028: Den nære psykiatri');
    await page.getByRole('link', { name: 'FIM 2028: Den nære psykiatri' }).click();
    expect(await page.locator('main').textContent()).toMatch(/1\. september 2028.*12[.:]00/);
    await expectAccessible(page);
  }, 120_000);
});

describe('npm start', () => {
  it('keeps all data across a restart, seeds only once and stops cleanly on Ctrl-C', async () => {
    const first = await startLocalServer();
    const login = async (url: string) => {
      const res = await fetch(`${url}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'researcher2@fim.local' }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const calls = async (url: string) =>
      ((await (await fetch(`${url}/api/calls`)).json()) as { items: { id: string }[] }).items;
    const [call] = await calls(first.url);
    const draft = await fetch(`${first.url}/api/calls/${call?.id}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(first.url)}` },
      body: JSON.stringify({ title: 'Bevares over genstart' }),
    });
    expect(draft.status).toBe(201);
    const token = await login(first.url);
    expect(await first.stop()).toBe(0);

    const second = await startLocalServer(first.dataDir);
    try {
      expect(second.output()).toContain('kept from last run');
      expect(await calls(second.url)).toHaveLength(1);
      // The signing key is kept too: a token from before the restart still works.
      const mine = await fetch(`${second.url}/api/applications?mine=true`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const items = ((await mine.json()) as { items: { title: string }[] }).items;
      expect(items.map((a) => a.title)).toEqual(['Bevares over genstart']);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 120_000);
});
