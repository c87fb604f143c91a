import { dirname, resolve } from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DELETABLE_PARTITIONS } from '../../functions/db/delete-grants.js';
import { AUDIT_TABLE_KEYS, TABLE_KEYS } from '../../functions/db/table-definition.js';
import { LocalEsbuild } from './bundle.js';

/**
 * The actions each access level needs on the table itself.
 *
 * `TransactWriteItems` has no IAM action of its own: each item in a transaction is authorised as the
 * matching PutItem / UpdateItem / DeleteItem / ConditionCheckItem, and `TransactGetItems` as GetItem,
 * so the read-write set below covers the repositories' audited transactional writes.
 * No Scan: every read on a request path is a GetItem or a Query (functions/db/table-definition.ts).
 * No DeleteItem: records are never deleted; the deletes the code makes (an assignment taken back, sessions and
 * kept forms ending) are granted apart, on their keys only (DELETABLE_PARTITIONS).
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/**
 * The audit table: add and read, nothing else. PutItem adds an event (every put carries the condition
 * `attribute_not_exists(pk)`, transact.ts `auditPut`; IAM cannot require a condition, so the archive's stream
 * copy is what records an overwrite), ConditionCheckItem lets a transaction that holds one go through, GetItem
 * and Query read a case's record. No UpdateItem, no DeleteItem, no BatchWriteItem.
 */
export const AUDIT_TABLE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
] as const;

/** Secondary indexes only answer Query (GetItem and the writes are table-only operations). */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

export type TableAccess = keyof typeof TABLE_ACTIONS;

/**
 * The environment every function starts with (a function's own variables are merged over it). No
 * `NODE_OPTIONS=--enable-source-maps`: Node would read and parse the source map on every cold start (more CPU
 * and memory, test/bench/cold-start.bench.ts). The map is still built and uploaded beside the bundle, for
 * decoding a logged stack afterwards (docs/infra.md).
 */
export const FUNCTION_ENVIRONMENT: Readonly<Record<string, string>> = {
  POWERTOOLS_SERVICE_NAME: 'fim',
  POWERTOOLS_LOG_LEVEL: 'INFO',
};

export interface AppFunctionProps {
  /** Path of the TypeScript entry file, relative to the project root or absolute. */
  readonly entry: string;
  /** Exported handler name. @default 'handler' */
  readonly handler?: string;
  readonly description?: string;
  /** Extra environment variables (merged over the project defaults). */
  readonly environment?: Record<string, string>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** Reserved concurrency: at most this many at once, and always this many available. @default none */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A Lambda function with the project's defaults: Node.js 24 on ARM, an ESM bundle built by the local esbuild
 * (never Docker), source maps, X-Ray tracing, JSON logs into a log group this construct owns, and an
 * execution role that holds only what is granted to it explicitly (no AWS managed policies).
 */
export class AppFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    // Application logs are part of the record of how grant applications were handled (who did what, when,
    // and what failed). Public administration keeps such records for at least a year, so one year; the
    // group is retained when the stack goes, like the table it describes.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the default one with the AWSLambdaBasicExecutionRole managed policy
    // (which may write to every log group in the account): this role may write to its own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const entry = resolve(props.entry);
    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(dirname(entry), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: new LocalEsbuild(entry),
          // Never used: the local esbuild always bundles (a failure stops the synth with esbuild's message).
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
        },
      }),
      handler: `index.${props.handler ?? 'handler'}`,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: { ...FUNCTION_ENVIRONMENT, ...props.environment },
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only X-Ray (Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords): these actions ' +
        'support no resource-level permissions. Table and log permissions name their resources.',
    });
  }

  /**
   * Grants this function least-privilege access to `table` and sets TABLE_NAME.
   *
   * 'readWrite' covers GetItem/BatchGetItem/Query plus the item writes a TransactWriteItems is authorised
   * through (PutItem, UpdateItem, ConditionCheckItem; deletes only by allowDeletes()); 'read' only GetItem/BatchGetItem/Query.
   * On the secondary indexes only Query, on each index by name (no wildcard).
   */
  bindTable(
    table: ITable,
    access: TableAccess,
    indexNames: readonly string[] = TABLE_KEYS.indexes.map((index) => index.indexName),
  ): void {
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...TABLE_ACTIONS[access]],
        resources: [table.tableArn],
      }),
    );
    if (indexNames.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...INDEX_ACTIONS],
          resources: indexNames.map((indexName) => `${table.tableArn}/index/${indexName}`),
        }),
      );
    }
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }

  /**
   * Grants this function the audit table's add-and-read actions (AUDIT_TABLE_ACTIONS), Query on its index by
   * actor (by name), and sets AUDIT_TABLE_NAME.
   */
  bindAuditTable(auditTable: ITable): void {
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...AUDIT_TABLE_ACTIONS],
        resources: [auditTable.tableArn],
      }),
    );
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...INDEX_ACTIONS],
        resources: AUDIT_TABLE_KEYS.indexes.map((i) => `${auditTable.tableArn}/index/${i.indexName}`),
      }),
    );
    this.function.addEnvironment('AUDIT_TABLE_NAME', auditTable.tableName);
  }

  /**
   * DeleteItem on `table`, in `partitions` only: by default the DELETABLE_PARTITIONS (the API, which takes back
   * assignments and ends sessions); a job gives the fewer it needs. Call after bindTable().
   */
  allowDeletes(table: ITable, partitions: readonly string[] = DELETABLE_PARTITIONS): void {
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:DeleteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } },
      }),
    );
  }
}
