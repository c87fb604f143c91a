import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import * as keys from '../../functions/db/keys.js';
import { deadLetterAlarm as createDeadLetterAlarm, functionAlarms } from '../constructs/alarm.js';
import { AppFunction } from '../constructs/app-function.js';
import { deadLetterQueue as createDeadLetterQueue } from '../constructs/dead-letter-queue.js';
import { type ScheduledRun, scheduleRun, schedulerRole } from '../constructs/schedule.js';
import {
  DOCUMENTS_PREFIX,
  documentsBucketName,
  documentsObjectArn,
  EXPORTS_PREFIX,
  exportsObjectArn,
} from './documents-stack.js';
import { STREAM_ACTIONS } from './messages-stack.js';

export const CLOSE_CALLS_ENTRY = fileURLToPath(
  new URL('../../functions/handlers/close-calls.handler.ts', import.meta.url),
);
export const REMINDERS_ENTRY = fileURLToPath(
  new URL('../../functions/handlers/reminders.handler.ts', import.meta.url),
);
export const EXPORT_WORKER_ENTRY = fileURLToPath(
  new URL('../../functions/handlers/export-worker.handler.ts', import.meta.url),
);

/** Only inserted export items reach the worker (asked for: queued); every other write to the table is left out. */
export const EXPORT_INSERT_FILTER = {
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: {
    NewImage: { entity: { S: FilterRule.isEqual('export') }, status: { S: FilterRule.isEqual('queued') } },
  },
};

/**
 * How the export worker reads the stream: one export a batch (a ZIP of a case with many documents takes
 * minutes), tried three times within an hour, then parked in its dead-letter queue (the item says failed).
 */
export const EXPORT_STREAM = {
  batchSize: 1,
  retryAttempts: 2,
  maxRecordAge: Duration.hours(1),
} as const;

/**
 * How the closer runs. Every minute, on the minute (no flexible window: a call closes within a minute of its
 * deadline). Failed runs are retried twice within five minutes, then parked in the dead-letter queue: the
 * closer is idempotent and the next minute's run picks up whatever a failed run left, so longer retries
 * would only pile up behind the schedule.
 */
export const CLOSE_CALLS_SCHEDULE = {
  rate: Duration.minutes(1),
  retryAttempts: 2,
  maxEventAge: Duration.minutes(5),
} as const;

export const RETENTION_ENTRY = fileURLToPath(
  new URL('../../functions/handlers/retention.handler.ts', import.meta.url),
);

/**
 * How the retention job runs (docs/cases.md "Retention"): once a day (its rules are by the day). It is
 * idempotent, so a retry does nothing twice; retried twice within an hour, then parked in its dead-letter queue.
 */
export const RETENTION_SCHEDULE = {
  rate: Duration.days(1),
  retryAttempts: 2,
  maxEventAge: Duration.hours(1),
} as const;

/**
 * How the reminders run: once a day (a reminder is due by the day: 7 and 1 days before a deadline, 14 days
 * after a decision, once a report or a review is overdue). Each reminder is queued once by its marker, so a
 * retry queues nothing twice; retried twice within an hour, then parked in its dead-letter queue.
 */
export const REMINDERS_SCHEDULE = {
  rate: Duration.days(1),
  retryAttempts: 2,
  maxEventAge: Duration.hours(1),
} as const;

export interface JobsStackProps extends StackProps {
  readonly table: ITable;
  /** The audit table (FimData): add and read only. */
  readonly auditTable: ITable;
  /** @default functions/handlers/close-calls.handler.ts */
  readonly closeCallsEntry?: string;
  /** @default functions/handlers/reminders.handler.ts */
  readonly remindersEntry?: string;
  /** @default functions/handlers/retention.handler.ts */
  readonly retentionEntry?: string;
  /** Where the jobs' alarms go (FimAlarms). */
  readonly alarmTopic: ITopic;
  /** The site's address: the links of the messages an export holds (as the mail sender composes them). */
  readonly siteUrl: string;
  /** @default functions/handlers/export-worker.handler.ts */
  readonly exportWorkerEntry?: string;
}

/** The export worker: its function, the stream mapping's dead-letter queue and alarms. */
export interface ExportWorker {
  readonly fn: AppFunction;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
}

/** One scheduled job: its function, the schedule that runs it, and where its failed runs go, with an alarm. */
export interface ScheduledJob {
  readonly fn: AppFunction;
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly errorsAlarm: Alarm;
  readonly throttlesAlarm: Alarm;
}

/**
 * Scheduled background work, apart from the request-serving FimApi stack: the closer, which closes calls at
 * their deadline and starts their review (functions/handlers/close-calls.handler.ts), and the daily reminders
 * (functions/handlers/reminders.handler.ts). Each job has its own function, dead-letter queue and alarm; the
 * scheduler's role is shared and granted only what each schedule's target needs.
 *
 * EventBridge Scheduler invokes Lambda asynchronously, so failures surface in two places, and both end in the
 * same dead-letter queue:
 *   - the invocation itself fails (permissions, throttling, function missing): the schedule's retry policy,
 *     then the schedule's dead-letter queue;
 *   - the function runs and throws: Lambda's asynchronous retries, then its on-failure destination.
 * An alarm goes off as soon as the queue holds a message.
 */
export class JobsStack extends Stack {
  readonly closeCallsFunction: AppFunction;
  readonly deadLetterQueue: Queue;
  readonly schedulerRole: Role;
  readonly closeCallsSchedule: Schedule;
  readonly deadLetterAlarm: Alarm;
  readonly reminders: ScheduledJob;
  readonly retention: ScheduledJob;
  readonly exports: ExportWorker;
  private readonly table: ITable;
  private readonly auditTable: ITable;
  private readonly alarmTopic: ITopic;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    this.table = props.table;
    this.auditTable = props.auditTable;
    this.alarmTopic = props.alarmTopic;
    // As in FimApi: the table is imported with Fn::ImportValue, so FimData cannot drop its export under us.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    // The targets grant the scheduler's role lambda:InvokeFunction on each job's ARN (not its versions and
    // aliases, see UnqualifiedLambdaInvoke) and sqs:SendMessage on its dead-letter queue, nothing else.
    this.schedulerRole = schedulerRole(
      this,
      'EventBridge Scheduler: invokes the FIM jobs (closer, reminders, retention), parks failed invocations in their DLQs',
    );

    const closer = this.scheduledJob('CloseCalls', {
      label: 'the closer',
      entry: props.closeCallsEntry ?? CLOSE_CALLS_ENTRY,
      description: 'FIM: closes calls at their deadline and starts their review (scheduled every minute)',
      scheduleDescription: 'FIM: close calls whose deadline has passed',
      queueOf: 'of the closer schedule and of the closer function’s asynchronous invocations',
      alarmDescription:
        'FIM closer: a run failed after its retries and was parked in the dead-letter queue ' +
        '(docs/infra.md, "Reading the dead-letter queue"). Calls past their deadline may still be open.',
      run: CLOSE_CALLS_SCHEDULE,
    });
    this.closeCallsFunction = closer.fn;
    this.closeCallsSchedule = closer.schedule;
    this.deadLetterQueue = closer.deadLetterQueue;
    this.deadLetterAlarm = closer.deadLetterAlarm;

    this.reminders = this.scheduledJob('Reminders', {
      label: 'the reminders',
      entry: props.remindersEntry ?? REMINDERS_ENTRY,
      description: 'FIM: queues the reminders due (deadlines, acceptance, reports, reviews; daily)',
      scheduleDescription: 'FIM: queue the reminders due today',
      queueOf: 'of the reminders schedule and of the reminders function’s asynchronous invocations',
      alarmDescription:
        'FIM reminders: a run failed after its retries and was parked in the dead-letter queue ' +
        '(docs/infra.md, "Reading the dead-letter queue"). Reminders due today may not be queued yet.',
      run: REMINDERS_SCHEDULE,
    });

    this.retention = this.scheduledJob('Retention', {
      label: 'the retention job',
      entry: props.retentionEntry ?? RETENTION_ENTRY,
      description:
        'FIM: retention schedule (remind and delete untouched drafts, anonymise closed cases; daily)',
      scheduleDescription: 'FIM: run the retention schedule',
      queueOf: 'of the retention schedule and of the retention function’s asynchronous invocations',
      alarmDescription:
        'FIM retention: a run failed after its retries and was parked in the dead-letter queue ' +
        '(docs/infra.md, "Reading the dead-letter queue"). Drafts or cases due today may not be handled yet.',
      run: RETENTION_SCHEDULE,
    });
    const retention = this.retention.fn;
    // Deletes drafts and their documents' items (under APP# only) and the documents' files.
    retention.allowDeletes(this.table, [`${keys.application('').pk}*`]);
    retention.function.addEnvironment('DOCUMENTS_BUCKET', documentsBucketName(this));
    retention.role.addToPolicy(
      new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [documentsObjectArn(this)] }),
    );
    Validations.of(retention.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${documentsBucketName(this)}/documents/*]`,
      reason: 'The retention job deletes the documents of drafts it deletes and of cases it anonymises.',
    });
    this.exports = this.exportWorker(props);
  }

  /**
   * The exports (aktindsigt, "Mine data"; docs/cases.md): the table's stream hands each new export item to the
   * worker (no queue client to call from the API, and the item and its hand-over cannot drift: asking writes
   * one item, the stream delivers it), which streams the ZIP into the documents bucket under `exports/` (a
   * lifecycle rule expires them, FimDocuments). Failed records go to `ExportDlq`, with an alarm.
   */
  private exportWorker(props: JobsStackProps): ExportWorker {
    const deadLetterQueue = createDeadLetterQueue(this, 'ExportDlq', 'of the export worker’s stream records');
    const bucket = documentsBucketName(this);
    const fn = new AppFunction(this, 'ExportWorkerFunction', {
      entry: props.exportWorkerEntry ?? EXPORT_WORKER_ENTRY,
      description: 'FIM: builds the exports (aktindsigt, "Mine data") as one ZIP in the documents bucket',
      environment: { DOCUMENTS_BUCKET: bucket, SITE_URL: props.siteUrl },
      // A case with many documents: each is streamed from S3 into the ZIP and on into a multipart upload.
      timeout: Duration.minutes(15),
      memorySize: 1024,
    });
    fn.bindTable(this.table, 'readWrite');
    fn.bindAuditTable(this.auditTable);
    // Reads the documents; writes (multipart) and reads the exports. Nothing else of the bucket.
    fn.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:GetObject'],
        resources: [documentsObjectArn(this)],
      }),
    );
    fn.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [exportsObjectArn(this)],
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket}/${DOCUMENTS_PREFIX}*]`,
      reason:
        'Reads the documents of the case or person exported: any object under the documents prefix, GetObject only.',
    });
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket}/${EXPORTS_PREFIX}*]`,
      reason: 'Writes each export’s ZIP (a multipart upload) under the exports prefix, whose objects expire.',
    });
    const streamArn = this.table.tableStreamArn;
    if (!streamArn) throw new Error('The table has no stream: the export worker is fed by it (DataStack)');
    fn.function.addEventSourceMapping('ExportStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.LATEST,
      ...EXPORT_STREAM,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetterQueue),
      filters: [FilterCriteria.filter(EXPORT_INSERT_FILTER)],
    });
    fn.role.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: STREAM_ACTIONS, resources: [streamArn] }),
    );
    deadLetterQueue.grantSendMessages(fn.role);
    const deadLetterAlarm = createDeadLetterAlarm(
      this,
      'ExportDlqAlarm',
      this.alarmTopic,
      deadLetterQueue,
      'FIM exports: an export could not be built and its record was parked in the dead-letter queue ' +
        '(docs/cases.md, "Exports"). The export shows as failed; the person may ask again.',
    );
    functionAlarms(this, fn, this.alarmTopic, 'the export worker');
    new CfnOutput(this, 'ExportDlqUrl', {
      value: deadLetterQueue.queueUrl,
      description: 'Dead-letter queue of the export worker',
    });
    new CfnOutput(this, 'ExportWorkerFunctionName', { value: fn.function.functionName });
    return { fn, deadLetterQueue, deadLetterAlarm };
  }

  /**
   * A job named `name`: `<name>Function` with the table (read and write), `<name>Schedule` invoking it at
   * `run.rate`, `<name>Dlq` for runs that failed for good, `<name>DlqAlarm` as soon as it holds one, the function's errors and throttles
   * alarms, and their outputs.
   */
  private scheduledJob(
    name: string,
    job: {
      /** What the job is called in the outputs' descriptions. */
      label: string;
      entry: string;
      description: string;
      scheduleDescription: string;
      queueOf: string;
      alarmDescription: string;
      run: ScheduledRun;
    },
  ): ScheduledJob {
    const deadLetterQueue = createDeadLetterQueue(this, `${name}Dlq`, job.queueOf);
    const fn = new AppFunction(this, `${name}Function`, {
      entry: job.entry,
      description: job.description,
      // A call with many applications moves them one transaction each; a reminder is one each.
      timeout: Duration.seconds(60),
      memorySize: 512,
    });
    fn.bindTable(this.table, 'readWrite');
    fn.bindAuditTable(this.auditTable);
    const schedule = scheduleRun(this, `${name}Schedule`, {
      description: job.scheduleDescription,
      fn: fn.function,
      role: this.schedulerRole,
      run: job.run,
      deadLetterQueue,
    });
    const deadLetterAlarm = createDeadLetterAlarm(
      this,
      `${name}DlqAlarm`,
      this.alarmTopic,
      deadLetterQueue,
      job.alarmDescription,
    );
    const { errors, throttles } = functionAlarms(this, fn, this.alarmTopic, job.label);
    new CfnOutput(this, `${name}DlqUrl`, {
      value: deadLetterQueue.queueUrl,
      description: `Dead-letter queue of ${job.label} (failed runs)`,
    });
    new CfnOutput(this, `${name}DlqAlarmName`, { value: deadLetterAlarm.alarmName });
    new CfnOutput(this, `${name}FunctionName`, { value: fn.function.functionName });
    return { fn, schedule, deadLetterQueue, deadLetterAlarm, errorsAlarm: errors, throttlesAlarm: throttles };
  }
}
