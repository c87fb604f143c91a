import type { PrivacyNoticeRepository } from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { getItem } from './reads.js';
import { transact } from './transact.js';

/** The mark that a person was shown the privacy notice: an item beside their profile, written once. */
export function createPrivacyNoticeRepository(db: Db): PrivacyNoticeRepository {
  return {
    seen: async (userId) => (await getItem(db, keys.privacyNoticeSeen(userId), true)) !== undefined,
    markSeen: async (userId, at, event) => {
      try {
        await transact(db, {
          items: {
            mark: {
              Put: {
                TableName: db.tableName,
                Item: { ...keys.privacyNoticeSeen(userId), entity: 'privacy-notice', at },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
          audit: { entityPk: keys.user(userId).pk, event },
        });
      } catch (error) {
        // Marked already (another tab): once is enough.
        if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
      }
    },
  };
}
