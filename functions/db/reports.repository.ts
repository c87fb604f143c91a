import type { Report } from '../core/finance/report.schema.js';
import type { ReportRepository } from '../core/ports.js';
import { closingWrites } from './award-closing.js';
import type { Db } from './client.js';
import { failedConditions } from './errors.js';
import { reportItem } from './items.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { transact, versionedPut } from './transact.js';

export function createReportRepository(db: Db): ReportRepository {
  const underAward = (report: Report) => keys.award(report.applicationId).pk;
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
      await transact(db, {
        items: Object.fromEntries(
          reports.map((r) => [`report:${r.reportId}`, versionedPut(db, reportItem(r))]),
        ),
        audit: { entityPk: underAward(first), event: audit },
      });
    },

    async save(report, expectedVersion, audit, closing) {
      const reportAudit = { entityPk: underAward(report), event: audit };
      const closes = closing && closingWrites(db, closing);
      // Any failed condition (the report's version, or the award's) is a change made meanwhile: 409.
      await transact(db, {
        items: { report: versionedPut(db, reportItem(report), expectedVersion), ...closes?.items },
        audit: closes ? [reportAudit, closes.audit] : reportAudit,
      });
    },

    listAwaiting: () =>
      queryAll<Pick<Report, 'applicationId' | 'reportId'>>(db, {
        ...queryIndex('gsi2', 'gsi2pk', keys.reportsAwaitingPk),
        // Only what the list counts: the report's text stays behind (a projection saves bytes, not RCU).
        ProjectionExpression: 'applicationId, reportId',
      }),

    pendingDueBy: (until) =>
      queryAll<Report>(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :until',
        ExpressionAttributeValues: { ':pk': keys.reportsPendingPk, ':until': `${until}#\uffff` },
      }),

    async queueReminder(report, expectedVersion, message, audit) {
      try {
        await transact(db, {
          items: {
            report: {
              Put: {
                TableName: db.tableName,
                Item: reportItem(report),
                ConditionExpression: '#version = :expected AND attribute_not_exists(reminderQueuedAt)',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
          },
          audit: { entityPk: underAward(report), event: audit },
          outbox: [message],
        });
        return true;
      } catch (error) {
        // Reminded or changed since it was read (another run got there first): nothing to do.
        if (failedConditions(error).includes('report')) return false;
        throw error;
      }
    },
  };
}
