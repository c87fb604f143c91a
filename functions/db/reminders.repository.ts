import type { AuditEvent } from '../core/audit/audit.js';
import type { ReminderRepository } from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { transact } from './transact.js';

/** The partition an audit event is kept under: its entity's, so the case record lists the reminder. */
const entityPk = (audit: AuditEvent): string =>
  audit.entityType === 'award'
    ? keys.award(audit.entityId).pk
    : audit.entityType === 'call'
      ? keys.call(audit.entityId).pk
      : keys.application(audit.entityId).pk;

export function createReminderRepository(db: Db): ReminderRepository {
  return {
    async queueOnce(marker, message, audit) {
      try {
        await transact(db, {
          items: {
            marker: {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...keys.reminder(marker),
                  entity: 'reminder',
                  marker,
                  outboxId: message.id,
                  at: audit.at,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          },
          audit: { entityPk: entityPk(audit), event: audit },
          outbox: [message],
        });
        return true;
      } catch (error) {
        // The marker's condition failed: queued before.
        if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return false;
        throw error;
      }
    },
  };
}
