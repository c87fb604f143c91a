import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReviewRepository } from '../core/ports.js';
import type { Assignment } from '../core/reviews/review.schema.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { assignmentItem } from './items.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { batchGet, getItem, queryAll, queryIndex } from './reads.js';
import { saveVersioned, transact } from './transact.js';

/**
 * Where a page of a reviewer's finished assignments ended, as the key to start after; a cursor that is not one
 * (made up, out of date in form) starts from the newest.
 */
function decodeFinishedCursor(reviewerId: string, cursor: string | undefined) {
  if (!cursor) return undefined;
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  const applicationId = /^[0-9T:.Z-]+#([\w-]{1,100})$/.exec(sk)?.[1];
  if (!applicationId) return undefined;
  return {
    ...keys.assignment(applicationId, reviewerId),
    ...keys.assignmentFinishedByReviewer(reviewerId, sk.slice(0, sk.indexOf('#')), applicationId),
  };
}

export function createReviewRepository(db: Db): ReviewRepository {
  return {
    get: (applicationId, reviewerId) => getItem<Assignment>(db, keys.assignment(applicationId, reviewerId)),
    getMany: (wanted) =>
      batchGet<Assignment>(
        db,
        wanted.map((k) => keys.assignment(k.applicationId, k.reviewerId)),
        false,
      ),
    listByApplication: (applicationId) =>
      queryAll<Assignment>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.application(applicationId).pk,
          ':prefix': keys.assignmentPrefix,
        },
      }),
    listOpenByReviewer: (reviewerId) =>
      queryAll<Assignment>(db, queryIndex('gsi1', 'gsi1pk', keys.assignmentsOpenOfReviewer(reviewerId))),
    async listFinishedByReviewer(reviewerId, page) {
      const start = decodeFinishedCursor(reviewerId, page.cursor);
      const out = await dynamo(() =>
        db.doc.send(
          new QueryCommand({
            ...queryIndex('gsi1', 'gsi1pk', keys.assignmentsFinishedOfReviewer(reviewerId), true),
            TableName: db.tableName,
            Limit: page.limit,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      );
      const last = out.LastEvaluatedKey;
      return {
        items: (out.Items ?? []).map((item) => stripKeys<Assignment>(item)),
        ...(last ? { cursor: Buffer.from(String(last.gsi1sk), 'utf8').toString('base64url') } : {}),
      };
    },
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
