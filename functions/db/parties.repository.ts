import type { AuditEvent } from '../core/audit/audit.js';
import type { PartyRef } from '../core/finance/parties.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { overwrite } from './transact.js';

/**
 * Seeding: stores a party with its audit event. Population figures go in as finance imports them
 * (population.service.ts), versioned and audited.
 */
export async function putParty(db: Db, party: PartyRef, audit: AuditEvent): Promise<void> {
  const key = keys.party(party.id);
  const item = { ...key, ...keys.partyList(party.name), entity: 'party', ...party, version: 1 };
  await overwrite(db, 'party', item, { entityPk: key.pk, event: audit });
}
