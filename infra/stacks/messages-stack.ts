import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  Fn,
  ReferenceStrength,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { type Alarm, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import {
  ConfigurationSet,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { MESSAGES_FAILED_LOG, MESSAGES_FAILED_METRIC } from '../../functions/app/mail-log.js';
import { ALARM_PERIOD, alarmToTopic, deadLetterAlarm, functionAlarms } from '../constructs/alarm.js';
import { AppFunction } from '../constructs/app-function.js';
import { deadLetterQueue } from '../constructs/dead-letter-queue.js';
import { scheduleRun, schedulerRole } from '../constructs/schedule.js';
import { topicKey } from '../constructs/topic-key.js';

const entry = (name: string) =>
  fileURLToPath(new URL(`../../functions/handlers/${name}.handler.ts`, import.meta.url));

export const MAIL_SENDER_ENTRY = entry('mail-sender');
export const MAIL_SWEEP_ENTRY = entry('mail-sweep');
export const MAIL_EVENTS_ENTRY = entry('mail-events');

/**
 * Where mail comes from: a domain identity (Easy DKIM, the production set-up) sending as `from`, an address
 * at that domain; or, without a domain, the single address `from` as an e-mail address identity (SES mails it
 * a verification link; enough to try the platform in the SES sandbox).
 */
export type MailSender = { readonly domain: string; readonly from: string } | { readonly from: string };

/**
 * Only inserted outbox items that are pending reach the sender: the stream carries every write to the table,
 * and a message written failed (no address) or a sender's own updates must not invoke it.
 */
export const OUTBOX_INSERT_FILTER = {
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: {
    NewImage: { entity: { S: FilterRule.isEqual('outbox') }, status: { S: FilterRule.isEqual('pending') } },
  },
};

/**
 * How the stream feeds the sender. Small batches: each record is one e-mail through SES (about 0.1 s). A
 * record whose send threw (DynamoDB or SES unreachable) is retried alone (partial batch responses, bisecting),
 * three times, then parked in the dead-letter queue; the sweep sends it anyway once it is due again.
 */
export const SENDER_STREAM = {
  batchSize: 10,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 3,
  maxRecordAge: Duration.hours(1),
} as const;

/**
 * The sweep: every two minutes, whatever is still pending and due (backoff after a passing fault, a missed
 * stream event, an expired lease). Like the closer: two retries within five minutes, then the DLQ; the next
 * run picks up what a failed run left.
 */
export const MAIL_SWEEP_SCHEDULE = {
  rate: Duration.minutes(2),
  retryAttempts: 2,
  maxEventAge: Duration.minutes(5),
} as const;

/** What Lambda needs to read the table's stream for the sender (AWS's example policy, on the stream only). */
export const STREAM_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

/** SES events that mark a message: a bounce, a complaint, a reject (SES refused it after accepting it). */
export const RECORDED_SES_EVENTS = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
] as const;

export interface MessagesStackProps extends StackProps {
  readonly table: ITable;
  /** The audit table (FimData): add and read only. */
  readonly auditTable: ITable;
  readonly sender: MailSender;
  /** The site's public URL, for the links in the e-mails. */
  readonly siteUrl: string;
  /** Where the mail's alarms go (FimAlarms). */
  readonly alarmTopic: ITopic;
}

/**
 * SES's account reputation, as SES itself judges it: it reviews an account at a 5 % bounce rate or a 0.1 %
 * complaint rate and may pause its sending at 10 % / 0.5 %. The alarms go off above the review thresholds.
 */
export const SES_REPUTATION_ALARMS = {
  bounceRate: { metricName: 'Reputation.BounceRate', threshold: 0.05 },
  complaintRate: { metricName: 'Reputation.ComplaintRate', threshold: 0.001 },
} as const;

/**
 * Everything that carries the platform's e-mail in AWS (docs/messages.md, docs/infra.md "Mail"): the SES
 * identity and configuration set, the sender fed by the table's stream, the sweep, the handler of SES's
 * bounce and complaint events, their dead-letter queue and their alarms (to FimAlarms' topic).
 */
export class MessagesStack extends Stack {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly key: Key;
  readonly eventsTopic: Topic;
  readonly deadLetterQueue: Queue;
  readonly senderFunction: AppFunction;
  readonly sweepFunction: AppFunction;
  readonly eventsFunction: AppFunction;
  readonly schedulerRole: Role;
  readonly sweepSchedule: Schedule;
  readonly alarms: {
    deadLetters: Alarm;
    messagesFailed: Alarm;
    bounceRate: Alarm;
    complaintRate: Alarm;
    /** Errors and throttles of each function, by its id. */
    functions: Record<string, { errors: Alarm; throttles: Alarm }>;
  };

  constructor(scope: Construct, id: string, props: MessagesStackProps) {
    super(scope, id, props);
    // As in FimApi and FimJobs: the table (and its stream) are imported with a strong reference.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { sender } = props;

    // ---- The SES events' topic, encrypted with a key of this stack -----------------------------------------
    // A customer managed key, because SES may only publish to an encrypted topic whose key policy lets it use
    // the key (the AWS managed alias/aws/sns cannot be granted to it). The alarms go to FimAlarms' topic.
    this.key = topicKey(this, 'TopicKey', 'FIM mail: encrypts the SES event topic', 'ses');
    this.eventsTopic = new Topic(this, 'SesEvents', {
      displayName: 'FIM mail: SES bounce, complaint and reject events',
      masterKey: this.key,
      enforceSSL: true,
    });

    // ---- SES: the configuration set every message is sent with, and the identity ---------------------------
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
    });
    this.configurationSet.addEventDestination('ToSns', {
      destination: EventDestination.snsTopic(this.eventsTopic),
      events: [...RECORDED_SES_EVENTS],
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: 'domain' in sender ? Identity.domain(sender.domain) : Identity.email(sender.from),
      // Easy DKIM: SES signs with a 2048-bit key it rotates itself; the domain publishes three CNAME records.
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      configurationSet: this.configurationSet,
    });

    // ---- Dead-letter queue of everything below -------------------------------------------------------------
    this.deadLetterQueue = deadLetterQueue(
      this,
      'MailDlq',
      'of the sender’s stream records, the sweep’s schedule and invocations, and the SES event handler',
    );

    // ---- The functions -------------------------------------------------------------------------------------
    const mailEnvironment = {
      MAIL_FROM: sender.from,
      MAIL_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      SITE_URL: props.siteUrl,
    };
    this.senderFunction = new AppFunction(this, 'SenderFunction', {
      entry: MAIL_SENDER_ENTRY,
      description: 'FIM: sends the outbox messages the table stream reports as inserted and pending',
      timeout: Duration.seconds(60),
      environment: mailEnvironment,
    });
    this.sweepFunction = new AppFunction(this, 'SweepFunction', {
      entry: MAIL_SWEEP_ENTRY,
      description: 'FIM: sends every outbox message still pending and due (scheduled every 2 minutes)',
      // Shorter than the schedule's rate, so runs do not pile up (overlapping runs are safe: claims).
      timeout: Duration.seconds(90),
      environment: mailEnvironment,
    });
    this.eventsFunction = new AppFunction(this, 'EventsFunction', {
      entry: MAIL_EVENTS_ENTRY,
      description: 'FIM: records SES bounces and complaints on the messages they concern',
      timeout: Duration.seconds(30),
    });
    for (const fn of [this.senderFunction, this.sweepFunction, this.eventsFunction]) {
      fn.bindTable(props.table, 'readWrite');
      fn.bindAuditTable(props.auditTable);
    }
    // Sending: on the identity and the configuration set, nothing else.
    for (const fn of [this.senderFunction, this.sweepFunction]) {
      fn.role.addToPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [
            this.identity.emailIdentityArn,
            this.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: this.configurationSet.configurationSetName,
            }),
          ],
        }),
      );
    }

    // The stream: inserted pending outbox items only. The mapping is made here rather than by DynamoEventSource,
    // whose grant adds dynamodb:ListStreams on every resource; reading this table's stream is all it needs.
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('The table has no stream: the sender is fed by it (DataStack)');
    this.senderFunction.function.addEventSourceMapping('OutboxStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.LATEST,
      ...SENDER_STREAM,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.deadLetterQueue),
      filters: [FilterCriteria.filter(OUTBOX_INSERT_FILTER)],
    });
    this.senderFunction.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: STREAM_ACTIONS,
        resources: [streamArn],
      }),
    );

    // The SES events, through the topic (SNS invokes asynchronously: retries, then the DLQ).
    this.eventsTopic.addSubscription(
      new LambdaSubscription(this.eventsFunction.function, { deadLetterQueue: this.deadLetterQueue }),
    );
    this.eventsFunction.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    // ---- The sweep's schedule (as the closer's in FimJobs) -------------------------------------------------
    this.schedulerRole = schedulerRole(
      this,
      'EventBridge Scheduler: invokes the FIM mail sweep, parks failed invocations in its DLQ',
    );
    this.sweepSchedule = scheduleRun(this, 'SweepSchedule', {
      description: 'FIM: send the outbox messages still pending',
      fn: this.sweepFunction.function,
      role: this.schedulerRole,
      run: MAIL_SWEEP_SCHEDULE,
      deadLetterQueue: this.deadLetterQueue,
    });

    // ---- Alarms, all to the alarm topic --------------------------------------------------------------------
    // Messages the sender gave up on (failed) and the bounces and complaints SES reported: each function
    // logs one line per batch, counted here into one metric.
    const failedMetric = {
      metricNamespace: MESSAGES_FAILED_METRIC.namespace,
      metricName: MESSAGES_FAILED_METRIC.name,
      filterPattern: FilterPattern.stringValue('$.message', '=', MESSAGES_FAILED_LOG),
      metricValue: '$.failed',
    };
    for (const fn of [this.senderFunction, this.sweepFunction, this.eventsFunction]) {
      new MetricFilter(this, `${fn.node.id}MessagesFailed`, { logGroup: fn.logGroup, ...failedMetric });
    }
    const failed = new Metric({
      namespace: MESSAGES_FAILED_METRIC.namespace,
      metricName: MESSAGES_FAILED_METRIC.name,
      statistic: Stats.SUM,
      period: Duration.minutes(5),
    });
    const topic = props.alarmTopic;
    const sesRate = ({ metricName, threshold }: { metricName: string; threshold: number }) => ({
      // Account-wide (SES judges the account), the latest value in the period.
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: Stats.MAXIMUM,
        period: ALARM_PERIOD,
      }),
      threshold,
    });
    this.alarms = {
      deadLetters: deadLetterAlarm(
        this,
        'MailDlqAlarm',
        topic,
        this.deadLetterQueue,
        'FIM mail: a stream batch, a sweep run or an SES event failed after its retries and was parked in the ' +
          'dead-letter queue (docs/infra.md, "Mail"). Messages may wait for the next sweep.',
      ),
      messagesFailed: alarmToTopic(this, 'MessagesFailedAlarm', topic, {
        metric: failed,
        description:
          'FIM mail: messages were not delivered (failed for good, bounced or complained of). See them on ' +
          '/admin/messages?status=failed (and bounced, complained) and act on their reason.',
      }),
      bounceRate: alarmToTopic(this, 'BounceRateAlarm', topic, {
        ...sesRate(SES_REPUTATION_ALARMS.bounceRate),
        description:
          'FIM mail: SES bounce rate above 5 %, where SES reviews the account and may later pause sending ' +
          '(docs/infra.md, "Alarms": SES bounce rate).',
      }),
      complaintRate: alarmToTopic(this, 'ComplaintRateAlarm', topic, {
        ...sesRate(SES_REPUTATION_ALARMS.complaintRate),
        description:
          'FIM mail: SES complaint rate above 0.1 %, where SES reviews the account and may later pause ' +
          'sending (docs/infra.md, "Alarms": SES complaint rate).',
      }),
      functions: Object.fromEntries(
        (
          [
            [this.senderFunction, 'the mail sender'],
            [this.sweepFunction, 'the mail sweep'],
            [this.eventsFunction, 'the SES event handler'],
          ] as const
        ).map(([fn, what]) => [fn.node.id, functionAlarms(this, fn, topic, what)]),
      ),
    };

    // ---- Outputs -------------------------------------------------------------------------------------------
    new CfnOutput(this, 'MailFrom', { value: sender.from, description: 'The From address of every message' });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.configurationSet.configurationSetName });
    if ('domain' in sender) {
      this.identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          value: Fn.join(' ', [record.name, 'CNAME', record.value]),
          description: `Easy DKIM: publish this CNAME record in the DNS of ${sender.domain}`,
        });
      });
    }
    new CfnOutput(this, 'MailDlqUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: 'Dead-letter queue of the mail functions',
    });
  }
}
