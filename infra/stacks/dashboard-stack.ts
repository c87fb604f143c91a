import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, type IMetric, Metric, Stats, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { MESSAGES_FAILED_METRIC } from '../../functions/app/mail-log.js';
import { TABLE_KEYS } from '../../functions/db/table-definition.js';
import type { AppFunction } from '../constructs/app-function.js';
import type { ApiStack } from './api-stack.js';
import type { DataStack } from './data-stack.js';
import type { JobsStack } from './jobs-stack.js';
import type { MessagesStack } from './messages-stack.js';

/**
 * The business and technical metrics the functions emit (functions/app/powertools.ts: namespace `FIM`, dimension
 * `service` = `fim`). Named here so the CDK app does not load Powertools; test/infra/alarms.test.ts checks that
 * the two lists agree.
 */
export const APP_METRICS = {
  namespace: 'FIM',
  service: 'fim',
  business: ['Submissions', 'Decisions', 'Payments', 'ContributionsReceived'],
  technical: ['TransactionRetries', 'ConditionalFailures'],
} as const;

export interface DashboardStackProps extends StackProps {
  readonly data: DataStack;
  readonly api: ApiStack;
  readonly jobs: JobsStack;
  readonly messages?: MessagesStack;
}

const PERIOD = Duration.minutes(5);
const WIDTH = 12;
const HEIGHT = 6;

/**
 * FIM's CloudWatch dashboard `fim`, in the last stack: it reads every other stack and nothing depends on it, so it
 * can change (or be destroyed) without touching them. Rows: the API; the functions; the table; the queues and
 * the mail; what the app counts.
 */
export class DashboardStack extends Stack {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: DashboardStackProps) {
    super(scope, id, props);
    const { data, api, jobs, messages } = props;
    const sum = { period: PERIOD, statistic: Stats.SUM };

    const functions: AppFunction[] = [
      api.apiFunction,
      jobs.closeCallsFunction,
      jobs.reminders.fn,
      jobs.retention.fn,
      jobs.exports.fn,
      ...(messages ? [messages.senderFunction, messages.sweepFunction, messages.eventsFunction] : []),
    ];
    const perFunction = (metric: (fn: AppFunction) => IMetric) => functions.map(metric);
    const graph = (title: string, left: IMetric[], right?: IMetric[]) =>
      new GraphWidget({ title, left, ...(right ? { right } : {}), width: WIDTH, height: HEIGHT });

    const table = data.table;
    const indexes = TABLE_KEYS.indexes.map((index) => index.indexName);
    const tableMetric = (metricName: string, label: string, index?: string) =>
      table.metric(metricName, {
        ...sum,
        label: index ? `${label} (${index})` : label,
        ...(index ? { dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: index } } : {}),
      });
    const queues = [
      { label: 'closer DLQ', queue: jobs.deadLetterQueue },
      { label: 'reminders DLQ', queue: jobs.reminders.deadLetterQueue },
      { label: 'retention DLQ', queue: jobs.retention.deadLetterQueue },
      { label: 'export DLQ', queue: jobs.exports.deadLetterQueue },
      ...(messages ? [{ label: 'mail DLQ', queue: messages.deadLetterQueue }] : []),
    ];
    const appMetric = (metricName: string) =>
      new Metric({
        namespace: APP_METRICS.namespace,
        metricName,
        dimensionsMap: { service: APP_METRICS.service },
        ...sum,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: 'fim',
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      graph(
        'API: requests and 5xx',
        [api.stage.metricCount({ ...sum, label: 'Requests' })],
        [
          api.stage.metricServerError({ ...sum, label: '5xx' }),
          api.stage.metricClientError({ ...sum, label: '4xx' }),
        ],
      ),
      graph('API: latency (ms)', [
        api.stage.metricLatency({ period: PERIOD, statistic: Stats.p(50), label: 'p50' }),
        api.stage.metricLatency({ period: PERIOD, statistic: Stats.p(99), label: 'p99' }),
        api.stage.metricIntegrationLatency({ period: PERIOD, statistic: Stats.p(99), label: 'Lambda p99' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Lambda: errors',
        perFunction((fn) => fn.function.metricErrors({ ...sum, label: fn.node.id })),
      ),
      graph(
        'Lambda: throttles',
        perFunction((fn) => fn.function.metricThrottles({ ...sum, label: fn.node.id })),
      ),
      graph(
        'Lambda: duration p99 (ms)',
        perFunction((fn) =>
          fn.function.metricDuration({ period: PERIOD, statistic: Stats.p(99), label: fn.node.id }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('DynamoDB: consumed capacity', [
        tableMetric('ConsumedReadCapacityUnits', 'Read units'),
        tableMetric('ConsumedWriteCapacityUnits', 'Write units'),
      ]),
      graph(
        'DynamoDB: throttles',
        [undefined, ...indexes].flatMap((index) => [
          tableMetric('ReadThrottleEvents', 'Read throttles', index),
          tableMetric('WriteThrottleEvents', 'Write throttles', index),
        ]),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Dead-letter queues: messages visible',
        queues.map(({ label, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: Stats.MAXIMUM, label }),
        ),
      ),
      messages
        ? graph(
            'Messages: sent and failed',
            [new Metric({ namespace: 'AWS/SES', metricName: 'Send', ...sum, label: 'Sent (SES)' })],
            [
              new Metric({
                namespace: MESSAGES_FAILED_METRIC.namespace,
                metricName: MESSAGES_FAILED_METRIC.name,
                ...sum,
                label: 'Failed, bounced, complained',
              }),
            ],
          )
        : new TextWidget({
            markdown: '**Messages**: no mail stack (give `-c mailDomain=…`): nothing is sent.',
            width: WIDTH,
            height: HEIGHT,
          }),
    );
    this.dashboard.addWidgets(
      graph('FIM: business', APP_METRICS.business.map(appMetric)),
      graph('FIM: transactions', APP_METRICS.technical.map(appMetric)),
    );
  }
}
