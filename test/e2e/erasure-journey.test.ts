import { describe, expect, it } from 'vitest';
import { expectAccessible, journey } from './support.js';

/*
 * Erasure in a real browser against `npm start`'s server (docs/cases.md "Erasure"): a researcher asks for erasure
 * from "Mine data", confirms, is signed out and can no longer sign in; the secretariat sees the request and the
 * retention schedule's dry run. No script on any page; axe-core on each.
 */
describe('a researcher asks for erasure from "Mine data"', () => {
  const j = journey();

  it('confirms, is signed out for good, and the secretariat sees the request', async () => {
    await j.signInAs('Sofie Andersen');
    await j.page.getByRole('link', { name: 'Mine data' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/me/data');
    await expectAccessible(j.page);
    await j.page.getByRole('link', { name: 'Slet mine oplysninger' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/me/data/erase');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Ja, slet mine oplysninger' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/me/data/erased');
    expect(await j.page.locator('h1').textContent()).toBe('Dine oplysninger er slettet.');
    await expectAccessible(j.page);

    // Signed out, and not offered as a demo sign-in any more.
    await j.page.goto(`${j.server.url}/me/data`);
    expect(new URL(j.page.url()).pathname).toBe('/login');
    expect(await j.page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).count()).toBe(0);

    await j.signInAs('Anne Holm');
    await j.page.goto(`${j.server.url}/admin/erasures`);
    expect(await j.page.locator('main').textContent()).toContain('demo-researcher');
    await expectAccessible(j.page);
    await j.page.getByRole('link', { name: /Opbevaring/ }).click();
    await j.page.getByRole('button', { name: 'Prøvekør (intet ændres)' }).click();
    expect(await j.page.locator('#dry-run-title').textContent()).toBe('Det ville en kørsel gøre nu');
    await expectAccessible(j.page);
  }, 120_000);
});
