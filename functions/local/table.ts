import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { AUDIT_TABLE_KEYS, auditTableNameOf, TABLE_KEYS } from '../db/table-definition.js';

/** The keys, attributes and indexes of the single table, as DynamoDB's CreateTable and CloudFormation name them. */
export function tableShape() {
  const attributes = [
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

/** The audit table's keys and its index by actor, as CreateTable and CloudFormation name them. */
export function auditTableShape() {
  const attributes = [
    AUDIT_TABLE_KEYS.partitionKey,
    AUDIT_TABLE_KEYS.sortKey,
    ...AUDIT_TABLE_KEYS.indexes.map((i) => i.partitionKey),
  ];
  return {
    AttributeDefinitions: [...new Set(attributes)].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: AUDIT_TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: AUDIT_TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: AUDIT_TABLE_KEYS.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

/**
 * Creates the single table with the same keys and indexes as the CDK stack, and its audit table beside it
 * (`<tableName>-audit`), unless they exist; an audit table kept on disk from before its index gets the index.
 * Answers for the single table.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  const made = await patiently(() => createUnlessThere(client, tableName, tableShape()));
  const audit = auditTableNameOf(tableName);
  if ((await patiently(() => createUnlessThere(client, audit, auditTableShape()))) === 'exists')
    await patiently(() => addMissingIndexes(client, audit, auditTableShape()));
  return made;
}

/** Adds the indexes `shape` names that the stored table lacks (one UpdateTable each, as DynamoDB allows). */
async function addMissingIndexes(
  client: DynamoDBClient,
  tableName: string,
  shape: ReturnType<typeof auditTableShape>,
): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of shape.GlobalSecondaryIndexes.filter((i) => !present.has(i.IndexName))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: shape.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}

/**
 * A set-up step asked again when DynamoDB Local did not answer within the client's timeout (a JVM still warming
 * up on a busy machine): describing first, a table whose creation timed out but went through is found, not
 * made twice.
 */
async function patiently<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if ((error as { name?: string }).name !== 'TimeoutError' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function createUnlessThere(
  client: DynamoDBClient,
  tableName: string,
  shape: ReturnType<typeof tableShape> | ReturnType<typeof auditTableShape>,
): Promise<'created' | 'exists'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'exists';
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        ...shape,
      }),
    );
    // As in AWS (infra data stack): sessions and kept forms carry their expiry in the TTL attribute.
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLive, Enabled: true },
      }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'exists';
    throw error;
  }
}
