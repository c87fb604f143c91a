import { Hono } from 'hono';
import { partyFunding } from '../../functions/core/finance/party-funding.service.js';
import { getParty, listParties } from '../../functions/core/finance/population.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page } from '../render.js';
import { PartiesPage, PartyPage } from './parties.page.js';

/**
 * The public pages of the parties: anyone may read who pays, how many citizens they count, and what a party's
 * share of the pool has funded.
 */
export function partyRoutes(deps: AppDeps) {
  const parties = new Hono<AppEnv>();
  parties.get('/', async (c) => {
    const lang = c.get('lang');
    return page(
      c,
      texts[lang].finance.publicTitle,
      <PartiesPage lang={lang} parties={await listParties(deps.core)} />,
    );
  });
  parties.get('/:partyId', async (c) => {
    const lang = c.get('lang');
    const partyId = c.req.param('partyId');
    // Both refuse a party that does not exist, so the reads go at once.
    const [party, funding] = await Promise.all([
      getParty(deps.core, partyId),
      partyFunding(deps.core, partyId),
    ]);
    return page(c, party.name, <PartyPage lang={lang} party={party} funding={funding} />);
  });
  return parties;
}
