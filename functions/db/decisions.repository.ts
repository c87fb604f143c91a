import { budgetExceeded } from '../core/decisions/budget.js';
import type { Meeting } from '../core/decisions/decision.schema.js';
import type { DecisionRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { applicationItem } from './items.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { type Audited, transact, versionedPut } from './transact.js';

export function createDecisionRepository(db: Db): DecisionRepository {
  const approvedOre = async (callId: string) =>
    (await getItem<{ approvedOre?: number }>(db, keys.callBudget(callId), true))?.approvedOre ?? 0;
  return {
    approvedOre,
    getMeeting: (id) => getItem<Meeting>(db, keys.meeting(id)),
    listMeetings: (callId) =>
      queryAll<Meeting>(db, queryIndex('gsi2', 'gsi2pk', keys.meetingsOfCall(callId))),

    async recordMeeting(meeting, audit, decisions, approvedDeltaOre, budgetOre) {
      const limit = budgetOre - approvedDeltaOre;
      const meetingAudit: Audited = { entityPk: keys.meeting(meeting.id).pk, event: audit };
      await transact(db, {
        items: {
          budget: {
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
          meeting: versionedPut(db, {
            ...keys.meeting(meeting.id),
            ...keys.meetingByCall(meeting.callId, meeting.heldAt, meeting.id),
            entity: 'meeting',
            ...meeting,
          }),
          ...Object.fromEntries(
            decisions.map((d) => [
              `application:${d.application.id}`,
              versionedPut(db, applicationItem(d.application), d.expectedVersion),
            ]),
          ),
        },
        audit: [
          meetingAudit,
          ...decisions.map((d) => ({ entityPk: keys.application(d.application.id).pk, event: d.audit })),
        ],
        outbox: decisions.map((d) => d.letter),
        refusals: {
          budget: async () => budgetExceeded(await approvedOre(meeting.callId), approvedDeltaOre, budgetOre),
        },
      });
    },
  };
}
