import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Report } from '../core/finance/report.schema.js';
import type { ReportRepository } from '../core/ports.js';
import { versionConflict } from '../core/shared/errors.js';
import { auditPut, getItem, outboxPut, queryAll, type TransactItem, versionedPut } from './audited-write.js';
import { closingItems } from './awards.repository.js';
import { transactMoney } from './balances.js';
import type { Db } from './client.js';
import { cancellationCodes, dynamo, mapDynamoError } from './errors.js';
import { keys, stripKeys } from './keys.js';

/** Reports still waiting for their reminder sit in the pending index; submitted or reminded ones leave it. */
const pending = (r: Report) => (r.status === 'due' || r.status === 'returned') && !r.reminderQueuedAt;

export const reportItem = (r: Report) => ({
  ...keys.report(r.applicationId, r.reportId),
  ...(pending(r) ? keys.reportPending(r.dueDate, r.applicationId, r.reportId) : {}),
  entity: 'report',
  ...r,
});

/** One of our conditions failed (not a throttled or clashing transaction). */
const failedCondition = (error: unknown): boolean =>
  cancellationCodes(error).includes('ConditionalCheckFailed');

export function createReportRepository(db: Db): ReportRepository {
  const send = (items: TransactItem[]) => db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  return {
    listByAward: (applicationId) =>
      queryAll<Report>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.award(applicationId).pk, ':prefix': keys.reportPrefix },
        ConsistentRead: true,
      }),

    async get(applicationId, reportId) {
      return getItem<Report>(db, keys.report(applicationId, reportId));
    },

    async create(reports, audit) {
      const first = reports[0];
      if (!first) return;
      await dynamo(() =>
        send([
          ...reports.map((r) => versionedPut(db, reportItem(r))),
          auditPut(db, keys.award(first.applicationId).pk, audit),
        ]),
      );
    },

    async save(report, expectedVersion, audit, closing) {
      const items: TransactItem[] = [
        versionedPut(db, reportItem(report), expectedVersion),
        auditPut(db, keys.award(report.applicationId).pk, audit),
      ];
      if (closing) items.push(...closingItems(db, closing));
      try {
        await (closing ? transactMoney(db, items) : send(items));
      } catch (error) {
        throw failedCondition(error) ? versionConflict() : mapDynamoError(error);
      }
    },

    async pendingDueBy(until) {
      const items: Report[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo(() =>
          db.doc.send(
            new QueryCommand({
              TableName: db.tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until',
              ExpressionAttributeValues: { ':pk': keys.reportsPendingPk, ':until': `${until}#\uffff` },
              ExclusiveStartKey: start,
            }),
          ),
        );
        for (const item of page.Items ?? []) items.push(stripKeys<Report>(item));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },

    async queueReminder(report, expectedVersion, message, audit) {
      const put = versionedPut(db, reportItem(report), expectedVersion);
      if (put.Put)
        put.Put.ConditionExpression = '#version = :expected AND attribute_not_exists(reminderQueuedAt)';
      try {
        await send([put, outboxPut(db, message), auditPut(db, keys.award(report.applicationId).pk, audit)]);
        return true;
      } catch (error) {
        if (failedCondition(error)) return false;
        throw mapDynamoError(error);
      }
    },
  };
}
