import { describe, expect, it } from 'vitest';
import { applicationBody } from '../support/fixtures.js';
import { compact, pdfText } from '../support/pdf-text.js';
import { expectAccessible, journey, uploadInBrowser } from './support.js';

/*
 * Co-applicants in a real browser against `npm start`'s server: the owner invites a colleague by e-mail; the
 * colleague, in a browser of their own, signs in with that address, finds the invitation on "Mine ansøgninger",
 * accepts it and edits the draft; the owner submits; the PDF link answers a PDF with the title. axe-core checks
 * every new page.
 */
const RESEARCHER = 'researcher@fim.local';
const COLLEAGUE = 'researcher2@fim.local';

describe('two researchers write one application', () => {
  const j = journey();
  const { api, main, signInAs } = j;

  it('invites, accepts, edits together, submits, and prints it', async () => {
    const calls = await api(RESEARCHER, 'GET', '/calls');
    const callId = calls.items[0]?.id ?? '';
    const draft = await api(
      RESEARCHER,
      'POST',
      `/calls/${callId}/applications`,
      applicationBody({ title: 'Fælles om faldforebyggelse' }),
    );

    // The owner invites the colleague from the members page.
    await signInAs('Sofie Andersen', `/applications/${draft.id}`);
    await main().getByRole('link', { name: 'Medansøgere' }).click();
    expect(await j.page.locator('h1').textContent()).toMatch(/^Medansøgere: Fælles om faldforebyggelse/);
    await expectAccessible(j.page);
    // A malformed address is refused beside the field.
    await j.page.getByLabel('E-mail').fill('ikke-en-adresse');
    await j.page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await j.page.locator('#f-email-error').textContent()).toBeTruthy();
    await expectAccessible(j.page);
    await j.page.getByLabel('E-mail').fill(COLLEAGUE);
    await j.page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await j.page.locator('.notice').textContent()).toContain('Invitationen er sendt');
    expect(await main().textContent()).toContain(COLLEAGUE);

    // The colleague, in a browser of their own, finds the invitation and joins.
    const other = await j.browser.newContext({ locale: 'da-DK' });
    try {
      const page = await other.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${j.server.url}/login?next=${encodeURIComponent('/applications')}`);
      await page.getByRole('button', { name: /Log ind som Mads Poulsen/ }).click();
      expect(await page.locator('h1').textContent()).toBe('Mine ansøgninger');
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Se invitationen' }).click();
      expect(await page.locator('h1').textContent()).toBe('Invitation som medansøger');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Tag imod invitationen' }).click();
      expect(await page.locator('.notice').textContent()).toContain('Du er nu medansøger');
      expect(await page.getByRole('button', { name: 'Indsend ansøgning' }).count()).toBe(0);
      await page.getByLabel('Projektets titel').fill('Fælles om faldforebyggelse i Midtjylland');
      await page.getByRole('button', { name: 'Gem kladde' }).first().click();
      expect(await page.locator('.notice').textContent()).toContain('Kladden er gemt');
      await expectAccessible(page);
      await uploadInBrowser(page, 'Upload Projektbeskrivelse', 'projektbeskrivelse.pdf');
      // The page's script sends it (with progress) and names the file to the server.
      expect(await page.locator('#documents').textContent()).toContain('projektbeskrivelse.pdf');
      await expectAccessible(page);
    } finally {
      await other.close();
    }

    // The owner sees the colleague's text and document, adds the rest, and submits.
    await j.attachRequiredDocuments(RESEARCHER, draft.id);
    await j.page.goto(`${j.server.url}/applications/${draft.id}`);
    expect(await j.page.getByLabel('Projektets titel').inputValue()).toBe(
      'Fælles om faldforebyggelse i Midtjylland',
    );
    await j.page.getByRole('button', { name: 'Indsend ansøgning' }).click();
    expect(await j.page.locator('h1').textContent()).toMatch(/^Kvittering: FIM-\d{4}-\d{4}/);
    await expectAccessible(j.page);

    // The receipt's PDF link answers a PDF holding the title.
    const href = await main().getByRole('link', { name: 'Ansøgningen som PDF' }).getAttribute('href');
    const res = await j.context.request.get(`${j.server.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(await res.body());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = compact(pdfText(bytes));
    expect(text).toContain(compact('Fælles om faldforebyggelse i Midtjylland'));
    // It lists the documents, the colleague's among them.
    expect(text).toContain('projektbeskrivelse.pdf');
    expect(text).toContain(compact('CV for projektleder'));
  }, 300_000);
});
