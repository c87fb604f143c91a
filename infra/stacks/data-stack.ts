import { type CfnElement, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type Alarm, MathExpression, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { AUDIT_TABLE_KEYS, TABLE_KEYS } from '../../functions/db/table-definition.js';
import { ALARM_PERIOD, alarmToTopic, deadLetterAlarm, functionAlarms } from '../constructs/alarm.js';
import { AppFunction } from '../constructs/app-function.js';
import { deadLetterQueue } from '../constructs/dead-letter-queue.js';

export const AUDIT_ARCHIVE_ENTRY = 'functions/handlers/audit-archive.handler.ts';

/** What Lambda needs to read a table's stream (as the mail sender's, on the stream only). */
const AUDIT_STREAM_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

/** Years each audit event's copy is locked in the archive, unless `-c auditRetentionYears=N` says otherwise. */
export const DEFAULT_AUDIT_RETENTION_YEARS = 10;

export interface DataStackProps extends StackProps {
  /** Where the throttling alarm goes (FimAlarms). */
  readonly alarmTopic: ITopic;
  /** Years the archive locks each audit event's copy (compliance mode). @default 10 */
  readonly auditRetentionYears?: number;
}

/**
 * The platform's data: one DynamoDB table (single-table design, docs/data-model.md).
 * Its keys and indexes come from functions/db/table-definition.ts, the same definition the local
 * DynamoDB set-up and the repositories use, so the deployed table cannot drift from the code.
 */
export class DataStack extends Stack {
  readonly table: Table;
  /** Every audit event: the functions may add and read, never change or delete (AppFunction.bindAuditTable). */
  readonly auditTable: Table;
  /** A copy of every audit event, under Object Lock in compliance mode. */
  readonly auditArchive: Bucket;
  readonly auditArchiver: AppFunction;
  readonly throttleAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      // A few hundred users and ~100 applications a year: on-demand costs cents and never throttles.
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Grant applications and decisions are public administration records: never deleted with the stack.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Old and new images, for an audit/export consumer to be added without a table change.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      // Sessions and kept forms carry their end here (epoch seconds); DynamoDB deletes them lazily, the app
      // checks the time on read (functions/core/auth/session.service.ts).
      timeToLiveAttribute: TABLE_KEYS.timeToLive,
    });

    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // ---- The case record: its own table, and a locked copy of every event ---------------------------------
    this.auditTable = new Table(this, 'AuditTable', {
      partitionKey: { name: AUDIT_TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: AUDIT_TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Both images: a change or removal of a stored event (none of the functions may make one) reaches the
      // archive with what it was.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    });
    // Every event a person caused, whatever case it sits under ("Mine data"): written with each event.
    for (const index of AUDIT_TABLE_KEYS.indexes) {
      this.auditTable.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    const years = props.auditRetentionYears ?? DEFAULT_AUDIT_RETENTION_YEARS;
    this.auditArchive = new Bucket(this, 'AuditArchive', {
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(365 * years)),
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.auditArchive).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The archive is written by one role (the archiver) and read only for an investigation; its objects are ' +
        'locked in compliance mode. Access logs would be a second bucket of personal data (IP addresses) to keep.',
    });
    const dlq = deadLetterQueue(this, 'AuditArchiveDlq', 'of the audit archiver’s stream records');
    this.auditArchiver = new AppFunction(this, 'AuditArchiver', {
      entry: AUDIT_ARCHIVE_ENTRY,
      description: 'FIM: copies every audit event into the Object Lock bucket',
      timeout: Duration.seconds(30),
      environment: { AUDIT_ARCHIVE_BUCKET: this.auditArchive.bucketName },
    });
    // Adds objects only: no read, no delete, no retention change.
    this.auditArchiver.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject'],
        resources: [this.auditArchive.arnForObjects('*')],
      }),
    );
    Validations.of(this.auditArchiver.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.auditArchive.node.defaultChild as CfnElement)}.Arn>/*]`,
      reason:
        'The archiver adds one object per audit event, each under its own key: PutObject on the archive’s objects.',
    });
    const auditStream = this.auditTable.tableStreamArn;
    if (!auditStream) throw new Error('The audit table has no stream');
    this.auditArchiver.function.addEventSourceMapping('AuditStream', {
      eventSourceArn: auditStream,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      retryAttempts: 10,
      bisectBatchOnError: true,
      onFailure: new SqsDlq(dlq),
    });
    this.auditArchiver.role.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: AUDIT_STREAM_ACTIONS, resources: [auditStream] }),
    );
    functionAlarms(this, this.auditArchiver, props.alarmTopic, 'Copying audit events to the archive');
    deadLetterAlarm(
      this,
      'AuditArchiveDlqAlarm',
      props.alarmTopic,
      dlq,
      'FIM audit archive: stream records the archiver could not copy were parked in the dead-letter queue ' +
        '(docs/cases.md). The events are safe in the audit table; copy them again from there.',
    );

    // On demand it should never throttle, yet it can (a hot partition, a sudden jump past twice the previous
    // peak, an account limit): every read and write refused, on the table or either index, in one expression.
    const throttled = (metricName: string, index?: string) =>
      this.table.metric(metricName, {
        period: ALARM_PERIOD,
        statistic: Stats.SUM,
        ...(index
          ? { dimensionsMap: { TableName: this.table.tableName, GlobalSecondaryIndexName: index } }
          : {}),
      });
    const parts = [undefined, ...TABLE_KEYS.indexes.map((index) => index.indexName)].flatMap((index) => [
      throttled('ReadThrottleEvents', index),
      throttled('WriteThrottleEvents', index),
    ]);
    this.throttleAlarm = alarmToTopic(this, 'ThrottleAlarm', props.alarmTopic, {
      metric: new MathExpression({
        label: 'Throttled reads and writes (table and indexes)',
        // SUM([...]) adds what is there at each time (a plain m0 + m1 would be empty where one has no data).
        expression: `SUM([${parts.map((_, i) => `m${i}`).join(', ')}])`,
        usingMetrics: Object.fromEntries(parts.map((metric, i) => [`m${i}`, metric])),
        period: ALARM_PERIOD,
      }),
      description:
        'FIM table: DynamoDB throttled reads or writes on the table or an index (docs/infra.md, "Alarms": ' +
        'DynamoDB throttling). The SDK retries them; what still failed reached people as errors.',
    });
  }
}
