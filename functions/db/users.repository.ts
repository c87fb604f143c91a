import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UserProfile, UserRepository } from '../core/ports.js';
import { getItem, queryAll, queryIndex } from './audited-write.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { keys } from './keys.js';

export function createUserRepository(db: Db): UserRepository {
  return {
    get: (userId) => getItem<UserProfile>(db, keys.user(userId)),
    async getByEmail(email) {
      const found = await queryAll<UserProfile>(db, queryIndex('gsi1', 'gsi1pk', keys.userEmailPk(email)));
      return found[0];
    },
    listAll: () => queryAll<UserProfile>(db, queryIndex('gsi2', 'gsi2pk', keys.usersPk)),
    async put(user) {
      await dynamo(() =>
        db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...keys.user(user.userId),
              ...keys.userByEmail(user.email),
              ...keys.userList(user.email),
              entity: 'user',
              ...user,
            },
          }),
        ),
      );
    },
  };
}
