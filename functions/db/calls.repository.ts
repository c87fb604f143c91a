import type { Call, CallStatus } from '../core/calls/call.schema.js';
import type { CallRepository } from '../core/ports.js';
import { getItem, queryAll, queryIndex, versionedPut, writeWithAudit } from './audited-write.js';
import type { Db } from './client.js';
import { keys } from './keys.js';

export function createCallRepository(db: Db): CallRepository {
  return {
    get: (id) => getItem<Call>(db, keys.call(id)),
    listByStatus: (status: CallStatus) =>
      queryAll<Call>(db, queryIndex('gsi1', 'gsi1pk', keys.callsWithStatus(status))),
    async save(call, audit, expectedVersion) {
      const key = keys.call(call.id);
      const item = {
        ...key,
        ...keys.callByStatus(call.status, call.closesAt, call.id),
        entity: 'call',
        ...call,
      };
      await writeWithAudit(db, { items: [versionedPut(db, item, expectedVersion)], entityPk: key.pk, audit });
    },
  };
}
