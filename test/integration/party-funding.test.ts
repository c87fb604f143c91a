import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Lang } from '../../functions/texts/lang.js';
import { type Api, expectOk } from '../support/api.js';
import {
  acceptedAward,
  applicationBody,
  FINANCE,
  pay,
  RESEARCHER,
  RESEARCHER2,
  setUpYear,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browse } from '../support/web.js';

/*
 * The public party page: what the party paid in, its share of the pool's income, and that share of every
 * award (of what was paid out net once an award is closed), in a constant number of DynamoDB requests.
 */

const YEAR = 2027;
const SAMSOE = 'samsoe-kommune';
const SAMSOE_PAID = 10_000_001;
const AARHUS_PAID = 27_654_321;
// Samsø's share: 10 000 001 / 37 654 322 = 26.557… %, rounded down to 26.55 %.

/** The page as an anonymous reader sees it, with the figures' non-breaking spaces and apostrophes made plain. */
async function partyPage(h: Harness, partyId: string, lang: Lang = 'da'): Promise<string> {
  const page = await browse(h, undefined, `/parties/${partyId}`, { lang });
  expect(page.status).toBe(200);
  return page.html.replaceAll('\u00a0', ' ').replaceAll('&#39;', "'");
}

/** The DynamoDB commands one anonymous view of the page sends, by name. */
async function commandsOfPage(h: Harness, partyId: string): Promise<string[]> {
  const send = vi.spyOn(h.db.doc, 'send');
  try {
    await partyPage(h, partyId);
    return send.mock.calls.map(([command]) => command.constructor.name).sort();
  } finally {
    send.mockRestore();
  }
}

describe('the public party page', () => {
  let h: Harness;
  let client: Api;

  /** An award accepted by `owner`, on an application with a municipality and the region as partners. */
  const awarded = (owner: string, title: string, amountOre: number) =>
    acceptedAward(client, { owner, title, amountOre, partners: applicationBody().partners as unknown[] });

  const payBy = (partyId: string, amountOre: number) =>
    pay(client, YEAR, amountOre, { partyId, reference: `Bankreference ${partyId}` });

  beforeAll(async () => {
    ({ h, client } = await harnessWithApi());
    await setUpYear(client, YEAR);
  });

  it('says the share cannot be worked out before the pool has received anything, not 0 %', async () => {
    const page = await partyPage(h, SAMSOE);
    expect(page).toContain('Puljen har ikke modtaget nogen indbetalinger endnu, så kommunens andel');
    expect(page).not.toContain('0,00 %');
    expect(page).not.toContain('<th scope="col" class="num">Partens andel</th>');
    const region = await partyPage(h, 'region-midtjylland');
    expect(region).toContain('så regionens andel kan ikke regnes ud');
  });

  it('shows what the party paid, its share of the pool and that share of each award, rounded down', async () => {
    await payBy(SAMSOE, SAMSOE_PAID);
    await payBy('aarhus-kommune', AARHUS_PAID);
    await awarded(RESEARCHER, 'Faldforebyggelse på Samsø', 12_345_678);

    const page = await partyPage(h, SAMSOE);
    // 12 345 678 × 10 000 001 / 37 654 322 = 3 278 688,49… øre.
    expect(page).toContain(
      'Samsø Kommune har indbetalt 100.000,01 kr. i alt, 26,55 % af puljens indbetalinger. Regnet efter den andel har kommunens kroner finansieret 32.786,88 kr. af bevillingerne.',
    );
    const row = page.slice(page.indexOf('Faldforebyggelse på Samsø'));
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(
      /123\.456,78 kr\.<\/td><td>Aktiv<\/td><td class="num">–<\/td><td class="num">32\.786,88 kr\.<\/td><td>Kommune, Region<\/td>/,
    );
    // The focus area and the sectors were copied onto the award at acceptance.
    expect(page).toContain('Forebyggelse (først: rygning)');
    // Public, aggregate figures only: no payment references, no names.
    expect(page).not.toContain('Bankreference');
    expect(page).not.toContain(h.user(RESEARCHER).name);

    const english = await partyPage(h, SAMSOE, 'en');
    expect(english).toContain(
      "Samsø Kommune has paid in DKK 100,000.01 in all, 26.55% of what the pool has received. Reckoned by that share, the municipality's kroner have funded DKK 32,786.88 of the awards.",
    );

    // The other payer's page: 27 654 321 / 37 654 322 = 73.44… %; the region paid nothing: 0 %, and its wording.
    expect(await partyPage(h, 'aarhus-kommune')).toContain(
      'Aarhus Kommune har indbetalt 276.543,21 kr. i alt',
    );
    expect(await partyPage(h, 'aarhus-kommune')).toContain('73,44 % af puljens indbetalinger');
    expect(await partyPage(h, 'region-midtjylland')).toContain(
      'Region Midtjylland har indbetalt 0,00 kr. i alt, 0,00 % af puljens indbetalinger. Regnet efter den andel har regionens kroner finansieret 0,00 kr. af bevillingerne.',
    );
  });

  it('counts a closed award by what was paid out net', async () => {
    const id = await awarded(RESEARCHER2, 'Ældre i eget hjem', 5_000_000);
    const movement = (amountOre: number, reference: string) => ({
      amountOre,
      paidOn: `${YEAR}-02-20`,
      reference,
    });
    expectOk(
      await client.post(`/api/awards/${id}/disbursements`, movement(3_000_000, 'Rate 1'), FINANCE, {
        'idempotency-key': crypto.randomUUID(),
      }),
      201,
    );
    expectOk(await client.post(`/api/awards/${id}/refunds`, movement(500_000, 'Tilbage'), FINANCE), 201);
    expectOk(await client.act(`/api/awards/${id}/close`, FINANCE));

    const page = await partyPage(h, SAMSOE);
    // Net 2 500 000 øre × 10 000 001 / 37 654 322 = 663 934,47… øre; with the first, 3 942 622 øre in all.
    const row = page.slice(page.indexOf('Ældre i eget hjem'));
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(
      /50\.000,00 kr\.<\/td><td>Lukket<\/td><td class="num">25\.000,00 kr\.<\/td><td class="num">6\.639,34 kr\.<\/td>/,
    );
    expect(page).toContain('har kommunens kroner finansieret 39.426,22 kr. af bevillingerne');
    expect(page).toContain('I alt 173.456,78 kr. fordelt på 2 projekter.');
  });

  it('costs the same few requests whatever the number of awards: never one per award', async () => {
    const before = await commandsOfPage(h, SAMSOE);
    // The parties' latest populations and the awards (Query), the years' balances (Query of BALANCES), the
    // pool's balance (GetItem) and the party's contributions of every year (one BatchGet).
    expect(before).toEqual(['BatchGetCommand', 'GetCommand', 'QueryCommand', 'QueryCommand', 'QueryCommand']);
    await awarded(RESEARCHER, 'Et tredje projekt', 1_000_000);
    expect(await commandsOfPage(h, SAMSOE)).toEqual(before);
    expect(await partyPage(h, SAMSOE)).toContain('Et tredje projekt');
  });
});
