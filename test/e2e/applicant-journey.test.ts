import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, journey, uploadInBrowser } from './support.js';

/*
 * The applicant's journey in a real browser against `npm start`'s server. The pages ship no script (checked
 * on every page), and a second browser with JavaScript switched off saves a draft through the same forms.
 * axe-core checks every page on the way.
 */
describe('a researcher applies to an open call', () => {
  const j = journey();
  const visited: string[] = [];

  beforeAll(() => {
    j.page.on('load', () => visited.push(new URL(j.page.url()).pathname));
  });

  it('finds the call, signs in, fills the form, is told about the missing sector, fixes it and gets a receipt', async () => {
    await j.page.goto(j.server.url);
    expect(await j.page.locator('h1').textContent()).toBe('Åbne opslag');
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: /Praksisnær forskning/ }).click();
    expect(await j.page.locator('h1').textContent()).toMatch(/Praksisnær forskning i folkesundhed/);
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: 'Log ind for at søge' }).click();
    expect(await j.page.locator('h1').textContent()).toBe('Log ind');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();

    // Back on the call page, now signed in.
    await j.page.getByRole('button', { name: 'Start en ansøgning' }).click();
    expect(j.page.url()).toMatch(/\/applications\/[0-9a-f-]{36}$/);
    await expectAccessible(j.page);

    await j.page.getByLabel('Bevillingstype').selectOption('A');
    await j.page.getByLabel('Projektets titel').fill('Røgfri fremtid i Midtjylland');
    await j.page
      .getByLabel('Resumé')
      .fill('Et praksisnært projekt om rygestop på tværs af kommune og almen praksis.');
    await j.page.getByLabel('Fokusområde').selectOption('prevention');
    await j.page
      .getByLabel('Brugerinddragelse', { exact: true })
      .fill('Et borgerpanel med tidligere rygere følger projektet.');
    await j.page.getByLabel('Startdato').fill('2027-01-01');
    await j.page.getByLabel('Slutdato').fill('2028-12-31');

    await j.page.getByRole('button', { name: 'Tilføj partner' }).click();
    await j.page.getByLabel('Organisation').fill('Aarhus Kommune');
    await j.page.getByLabel('Sektor').selectOption('municipality');
    await j.page.getByLabel('Kontaktperson').fill('Ane Jensen');
    await j.page.getByLabel('E-mail').fill('ane.jensen@aarhus.dk');
    await j.page.getByLabel('Rolle i projektet').fill('Projektleder');

    await j.page.getByRole('button', { name: 'Tilføj budgetlinje' }).click();
    await j.page.getByLabel('Kategori').fill('Løn');
    await j.page.getByLabel('År').fill('2027');
    await j.page.getByLabel('Beløb (kr.)').fill('300.000');
    await j.page.getByRole('button', { name: 'Gem kladde' }).first().click();
    expect(await j.page.locator('.notice').textContent()).toContain('Kladden er gemt');
    expect(await j.page.locator('#total').textContent()).toMatch(/300\.000,00\s*kr\./);

    // One sector only: the submit is refused, the summary links to the partners, nothing is lost.
    await j.page.getByRole('button', { name: 'Indsend ansøgning' }).click();
    const summary = j.page.locator('#error-summary');
    expect(await summary.textContent()).toMatch(
      /mindst 2 af sektorerne kommune, region og almen praksis \(nu 1\)/,
    );
    expect(await j.page.getByLabel('Projektets titel').inputValue()).toBe('Røgfri fremtid i Midtjylland');
    await expectAccessible(j.page);
    await summary.getByRole('link', { name: /Partnere/ }).click();
    expect(new URL(j.page.url()).hash).toBe('#f-partners');

    await j.page.getByRole('button', { name: 'Tilføj partner' }).click();
    await j.page.getByLabel('Organisation').nth(1).fill('PLO Midtjylland');
    await j.page.getByLabel('Sektor').nth(1).selectOption('general_practice');
    await j.page.getByLabel('Kontaktperson').nth(1).fill('Bo Holm');
    await j.page.getByLabel('E-mail').nth(1).fill('bo.holm@plo.dk');
    await j.page.getByLabel('Rolle i projektet').nth(1).fill('Almen praksis');
    await j.page.getByRole('button', { name: 'Indsend ansøgning' }).click();
    // Two sectors now, but the call's documents are missing: each is named, each partner's declaration too.
    const missing = await summary.textContent();
    expect(missing).toMatch(/Ledelseserklæring.*Aarhus Kommune/);
    expect(missing).toMatch(/Ledelseserklæring.*PLO Midtjylland/);
    expect(missing).toMatch(/CV for projektleder/);
    expect(missing).toMatch(/Projektbeskrivelse/);
    expect(missing).not.toMatch(/Budget og budgetnotat/);
    await expectAccessible(j.page);

    // Uploaded from the page (its script shows the progress); each comes back listed, not yet virus scanned here.
    for (const [button, file] of [
      ['Upload Ledelseserklæring for Aarhus Kommune', 'erklaering-aarhus.pdf'],
      ['Upload Ledelseserklæring for PLO Midtjylland', 'erklaering-plo.pdf'],
      ['Upload CV for projektleder', 'cv.pdf'],
      ['Upload Projektbeskrivelse', 'projektbeskrivelse.pdf'],
    ] as const) {
      await uploadInBrowser(j.page, button, file);
    }
    const documents = j.page.locator('#documents');
    expect(await documents.textContent()).toContain('projektbeskrivelse.pdf');
    expect(await documents.textContent()).toContain('ikke virusscannet (lokal udgave)');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Indsend ansøgning' }).click();

    expect(j.page.url()).toMatch(/\/receipt$/);
    const heading = await j.page.locator('h1').textContent();
    expect(heading).toMatch(/^Kvittering: FIM-\d{4}-0001$/);
    expect(await j.page.locator('main').textContent()).toContain('300.000,00');
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: 'Mine ansøgninger' }).first().click();
    const row = j.page.getByRole('row', { name: /Røgfri fremtid i Midtjylland/ });
    expect(await row.textContent()).toMatch(/Indsendt.*FIM-\d{4}-0001/);
    await expectAccessible(j.page);

    // The English switch keeps the reader on the same j.page.
    await j.page.getByRole('link', { name: 'English' }).click();
    expect(await j.page.locator('h1').textContent()).toBe('My applications');
    await expectAccessible(j.page);
    expect(visited.length).toBeGreaterThan(8);
  }, 300_000);

  it('works with JavaScript switched off', async () => {
    const noJs = await j.browser.newContext({ javaScriptEnabled: false, locale: 'da-DK' });
    const p = await noJs.newPage();
    p.setDefaultTimeout(10_000);
    await p.goto(`${j.server.url}/login?next=/`);
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
    // The upload is a plain form posted straight to the store, which sends the browser back to complete it; the
    // server is told no file name, so the document is named by its kind and the type found in it.
    await uploadInBrowser(p, 'Upload Projektbeskrivelse', 'beskrivelse.pdf');
    expect(await p.locator('#documents').textContent()).toContain('Projektbeskrivelse.pdf');
    expect(await p.locator('#documents').textContent()).toContain('ikke virusscannet (lokal udgave)');
    await noJs.close();
  });

  it('can be used by keyboard: the skip link leads to the content', async () => {
    await j.page.goto(j.server.url);
    await j.page.keyboard.press('Tab');
    const focused = await j.page.locator(':focus').textContent();
    expect(focused).toMatch(/Skip to content|Gå til indhold/);
    await j.page.keyboard.press('Enter');
    expect(new URL(j.page.url()).hash).toBe('#content');
  });
});
