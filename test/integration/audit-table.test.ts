import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { actorPage } from '../../functions/db/audit.repository.js';
import { createDb, type Db } from '../../functions/db/client.js';
import { auditTableNameOf } from '../../functions/db/table-definition.js';
import { transact } from '../../functions/db/transact.js';
import { type RunningDynamoDb, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { auditTableShape, ensureTable } from '../../functions/local/table.js';
import { ACTORS } from '../support/services.js';

/*
 * The audit table's index by actor on one machine (functions/local/table.ts): a new audit table has it, and one
 * kept on disk from before it (`npm start` with `-dbPath`) gets it at the next start, so "Mine data" reads it.
 */

const freshDb = (endpoint = inject('dynamoEndpoint')): Db =>
  createDb({ tableName: `t-${crypto.randomUUID()}`, endpoint, requestTimeoutMs: 10_000 });

/*
 * Adding the index to a kept table is what `npm start` does against its own DynamoDB Local, holding one app's
 * tables: so here too. (In the suite's shared DynamoDB Local, which holds every test file's tables, the new
 * index's backfill was seen to stay CREATING for over a minute under load.)
 */
let own: RunningDynamoDb | undefined;
beforeAll(async () => {
  own = await startDynamoDbLocal({});
}, 120_000);
afterAll(async () => {
  await own?.stop();
});

/** The audit table's indexes and their states, as DynamoDB Local describes them. */
async function indexesOf(db: Db): Promise<{ name?: string; status?: string }[]> {
  const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.auditTableName }));
  return (Table?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, status: i.IndexStatus }));
}

/** Waits, on a condition, until the index answers as active (a loaded machine's DynamoDB Local takes seconds). */
async function activeIndex(db: Db): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await indexesOf(db)).some((x) => x.name === 'byActor' && x.status === 'ACTIVE')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('byActor did not become active within 60 s');
}

describe('the audit table on one machine', () => {
  it('is created with its index by actor', async () => {
    const db = freshDb();
    await ensureTable(db.client, db.tableName);
    expect((await indexesOf(db)).map((i) => i.name)).toEqual(['byActor']);
  });

  it('gets the index when it was kept from before it, and the events written since are read by actor', async () => {
    const db = freshDb(own?.endpoint);
    const { GlobalSecondaryIndexes: _, ...old } = auditTableShape();
    await db.client.send(
      new CreateTableCommand({
        TableName: auditTableNameOf(db.tableName),
        BillingMode: 'PAY_PER_REQUEST',
        ...old,
        AttributeDefinitions: old.AttributeDefinitions.filter((a) => a.AttributeName !== 'actorPk'),
      }),
    );
    expect(await indexesOf(db)).toEqual([]);
    await ensureTable(db.client, db.tableName);
    await activeIndex(db);
    // A second start finds it there and changes nothing.
    await ensureTable(db.client, db.tableName);
    expect((await indexesOf(db)).map((i) => i.name)).toEqual(['byActor']);

    const event = auditEvent(ACTORS.admin, new Date('2027-03-01T09:00:00Z'), 'call.created', {
      type: 'call',
      id: 'c-1',
    });
    await transact(db, { items: {}, audit: { entityPk: 'CALL#c-1', event } });
    expect((await actorPage(db, ACTORS.admin.userId, { limit: 10 })).events).toEqual([event]);
  }, 120_000);
});
