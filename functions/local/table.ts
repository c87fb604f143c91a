import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
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

/** The audit table's keys, as CreateTable and CloudFormation name them (no index). */
export function auditTableShape() {
  return {
    AttributeDefinitions: [AUDIT_TABLE_KEYS.partitionKey, AUDIT_TABLE_KEYS.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: AUDIT_TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: AUDIT_TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
  };
}

/**
 * Creates the single table with the same keys and indexes as the CDK stack, and its audit table beside it
 * (`<tableName>-audit`), unless they exist. Answers for the single table.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  const made = await patiently(() => createUnlessThere(client, tableName, tableShape()));
  await patiently(() => createUnlessThere(client, auditTableNameOf(tableName), auditTableShape()));
  return made;
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
