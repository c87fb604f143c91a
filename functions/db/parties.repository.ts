import type { AuditEvent } from '../core/audit/audit.js';
import type { PartyRef } from '../core/finance/parties.js';
import type { Party } from '../core/finance/parties.schema.js';
import type { PartyRepository } from '../core/ports.js';
import { caseRecord } from './audit.repository.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { overwrite, saveVersioned } from './transact.js';

const partyItem = (party: PartyRef & { version: number }) => {
  const key = keys.party(party.id);
  return { ...key, ...keys.partyList(party.name), entity: 'party', ...party };
};

/**
 * Seeding: stores a party with its audit event (its invoicing details too, when given). Population figures go
 * in as finance imports them (population.service.ts), versioned and audited.
 */
export async function putParty(db: Db, party: PartyRef | Party, audit: AuditEvent): Promise<void> {
  await overwrite(db, 'party', partyItem({ version: 1, ...party }), {
    entityPk: keys.party(party.id).pk,
    event: audit,
  });
}

export function createPartyRepository(db: Db): PartyRepository {
  return {
    list: () => queryAll<Party>(db, queryIndex('gsi1', 'gsi1pk', keys.partiesPk)),
    get: (partyId) => getItem<Party>(db, keys.party(partyId), true),
    save: (party, audit, expectedVersion) =>
      saveVersioned(db, 'party', partyItem(party), expectedVersion === 0 ? undefined : expectedVersion, {
        entityPk: keys.party(party.id).pk,
        event: audit,
      }),
    history: (partyId) => caseRecord(db, keys.party(partyId).pk),
  };
}
