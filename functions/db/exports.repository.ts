import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../core/audit/audit.js';
import type { ExportJob } from '../core/exports/export.schema.js';
import type { ExportRepository } from '../core/ports.js';
import { actorPage, casePage } from './audit.repository.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { casePk } from './keys.js';
import { getItem } from './reads.js';
import { saveVersioned, transact } from './transact.js';

/*
 * Exports: one `EXPORT#<id>` item each, versioned, its events kept under the case it exports (`APP#<id>`) or the
 * person (`USER#<id>`); while queued it sits in the index partition `EXPORTS#queued` (gsi1), which the local
 * worker drains (in AWS the table's stream hands each new one to the worker).
 */

const exportItem = (job: ExportJob) => ({
  ...keys.export(job.id),
  ...keys.exportByStatus(job.status, job.createdAt, job.id),
  entity: 'export',
  ...job,
});

const audited = (job: ExportJob, event: AuditEvent) => ({
  entityPk: casePk(
    job.subject.kind === 'application'
      ? { kind: 'application', id: job.subject.id }
      : { kind: 'user', id: job.subject.id },
  ),
  event,
});

/** How many events of a partition one page reads while the person's events are gathered. */
const EVENTS_PAGE = 200;

export function createExportRepository(db: Db): ExportRepository {
  return {
    get: (id) => getItem<ExportJob>(db, keys.export(id), true),
    create: (job, audit) => saveVersioned(db, 'export', exportItem(job), undefined, audited(job, audit)),
    save: (job, expectedVersion, audit) =>
      saveVersioned(db, 'export', exportItem(job), expectedVersion, audited(job, audit)),
    async listQueued(limit) {
      const out = await dynamo(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.exportsWithStatus('queued') },
            Limit: limit,
          }),
        ),
      );
      return (out.Items ?? []).map((item) => stripKeys<ExportJob>(item));
    },
    recordLink: (job, event) => transact(db, { items: {}, audit: audited(job, event) }),
    eventsByActor: (userId, page) => actorPage(db, userId, page),
    async eventsAbout(userId, page) {
      const read = await casePage(db, keys.user(userId).pk, page);
      return { events: read.events, ...(read.nextCursor ? { cursor: read.nextCursor } : {}) };
    },
    async eventsByActorBeforeIndex(userId, cases) {
      const events: AuditEvent[] = [];
      for (const pk of [keys.user(userId).pk, ...cases.map((c) => casePk(c))]) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dynamo(() =>
            db.doc.send(
              new QueryCommand({
                TableName: db.auditTableName,
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
                // Only what the index by actor lacks: an event written since carries `actorPk`.
                FilterExpression: '#actor.#userId = :actorId AND attribute_not_exists(#actorPk)',
                ExpressionAttributeNames: { '#actor': 'actor', '#userId': 'userId', '#actorPk': 'actorPk' },
                ExpressionAttributeValues: { ':pk': pk, ':audit': keys.auditPrefix, ':actorId': userId },
                Limit: EVENTS_PAGE,
                ExclusiveStartKey: start,
              }),
            ),
          );
          for (const item of page.Items ?? []) events.push(stripKeys<AuditEvent>(item));
          start = page.LastEvaluatedKey;
        } while (start);
      }
      return events;
    },
  };
}
