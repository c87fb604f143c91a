import { describe, expect, it } from 'vitest';
import { expectAccessible, journey } from './support.js';

/**
 * The secretariat keeps the organisations registry through its pages (issue 11): finds an organisation, adds one
 * (a wrong CVR number refused beside its field), places it in the tree, and reads its history.
 */
describe('an administrator keeps the organisations registry', () => {
  const j = journey();

  it('searches, adds, corrects and edits an organisation, and reads its history', async () => {
    await j.signInAs('Anne Holm', '/admin/calls');
    await j.page.getByRole('link', { name: 'Organisationsregistret' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/admin/organisations');
    await expectAccessible(j.page);

    await j.page.getByLabel('Søg efter navn').fill('regionshospitalet');
    await j.page.getByRole('button', { name: 'Søg' }).click();
    const rows = j.page.locator('main table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Region Midtjylland');
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: 'Tilføj organisation' }).click();
    await expectAccessible(j.page);
    await j.page.getByLabel('Navn').fill('Akutklinikken Viborg');
    await j.page.getByLabel(/CVR-nummer/).fill('12345678');
    await j.page.getByLabel('Sektor').selectOption('region');
    await j.page.getByLabel(/Hører under/).selectOption({ label: 'Region Midtjylland' });
    await j.page.getByRole('button', { name: 'Gem' }).click();
    // A CVR number whose check digit does not add up: refused beside the field, the rest kept.
    expect(await j.page.locator('#error-summary').textContent()).toMatch(/CVR-nummer/);
    expect(await j.page.getByLabel('Navn').inputValue()).toBe('Akutklinikken Viborg');
    await expectAccessible(j.page);

    await j.page.getByLabel(/CVR-nummer/).fill('');
    await j.page.getByRole('button', { name: 'Gem' }).click();
    expect(await j.page.locator('.notice').textContent()).toContain('Organisationen er oprettet');
    await expectAccessible(j.page);

    await j.page.getByLabel('Navn').fill('Akutklinikken, Regionshospitalet Viborg');
    await j.page.getByRole('button', { name: 'Gem' }).click();
    expect(await j.page.locator('.notice').textContent()).toContain('Organisationen er gemt');
    const history = await j.page.locator('#history ~ *').first().textContent();
    expect(history).toContain('Navn: Akutklinikken Viborg → Akutklinikken, Regionshospitalet Viborg');
    expect(history).toContain('Anne Holm');
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: 'Tilbage til organisationerne' }).click();
    expect(await j.page.locator('main').textContent()).toContain('Nye navne at placere');
  }, 120_000);

  it('a researcher picks their own organisation on “Min profil”, and a new name reaches the secretariat', async () => {
    await j.signInAs('Mads Poulsen', '/');
    await j.page.getByRole('link', { name: 'Min profil' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/me/profile');
    await expectAccessible(j.page);
    const field = j.page.getByLabel('Organisation', { exact: true });
    // The registry's names as suggestions, with no script on the page.
    expect(await field.getAttribute('list')).toBe('organisation-choices');
    expect(await j.page.locator('#organisation-choices option').count()).toBeGreaterThan(20);
    expect(await j.page.locator('script').count()).toBe(0);

    await field.fill('x');
    await j.page.getByRole('button', { name: 'Gem organisation' }).click();
    expect(await j.page.locator('#error-summary').textContent()).toMatch(/Organisation/);
    await expectAccessible(j.page);

    await j.page.getByLabel('Organisation', { exact: true }).fill('Sundhedshuset Gjern');
    await j.page.getByRole('button', { name: 'Gem organisation' }).click();
    expect(await j.page.locator('main').textContent()).toContain('Din organisation er gemt');
    expect(await j.page.locator('main').textContent()).toContain(
      'Sundhedshuset Gjern findes ikke i organisationsregistret endnu',
    );
    await expectAccessible(j.page);

    await j.signInAs('Anne Holm', '/admin/organisations');
    expect(await j.page.locator('main').textContent()).toContain(
      'Valgt som egen organisation af: Mads Poulsen',
    );
  }, 120_000);
});
