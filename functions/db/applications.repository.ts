import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../core/applications/application.schema.js';
import { formatReference } from '../core/applications/submission.rules.js';
import type { ApplicationRepository } from '../core/ports.js';
import { AppError, versionConflict } from '../core/shared/errors.js';
import {
  auditPut,
  getItem,
  outboxPut,
  queryAll,
  queryIndex,
  type TransactItem,
  versionedPut,
  writeWithAudit,
} from './audited-write.js';
import type { Db } from './client.js';
import { cancellationCodes, dynamo, mapDynamoError } from './errors.js';
import { keys } from './keys.js';

/** Concurrent submits race for the counter; the loser reads it again. Bounded so a fault cannot spin. */
const MAX_REFERENCE_ATTEMPTS = 25;

function applicationItem(application: Application): Record<string, unknown> {
  return {
    ...keys.application(application.id),
    ...keys.applicationByOwner(application.ownerId, application.createdAt, application.id),
    ...keys.applicationByCall(application.callId, application.createdAt, application.id),
    entity: 'application',
    ...application,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createApplicationRepository(db: Db): ApplicationRepository {
  return {
    get: (id) => getItem<Application>(db, keys.application(id)),
    listByOwner: (ownerId) =>
      queryAll<Application>(db, queryIndex('gsi1', 'gsi1pk', keys.applicationsOfOwner(ownerId), true)),
    listByCall: (callId) =>
      queryAll<Application>(db, queryIndex('gsi2', 'gsi2pk', keys.applicationsOfCall(callId))),
    async save(application, audit, expectedVersion) {
      await writeWithAudit(db, {
        items: [versionedPut(db, applicationItem(application), expectedVersion)],
        entityPk: keys.application(application.id).pk,
        audit,
      });
    },

    async submit(year, expectedVersion, build) {
      const counterKey = keys.referenceCounter(year);
      for (let attempt = 1; attempt <= MAX_REFERENCE_ATTEMPTS; attempt++) {
        const counter = await dynamo(() =>
          db.doc.send(new GetCommand({ TableName: db.tableName, Key: counterKey, ConsistentRead: true })),
        );
        const last = (counter.Item?.sequence as number | undefined) ?? 0;
        const reference = formatReference(year, last + 1);
        const { application, audit, outbox } = build(reference);
        const counterWrite: TransactItem = {
          Put: {
            TableName: db.tableName,
            Item: { ...counterKey, entity: 'counter', sequence: last + 1 },
            ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : '#sequence = :last',
            ...(last === 0
              ? {}
              : {
                  ExpressionAttributeNames: { '#sequence': 'sequence' },
                  ExpressionAttributeValues: { ':last': last },
                }),
          },
        };
        const items: TransactItem[] = [
          counterWrite,
          versionedPut(db, applicationItem(application), expectedVersion),
          {
            Put: {
              TableName: db.tableName,
              Item: { ...keys.reference(reference), entity: 'reference', applicationId: application.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditPut(db, keys.application(application.id).pk, audit),
          outboxPut(db, outbox),
        ];
        try {
          await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
          return application;
        } catch (error) {
          const codes = cancellationCodes(error);
          const name = (error as { name?: string }).name;
          if (codes[1] === 'ConditionalCheckFailed') throw versionConflict();
          const lostRace =
            (name === 'TransactionCanceledException' &&
              (codes[0] === 'ConditionalCheckFailed' || codes.includes('TransactionConflict'))) ||
            name === 'TransactionConflictException';
          if (!lostRace) throw mapDynamoError(error);
          await pause(Math.random() * 20 * attempt);
        }
      }
      throw new AppError(
        'UNAVAILABLE',
        'For mange samtidige indsendelser; prøv igen / Too many submissions at once; try again',
      );
    },
  };
}
