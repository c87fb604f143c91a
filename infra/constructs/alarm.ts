import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { AppFunction } from './app-function.js';

/** Every alarm looks at five-minute periods. */
export const ALARM_PERIOD = Duration.minutes(5);

export interface AlarmProps {
  readonly metric: IMetric;
  /** What it means and where the runbook is (docs/infra.md, "Alarms"): the e-mail carries it. */
  readonly description: string;
  /** The alarm goes off above this value. @default 0 (any at all) */
  readonly threshold?: number;
}

/**
 * The one way an alarm is made: above `threshold` in one five-minute period, no data counting as healthy (an
 * empty queue, no errors, no traffic), and its action (and its return to OK) to the one alarm topic (FimAlarms).
 */
export function alarmToTopic(scope: Construct, id: string, topic: ITopic, props: AlarmProps): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  const action = new SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}

/** A dead-letter queue's alarm: as soon as one message is visible in it. */
export function deadLetterAlarm(
  scope: Construct,
  id: string,
  topic: ITopic,
  queue: Queue,
  description: string,
): Alarm {
  return alarmToTopic(scope, id, topic, {
    description,
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: ALARM_PERIOD,
      statistic: Stats.MAXIMUM,
    }),
  });
}

/**
 * A function's two alarms, `<id>ErrorsAlarm` (the invocation threw or timed out) and `<id>ThrottlesAlarm` (Lambda
 * refused to run it: concurrency used up), each as soon as one happens in five minutes.
 */
export function functionAlarms(
  scope: Construct,
  fn: AppFunction,
  topic: ITopic,
  what: string,
): { errors: Alarm; throttles: Alarm } {
  const id = fn.node.id;
  const sum = { period: ALARM_PERIOD, statistic: Stats.SUM };
  return {
    errors: alarmToTopic(scope, `${id}ErrorsAlarm`, topic, {
      metric: fn.function.metricErrors(sum),
      description: `FIM: ${what} failed (threw or timed out); read its log (docs/infra.md, "Alarms": Lambda errors).`,
    }),
    throttles: alarmToTopic(scope, `${id}ThrottlesAlarm`, topic, {
      metric: fn.function.metricThrottles(sum),
      description: `FIM: ${what} was throttled (no concurrency left); see docs/infra.md, "Alarms": Lambda throttles.`,
    }),
  };
}
