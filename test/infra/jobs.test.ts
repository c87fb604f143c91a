import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../functions/db/table-definition.js';
import type { FimApp } from '../../infra/build-app.js';
import { TABLE_ACTIONS } from '../../infra/constructs/app-function.js';
import { CLOSE_CALLS_ENTRY } from '../../infra/stacks/jobs-stack.js';
import { bundleLikeInfra } from '../bench/bundles.js';
import {
  ACCOUNT,
  acknowledgements,
  asArray,
  bundledSources,
  expectBundle,
  expectNoNagFindings,
  expectScheduledRun,
  functionDefaults,
  heavyIn,
  normalised,
  REGION,
  statementsOf,
  synthesise,
} from './helpers.js';

let outdir: string;
let fim: FimApp;
let jobs: Template;
/** Logical ids in the FimJobs template. */
let ids: { fn: string; fnRole: string; dlq: string; schedulerRole: string; logs: string };

let remove: () => void;

beforeAll(() => {
  // Only the closer is bundled here (FimApi's function is bundled in stacks.test.ts).
  ({ fim, outdir, remove } = synthesise('FimJobs'));
  jobs = Template.fromStack(fim.jobsStack);
  const stack = fim.jobsStack;
  const logicalId = (element: unknown) => stack.getLogicalId(element as CfnElement);
  ids = {
    fn: logicalId(stack.closeCallsFunction.function.node.defaultChild),
    fnRole: logicalId(stack.closeCallsFunction.role.node.defaultChild),
    dlq: logicalId(stack.deadLetterQueue.node.defaultChild),
    schedulerRole: logicalId(stack.schedulerRole.node.defaultChild),
    logs: logicalId(stack.closeCallsFunction.logGroup.node.defaultChild),
  };
});

afterAll(() => remove?.());

const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const TABLE_ARN = { 'Fn::ImportValue': expect.stringMatching(/^FimData:.*Arn/) };

describe('FimJobs: the closer function', () => {
  it('is the one function of the stack: Node.js 24 on ARM, 60 s, 512 MB, TABLE_NAME from FimData', () => {
    expect(fim.jobsStack.account).toBe(ACCOUNT);
    expect(fim.jobsStack.region).toBe(REGION);
    jobs.resourceCountIs('AWS::Lambda::Function', 1);
    jobs.hasResourceProperties('AWS::Lambda::Function', {
      ...functionDefaults({ memoryMb: 512, timeout: 60, logGroup: { Ref: ids.logs } }),
      Description: Match.stringLikeRegexp('closes calls at their deadline'),
    });
    jobs.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 365 },
    });
  });

  it('is bundled from close-calls.handler.ts as ESM with the AWS SDK inside', () => {
    const fn = jobs.findResources('AWS::Lambda::Function')[ids.fn]?.Properties;
    const dir = expectBundle(outdir, fn.Code.S3Key);
    const sources = bundledSources(dir);
    expect(sources).toContain('functions/handlers/close-calls.handler.ts');
    // It closes calls and queues reminders: no mail, no words, no pages, no API, no zod locales.
    expect(heavyIn(sources)).toEqual([]);
  });

  it('is the bundle the cold-start bench measures: bundleLikeInfra builds the same bytes', async () => {
    const fn = jobs.findResources('AWS::Lambda::Function')[ids.fn]?.Properties;
    const infra = readFileSync(join(expectBundle(outdir, fn.Code.S3Key), 'index.mjs'), 'utf8');
    const benchDir = mkdtempSync(join(tmpdir(), 'fim-bench-closer-'));
    try {
      expect(readFileSync(await bundleLikeInfra(CLOSE_CALLS_ENTRY, benchDir), 'utf8')).toBe(infra);
    } finally {
      rmSync(benchDir, { recursive: true, force: true });
    }
  });

  it('has the same least-privilege DynamoDB grants as the API function: no Scan, indexes Query only', () => {
    const roles = jobs.findResources('AWS::IAM::Role');
    expect(roles[ids.fnRole]?.Properties.ManagedPolicyArns).toBeUndefined();

    const statements = normalised(statementsOf(jobs, ids.fnRole));
    const actions = statements.flatMap((s) => s.Action);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);

    const dynamo = statements.filter((s) => s.Action.some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      { Effect: 'Allow', Action: [...TABLE_ACTIONS.readWrite].sort(), Resource: TABLE_ARN },
      {
        Effect: 'Allow',
        Action: ['dynamodb:Query'],
        Resource: TABLE_KEYS.indexes.map((index) => ({
          'Fn::Join': ['', [TABLE_ARN, `/index/${index.indexName}`]],
        })),
      },
    ]);
    // The rest: its own log group, X-Ray (no resource-level permissions), and sending failed runs to the DLQ.
    expect(statements.filter((s) => !s.Action.some((a) => a.startsWith('dynamodb:')))).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: arnOf(ids.logs) },
      { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: arnOf(ids.dlq),
      },
    ]);
  });

  it('parks runs that threw in the DLQ after 2 asynchronous retries within 5 minutes', () => {
    jobs.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    jobs.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.fn },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 300,
      DestinationConfig: { OnFailure: { Destination: arnOf(ids.dlq) } },
    });
  });
});

describe('FimJobs: the schedule', () => {
  it('invokes the closer every minute, on time, with a retry policy and the DLQ', () => {
    expectScheduledRun(jobs, { rate: 'rate(1 minute)', fn: ids.fn, role: ids.schedulerRole, dlq: ids.dlq });
  });

  it('has a role only EventBridge Scheduler of this account may assume, through the default group', () => {
    const role = jobs.findResources('AWS::IAM::Role')[ids.schedulerRole]?.Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': ACCOUNT,
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, `:scheduler:${REGION}:${ACCOUNT}:schedule-group/default`],
              ],
            },
          },
        },
      },
    ]);
  });

  it('lets no policy but the scheduler role’s invoke a function', () => {
    const apiStatements = statementsOf(Template.fromStack(fim.apiStack));
    const invokers = [...apiStatements, ...statementsOf(jobs)].filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('lambda:')),
    );
    expect(invokers).toHaveLength(1);
  });
});

describe('FimJobs: dead-letter queue and alarm', () => {
  it('keeps failed runs 14 days, encrypted with SQS-managed keys, reachable over TLS only', () => {
    jobs.resourceCountIs('AWS::SQS::Queue', 1);
    jobs.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 60 * 60,
    });
    jobs.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Resource: arnOf(ids.dlq),
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      },
    });
  });

  it('raises an alarm as soon as a message is visible in the DLQ (no action: subscribe one after deploying)', () => {
    jobs.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    const alarm = Object.values(jobs.findResources('AWS::CloudWatch::Alarm'))[0]?.Properties;
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.AlarmActions).toBeUndefined();
  });

  it('exports the outputs the docs use', () => {
    for (const name of ['CloseCallsDlqUrl', 'CloseCallsDlqAlarmName', 'CloseCallsFunctionName']) {
      jobs.hasOutput(name, {});
    }
  });
});

describe('FimJobs: cdk-nag', () => {
  it('reports no unacknowledged finding; SQS3 is acknowledged on the DLQ only', () => {
    expectNoNagFindings(fim.app, outdir);

    const acks = acknowledgements(fim.jobsStack);
    expect(acks.map((a) => `${a.id} at ${a.path}`).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*] at FimJobs/CloseCallsFunction/Role',
      'AwsSolutions-SQS3 at FimJobs/CloseCallsDlq',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(60);
  });
});
