import type { OwnOrganisation } from '../core/auth/profile.schema.js';
import type { ProfileRepository } from '../core/ports.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { organisationFlagItem } from './organisations.repository.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { transact, versionedPut } from './transact.js';

const keyOf = ({ pk, sk }: { pk: string; sk: string }) => ({ pk, sk });

/** The removal of a person's flag of a name (it may be gone already: the secretariat placed the name). */
const unflagOf = (db: Db, key: string, userId: string) => ({
  Delete: { TableName: db.tableName, Key: keyOf(keys.organisationFlag(key, `USER#${userId}`)) },
});

/** The organisations people picked as their own ("Min profil"): one small item a person, one index partition. */
export function createProfileRepository(db: Db): ProfileRepository {
  return {
    get: (userId) => getItem<OwnOrganisation>(db, keyOf(keys.ownOrganisation(userId)), true),
    list: () => queryAll<OwnOrganisation>(db, queryIndex('gsi1', 'gsi1pk', keys.ownOrganisationsPk)),
    save: (profile, audit, expectedVersion, { flag, unflagKey }) =>
      transact(db, {
        items: {
          profile: versionedPut(
            db,
            { ...keys.ownOrganisation(profile.userId), entity: 'ownOrganisation', ...profile },
            expectedVersion,
          ),
          ...(flag ? { flag: { Put: { TableName: db.tableName, Item: organisationFlagItem(flag) } } } : {}),
          ...(unflagKey ? { unflag: unflagOf(db, unflagKey, profile.userId) } : {}),
        },
        audit: { entityPk: keys.user(profile.userId).pk, event: audit },
      }),
    clear: (profile, audit, unflagKey) =>
      transact(db, {
        items: {
          profile: {
            Delete: {
              TableName: db.tableName,
              Key: keyOf(keys.ownOrganisation(profile.userId)),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': profile.version },
            },
          },
          ...(unflagKey ? { unflag: unflagOf(db, unflagKey, profile.userId) } : {}),
        },
        audit: { entityPk: keys.user(profile.userId).pk, event: audit },
      }),
  };
}
