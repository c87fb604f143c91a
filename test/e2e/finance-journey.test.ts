import { describe, expect, it } from 'vitest';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import { expectAccessible, journey } from './support.js';

/*
 * Finance's year in a real browser against `npm start`'s server (which seeds the 2013 populations): the
 * finance officer imports a figure, sets up this year with 2013 as reference year, runs and sends the
 * demands, records a payment for Samsø, reads the overview with its charts and the ledger page by page and
 * downloads the contributions for Excel (the figure is imported from a chosen Windows-1252 file). Then an award: an application approved through the API is accepted by its researcher on its
 * page, finance pays a tranche on the award's page, and the public party page lists what the pool funded.
 * axe-core checks every page on the way.
 */
const FINANCE = 'Frederik Kristensen';
const RESEARCHER = 'Sofie Andersen';
const PROJECT = 'Sund aldring på Samsø';
const YEAR = Number(copenhagenDate(new Date()).slice(0, 4));

describe('finance runs the year', () => {
  const j = journey();

  const { api, main } = j;

  const { signInAs } = j;

  it('keeps the finance pages to finance and administrators', async () => {
    await j.page.goto(`${j.server.url}/finance`);
    expect(new URL(j.page.url()).pathname).toBe('/login');
    await j.page.goto(`${j.server.url}/login?next=/finance`);
    await j.page.getByRole('button', { name: /Log ind som Sofie Andersen/ }).click();
    expect((await j.page.goto(`${j.server.url}/finance`))?.status()).toBe(403);
    await expectAccessible(j.page);
    expect((await j.page.goto(`${j.server.url}/parties/samsoe-kommune`))?.status()).toBe(200);
    expect(await main().textContent()).toContain('Puljen har ikke finansieret nogen projekter endnu');
    expect(await main().textContent()).toContain('i forhold til deres folketal');
    await expectAccessible(j.page);
    await j.context.clearCookies();
  }, 120_000);

  it('imports a population figure after a preview', async () => {
    await j.page.goto(`${j.server.url}/login?next=/`);
    await j.page.getByRole('button', { name: new RegExp(`Log ind som ${FINANCE}`) }).click();
    await j.page.getByRole('link', { name: 'Økonomi' }).click();
    expect(await j.page.locator('h1').textContent()).toBe('Økonomi');
    await expectAccessible(j.page);
    await j.page.getByRole('link', { name: 'Indlæs folketal' }).click();
    await expectAccessible(j.page);
    await j.page.getByLabel('Filens indhold (CSV)').fill('party,year,population\nNowhere,2014,12');
    await j.page.getByRole('button', { name: 'Forhåndsvis' }).click();
    expect(await j.page.getByRole('alert').textContent()).toContain('Linje 2');
    await expectAccessible(j.page);
    // The file chosen wins over the pasted text; Windows-1252 (one byte for ø) is read as the API reads it.
    await j.page.getByLabel('Eller vælg filen').setInputFiles({
      name: 'folketal.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('party,year,population\r\nSamsø,2014,3750\r\n', 'latin1'),
    });
    await j.page.getByRole('button', { name: 'Forhåndsvis' }).click();
    expect(await main().locator('table').textContent()).toContain('Samsø Kommune');
    expect(await j.page.getByLabel('Filens indhold (CSV)').inputValue()).toContain('Samsø,2014,3750');
    expect(await main().locator('table').textContent()).toContain('Nyt');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Anvend' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('1 af 1');
    await expectAccessible(j.page);
  }, 120_000);

  it('sets up the year, runs it and sends the demands', async () => {
    await j.page.goto(`${j.server.url}/finance`);
    await j.page.getByRole('link', { name: `Oversigt ${YEAR}` }).click();
    expect(await j.page.locator('h1').textContent()).toBe(`Økonomi ${YEAR}`);
    await expectAccessible(j.page);
    await j.page.getByLabel('Referenceår for folketal').fill('2013');
    await j.page.getByLabel('Betalingsfrist').fill(`${YEAR}-12-31`);
    await j.page.getByRole('button', { name: 'Gem opsætningen' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('Opsætningen er gemt');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Beregn bidragene' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('20 nye');
    await j.page.getByRole('button', { name: 'Send opkrævningerne' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain(
      '18 opkrævninger sendes nu; 0 var sendt i forvejen. 2 parter har ingen faktura-e-mail',
    );
    await expectAccessible(j.page);
  }, 120_000);

  it('records a payment once, and the overview and charts show it', async () => {
    await j.page.getByRole('link', { name: 'Samsø Kommune' }).click();
    expect(await main().textContent()).toContain('Ikke betalt');
    await expectAccessible(j.page);
    await j.page.getByLabel('Beløb (kr.)').fill('1.000');
    await j.page.getByLabel('Reference (fx fra kontoudtoget)').fill('Bankoverførsel 4711');
    await j.page.getByRole('button', { name: 'Registrér betalingen' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('Betalingen er registreret');
    expect(await main().textContent()).toContain('Delvist betalt');
    expect(await main().textContent()).toContain('Bankoverførsel 4711');
    await expectAccessible(j.page);

    await j.page.getByRole('link', { name: `Tilbage til oversigten ${YEAR}` }).click();
    const samso = main().locator('tr', { has: j.page.getByRole('link', { name: 'Samsø Kommune' }) });
    expect(await samso.textContent()).toContain('Delvist betalt');
    expect(await samso.textContent()).toContain('1.000,00');
    // The total population counts each citizen once, and says so beside the figure (read out with it).
    const totalPopulation = main().locator('tfoot td[aria-describedby="population-total-note"]');
    expect(await totalPopulation.count()).toBe(1);
    expect(await main().locator('#population-total-note').textContent()).toContain(
      'regionens række indgår ikke',
    );
    const charts = main().locator('svg[role=img]');
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(0).locator('title').textContent()).toBe('Bidrag pr. part: opkrævet og betalt');
    expect(await charts.nth(1).locator('title').textContent()).toBe('Puljens saldo gennem året');
    expect(await charts.nth(1).locator('desc').textContent()).toMatch(
      /Overført fra tidligere år: 0,00\skr\./,
    );
    expect(await main().textContent()).toContain('Modtaget');
    await expectAccessible(j.page);
  }, 120_000);

  it('reads the year’s ledger a page at a time', async () => {
    await j.page.getByRole('link', { name: 'Posteringer (side for side)' }).click();
    expect(await j.page.locator('h1').textContent()).toBe(`Posteringer ${YEAR}`);
    const row = main().locator('tr', { hasText: 'Bankoverførsel 4711' });
    expect(await row.textContent()).toContain('Samsø Kommune');
    expect(await row.textContent()).toContain('Betaling');
    expect(await row.textContent()).toContain('1.000,00');
    await expectAccessible(j.page);
    expect((await j.page.goto(`${j.server.url}/finance/years/${YEAR}/ledger?cursor=forkert`))?.status()).toBe(
      400,
    );
    expect(await j.page.getByRole('alert').textContent()).toContain('Siden findes ikke');
    await expectAccessible(j.page);
    await j.page.getByRole('link', { name: 'Første side' }).click();
    expect(await main().textContent()).toContain('Bankoverførsel 4711');
  }, 60_000);

  it('downloads the contributions for Danish Excel', async () => {
    const res = await j.page.request.get(`${j.server.url}/finance/years/${YEAR}/exports/contributions.csv`);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header, ...lines] = text.split('\r\n');
    expect(header).toMatch(/^Part;År;Referenceår for folketal;Folketal;/);
    expect(lines.find((l) => l.startsWith('Samsø Kommune;'))).toContain(';1000,00;');
  }, 60_000);

  it('the researcher accepts an approved award and finance pays a tranche', async () => {
    const calls = await api('researcher@fim.local', 'GET', '/calls');
    const callId = calls.items[0]?.id ?? '';
    const draft = await api('researcher@fim.local', 'POST', `/calls/${callId}/applications`, {
      grantTypeId: 'A',
      title: PROJECT,
      summary: 'Et praksisnært projekt om sund aldring på tværs af sektorer.',
      focusArea: 'prevention',
      userInvolvement: 'Et borgerpanel følger projektet.',
      partners: [
        ['Samsø Kommune', 'municipality'],
        ['Lægehuset Tranebjerg', 'general_practice'],
      ].map(([organisation, sector]) => ({
        organisation,
        sector,
        contactName: 'Kontakt Person',
        contactEmail: 'kontakt@example.dk',
        role: 'Partner',
      })),
      budgetLines: [{ category: 'Løn', year: 2027, amountOre: 80_000 }],
      startDate: '2027-10-01',
      endDate: '2028-12-31',
    });
    await j.attachRequiredDocuments('researcher@fim.local', draft.id);
    await api('researcher@fim.local', 'POST', `/applications/${draft.id}/submit`);
    await api('admin@fim.local', 'POST', `/calls/${callId}/close`, { reason: 'Lukket før fristen i testen' });
    // The pool holds the 1.000 kr. Samsø paid above: the award of 600 kr. fits.
    await api('admin@fim.local', 'POST', `/applications/${draft.id}/decision`, {
      outcome: 'approved',
      amountOre: 60_000,
    });

    await signInAs(RESEARCHER, `/applications/${draft.id}`);
    const award = main().locator('#award');
    expect(await award.textContent()).toContain('600,00');
    expect(await award.textContent()).toContain('fim-award-terms-');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Accepter bevillingen' }).click();
    expect(await j.page.locator('.field-error').textContent()).toContain('Sæt flueben');
    await expectAccessible(j.page);
    await j.page.getByLabel('Jeg har læst vilkårene og accepterer dem på vegne af projektet').check();
    await j.page.getByRole('button', { name: 'Accepter bevillingen' }).click();
    expect(await main().textContent()).toContain('Du accepterede bevillingen');
    await j.page.getByRole('link', { name: 'Se bevillingen og dens udbetalinger' }).click();
    expect(await main().textContent()).toContain('Aktiv');
    expect(await main().textContent()).toContain('600,00');
    await expectAccessible(j.page);

    await signInAs(FINANCE, '/finance');
    await j.page
      .getByRole('link', { name: 'Bevillinger: udbetalinger, tilbagebetalinger og lukning' })
      .click();
    expect(await main().locator('table').textContent()).toContain(PROJECT);
    await expectAccessible(j.page);
    await main().locator('tr', { hasText: PROJECT }).getByRole('link').click();
    expect(await j.page.locator('h1').textContent()).toContain(PROJECT);
    await expectAccessible(j.page);
    await j.page.getByLabel('Beløb (kr.)', { exact: true }).fill('700');
    await j.page.getByLabel('Reference (fx fra kontoudtoget)').first().fill('Rate 1');
    await j.page.getByRole('button', { name: 'Registrér udbetalingen' }).click();
    expect(await j.page.getByRole('alert').textContent()).toContain('er mere end der resterer: 600,00');
    await expectAccessible(j.page);
    await j.page.getByLabel('Beløb (kr.)', { exact: true }).fill('250,50');
    await j.page.getByRole('button', { name: 'Registrér udbetalingen' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('Udbetalingen er registreret');
    expect(await main().textContent()).toContain('Rate 1');
    expect(await main().locator('dl').textContent()).toContain('349,50');
    await expectAccessible(j.page);

    await j.page.goto(`${j.server.url}/finance/years/${YEAR}/ledger`);
    const tranche = main().locator('tr', { hasText: 'Rate 1' });
    expect(await tranche.textContent()).toContain('Udbetaling');
    expect(await tranche.getByRole('link').getAttribute('href')).toBe(`/finance/awards/${draft.id}`);
    await expectAccessible(j.page);

    await j.page.goto(`${j.server.url}/finance/awards`);
    const row = main().locator('tr', { hasText: PROJECT });
    expect(await row.textContent()).toContain('250,50');
    expect(await row.textContent()).toContain('349,50');

    await j.context.clearCookies();
    await j.page.goto(`${j.server.url}/parties/samsoe-kommune`);
    expect(await main().textContent()).toContain(PROJECT);
    expect(await main().textContent()).not.toContain(RESEARCHER);
    await expectAccessible(j.page);

    // The researcher submits the final report; a board member approves it, and that closes the award.
    await signInAs(RESEARCHER, `/awards/${draft.id}`);
    const final = main().locator('form[action$="/reports/final"]');
    await final.getByLabel('Rapportens tekst').fill('Projektet er gennemført som planlagt.');
    await final.getByLabel('Forbrugt indtil nu (kr.)').fill('600');
    await expectAccessible(j.page);
    await final.getByRole('button', { name: 'Indsend rapporten' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('Rapporten er indsendt');
    await expectAccessible(j.page);

    await signInAs('Bo Nielsen', '/board/awards');
    await expectAccessible(j.page);
    await main()
      .getByRole('link', { name: new RegExp(PROJECT) })
      .click();
    expect(await main().textContent()).toContain('Projektet er gennemført som planlagt.');
    await expectAccessible(j.page);
    await j.page.getByRole('button', { name: 'Godkend rapporten' }).click();
    expect(await j.page.getByRole('status').textContent()).toContain('bevillingen er lukket');
    expect(await main().locator('dl').first().textContent()).toContain('Lukket');
    await expectAccessible(j.page);

    // Closing gave back what was never paid out (600 - 250,50 kr.); the pool's page shows it, year by year.
    await signInAs(FINANCE, '/finance');
    await j.page.getByRole('link', { name: 'Puljens saldo over årene' }).first().click();
    expect(await j.page.locator('h1').textContent()).toBe('Puljens saldo over årene');
    const year = main().locator('tbody tr', { has: j.page.getByRole('link', { name: String(YEAR) }) });
    const cells = await year.locator('td').allTextContents();
    // Carried in, received, of which for grants, committed, disbursed, refunded, released, carried out, of which for grants.
    expect(cells.map((c) => c.replace(/\s/g, ' '))).toEqual([
      '0,00 kr.',
      '1.000,00 kr.',
      '800,00 kr.',
      '250,50 kr.',
      '250,50 kr.',
      '0,00 kr.',
      '349,50 kr.',
      '749,50 kr.',
      '549,50 kr.',
    ]);
    expect(await main().locator('dl').textContent()).toContain('549,50');
    await expectAccessible(j.page);
  }, 120_000);
});
