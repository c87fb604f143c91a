import type { Duration, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { UnqualifiedLambdaInvoke } from './unqualified-lambda-invoke.js';

/**
 * The role EventBridge Scheduler assumes for a stack's schedules: only schedules of this account's default group
 * may assume it (no confused deputy); each schedule's target grants it what it needs, nothing else.
 */
export function schedulerRole(stack: Stack, description: string): Role {
  return new Role(stack, 'SchedulerRole', {
    description,
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({
            service: 'scheduler',
            resource: 'schedule-group',
            resourceName: 'default',
          }),
        },
      },
    }),
  });
}

export interface ScheduledRun {
  /** How often, on time (no flexible window). */
  readonly rate: Duration;
  /** Retries of a failed run, both of the invocation and of the function. */
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
}

/**
 * Invokes `fn` at `run.rate` by `role`. EventBridge Scheduler invokes Lambda asynchronously, so a failure ends in
 * `deadLetterQueue` either way: the invocation fails (the schedule's retry policy, then its DLQ) or the function
 * throws (Lambda's asynchronous retries, set the same, then its on-failure destination).
 */
export function scheduleRun(
  stack: Stack,
  id: string,
  props: { description: string; fn: IFunction; role: Role; run: ScheduledRun; deadLetterQueue: IQueue },
): Schedule {
  const { fn, run, deadLetterQueue } = props;
  fn.configureAsyncInvoke({
    retryAttempts: run.retryAttempts,
    maxEventAge: run.maxEventAge,
    onFailure: new SqsDestination(deadLetterQueue),
  });
  return new Schedule(stack, id, {
    description: props.description,
    schedule: ScheduleExpression.rate(run.rate),
    timeWindow: TimeWindow.off(),
    target: new UnqualifiedLambdaInvoke(fn, {
      role: props.role,
      retryAttempts: run.retryAttempts,
      maxEventAge: run.maxEventAge,
      deadLetterQueue,
    }),
  });
}
