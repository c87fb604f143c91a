import type { UserProfile, UserRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { userItem } from './items.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { overwrite } from './transact.js';

export function createUserRepository(db: Db): UserRepository {
  return {
    get: (userId) => getItem<UserProfile>(db, keys.user(userId)),
    async getByEmail(email) {
      const found = await queryAll<UserProfile>(db, queryIndex('gsi1', 'gsi1pk', keys.userEmailPk(email)));
      return found[0];
    },
    listAll: () => queryAll<UserProfile>(db, queryIndex('gsi2', 'gsi2pk', keys.usersPk)),
    async put(user, audit) {
      const key = keys.user(user.userId);
      const item = userItem(user);
      // Unconditioned: the entry mirrors the identity provider, so the latest sign-in's claims are right
      // whatever was stored before; two sign-ins at once write the same claims.
      await overwrite(db, 'user', item, { entityPk: key.pk, event: audit });
    },
  };
}
