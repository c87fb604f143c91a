import { beforeAll, describe, expect, it } from 'vitest';
import { compact, pdfText } from '../support/pdf-text.js';
import { draftBody, expectAccessible, journey } from './support.js';

/*
 * The chair's meeting from the ranking to the PDFs, in a real browser against `npm start`'s server (issue 11):
 * two applications are submitted and the call closed (through the API); the chair opens an application from
 * the ranking and reads it, records the meeting, approves the minutes, and downloads the minutes and her
 * meeting pack as PDFs. The board member Bo Nielsen (Aarhus Kommune) is conflicted with the application that
 * has Aarhus Kommune as a partner: his pages and his pack show its title and his recusal, nothing else.
 * Both applications are Mads Poulsen's (Silkeborg Kommune), with no Region Midtjylland partner, so the chair
 * may decide both. axe-core checks every page on the way.
 */
const APPLICANT_EMAIL = 'researcher2@fim.local';
const CHAIR = 'Charlotte Bech';
const BOARD = 'Bo Nielsen';
const SKIVE = 'Madskole for familier i Skive';
const AARHUS = 'Trapper og trivsel i Aarhus';
const AARHUS_SUMMARY = 'Beboere i Gellerup bruger trapperne som motionsrum hver uge.';
const CONDITIONS = 'Statusrapport hvert halve år.';
const WAITING = 'Afventer næste års pulje.';

describe('the chair’s meeting, its minutes and the meeting pack', () => {
  const j = journey();
  const { api, main } = j;
  let callId = '';
  let meetingPath = '';
  const apps = { skive: '', aarhus: '' };

  const submit = async (title: string, summary: string, partner: string) => {
    const draft = await api(
      APPLICANT_EMAIL,
      'POST',
      `/calls/${callId}/applications`,
      draftBody(title, partner, summary),
    );
    await j.attachRequiredDocuments(APPLICANT_EMAIL, draft.id);
    await api(APPLICANT_EMAIL, 'POST', `/applications/${draft.id}/submit`);
    return draft.id;
  };

  const signInAs = async (name: string, next = '/') => {
    await j.signInAs(name, next);
    await expectAccessible(j.page);
  };

  /** A PDF as the signed-in browser downloads it, and its text. */
  const download = async (path: string) => {
    const res = await j.page.request.get(`${j.server.url}${path}`);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(await res.body());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    return compact(pdfText(bytes));
  };

  beforeAll(async () => {
    const calls = (await (await fetch(`${j.server.url}/api/calls`)).json()) as { items: { id: string }[] };
    callId = calls.items[0]?.id ?? '';
    apps.skive = await submit(SKIVE, 'Familier i Skive laver mad sammen en gang om ugen.', 'Skive Kommune');
    apps.aarhus = await submit(AARHUS, AARHUS_SUMMARY, 'Aarhus Kommune');
    await api('admin@fim.local', 'POST', `/calls/${callId}/close`, { reason: 'Klar til bestyrelsen.' });
  }, 120_000);

  it('the chair opens an application from the ranking and reads it', async () => {
    await signInAs(CHAIR, `/board/calls/${callId}/ranking`);
    await j.page.getByRole('link', { name: AARHUS }).click();
    expect(new URL(j.page.url()).pathname).toBe(`/board/applications/${apps.aarhus}`);
    expect(await main().textContent()).toContain(AARHUS_SUMMARY);
    expect(await main().textContent()).toContain('Aarhus Kommune');
    await expectAccessible(j.page);
    // Reads a document: the list's link goes through the documents download route to the file itself.
    const documents = j.page.getByRole('region', { name: 'Dokumenter' }).getByRole('link');
    expect(await documents.count()).toBeGreaterThan(0);
    const href = (await documents.first().getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/documents\/[\w-]+\/download$/);
    const file = await j.page.request.get(`${j.server.url}${href}`);
    expect(file.status()).toBe(200);
    expect(Buffer.from((await file.body()).subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('the chair records the meeting, approves the minutes and downloads the PDFs', async () => {
    await j.page.goto(`${j.server.url}/board/calls/${callId}/meetings/new`);
    await expectAccessible(j.page);
    await j.page.getByLabel('Mødet blev holdt (dansk tid)').fill('2027-03-10T14:00');
    await j.page.getByLabel(new RegExp(BOARD)).check();
    const skive = j.page.getByRole('group', { name: new RegExp(`^FIM-\\d{4}-\\d{4} ${SKIVE}$`) });
    const aarhus = j.page.getByRole('group', { name: new RegExp(`^FIM-\\d{4}-\\d{4} ${AARHUS}$`) });
    await skive.getByLabel('Bevilg', { exact: true }).check();
    await skive.getByLabel('Bevilget beløb (kr.)').fill('200.000');
    await skive.getByLabel(/Vilkår/).fill(CONDITIONS);
    await aarhus.getByLabel('Venteliste', { exact: true }).check();
    await aarhus.getByLabel(/Begrundelse \(på dansk\)/).fill(WAITING);
    await j.page.getByRole('button', { name: 'Registrér afgørelserne' }).click();
    expect(await j.page.locator('.notice').textContent()).toContain('Mødet og afgørelserne er registreret');
    meetingPath = new URL(j.page.url()).pathname;
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: /Referat: godkend referatet/ }).click();
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Godkend referatet' }).click();
    expect(await main().textContent()).toContain('Godkendt af formanden');
    await expectAccessible(j.page);

    const minutesHref = await j.page.getByRole('link', { name: 'Referatet som PDF' }).getAttribute('href');
    const minutes = await download(minutesHref ?? '');
    for (const shown of ['Version 1: godkendt af formanden', SKIVE, CONDITIONS, AARHUS, WAITING])
      expect(minutes).toContain(compact(shown));
    expect(minutes).toContain(compact('Bo Nielsen (Organisation: Aarhus Kommune)'));

    await j.page.goto(`${j.server.url}${meetingPath}`);
    const packHref = await j.page.getByRole('link', { name: 'Mødemappe som PDF' }).getAttribute('href');
    const pack = await download(packHref ?? '');
    for (const shown of ['Mødemappe', 'Prioritering', SKIVE, AARHUS, AARHUS_SUMMARY])
      expect(pack).toContain(compact(shown));
  }, 120_000);

  it('the conflicted member’s pages and pack show nothing of the case', async () => {
    await signInAs(BOARD, meetingPath);
    const page = (await main().textContent()) ?? '';
    expect(page).toContain(AARHUS);
    expect(page).not.toContain(WAITING);
    await expectAccessible(j.page);
    await j.page.getByRole('link', { name: /Referat: godkend referatet/ }).click();
    expect(await main().textContent()).toContain('Du er inhabil i denne sag og ser kun titlen.');
    expect(await main().textContent()).not.toContain(WAITING);
    await expectAccessible(j.page);
    expect((await j.page.goto(`${j.server.url}/board/applications/${apps.aarhus}`))?.status()).toBe(403);
    expect(await main().textContent()).toContain(AARHUS);
    expect(await main().textContent()).not.toContain(AARHUS_SUMMARY);
    await expectAccessible(j.page);

    const pack = await download(`${meetingPath}/pack`);
    expect(pack).toContain(compact(AARHUS));
    expect(pack).toContain(compact('Inhabil'));
    expect(pack).toContain(compact(SKIVE));
    for (const hidden of [AARHUS_SUMMARY, WAITING]) expect(pack).not.toContain(compact(hidden));
    const minutes = await download(`${meetingPath}/minutes.pdf`);
    expect(minutes).toContain(compact(AARHUS));
    expect(minutes).not.toContain(compact(WAITING));
  }, 120_000);

  it('an unknown address is a Danish page with a way back', async () => {
    expect((await j.page.goto(`${j.server.url}/bestyrelse/findes-ikke`))?.status()).toBe(404);
    expect(await j.page.locator('h1').textContent()).toBe('Siden findes ikke');
    await j.page.getByRole('link', { name: 'Til forsiden' }).click();
    expect(new URL(j.page.url()).pathname).toBe('/');
    await expectAccessible(j.page);
  }, 120_000);
});
