import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DbConfig {
  tableName: string;
  /** DynamoDB Local's URL; unset in AWS. */
  endpoint?: string;
  region?: string;
}

export interface Db {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** One client per cold start (or per local process). */
export function createDb(config: DbConfig): Db {
  const client = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'eu-north-1',
    // One retry policy (retry.ts) decides what is tried again; the SDK's own would multiply its attempts.
    maxAttempts: 1,
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep the local run off the credential chain.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc, tableName: config.tableName };
}
