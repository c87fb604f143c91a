import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, startLocalServer } from './support.js';

/** An administrator creates a call through the pages, corrects it, opens it; the public then sees it. */
describe('an administrator creates and opens a call', () => {
  const j = journey();

  it('refuses a researcher, then lets the admin create, fix and open a call', async () => {
    await j.page.goto(`${j.server.url}/login`);
    await j.page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();
    const forbidden = await j.page.goto(`${j.server.url}/admin/calls`);
    expect(forbidden?.status()).toBe(403);
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: /Log ud/ }).click();

    await j.page.goto(`${j.server.url}/login?next=/admin/calls`);
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: /Log ind som Anne Holm/ }).click();
    expect(new URL(j.page.url()).pathname).toBe('/admin/calls');
    expect(await j.page.locator('main table').textContent()).toMatch(/Praksisnær forskning/);
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: 'Nyt opslag' }).click();
    await expectAccessible(j.page);
    await j.page.getByLabel('Titel (dansk)').fill('FIM 2028: Den nære psykiatri');
    await j.page
      .getByLabel('Beskrivelse (dansk)')
      .fill('Projekter om den nære psykiatri på tværs af sektorer.');
    await j.page.getByLabel('Samlet pulje (kr.)').fill('2.000.000');
    await j.page.getByLabel('Åbner (dansk tid)').fill('2027-01-04T00:00');
    // A deadline before the opening: refused, with the error beside the field and in the summary.
    await j.page.getByLabel('Ansøgningsfrist (dansk tid)').fill('2026-12-01T12:00');
    await j.page.getByRole('button', { name: 'Opret kladde' }).click();
    expect(await j.page.locator('#error-summary').textContent()).toMatch(
      /Ansøgningsfrist.*efter åbningstidspunktet/,
    );
    expect(await j.page.locator('#f-closesAt-error').textContent()).toMatch(/efter åbningstidspunktet/);
    expect(await j.page.getByLabel('Titel (dansk)').inputValue()).toBe('FIM 2028: Den nære psykiatri');
    await expectAccessible(j.page);

    await j.page.getByLabel('Ansøgningsfrist (dansk tid)').fill('2028-09-01T12:00');
    await j.page.getByRole('button', { name: 'Opret kladde' }).click();
    expect(await j.page.locator('.notice').textContent()).toContain('Gemt');
    expect(await j.page.locator('main').textContent()).toContain('Kladde');
    await expectAccessible(j.page);

    await j.page.getByRole('button', { name: 'Åbn opslaget' }).click();
    expect(await j.page.locator('main').textContent()).toContain('Åben');

    await j.page.goto(j.server.url);
    expect(await j.page.locator('main').textContent()).toContain('FIM 2028: Den nære psykiatri');
    await j.page.getByRole('link', { name: 'FIM 2028: Den nære psykiatri' }).click();
    expect(await j.page.locator('main').textContent()).toMatch(/1\. september 2028.*12[.:]00/);
    await expectAccessible(j.page);
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
  }, 360_000);
});
