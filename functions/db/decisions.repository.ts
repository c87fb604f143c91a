import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../core/applications/application.schema.js';
import { budgetExceeded } from '../core/decisions/budget.js';
import type { Meeting } from '../core/decisions/decision.schema.js';
import type { DecisionRepository } from '../core/ports.js';
import {
  auditPut,
  getItem,
  outboxPut,
  queryAll,
  queryIndex,
  type TransactItem,
  versionedPut,
} from './audited-write.js';
import type { Db } from './client.js';
import { cancellationCodes, dynamo, mapDynamoError } from './errors.js';
import { keys } from './keys.js';

const applicationItem = (a: Application) => ({
  ...keys.application(a.id),
  ...keys.applicationByOwner(a.ownerId, a.createdAt, a.id),
  ...keys.applicationByCall(a.callId, a.createdAt, a.id),
  entity: 'application',
  ...a,
});

export function createDecisionRepository(db: Db): DecisionRepository {
  const approvedOre = async (callId: string) => {
    const out = await dynamo(() =>
      db.doc.send(
        new GetCommand({ TableName: db.tableName, Key: keys.callBudget(callId), ConsistentRead: true }),
      ),
    );
    return (out.Item?.approvedOre as number | undefined) ?? 0;
  };
  return {
    approvedOre,
    getMeeting: (id) => getItem<Meeting>(db, keys.meeting(id)),
    listMeetings: (callId) =>
      queryAll<Meeting>(db, queryIndex('gsi2', 'gsi2pk', keys.meetingsOfCall(callId))),

    async recordMeeting(meeting, audit, decisions, approvedDeltaOre, budgetOre) {
      // The budget guard is the first item, so its failure is told apart from a stale application.
      const limit = budgetOre - approvedDeltaOre;
      const items: TransactItem[] = [
        {
          Update: {
            TableName: db.tableName,
            Key: keys.callBudget(meeting.callId),
            UpdateExpression: 'SET entity = :entity ADD approvedOre :delta',
            ConditionExpression:
              '(attribute_not_exists(approvedOre) AND :zero <= :limit) OR approvedOre <= :limit',
            ExpressionAttributeValues: {
              ':entity': 'budget',
              ':delta': approvedDeltaOre,
              ':limit': limit,
              ':zero': 0,
            },
          },
        },
        {
          Put: {
            TableName: db.tableName,
            Item: {
              ...keys.meeting(meeting.id),
              ...keys.meetingByCall(meeting.callId, meeting.heldAt, meeting.id),
              entity: 'meeting',
              ...meeting,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(db, keys.meeting(meeting.id).pk, audit),
        ...decisions.flatMap((d) => [
          versionedPut(db, applicationItem(d.application), d.expectedVersion),
          auditPut(db, keys.application(d.application.id).pk, d.audit),
          outboxPut(db, d.letter),
        ]),
      ];
      try {
        await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (cancellationCodes(error)[0] === 'ConditionalCheckFailed') {
          throw budgetExceeded(await approvedOre(meeting.callId), approvedDeltaOre, budgetOre);
        }
        throw mapDynamoError(error);
      }
    },
  };
}
