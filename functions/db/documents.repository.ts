import type { Document } from '../core/documents/document.schema.js';
import type { DocumentRepository } from '../core/ports.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { transact, versionedPut } from './transact.js';

const documentItem = (d: Document): Record<string, unknown> => ({
  ...keys.document(d.applicationId, d.id),
  ...keys.documentById(d.id),
  entity: 'document',
  ...d,
});

/** A delete of a document at the version read. */
const versionedDelete = (db: Db, d: Document) => ({
  Delete: {
    TableName: db.tableName,
    Key: keys.document(d.applicationId, d.id),
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': d.version },
  },
});

export function createDocumentRepository(db: Db): DocumentRepository {
  const audited = (d: Document, event: Parameters<DocumentRepository['remove']>[1]) => ({
    entityPk: keys.application(d.applicationId).pk,
    event,
  });
  return {
    get: (applicationId, documentId) => getItem<Document>(db, keys.document(applicationId, documentId), true),
    async find(documentId) {
      const [found] = await queryAll<Document>(
        db,
        queryIndex('gsi1', 'gsi1pk', keys.documentIdPk(documentId)),
      );
      return found;
    },
    listByApplication: async (applicationId) =>
      (
        await queryAll<Document>(db, {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
          ExpressionAttributeValues: {
            ':pk': keys.application(applicationId).pk,
            ':doc': keys.documentPrefix,
          },
          ConsistentRead: true,
        })
      ).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    save: (document, audit, expectedVersion, options = {}) =>
      transact(db, {
        items: {
          document: versionedPut(db, documentItem(document), expectedVersion),
          ...Object.fromEntries(
            (options.replaces ?? []).map((d) => [`replaced:${d.id}`, versionedDelete(db, d)]),
          ),
        },
        audit: audited(document, audit),
        ...(options.outbox ? { outbox: options.outbox } : {}),
      }),
    remove: (document, audit) =>
      transact(db, { items: { document: versionedDelete(db, document) }, audit: audited(document, audit) }),
  };
}
