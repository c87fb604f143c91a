import { fileURLToPath } from 'node:url';
import {
  Aws,
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { deadLetterAlarm, functionAlarms } from '../constructs/alarm.js';
import { AppFunction } from '../constructs/app-function.js';
import { deadLetterQueue } from '../constructs/dead-letter-queue.js';

export const SCAN_RESULT_ENTRY = fileURLToPath(
  new URL('../../functions/handlers/scan-result.handler.ts', import.meta.url),
);

/** Where every document's bytes are kept in the bucket (functions/core/documents `objectKeyOf`). */
export const DOCUMENTS_PREFIX = 'documents/';

/** Where the exports' ZIPs are kept (functions/core/exports `exportObjectKey`), and for how long. */
export const EXPORTS_PREFIX = 'exports/';
export const EXPORTS_EXPIRE_AFTER = Duration.days(7);

/**
 * The documents bucket's name, the same in every stack that needs it (FimApi signs uploads for it, FimDocuments
 * makes it): derived from the account and region, so FimApi needs no reference to FimDocuments, which needs
 * FimApi's address for its CORS.
 */
export const documentsBucketName = (stack: Stack): string => `fim-documents-${stack.account}-${stack.region}`;

/** The documents' object ARN pattern (the prefix only). */
export const documentsObjectArn = (stack: Stack): string =>
  `arn:${Aws.PARTITION}:s3:::${documentsBucketName(stack)}/${DOCUMENTS_PREFIX}*`;

/** The exports' object ARN pattern (the prefix only). */
export const exportsObjectArn = (stack: Stack): string =>
  `arn:${Aws.PARTITION}:s3:::${documentsBucketName(stack)}/${EXPORTS_PREFIX}*`;

/** What GuardDuty's scan result event looks like to the rule (detail-type and source). */
export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';

export interface DocumentsStackProps extends StackProps {
  readonly table: ITable;
  /** The site's address (CloudFront): the only origin the bucket's CORS allows. */
  readonly siteUrl: string;
  readonly alarmTopic: ITopic;
  /** @default functions/handlers/scan-result.handler.ts */
  readonly scanResultEntry?: string;
}

/**
 * The applications' documents: a private bucket (no public access, S3-managed encryption, TLS only, versioned,
 * incomplete uploads and old versions expired, CORS for the site only, access logs to a log bucket), GuardDuty
 * Malware Protection for S3 scanning each new object and tagging it, and the function that records each verdict
 * (an EventBridge rule on the scan result event): clean, or infected (quarantined, its uploader told).
 */
export class DocumentsStack extends Stack {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly malwarePlan: CfnMalwareProtectionPlan;
  readonly malwareRole: Role;
  readonly scanResultFunction: AppFunction;
  readonly scanResultRule: Rule;

  constructor(scope: Construct, id: string, props: DocumentsStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The access log bucket itself: logging its own access would log without end.',
    });

    this.bucket = new Bucket(this, 'Documents', {
      bucketName: documentsBucketName(this),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        // An upload begun and never finished leaves parts that cost and show nowhere.
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // A replaced or deleted document is kept 30 days (undo, investigation), then gone.
        { noncurrentVersionExpiration: Duration.days(30) },
        // An export (aktindsigt, "Mine data") is a copy made to hand out: gone after a week, versions a day after.
        {
          id: 'ExpireExports',
          prefix: EXPORTS_PREFIX,
          expiration: EXPORTS_EXPIRE_AFTER,
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      cors: [
        {
          allowedOrigins: [props.siteUrl],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      // Case records: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A file found infected is read by nobody: GuardDuty's tag, or ours (functions/files `quarantine`).
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyReadingInfected',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND' },
        },
      }),
    );

    // ---- GuardDuty Malware Protection for S3 -------------------------------------------------------------
    this.malwareRole = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for S3: reads and tags new objects in the documents bucket',
    });
    const ruleArn = `arn:${Aws.PARTITION}:events:${this.region}:${this.account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowManagedRuleToSendS3EventsToGuardDuty',
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [ruleArn],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowGuardDutyToMonitorEventBridgeManagedRule',
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [ruleArn],
      }),
    );
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowPostScanTag',
        actions: [
          's3:PutObjectTagging',
          's3:GetObjectTagging',
          's3:PutObjectVersionTagging',
          's3:GetObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowEnableS3EventBridgeEvents',
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowPutValidationObject',
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowCheckBucketOwnership',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.malwareRole.addToPolicy(
      new PolicyStatement({
        sid: 'AllowMalwareScan',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    const bucketArn = `<${this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    Validations.of(this.malwareRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArn}/*]`,
      reason:
        'GuardDuty scans and tags every new object of the documents bucket, whatever its key: the actions are the ' +
        'ones AWS documents for a Malware Protection plan role, on this bucket only.',
    });
    Validations.of(this.malwareRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:${this.region}:${this.account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]`,
      reason: 'GuardDuty names the managed rule it creates with this prefix and a suffix of its own.',
    });

    this.malwarePlan = new CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: this.malwareRole.roleArn,
      protectedResource: {
        s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [DOCUMENTS_PREFIX] },
      },
      // GuardDutyMalwareScanStatus on each object: the bucket policy above denies reading THREATS_FOUND.
      actions: { tagging: { status: 'ENABLED' } },
    });
    this.malwarePlan.node.addDependency(this.malwareRole);

    // ---- The verdicts -------------------------------------------------------------------------------------
    const dlq = deadLetterQueue(this, 'ScanResultDlq', 'of the scan results (EventBridge and the function)');
    this.scanResultFunction = new AppFunction(this, 'ScanResultFunction', {
      entry: props.scanResultEntry ?? SCAN_RESULT_ENTRY,
      description: 'FIM: records GuardDuty’s malware scan verdict on an uploaded document',
      environment: { DOCUMENTS_BUCKET: this.bucket.bucketName },
      timeout: Duration.seconds(30),
    });
    this.scanResultFunction.bindTable(props.table, 'readWrite');
    this.scanResultFunction.role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObjectTagging'],
        resources: [this.bucket.arnForObjects(`${DOCUMENTS_PREFIX}*`)],
      }),
    );
    Validations.of(this.scanResultFunction.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArn}/documents/*]`,
      reason: 'Tags any document found infected: the documents prefix only, one action.',
    });
    this.scanResultRule = new Rule(this, 'ScanResultRule', {
      description: 'FIM: GuardDuty Malware Protection verdicts on the documents bucket',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: [SCAN_RESULT_DETAIL_TYPE],
        detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } },
      },
      targets: [
        new LambdaFunction(this.scanResultFunction.function, {
          deadLetterQueue: dlq,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
    functionAlarms(this, this.scanResultFunction, props.alarmTopic, 'Recording a malware scan verdict');
    deadLetterAlarm(
      this,
      'ScanResultDlqAlarm',
      props.alarmTopic,
      dlq,
      'FIM scan results: a verdict could not be recorded and was parked in the dead-letter queue ' +
        '(docs/documents.md). The document stays "scanning" and unreadable to others until it is.',
    );

    new CfnOutput(this, 'DocumentsBucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ScanResultDlqUrl', { value: dlq.queueUrl });
  }
}
