import type { Application } from '../core/applications/application.schema.js';
import type { ErasureRecord, RetentionRun } from '../core/cases/erasure.values.js';
import type { Document } from '../core/documents/document.schema.js';
import type { StoredMessage } from '../core/messages/message.schema.js';
import type { ErasureRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { applicationItem, awardItem, memberItem, userItem } from './items.js';
import * as keys from './keys.js';
import { casePk } from './keys.js';
import { mergedPage } from './paging.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { housekeeping, messageItem, type TransactItem, transact, versionedPut } from './transact.js';

/*
 * Erasure requests, and the retention job's reads and writes (docs/cases.md "Erasure", "Retention"). Deletes
 * happen under `APP#<id>` only (the one deletable partition of the table's data, DELETABLE_PARTITIONS).
 */

/**
 * An erasure request: in the admins' list always; in the waiting partition while it has messages left to
 * anonymise (by its asking, so every run looks at it) or waits for its kept cases (by `keptUntil`).
 */
const erasureItem = (e: ErasureRecord): Record<string, unknown> => ({
  ...keys.erasure(e.userId),
  ...keys.erasureList(e.requestedAt, e.userId),
  ...((e.messagesLeft?.length ?? 0) > 0
    ? keys.erasureWaiting(e.requestedAt, e.userId)
    : e.state === 'waiting-retention' && e.keptUntil
      ? keys.erasureWaiting(e.keptUntil, e.userId)
      : {}),
  entity: 'erasure',
  ...e,
});

const versionedDelete = (db: Db, key: { pk: string; sk: string }, version: number): TransactItem => ({
  Delete: {
    TableName: db.tableName,
    Key: key,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': version },
  },
});

/** A delete of an item that must still exist (members carry no version). */
const existingDelete = (db: Db, key: { pk: string; sk: string }): TransactItem => ({
  Delete: { TableName: db.tableName, Key: key, ConditionExpression: 'attribute_exists(pk)' },
});

/** A replace of an item that must still exist. */
const existingPut = (db: Db, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_exists(pk)' },
});

/**
 * DynamoDB takes at most 100 items a transaction: an application, its award, the audit event and up to 20
 * co-applicants leave room for 70 documents (a draft holds far fewer: MAX_APPLICATION_BYTES).
 */
const MAX_DOCUMENTS_A_TRANSACTION = 70;

const documentDeletes = (db: Db, documents: readonly Document[]) =>
  Object.fromEntries(
    documents
      .slice(0, MAX_DOCUMENTS_A_TRANSACTION)
      .map((d) => [`document:${d.id}`, versionedDelete(db, keys.document(d.applicationId, d.id), d.version)]),
  );

export function createErasureRepository(db: Db): ErasureRepository {
  return {
    get: (userId) => getItem<ErasureRecord>(db, keys.erasure(userId), true),
    list: (page) =>
      mergedPage<ErasureRecord>(db, {
        index: 'gsi1',
        partitions: [keys.erasuresPk],
        keyOf: keys.erasure,
        ...page,
      }),
    listWaitingUntil: (until) =>
      queryAll<ErasureRecord>(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :until',
        ExpressionAttributeValues: { ':pk': keys.erasuresWaitingPk, ':until': `${until}#~` },
      }),
    record: (erasure, profile, audit, outbox) =>
      transact(db, {
        items: {
          erasure: versionedPut(db, erasureItem(erasure)),
          profile: { Put: { TableName: db.tableName, Item: userItem(profile) } },
        },
        audit: { entityPk: keys.user(erasure.userId).pk, event: audit },
        outbox: [outbox],
      }),
    complete: (erasure, expectedVersion, profile, audit) =>
      transact(db, {
        items: {
          erasure: versionedPut(db, erasureItem(erasure), expectedVersion),
          profile: { Put: { TableName: db.tableName, Item: userItem(profile) } },
        },
        audit: { entityPk: keys.user(erasure.userId).pk, event: audit },
      }),
    deleteDraft: ({ application, documents, members, audit }) =>
      transact(db, {
        items: {
          application: versionedDelete(db, keys.application(application.id), application.version),
          ...documentDeletes(db, documents),
          ...Object.fromEntries(
            members.map((m) => [
              `member:${m.userId}`,
              existingDelete(db, keys.member(m.applicationId, m.userId)),
            ]),
          ),
        },
        audit: { entityPk: keys.application(application.id).pk, event: audit },
      }),
    anonymise: ({ application, expectedVersion, award, members, documents, audit }) =>
      transact(db, {
        items: {
          application: versionedPut(db, applicationItem(application), expectedVersion),
          award: award ? versionedPut(db, awardItem(award.award), award.expectedVersion) : undefined,
          ...Object.fromEntries(members.map((m) => [`member:${m.userId}`, existingPut(db, memberItem(m))])),
          ...documentDeletes(db, documents),
        },
        audit: { entityPk: keys.application(application.id).pk, event: audit },
      }),
    anonymiseMessage: (message, expectedVersion, audit) =>
      transact(db, {
        items: { message: versionedPut(db, messageItem(message), expectedVersion) },
        audit: { entityPk: casePk(message.case), event: audit },
      }),
    messagesOfCase: (c) => queryAll<StoredMessage>(db, queryIndex('gsi3', 'gsi3pk', keys.outboxOfCase(c))),
    save: (erasure, expectedVersion, audit) =>
      transact(db, {
        items: { erasure: versionedPut(db, erasureItem(erasure), expectedVersion) },
        audit: { entityPk: keys.user(erasure.userId).pk, event: audit },
      }),
    draftsUntouchedSince: (bound) =>
      queryAll<Application>(db, {
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk <= :bound',
        ExpressionAttributeValues: { ':pk': keys.draftsPk, ':bound': `${bound}#~` },
      }),
    createdBefore: (status, bound) =>
      queryAll<Application>(db, {
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :bound',
        ExpressionAttributeValues: { ':pk': keys.applicationsWithStatus(status), ':bound': `${bound}#~` },
      }),
    reminded: async (marker) => (await getItem(db, keys.reminder(marker), true)) !== undefined,
    saveRun: (run) =>
      transact(db, {
        items: {
          run: versionedPut(db, {
            ...keys.retentionRun(run.id),
            ...keys.retentionRunList(run.at, run.id),
            entity: 'retention-run',
            ...run,
          }),
        },
        audit: housekeeping('retention.report'),
      }),
    listRuns: async (limit) =>
      (
        await mergedPage<RetentionRun>(db, {
          index: 'gsi1',
          partitions: [keys.retentionRunsPk],
          keyOf: keys.retentionRun,
          limit,
        })
      ).items,
  };
}
