import { describe, expect, it } from 'vitest';
import { expectAccessible, journey } from './support.js';

/*
 * Sessions in a real browser against `npm start`'s server: an administrator ends a researcher's sessions while
 * she is typing; her save sends her to sign in, and she comes back to the form as she typed it, to send again.
 * No script on any page; axe-core on each.
 */
describe('a session ended while a form is being filled in', () => {
  const j = journey();

  it('keeps what was typed over the sign-in, and the administrator’s pages are accessible', async () => {
    await j.signInAs('Sofie Andersen');
    await j.page.getByRole('link', { name: /Praksisnær forskning/ }).click();
    await j.page.getByRole('button', { name: 'Start en ansøgning' }).click();
    const draftPath = new URL(j.page.url()).pathname;
    expect(draftPath).toMatch(/^\/applications\/[0-9a-f-]{36}$/);
    await j.page.getByLabel('Projektets titel').fill('Skrevet mens sessionen sluttede');

    // Meanwhile, in another browser, the administrator ends her sessions.
    const admin = await j.browser.newContext({ locale: 'da-DK' });
    try {
      const page = await admin.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${j.server.url}/login?next=/admin/users`);
      await page.getByRole('button', { name: /Log ind som Anne Holm/ }).click();
      expect(new URL(page.url()).pathname).toBe('/admin/users');
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Sofie Andersen' }).click();
      expect(await page.locator('h1').textContent()).toBe('Sessioner for Sofie Andersen');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Afslut alle sessioner' }).click();
      expect(await page.locator('.notice').textContent()).toContain('1 session er afsluttet');
      expect(await page.locator('main').textContent()).toContain('Ingen aktive sessioner');
      await expectAccessible(page);
    } finally {
      await admin.close();
    }

    // Her save finds no session: to sign in, and back to the form as she typed it.
    await j.page.getByRole('button', { name: 'Gem kladde' }).first().click();
    expect(new URL(j.page.url()).pathname).toBe('/login');
    await j.page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();
    expect(new URL(j.page.url()).pathname).toBe('/resume');
    expect(await j.page.getByLabel('Projektets titel').inputValue()).toBe('Skrevet mens sessionen sluttede');
    expect(await j.page.locator('#error-summary').textContent()).toContain('Det du skrev er gemt her');
    await expectAccessible(j.page);

    // Sent again, it is saved.
    await j.page.getByRole('button', { name: 'Gem kladde' }).first().click();
    expect(new URL(j.page.url()).pathname).toBe(draftPath);
    expect(await j.page.locator('.notice').textContent()).toContain('Kladden er gemt');
    expect(await j.page.getByLabel('Projektets titel').inputValue()).toBe('Skrevet mens sessionen sluttede');
  }, 120_000);
});
