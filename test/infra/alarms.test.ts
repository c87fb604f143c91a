import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_METRICS, TECHNICAL_METRICS } from '../../functions/app/powertools.js';
import { TABLE_KEYS } from '../../functions/db/table-definition.js';
import { buildApp, type FimApp } from '../../infra/build-app.js';
import { AppFunction } from '../../infra/constructs/app-function.js';
import { APP_METRICS } from '../../infra/stacks/dashboard-stack.js';
import { SES_REPUTATION_ALARMS } from '../../infra/stacks/messages-stack.js';
import {
  ACCOUNT,
  acknowledgements,
  bundleOnly,
  cdkJsonContext,
  expectNoNagFindings,
  synthesise,
} from './helpers.js';

let fim: FimApp;
let outdir: string;
let remove: () => void;
let topicRef: { Ref: string };

const stacksOf = (app: FimApp) =>
  app.app.node.children.filter((child): child is Stack => child instanceof Stack);
/** The logical id of a construct's CloudFormation resource in its stack. */
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  Stack.of(construct as never).getLogicalId(construct.node.defaultChild as CfnElement);

interface AlarmProperties {
  AlarmDescription: string;
  Namespace?: string;
  MetricName?: string;
  Statistic?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string } } }[];
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
}
/** Every alarm of the app, with the stack it is in and its logical id. */
const alarmsOf = (app: FimApp) =>
  stacksOf(app).flatMap((stack) =>
    Object.entries(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map(([id, alarm]) => ({
      stack: stack.node.id,
      id,
      ...(alarm.Properties as AlarmProperties),
    })),
  );

/** The dashboard's body, its CloudFormation references replaced by `<ref>`, as JSON. */
function dashboardBody(app: FimApp): { widgets: { type: string; properties: Record<string, unknown> }[] } {
  const body = Template.fromStack(app.dashboardStack).findResources('AWS::CloudWatch::Dashboard');
  const [dashboard] = Object.values(body);
  if (!dashboard) throw new Error('FimDashboard has no dashboard');
  const join = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return JSON.parse(join.map((part) => (typeof part === 'string' ? part : '<ref>')).join(''));
}
/** Each graph's title and the metric names it shows. */
const graphs = (app: FimApp) =>
  Object.fromEntries(
    dashboardBody(app)
      .widgets.filter((w) => w.type === 'metric')
      .map((w) => [
        w.properties.title as string,
        (w.properties.metrics as unknown[][]).map((m) => `${m[0]} ${m[1]}`),
      ]),
  );

const appWithout = (context: Record<string, unknown>) =>
  buildApp({
    appProps: { context: cdkJsonContext({ ...bundleOnly(), ...context }) },
    env: { CDK_DEFAULT_ACCOUNT: ACCOUNT },
  });

beforeAll(() => {
  // No bundling: the functions are bundled in the other files; cdk-nag runs over every stack during synth.
  ({ fim, outdir, remove } = synthesise('', { mailDomain: 'fim.example.dk', alarmEmail: 'ops@example.dk' }));
  topicRef = { Ref: idOf(fim.alarmsStack.topic) };
});

afterAll(() => remove?.());

describe('FimAlarms: the one topic', () => {
  it('is deployed before every other stack and depends on none', () => {
    expect(fim.alarmsStack.dependencies).toEqual([]);
    for (const stack of [fim.dataStack, fim.apiStack, fim.jobsStack, fim.messagesStack as Stack]) {
      expect(stack.dependencies).toContain(fim.alarmsStack);
    }
    expect(stacksOf(fim).some((stack) => stack.dependencies.includes(fim.dashboardStack))).toBe(false);
  });

  it('is encrypted with a rotated key that CloudWatch of this account may publish with, over TLS only', () => {
    const template = Template.fromStack(fim.alarmsStack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [idOf(fim.alarmsStack.key), 'Arn'] },
    });
    const key = Object.values(template.findResources('AWS::KMS::Key'))[0]?.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    expect(
      (key.KeyPolicy.Statement as { Principal: { Service?: string } }[]).filter((s) => s.Principal.Service),
    ).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      }),
    ]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasOutput('AlarmTopicArn', { Value: topicRef });
  });

  it('subscribes -c alarmEmail by e-mail, and nobody without it', () => {
    const template = Template.fromStack(fim.alarmsStack);
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.dk',
      TopicArn: topicRef,
    });
    Template.fromStack(appWithout({}).alarmsStack).resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('alarms', () => {
  it('all go to the one topic, in alarm and back to OK, above their threshold in one 5-minute period', () => {
    const alarms = alarmsOf(fim);
    // FimData 1 + 3 (the audit archiver), FimApi 3, FimJobs 4 × 3 (closer, reminders, retention, export worker),
    // FimMessages 4 + 3 × 2, FimDocuments 3.
    expect(alarms).toHaveLength(32);
    for (const alarm of alarms) {
      const topic =
        alarm.stack === 'FimAlarms'
          ? topicRef
          : { 'Fn::ImportValue': expect.stringMatching(/^FimAlarms:ExportsOutputRefAlarms/) };
      expect(alarm, alarm.id).toMatchObject({
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic],
        OKActions: [topic],
      });
      expect(alarm.AlarmDescription).toMatch(/^FIM/);
    }
    expect(alarms.filter((a) => a.Threshold !== 0).map((a) => [a.MetricName, a.Threshold])).toEqual([
      [SES_REPUTATION_ALARMS.bounceRate.metricName, 0.05],
      [SES_REPUTATION_ALARMS.complaintRate.metricName, 0.001],
    ]);
  });

  it('watch the API’s 5xx at its stage', () => {
    const api = alarmsOf(fim).filter((a) => a.Namespace === 'AWS/ApiGateway');
    expect(api).toEqual([
      expect.objectContaining({
        stack: 'FimApi',
        MetricName: '5xx',
        Statistic: 'Sum',
        Dimensions: [
          { Name: 'ApiId', Value: { Ref: idOf(fim.apiStack.api) } },
          { Name: 'Stage', Value: '$default' },
        ],
      }),
    ]);
  });

  it('watch every function’s errors and throttles', () => {
    const functions = fim.app.node.findAll().filter((c): c is AppFunction => c instanceof AppFunction);
    expect(functions).toHaveLength(10);
    const alarms = alarmsOf(fim);
    for (const fn of functions) {
      const stack = Stack.of(fn).node.id;
      const on = alarms
        .filter(
          (a) =>
            a.stack === stack &&
            a.Namespace === 'AWS/Lambda' &&
            JSON.stringify(a.Dimensions) ===
              JSON.stringify([{ Name: 'FunctionName', Value: { Ref: idOf(fn.function) } }]),
        )
        .map((a) => `${a.MetricName} ${a.Statistic}`);
      expect(on.sort(), fn.node.path).toEqual(['Errors Sum', 'Throttles Sum']);
    }
  });

  it('watch every queue (each is a dead-letter queue) from its first visible message', () => {
    const queues = fim.app.node.findAll().filter((c): c is Queue => c instanceof Queue);
    expect(queues).toHaveLength(7);
    const alarms = alarmsOf(fim);
    for (const queue of queues) {
      expect(alarms, queue.node.path).toContainEqual(
        expect.objectContaining({
          stack: Stack.of(queue).node.id,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Statistic: 'Maximum',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(queue), 'QueueName'] } }],
        }),
      );
    }
  });

  it('watch DynamoDB’s throttled reads and writes on the table and each index, summed', () => {
    const [alarm, ...others] = alarmsOf(fim).filter((a) => a.Metrics);
    expect(others).toEqual([]);
    expect(alarm?.stack).toBe('FimData');
    const metrics = alarm?.Metrics ?? [];
    const stats = metrics.filter((m) => m.MetricStat) as {
      Id: string;
      MetricStat: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } };
    }[];
    const tableRef = { Ref: idOf(fim.dataStack.table) };
    const watched = stats.map((m) => ({
      name: m.MetricStat.Metric.MetricName,
      index: m.MetricStat.Metric.Dimensions.find((d) => d.Name === 'GlobalSecondaryIndexName')?.Value,
      table: m.MetricStat.Metric.Dimensions.find((d) => d.Name === 'TableName')?.Value,
    }));
    const expected = [undefined, ...TABLE_KEYS.indexes.map((i) => i.indexName)].flatMap((index) =>
      ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) => ({ name, index, table: tableRef })),
    );
    expect(watched).toEqual(expected);
    expect(metrics.find((m) => m.Expression)?.Expression).toBe(`SUM([${stats.map((m) => m.Id).join(', ')}])`);
  });

  it('without mail: no SES alarms, and the rest as before', () => {
    const alarms = alarmsOf(appWithout({}));
    expect(alarms).toHaveLength(22);
    expect(alarms.filter((a) => a.Namespace === 'AWS/SES')).toEqual([]);
  });
});

describe('FimDashboard', () => {
  it('graphs the API, every function, the table, the queues, the mail and what the app counts', () => {
    const functionMetrics = (name: string) => Array(8).fill(`AWS/Lambda ${name}`);
    expect(graphs(fim)).toEqual({
      'API: requests and 5xx': ['AWS/ApiGateway Count', 'AWS/ApiGateway 5xx', 'AWS/ApiGateway 4xx'],
      'API: latency (ms)': [
        'AWS/ApiGateway Latency',
        'AWS/ApiGateway Latency',
        'AWS/ApiGateway IntegrationLatency',
      ],
      'Lambda: errors': functionMetrics('Errors'),
      'Lambda: throttles': functionMetrics('Throttles'),
      'Lambda: duration p99 (ms)': functionMetrics('Duration'),
      'DynamoDB: consumed capacity': [
        'AWS/DynamoDB ConsumedReadCapacityUnits',
        'AWS/DynamoDB ConsumedWriteCapacityUnits',
      ],
      'DynamoDB: throttles': Array(1 + TABLE_KEYS.indexes.length)
        .fill(['AWS/DynamoDB ReadThrottleEvents', 'AWS/DynamoDB WriteThrottleEvents'])
        .flat(),
      'Dead-letter queues: messages visible': Array(5).fill('AWS/SQS ApproximateNumberOfMessagesVisible'),
      'Messages: sent and failed': ['AWS/SES Send', 'FIM/Messages MessagesFailed'],
      'FIM: business': ['Submissions', 'Decisions', 'Payments', 'ContributionsReceived'].map(
        (m) => `FIM ${m}`,
      ),
      'FIM: transactions': ['FIM TransactionRetries', 'FIM ConditionalFailures'],
    });
  });

  it('reads the app’s metrics by the names and the service dimension the functions emit them with', () => {
    expect(APP_METRICS.business).toEqual(Object.values(BUSINESS_METRICS));
    expect(APP_METRICS.technical).toEqual(Object.values(TECHNICAL_METRICS));
    const counted = dashboardBody(fim).widgets.filter((w) => String(w.properties.title).startsWith('FIM:'));
    const metrics = counted.flatMap((w) => w.properties.metrics as unknown[][]);
    expect(metrics).toHaveLength(APP_METRICS.business.length + APP_METRICS.technical.length);
    for (const metric of metrics)
      expect(metric.slice(0, 1).concat(metric.slice(2, 4))).toEqual(['FIM', 'service', 'fim']);
  });

  it('without mail: says so in place of the mail graph', () => {
    const without = appWithout({});
    expect(Object.keys(graphs(without))).not.toContain('Messages: sent and failed');
    const text = dashboardBody(without).widgets.filter((w) => w.type === 'text');
    expect(text.map((w) => w.properties.markdown)).toEqual([expect.stringMatching(/no mail stack/)]);
  });
});

describe('cdk-nag', () => {
  it('finds nothing in FimAlarms and FimDashboard, with nothing acknowledged there', () => {
    expectNoNagFindings(fim.app, outdir);
    expect(acknowledgements(fim.alarmsStack)).toEqual([]);
    expect(acknowledgements(fim.dashboardStack)).toEqual([]);
  });
});
