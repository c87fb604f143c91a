import type { MinutesVersion } from '../core/decisions/minutes.schema.js';
import type { MinutesRepository } from '../core/ports.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { queryAll } from './reads.js';
import { saveVersioned } from './transact.js';

/** The versions of a meeting's minutes, under the meeting's partition beside its audit events. */
export function createMinutesRepository(db: Db): MinutesRepository {
  return {
    list: (meetingId) =>
      queryAll<MinutesVersion>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :minutes)',
        ExpressionAttributeValues: { ':pk': keys.meeting(meetingId).pk, ':minutes': keys.minutesPrefix },
        ConsistentRead: true,
      }),
    save: (minutes, audit, expectedVersion) =>
      saveVersioned(
        db,
        'minutes',
        { ...keys.minutes(minutes.meetingId, minutes.number), entity: 'minutes', ...minutes },
        expectedVersion,
        { entityPk: keys.meeting(minutes.meetingId).pk, event: audit },
      ),
  };
}
