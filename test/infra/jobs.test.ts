import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FimApp } from '../../infra/build-app.js';
import type { AppFunction } from '../../infra/constructs/app-function.js';
import { AUDIT_TABLE_ACTIONS, TABLE_ACTIONS } from '../../infra/constructs/app-function.js';
import { bundleForLambda } from '../../infra/constructs/bundle.js';
import { CLOSE_CALLS_ENTRY } from '../../infra/stacks/jobs-stack.js';
import {
  ACCOUNT,
  acknowledgements,
  asArray,
  bundledSources,
  expectBundle,
  expectNoNagFindings,
  expectScheduledRuns,
  functionDefaults,
  heavyIn,
  indexQueryStatement,
  normalised,
  REGION,
  statementsOf,
  synthesise,
} from './helpers.js';

let outdir: string;
let fim: FimApp;
let jobs: Template;
/** Logical ids in the FimJobs template, per job. */
interface JobIds {
  fn: string;
  fnRole: string;
  dlq: string;
  logs: string;
}
let closer: JobIds;
let reminders: JobIds;
let retention: JobIds;
let schedulerRoleId: string;

let remove: () => void;

beforeAll(() => {
  // Only FimJobs' functions are bundled here (FimApi's function is bundled in stacks.test.ts).
  ({ fim, outdir, remove } = synthesise('FimJobs'));
  jobs = Template.fromStack(fim.jobsStack);
  const stack = fim.jobsStack;
  const logicalId = (element: unknown) => stack.getLogicalId(element as CfnElement);
  const idsOf = (fn: AppFunction, dlq: Queue): JobIds => ({
    fn: logicalId(fn.function.node.defaultChild),
    fnRole: logicalId(fn.role.node.defaultChild),
    dlq: logicalId(dlq.node.defaultChild),
    logs: logicalId(fn.logGroup.node.defaultChild),
  });
  closer = idsOf(stack.closeCallsFunction, stack.deadLetterQueue);
  reminders = idsOf(stack.reminders.fn, stack.reminders.deadLetterQueue);
  retention = idsOf(stack.retention.fn, stack.retention.deadLetterQueue);
  schedulerRoleId = logicalId(stack.schedulerRole.node.defaultChild);
});

afterAll(() => remove?.());

const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const TABLE_ARN = { 'Fn::ImportValue': expect.stringMatching(/^FimData:.*Arn/) };
/** Each job: its ids (read after synthesis), its handler, what its description says, and its retry window. */
const JOBS = [
  {
    name: 'closer',
    ids: () => closer,
    handler: 'close-calls',
    says: 'closes calls at their deadline',
    ageS: 300,
  },
  {
    name: 'reminders',
    ids: () => reminders,
    handler: 'reminders',
    says: 'queues the reminders due',
    ageS: 3600,
  },
  {
    name: 'retention',
    ids: () => retention,
    handler: 'retention',
    says: 'retention schedule',
    ageS: 3600,
  },
] as const;

describe('FimJobs: the functions', () => {
  it('are three scheduled (Node.js 24 on ARM, 60 s, 512 MB, TABLE_NAME from FimData) and the export worker', () => {
    expect(fim.jobsStack.account).toBe(ACCOUNT);
    expect(fim.jobsStack.region).toBe(REGION);
    // The fourth is the export worker (test/infra/exports.test.ts).
    jobs.resourceCountIs('AWS::Lambda::Function', 4);
    for (const job of JOBS) {
      jobs.hasResourceProperties('AWS::Lambda::Function', {
        ...functionDefaults({ memoryMb: 512, timeout: 60, logGroup: { Ref: job.ids().logs } }),
        Description: Match.stringLikeRegexp(job.says),
      });
    }
    jobs.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 365 },
    });
  });

  it.each(JOBS)('$name is bundled from its handler as ESM with the AWS SDK inside', (job) => {
    const fn = jobs.findResources('AWS::Lambda::Function')[job.ids().fn]?.Properties;
    const dir = expectBundle(outdir, fn.Code.S3Key);
    const sources = bundledSources(dir);
    expect(sources).toContain(`functions/handlers/${job.handler}.handler.ts`);
    // It closes calls or queues reminders: no mail, no words, no pages, no API, no zod (it validates no input:
    // functions/core/package.json lets esbuild drop the core's unused schema modules), no X-Ray SDK.
    expect(heavyIn(sources)).toEqual([]);
  });

  it.each([
    // organisations: applications.repository.ts writes an unknown partner's flag with its item builder.
    { name: 'closer', repositories: ['applications', 'calls', 'organisations', 'reminders'] },
    {
      name: 'reminders',
      repositories: ['applications', 'awards', 'calls', 'organisations', 'reminders', 'reports', 'reviews'],
    },
  ] as const)('$name bundles only the repositories its handler wires (docs/infra.md "Cold start")', (job) => {
    const ids = JOBS.find((j) => j.name === job.name)?.ids();
    const fn = jobs.findResources('AWS::Lambda::Function')[ids?.fn ?? '']?.Properties;
    const repositories = bundledSources(expectBundle(outdir, fn.Code.S3Key))
      .map((source) => /^functions\/db\/([a-z-]+)\.repository\.ts$/.exec(source)?.[1])
      .filter((name) => name !== undefined);
    expect([...new Set(repositories)].sort()).toEqual(job.repositories);
  });

  it('the closer is the bundle the cold-start bench measures: bundleForLambda builds the same bytes', () => {
    const fn = jobs.findResources('AWS::Lambda::Function')[closer.fn]?.Properties;
    const infra = readFileSync(join(expectBundle(outdir, fn.Code.S3Key), 'index.mjs'), 'utf8');
    const benchDir = mkdtempSync(join(tmpdir(), 'fim-bench-closer-'));
    try {
      // Chunk names carry a hash that covers their source maps' relative paths, which depend on where the
      // bundle is written (cdk.out or a temporary folder): the same code otherwise.
      const named = (code: string) => code.replace(/-[A-Z0-9]{8}\.mjs/g, '.mjs');
      expect(named(readFileSync(bundleForLambda(CLOSE_CALLS_ENTRY, benchDir).entryFile, 'utf8'))).toBe(
        named(infra),
      );
    } finally {
      rmSync(benchDir, { recursive: true, force: true });
    }
  });

  it.each(JOBS)(
    '$name has the API function’s least-privilege DynamoDB grants: no Scan, indexes Query only',
    (job) => {
      const ids = job.ids();
      const roles = jobs.findResources('AWS::IAM::Role');
      expect(roles[ids.fnRole]?.Properties.ManagedPolicyArns).toBeUndefined();

      const statements = normalised(statementsOf(jobs, ids.fnRole));
      const actions = statements.flatMap((s) => s.Action);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:BatchWriteItem');
      expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);

      // The retention job's deletes are its own (test/infra/retention.test.ts); the others delete nothing.
      const deletes = (s: { Action: string[] }) =>
        s.Action.includes('dynamodb:DeleteItem') || s.Action.includes('s3:DeleteObject');
      expect(statements.some(deletes)).toBe(job.name === 'retention');
      const dynamo = statements.filter((s) => s.Action.some((a) => a.startsWith('dynamodb:')) && !deletes(s));
      expect(dynamo).toEqual([
        { Effect: 'Allow', Action: [...TABLE_ACTIONS.readWrite].sort(), Resource: TABLE_ARN },
        indexQueryStatement(TABLE_ARN),
        // The audit table: add and read only (test/infra/audit.test.ts).
        {
          Effect: 'Allow',
          Action: [...AUDIT_TABLE_ACTIONS].sort(),
          Resource: { 'Fn::ImportValue': expect.stringMatching(/^FimData:.*AuditTable.*Arn/) },
        },
      ]);
      // The rest: its own log group, X-Ray (no resource-level permissions), and sending failed runs to its DLQ.
      expect(
        statements.filter((s) => !s.Action.some((a) => a.startsWith('dynamodb:')) && !deletes(s)),
      ).toEqual([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: arnOf(ids.logs) },
        { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
          Resource: arnOf(ids.dlq),
        },
      ]);
    },
  );

  it('parks runs that threw in their DLQ after 2 asynchronous retries (closer: 5 minutes; the daily ones: an hour)', () => {
    jobs.resourceCountIs('AWS::Lambda::EventInvokeConfig', 3);
    for (const job of JOBS) {
      jobs.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: job.ids().fn },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: job.ageS,
        DestinationConfig: { OnFailure: { Destination: arnOf(job.ids().dlq) } },
      });
    }
  });
});

describe('FimJobs: the retention job’s deletes', () => {
  it('deletes items only under an application’s partition, and documents’ files only under their prefix', () => {
    const statements = normalised(statementsOf(jobs, retention.fnRole));
    const deletes = statements.filter((s) => s.Action.some((a) => a.includes('Delete')));
    expect(deletes).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:DeleteItem'],
        Resource: TABLE_ARN,
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['APP#*'] },
        },
      },
      {
        Effect: 'Allow',
        Action: ['s3:DeleteObject'],
        Resource: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, `:s3:::fim-documents-${ACCOUNT}-${REGION}/documents/*`],
          ],
        },
      },
    ]);
    const fn = jobs.findResources('AWS::Lambda::Function')[retention.fn]?.Properties;
    expect(fn.Environment.Variables.DOCUMENTS_BUCKET).toBe(`fim-documents-${ACCOUNT}-${REGION}`);
  });
});

describe('FimJobs: the schedules', () => {
  it('invoke the closer every minute, the reminders and the retention job every day, on time, with a retry policy and the DLQs', () => {
    expectScheduledRuns(jobs, schedulerRoleId, [
      { rate: 'rate(1 minute)', fn: closer.fn, dlq: closer.dlq },
      { rate: 'rate(1 day)', fn: reminders.fn, dlq: reminders.dlq, maxEventAgeSeconds: 3600 },
      { rate: 'rate(1 day)', fn: retention.fn, dlq: retention.dlq, maxEventAgeSeconds: 3600 },
    ]);
  });

  it('have a role only EventBridge Scheduler of this account may assume, through the default group', () => {
    const role = jobs.findResources('AWS::IAM::Role')[schedulerRoleId]?.Properties;
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

  it('let no policy but the scheduler role’s invoke a function', () => {
    const apiStatements = statementsOf(Template.fromStack(fim.apiStack));
    const invokers = [...apiStatements, ...statementsOf(jobs)].filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('lambda:')),
    );
    const schedulers = statementsOf(jobs, schedulerRoleId).filter((s) =>
      asArray(s.Action).some((a) => a.startsWith('lambda:')),
    );
    expect(schedulers).toHaveLength(1);
    expect(invokers).toEqual(schedulers);
    expect(schedulers[0]?.Resource).toEqual([arnOf(closer.fn), arnOf(reminders.fn), arnOf(retention.fn)]);
  });
});

describe('FimJobs: dead-letter queues and alarms', () => {
  it.each(JOBS)(
    '$name’s keeps failed runs 14 days, encrypted with SQS-managed keys, over TLS only',
    (job) => {
      // The fourth is the export worker's (test/infra/exports.test.ts).
      jobs.resourceCountIs('AWS::SQS::Queue', 4);
      jobs.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 60 * 60,
      });
      jobs.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: job.ids().dlq }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Deny',
              Action: 'sqs:*',
              Principal: { AWS: '*' },
              Resource: arnOf(job.ids().dlq),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ]),
        },
      });
    },
  );

  it('raise an alarm as soon as a message is visible in a DLQ; each function has its errors and throttles alarms', () => {
    // What they watch and where they go: test/infra/alarms.test.ts.
    // Three each: the closer, the reminders, the retention job and the export worker (test/infra/exports.test.ts).
    jobs.resourceCountIs('AWS::CloudWatch::Alarm', 12);
    const alarms = Object.values(jobs.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    for (const job of JOBS) {
      const alarm = alarms.find((a) => a.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === job.ids().dlq);
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [job.ids().dlq, 'QueueName'] } }],
        Statistic: 'Maximum',
      });
      const onFunction = alarms
        .filter((a) => a.Dimensions?.[0]?.Value?.Ref === job.ids().fn)
        .map((a) => `${a.Namespace} ${a.MetricName}`);
      expect(onFunction.sort()).toEqual(['AWS/Lambda Errors', 'AWS/Lambda Throttles']);
    }
  });

  it('exports the outputs the docs use', () => {
    for (const job of ['CloseCalls', 'Reminders', 'Retention']) {
      for (const name of [`${job}DlqUrl`, `${job}DlqAlarmName`, `${job}FunctionName`])
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
      'AwsSolutions-IAM5[Resource::*] at FimJobs/ExportWorkerFunction/Role',
      'AwsSolutions-IAM5[Resource::*] at FimJobs/RemindersFunction/Role',
      'AwsSolutions-IAM5[Resource::*] at FimJobs/RetentionFunction/Role',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::fim-documents-${ACCOUNT}-${REGION}/documents/*] at FimJobs/ExportWorkerFunction/Role`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::fim-documents-${ACCOUNT}-${REGION}/documents/*] at FimJobs/RetentionFunction/Role`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::fim-documents-${ACCOUNT}-${REGION}/exports/*] at FimJobs/ExportWorkerFunction/Role`,
      'AwsSolutions-SQS3 at FimJobs/CloseCallsDlq',
      'AwsSolutions-SQS3 at FimJobs/ExportDlq',
      'AwsSolutions-SQS3 at FimJobs/RemindersDlq',
      'AwsSolutions-SQS3 at FimJobs/RetentionDlq',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(60);
  });
});
