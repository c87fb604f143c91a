import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { Schedule } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AppFunction } from '../constructs/app-function.js';
import { deadLetterQueue } from '../constructs/dead-letter-queue.js';
import { scheduleRun, schedulerRole } from '../constructs/schedule.js';

export const CLOSE_CALLS_ENTRY = fileURLToPath(
  new URL('../../functions/handlers/close-calls.handler.ts', import.meta.url),
);

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

export interface JobsStackProps extends StackProps {
  readonly table: ITable;
  /** @default functions/handlers/close-calls.handler.ts */
  readonly closeCallsEntry?: string;
}

/**
 * Scheduled background work, apart from the request-serving FimApi stack: today one job, the closer, which
 * closes calls at their deadline and starts their review (functions/handlers/close-calls.handler.ts).
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

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    // As in FimApi: the table is imported with Fn::ImportValue, so FimData cannot drop its export under us.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    // ---- Dead-letter queue for failed runs --------------------------------------------------------------
    this.deadLetterQueue = deadLetterQueue(
      this,
      'CloseCallsDlq',
      'of the closer schedule and of the closer function’s asynchronous invocations',
    );

    // ---- The closer -------------------------------------------------------------------------------------
    this.closeCallsFunction = new AppFunction(this, 'CloseCallsFunction', {
      entry: props.closeCallsEntry ?? CLOSE_CALLS_ENTRY,
      description: 'FIM: closes calls at their deadline and starts their review (scheduled every minute)',
      // A call with many applications moves them one transaction each.
      timeout: Duration.seconds(60),
      memorySize: 512,
    });
    this.closeCallsFunction.bindTable(props.table, 'readWrite');

    // ---- Schedule ---------------------------------------------------------------------------------------
    // The target grants the scheduler's role lambda:InvokeFunction on the closer's ARN (not its versions and
    // aliases, see UnqualifiedLambdaInvoke) and sqs:SendMessage on the dead-letter queue, nothing else.
    this.schedulerRole = schedulerRole(
      this,
      'EventBridge Scheduler: invokes the FIM closer, parks failed invocations in its DLQ',
    );
    this.closeCallsSchedule = scheduleRun(this, 'CloseCallsSchedule', {
      description: 'FIM: close calls whose deadline has passed',
      fn: this.closeCallsFunction.function,
      role: this.schedulerRole,
      run: CLOSE_CALLS_SCHEDULE,
      deadLetterQueue: this.deadLetterQueue,
    });

    // ---- Alarm: anything in the DLQ means a run failed for good ------------------------------------------
    // No action attached: subscribe a topic or a chatbot to it after deploying (docs/infra.md).
    this.deadLetterAlarm = new Alarm(this, 'CloseCallsDlqAlarm', {
      alarmDescription:
        'FIM closer: a run failed after its retries and was parked in the dead-letter queue ' +
        '(docs/infra.md, "Reading the dead-letter queue"). Calls past their deadline may still be open.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // An empty, idle queue reports no data points: that is the healthy state.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // ---- Outputs ----------------------------------------------------------------------------------------
    new CfnOutput(this, 'CloseCallsDlqUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: 'Dead-letter queue of the closer (failed runs)',
    });
    new CfnOutput(this, 'CloseCallsDlqAlarmName', { value: this.deadLetterAlarm.alarmName });
    new CfnOutput(this, 'CloseCallsFunctionName', { value: this.closeCallsFunction.function.functionName });
  }
}
