import type { Call, CallStatus } from '../core/calls/call.schema.js';
import type { CallRepository } from '../core/ports.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { batchGet, getItem, queryAll, queryIndex } from './reads.js';
import { saveVersioned } from './transact.js';

/** Calls stored before the review settings existed read as the defaults. */
const withDefaults = (call: Call): Call => ({
  ...call,
  blindReview: call.blindReview ?? false,
  showReviewsToReviewers: call.showReviewsToReviewers ?? false,
  disagreementThreshold: call.disagreementThreshold ?? 1.5,
});

export function createCallRepository(db: Db): CallRepository {
  return {
    getMany: async (ids) =>
      (
        await batchGet<Call>(
          db,
          [...new Set(ids)].map((id) => keys.call(id)),
          false,
        )
      ).map(withDefaults),
    get: async (id) => {
      const call = await getItem<Call>(db, keys.call(id));
      return call && withDefaults(call);
    },
    listByStatus: async (status: CallStatus) =>
      (await queryAll<Call>(db, queryIndex('gsi1', 'gsi1pk', keys.callsWithStatus(status)))).map(
        withDefaults,
      ),
    async save(call, audit, expectedVersion) {
      const key = keys.call(call.id);
      const item = {
        ...key,
        ...keys.callByStatus(call.status, call.closesAt, call.id),
        entity: 'call',
        ...call,
      };
      await saveVersioned(db, 'call', item, expectedVersion, { entityPk: key.pk, event: audit });
    },
  };
}
