import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditTableNameOf } from './table-definition.js';

export interface DbConfig {
  tableName: string;
  /** The audit table (table-definition.ts); default: `<tableName>-audit`. */
  auditTableName?: string;
  /** DynamoDB Local's URL; unset in AWS. */
  endpoint?: string;
  region?: string;
  /**
   * Wraps the client before use: the Lambdas' tracer captures it here (functions/app/powertools.ts), so storage
   * needs no Powertools of its own.
   */
  instrument?: (client: DynamoDBClient) => DynamoDBClient;
  /** Told of what the metrics count (transact.ts); unset locally, where nothing is counted. */
  observer?: DbObserver;
  /**
   * A longer request timeout than REQUEST_TIMEOUT_MS: for the tests only (the harness, and `npm start` under
   * test through FIM_DB_REQUEST_TIMEOUT_MS), whose DynamoDB Local shares a loaded machine with the whole suite (a
   * slow answer there is not a stalled DynamoDB). The tests of stalls and outages use the production timeouts.
   */
  requestTimeoutMs?: number;
}

/**
 * What the one transaction sender reports as it goes: the audit actions of each committed transaction (the
 * business metrics are counted from them), each passing fault tried again, each failed condition.
 */
export interface DbObserver {
  committed(actions: readonly string[]): void;
  retried(): void;
  conditionFailed(): void;
}

export interface Db {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** Where every audit event is kept: add and read only (table-definition.ts `AUDIT_TABLE_KEYS`). */
  auditTableName: string;
  observer?: DbObserver;
}

/**
 * How long one request may take: to connect, and in all. DynamoDB answers in milliseconds; one that does not
 * answer within a second is down or stalled, and the retry policy (retry.ts) tries again within its time budget,
 * so a request path answers 503 within about two seconds instead of hanging.
 */
export const CONNECT_TIMEOUT_MS = 500;
export const REQUEST_TIMEOUT_MS = 1_000;

/** One client per cold start (or per local process). */
export function createDb(config: DbConfig): Db {
  const created = new DynamoDBClient({
    region: config.region ?? process.env.AWS_REGION ?? 'eu-north-1',
    // One retry policy (retry.ts) decides what is tried again; the SDK's own would multiply its attempts.
    maxAttempts: 1,
    // Without `throwOnRequestTimeout` the SDK only logs a warning when the request timeout passes and waits on.
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: config.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep the local run off the credential chain.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  // Before the document client is made from it: the two share one middleware stack.
  const client = config.instrument ? config.instrument(created) : created;
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return {
    client,
    doc,
    tableName: config.tableName,
    auditTableName: config.auditTableName ?? auditTableNameOf(config.tableName),
    ...(config.observer ? { observer: config.observer } : {}),
  };
}

/**
 * Whether DynamoDB answers: one GetItem of a key that is never written, sent once (no retries), for readiness.
 * @throws the SDK's error when it does not answer within the client's timeouts
 */
export async function pingDb(db: Db): Promise<void> {
  await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
}
