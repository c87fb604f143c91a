import type { AuditEvent } from '../core/audit/audit.js';
import type { PartyRef } from '../core/finance/parties.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { transact } from './transact.js';

/**
 * Seeding: stores a party with its audit event. Population figures go in as finance imports them
 * (population.service.ts), versioned and audited.
 */
export async function putParty(db: Db, party: PartyRef, audit: AuditEvent): Promise<void> {
  const key = keys.party(party.id);
  await transact(db, {
    items: {
      party: {
        Put: {
          TableName: db.tableName,
          Item: { ...key, ...keys.partyList(party.name), entity: 'party', ...party, version: 1 },
        },
      },
    },
    audit: { entityPk: key.pk, event: audit },
  });
}
