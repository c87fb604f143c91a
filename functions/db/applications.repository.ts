import type { Application } from '../core/applications/application.schema.js';
import { APPLICATION_STATUSES } from '../core/applications/application.values.js';
import { formatReference } from '../core/applications/submission.rules.js';
import type { ApplicationListFilter, ApplicationRepository } from '../core/ports.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { failedConditions } from './errors.js';
import { applicationItem } from './items.js';
import * as keys from './keys.js';
import { organisationFlagItem } from './organisations.repository.js';
import { type MergedPageQuery, mergedPage } from './paging.js';
import { batchGet, getItem, queryAll, queryIndex } from './reads.js';
import { rebuildWhileRaced } from './retry.js';
import { saveVersioned, transact, versionedPut } from './transact.js';

/** Concurrent submits race for the counter; the loser reads it again. Bounded so a fault cannot spin. */
export const REFERENCE_ATTEMPTS = 25;

/** The counter moved under us (another submit took the number read) while our application was not stale. */
const lostReferenceRace = (error: unknown): boolean => {
  const failed = failedConditions(error);
  return failed.includes('counter') && !failed.includes('application');
};

/** Every status but draft: the partitions of the submitted view across calls. */
const SUBMITTED_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft');

/**
 * Where the secretariat's list reads, and what it filters there: a call's drafts or its submitted ones (gsi2),
 * else one status's partition across calls (gsi3), or every status but draft's, merged.
 */
function listQuery(filter: ApplicationListFilter): Omit<MergedPageQuery, 'limit' | 'cursor'> {
  const conditions: [string, string, unknown][] = [];
  if (filter.callId && filter.status && filter.status !== 'draft')
    conditions.push(['#status = :status', 'status', filter.status]);
  if (filter.focusArea) conditions.push(['#focusArea = :focusArea', 'focusArea', filter.focusArea]);
  if (filter.grantTypeId) conditions.push(['#grantTypeId = :grantTypeId', 'grantTypeId', filter.grantTypeId]);
  if (filter.sector)
    conditions.push(['contains(#partnerSectors, :partnerSectors)', 'partnerSectors', filter.sector]);
  if (filter.text) conditions.push(['contains(#searchText, :searchText)', 'searchText', filter.text]);
  const where =
    conditions.length === 0
      ? {}
      : {
          filter: {
            expression: conditions.map(([expression]) => expression).join(' AND '),
            names: Object.fromEntries(conditions.map(([, name]) => [`#${name}`, name])),
            values: Object.fromEntries(conditions.map(([, name, value]) => [`:${name}`, value])),
          },
        };
  const keyOf = keys.application;
  if (filter.callId)
    return {
      index: 'gsi2',
      partitions: [
        filter.status === 'draft' ? keys.draftsOfCall(filter.callId) : keys.applicationsOfCall(filter.callId),
      ],
      keyOf,
      ...where,
    };
  return {
    index: 'gsi3',
    partitions: (filter.status ? [filter.status] : SUBMITTED_STATUSES).map(keys.applicationsWithStatus),
    keyOf,
    ...where,
  };
}

export function createApplicationRepository(db: Db): ApplicationRepository {
  return {
    get: (id) => getItem<Application>(db, keys.application(id)),
    getMany: (ids) =>
      batchGet<Application>(
        db,
        [...new Set(ids)].map((id) => keys.application(id)),
        false,
      ),
    listByOwner: (ownerId) =>
      queryAll<Application>(db, queryIndex('gsi1', 'gsi1pk', keys.applicationsOfOwner(ownerId), true)),
    listByCall: (callId) =>
      queryAll<Application>(db, queryIndex('gsi2', 'gsi2pk', keys.applicationsOfCall(callId))),
    listDraftsByCall: (callId) =>
      queryAll<Application>(db, queryIndex('gsi2', 'gsi2pk', keys.draftsOfCall(callId))),
    listPage: (filter, page) => mergedPage<Application>(db, { ...listQuery(filter), ...page }),
    save: (application, audit, expectedVersion, outbox) =>
      saveVersioned(
        db,
        'application',
        applicationItem(application),
        expectedVersion,
        { entityPk: keys.application(application.id).pk, event: audit },
        outbox,
      ),

    submit: (year, expectedVersion, build) =>
      rebuildWhileRaced({
        attempts: REFERENCE_ATTEMPTS,
        lostRace: lostReferenceRace,
        exhausted: () => new AppError('UNAVAILABLE', { code: 'TOO_MANY_SUBMISSIONS' }),
        run: async () => {
          const counterKey = keys.referenceCounter(year);
          const counter = await getItem<{ sequence?: number }>(db, counterKey, true);
          const last = counter?.sequence ?? 0;
          const reference = formatReference(year, last + 1);
          const { application, audit, outbox, flags = [] } = build(reference);
          await transact(db, {
            items: {
              // Moves from the value read to the next, so two submits can never take the same number.
              counter: {
                Put: {
                  TableName: db.tableName,
                  Item: { ...counterKey, entity: 'counter', sequence: last + 1 },
                  ...(last === 0
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : {
                        ConditionExpression: '#sequence = :last',
                        ExpressionAttributeNames: { '#sequence': 'sequence' },
                        ExpressionAttributeValues: { ':last': last },
                      }),
                },
              },
              application: versionedPut(db, applicationItem(application), expectedVersion),
              reference: versionedPut(db, {
                ...keys.reference(reference),
                entity: 'reference',
                applicationId: application.id,
              }),
              ...Object.fromEntries(
                flags.map((flag, i) => [
                  `flag${i}`,
                  { Put: { TableName: db.tableName, Item: organisationFlagItem(flag) } },
                ]),
              ),
            },
            audit: { entityPk: keys.application(application.id).pk, event: audit },
            outbox: [outbox],
          });
          return application;
        },
      }),
  };
}
