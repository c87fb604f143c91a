import type { ReviewRepository } from '../core/ports.js';
import type { Assignment } from '../core/reviews/review.schema.js';
import type { Db } from './client.js';
import { assignmentItem } from './items.js';
import { keys } from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { saveVersioned, transact } from './transact.js';

export function createReviewRepository(db: Db): ReviewRepository {
  return {
    get: (applicationId, reviewerId) => getItem<Assignment>(db, keys.assignment(applicationId, reviewerId)),
    listByApplication: (applicationId) =>
      queryAll<Assignment>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.application(applicationId).pk,
          ':prefix': keys.assignmentPrefix,
        },
      }),
    listByReviewer: (reviewerId) =>
      queryAll<Assignment>(db, queryIndex('gsi1', 'gsi1pk', keys.assignmentsOfReviewer(reviewerId))),
    listByCall: (callId) =>
      queryAll<Assignment>(db, queryIndex('gsi2', 'gsi2pk', keys.assignmentsOfCall(callId))),
    save: (assignment, audit, expectedVersion, outbox) =>
      saveVersioned(
        db,
        'assignment',
        assignmentItem(assignment),
        expectedVersion,
        { entityPk: keys.application(assignment.applicationId).pk, event: audit },
        outbox,
      ),
    async remove(assignment, audit, outbox) {
      await transact(db, {
        items: {
          assignment: {
            Delete: {
              TableName: db.tableName,
              Key: keys.assignment(assignment.applicationId, assignment.reviewerId),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': assignment.version },
            },
          },
        },
        audit: { entityPk: keys.application(assignment.applicationId).pk, event: audit },
        ...(outbox ? { outbox } : {}),
      });
    },
  };
}
