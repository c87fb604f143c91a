import type { AuditEvent } from '../core/audit/audit.js';
import type { SessionRepository, StashedForm, StoredSession } from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { TABLE_KEYS } from './table-definition.js';
import { housekeeping, type TransactItem, transact } from './transact.js';

/** DynamoDB's TTL attribute: epoch seconds. Its deletion is lazy (up to days); readers check the time. */
const ttlOf = (iso: string) => ({ [TABLE_KEYS.timeToLive]: Math.ceil(Date.parse(iso) / 1000) });

/** A transaction holds at most 100 items: one is the audit event. */
const PER_TRANSACTION = 99;

const gone = () => new AppError('UNAUTHENTICATED', { code: 'SIGN_IN_AGAIN' });

export function createSessionRepository(db: Db): SessionRepository {
  const sessionItem = (s: StoredSession) => ({
    ...keys.session(s.idHash),
    ...keys.sessionOfUser(s.userId, s.createdAt, s.idHash),
    entity: 'session',
    ...ttlOf(s.expiresAt),
    ...s,
  });
  const remove = (key: { pk: string; sk: string }): TransactItem => ({
    Delete: { TableName: db.tableName, Key: key },
  });
  const strip = <T>(item: (T & Record<string, unknown>) | undefined): T | undefined => {
    if (!item) return undefined;
    const { [TABLE_KEYS.timeToLive]: _ttl, ...rest } = item;
    return rest as T;
  };

  return {
    get: async (idHash) =>
      strip(await getItem<StoredSession & Record<string, unknown>>(db, keys.session(idHash), true)),

    start: (session, audit) =>
      transact(db, {
        items: {
          session: {
            Put: {
              TableName: db.tableName,
              Item: sessionItem(session),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        audit: { entityPk: keys.user(session.userId).pk, event: audit },
      }),

    async update(session) {
      try {
        await transact(db, {
          items: {
            session: {
              Put: {
                TableName: db.tableName,
                Item: sessionItem(session),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          },
          audit: housekeeping('session.touch'),
          refusals: { session: gone },
        });
        return true;
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return false;
        throw error;
      }
    },

    async end(idHashes, audit: AuditEvent) {
      const entityPk = keys.user(audit.entityId).pk;
      // The audit event rides with the first batch (a person has a handful of sessions; more than 99 is odd).
      for (let start = 0; start === 0 || start < idHashes.length; start += PER_TRANSACTION) {
        const batch = idHashes.slice(start, start + PER_TRANSACTION);
        await transact(db, {
          items: Object.fromEntries(batch.map((idHash, i) => [`session${i}`, remove(keys.session(idHash))])),
          audit: start === 0 ? { entityPk, event: audit } : housekeeping('session.expired'),
        });
      }
    },

    drop: (idHash) =>
      transact(db, {
        items: { session: remove(keys.session(idHash)) },
        audit: housekeeping('session.expired'),
      }),

    listOfUser: async (userId) =>
      (
        await queryAll<StoredSession & Record<string, unknown>>(
          db,
          queryIndex('gsi1', 'gsi1pk', keys.sessionsOfUser(userId)),
        )
      ).map((s) => strip(s) as StoredSession),

    stashForm: (idHash, form) =>
      transact(db, {
        items: {
          form: {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.formStash(idHash), entity: 'form-stash', ...ttlOf(form.expiresAt), ...form },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        audit: housekeeping('form.stash'),
      }),

    async takeForm(idHash) {
      const form = strip(
        await getItem<StashedForm & Record<string, unknown>>(db, keys.formStash(idHash), true),
      );
      if (!form) return undefined;
      try {
        // Taken once: of two at once, one deletes it and the other finds it gone.
        await transact(db, {
          items: {
            form: {
              Delete: {
                TableName: db.tableName,
                Key: keys.formStash(idHash),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          },
          audit: housekeeping('form.stash'),
          refusals: { form: gone },
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return undefined;
        throw error;
      }
      return form;
    },
  };
}
