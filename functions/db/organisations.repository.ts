import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../core/audit/audit.js';
import type { Organisation, OrganisationFlag } from '../core/organisations/organisation.schema.js';
import { flagSource } from '../core/organisations/organisation.values.js';
import { normaliseOrganisation } from '../core/organisations/tree.js';
import type { ConflictRulingRepository, OrganisationRepository } from '../core/ports.js';
import type { FoundConflictRuling } from '../core/reviews/review.schema.js';
import { caseRecord } from './audit.repository.js';
import type { Db } from './client.js';
import { dynamo } from './errors.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { invalidCursor } from './paging.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { overwrite, saveVersioned, transact } from './transact.js';

const organisationItem = (o: Organisation) => ({
  ...keys.organisation(o.id),
  ...keys.organisationByName(normaliseOrganisation(o.name), o.id),
  entity: 'organisation',
  ...o,
});

/** A flagged name as stored, with its keys. */
export const organisationFlagItem = (flag: OrganisationFlag) => ({
  ...keys.organisationFlag(flag.key, flagSource(flag)),
  entity: 'organisationFlag',
  ...flag,
});

const audited = (o: Organisation, event: AuditEvent) => ({ entityPk: keys.organisation(o.id).pk, event });

/** Seeding: stores an organisation of the registry as given, with its audit event. */
export async function putOrganisation(db: Db, organisation: Organisation, audit: AuditEvent): Promise<void> {
  await overwrite(db, 'organisation', organisationItem(organisation), audited(organisation, audit));
}

/** A page's cursor: the last name sort key read (`<normalised name>#<id>`). @throws AppError VALIDATION_FAILED */
function decodeNameCursor(cursor: string): { sortKey: string; id: string } {
  const sortKey = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = /#([\w-]{1,64})$/.exec(sortKey)?.[1];
  if (!id || sortKey.length > 300) throw invalidCursor();
  return { sortKey, id };
}

export function createOrganisationRepository(db: Db): OrganisationRepository {
  return {
    list: () => queryAll<Organisation>(db, queryIndex('gsi1', 'gsi1pk', keys.organisationsPk)),
    async search(prefix, limit) {
      const out = await dynamo(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
            ExpressionAttributeValues: {
              ':pk': keys.organisationsPk,
              ':prefix': normaliseOrganisation(prefix),
            },
            Limit: limit,
          }),
        ),
      );
      return (out.Items ?? []).map((item) => stripKeys<Organisation>(item));
    },
    async page(prefix, { limit, cursor }) {
      const after = cursor === undefined ? undefined : decodeNameCursor(cursor);
      const start = normaliseOrganisation(prefix);
      const out = await dynamo(() =>
        db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi1',
            // DynamoDB refuses an empty prefix: without one, the whole partition by name.
            KeyConditionExpression: start ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
            ExpressionAttributeValues: {
              ':pk': keys.organisationsPk,
              ...(start ? { ':prefix': start } : {}),
            },
            Limit: limit,
            ...(after
              ? {
                  ExclusiveStartKey: {
                    ...keys.organisation(after.id),
                    gsi1pk: keys.organisationsPk,
                    gsi1sk: after.sortKey,
                  },
                }
              : {}),
          }),
        ),
      );
      const items = (out.Items ?? []).map((item) => stripKeys<Organisation>(item));
      const last = out.LastEvaluatedKey?.gsi1sk;
      return {
        items,
        ...(typeof last === 'string' ? { cursor: Buffer.from(last, 'utf8').toString('base64url') } : {}),
      };
    },
    get: (id) => getItem<Organisation>(db, keys.organisation(id), true),
    save: (organisation, audit, expectedVersion) =>
      saveVersioned(
        db,
        'organisation',
        organisationItem(organisation),
        expectedVersion,
        audited(organisation, audit),
      ),
    history: (id) => caseRecord(db, keys.organisation(id).pk),
    listFlags: () => queryAll<OrganisationFlag>(db, queryIndex('gsi1', 'gsi1pk', keys.organisationFlagsPk)),
    flagsOf: (key) =>
      queryAll<OrganisationFlag>(db, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.organisationFlagsOf(key) },
        ConsistentRead: true,
      }),
    clearFlag: (flag, audit) => {
      const { pk, sk } = keys.organisationFlag(flag.key, flagSource(flag));
      return transact(db, {
        items: { flag: { Delete: { TableName: db.tableName, Key: { pk, sk } } } },
        // Under the case it came from: the application, or the person.
        audit: {
          entityPk:
            flag.applicationId !== undefined
              ? keys.application(flag.applicationId).pk
              : keys.user(flag.userId ?? '').pk,
          event: audit,
        },
      });
    },
  };
}

/** The chair's rulings on found conflicts: one Query of their index partition, read with the tree. */
export function createConflictRulingRepository(db: Db): ConflictRulingRepository {
  return {
    list: () => queryAll<FoundConflictRuling>(db, queryIndex('gsi1', 'gsi1pk', keys.conflictRulingsPk)),
    create: (ruling, audit) =>
      transact(db, {
        items: {
          ruling: {
            Put: {
              TableName: db.tableName,
              Item: {
                ...keys.conflictRuling(ruling.applicationId, ruling.userId),
                entity: 'conflictRuling',
                ...ruling,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        audit: { entityPk: keys.application(ruling.applicationId).pk, event: audit },
      }),
  };
}
