import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_FAILED_LOG } from '../../functions/app/mail-log.js';
import { buildApp, type FimApp, mailSender } from '../../infra/build-app.js';
import { TABLE_ACTIONS } from '../../infra/constructs/app-function.js';
import type { MessagesStack } from '../../infra/stacks/messages-stack.js';
import {
  ACCOUNT,
  acknowledgements,
  asArray,
  bundledSources,
  bundleOnly,
  cdkJsonContext,
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

const NO_BUNDLING = bundleOnly();
const DOMAIN = 'fim.example.dk';

let outdir: string;
let fim: FimApp;
let stack: MessagesStack;
let mail: Template;
let remove: () => void;

/** The logical id of a construct's CloudFormation resource in FimMessages. */
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
/** The ARN of an SES resource of FimMessages, as the template builds it. */
const sesArn = (type: 'identity' | 'configuration-set', construct: { node: { defaultChild?: unknown } }) => ({
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, `:ses:${REGION}:${ACCOUNT}:${type}/`, { Ref: idOf(construct) }],
  ],
});
const TABLE_ARN = { 'Fn::ImportValue': expect.stringMatching(/^FimData:.*Arn/) };
const STREAM_ARN = { 'Fn::ImportValue': expect.stringMatching(/^FimData:.*StreamArn/) };

/** An extra app with other mail context, not bundled (only the main app's bundles are checked). */
const appWith = (context: Record<string, unknown>) =>
  buildApp({
    appProps: { context: cdkJsonContext({ ...NO_BUNDLING, ...context }) },
    env: { CDK_DEFAULT_ACCOUNT: ACCOUNT },
  });

beforeAll(() => {
  // The mail functions are bundled here; the nag plugin runs during synth over all four stacks.
  ({ fim, outdir, remove } = synthesise('FimMessages', { mailDomain: DOMAIN, alarmEmail: 'ops@example.dk' }));
  if (!fim.messagesStack) throw new Error('mailDomain given, yet no FimMessages stack');
  stack = fim.messagesStack;
  mail = Template.fromStack(stack);
});

afterAll(() => remove?.());

describe('mail configuration (context)', () => {
  it('builds FimMessages only when mail is configured, and warns that nothing is sent otherwise', () => {
    expect(fim.app.node.children.map((child) => child.node.id)).toContain('FimMessages');
    expect(stack.account).toBe(ACCOUNT);
    expect(stack.region).toBe(REGION);

    const none = appWith({});
    expect(none.messagesStack).toBeUndefined();
    expect(none.app.node.tryFindChild('FimMessages')).toBeUndefined();
    const warnings = none.app.node.metadata
      .filter((m) => m.type === 'aws:cdk:warning')
      .map((m) => String(m.data));
    expect(warnings).toEqual([
      expect.stringMatching(/No e-mail is sent: give -c mailDomain=.*\[ack: fim:mail-not-configured\]/),
    ]);
    expect(fim.app.node.metadata.filter((m) => m.type === 'aws:cdk:warning')).toEqual([]);
  });

  it('sends from no-reply@<mailDomain>, or from mailFrom at that domain; mailFrom alone is an address identity', () => {
    expect(mailSender(DOMAIN, undefined)).toEqual({ domain: DOMAIN, from: `no-reply@${DOMAIN}` });
    expect(mailSender(DOMAIN, `fim@${DOMAIN.toUpperCase()}`)).toEqual({
      domain: DOMAIN,
      from: `fim@${DOMAIN.toUpperCase()}`,
    });
    expect(mailSender(undefined, 'fim@example.org')).toEqual({ from: 'fim@example.org' });
    expect(mailSender(undefined, undefined)).toBeUndefined();
  });

  it('stops synth on a malformed or mismatched setting, naming it', () => {
    expect(() => mailSender(DOMAIN, 'fim@other.dk')).toThrow(
      'Context mailFrom (fim@other.dk) must be an address at mailDomain (fim.example.dk)',
    );
    expect(() => mailSender(undefined, 'not-an-address')).toThrow(
      'Context mailFrom must be an e-mail address',
    );
    expect(() => mailSender('https://fim.example.dk', undefined)).toThrow(
      'Context mailDomain must be a domain name',
    );
    expect(() => appWith({ mailFrom: 'nobody' })).toThrow('Context mailFrom must be an e-mail address');
  });

  it('with mailFrom alone: an e-mail address identity, no DKIM records, and that address as sender', () => {
    const only = appWith({ mailFrom: 'fim@example.org' });
    const template = Template.fromStack(only.messagesStack as Stack);
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'fim@example.org' });
    expect(Object.keys(template.findOutputs('*')).filter((name) => name.startsWith('Dkim'))).toEqual([]);
    template.hasOutput('MailFrom', { Value: 'fim@example.org' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MAIL_FROM: 'fim@example.org' }) },
    });
  });

  it('takes the links’ site URL from siteUrl when given, else CloudFront’s address', () => {
    const custom = appWith({ mailDomain: DOMAIN, siteUrl: 'https://fim.example.dk' });
    Template.fromStack(custom.messagesStack as Stack).allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) },
    });
    const sites = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((fn) => fn.Properties.Environment.Variables.SITE_URL)
        .filter(Boolean);
    expect(sites(Template.fromStack(custom.messagesStack as Stack))).toEqual([
      'https://fim.example.dk',
      'https://fim.example.dk',
    ]);
    const cloudFront = {
      'Fn::Join': ['', ['https://', { 'Fn::ImportValue': expect.stringMatching(/^FimApi:.*DomainName/) }]],
    };
    expect(sites(mail)).toEqual([cloudFront, cloudFront]);
  });
});

describe('FimMessages: SES', () => {
  it('has a domain identity with Easy DKIM (2048-bit) sending through the configuration set', () => {
    mail.resourceCountIs('AWS::SES::EmailIdentity', 1);
    mail.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: DOMAIN,
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: idOf(stack.configurationSet) } },
    });
  });

  it('prints the three DKIM CNAME records to publish, the From address and the configuration set', () => {
    const identity = idOf(stack.identity);
    for (const n of [1, 2, 3]) {
      mail.hasOutput(`DkimRecord${n}`, {
        Value: {
          'Fn::Join': [
            ' ',
            [
              { 'Fn::GetAtt': [identity, `DkimDNSTokenName${n}`] },
              'CNAME',
              { 'Fn::GetAtt': [identity, `DkimDNSTokenValue${n}`] },
            ],
          ],
        },
        Description: Match.stringLikeRegexp(`CNAME record in the DNS of ${DOMAIN}`),
      });
    }
    mail.hasOutput('MailFrom', { Value: `no-reply@${DOMAIN}` });
    mail.hasOutput('ConfigurationSetName', { Value: { Ref: idOf(stack.configurationSet) } });
  });

  it('publishes bounces, complaints and rejects of the configuration set to the encrypted events topic', () => {
    mail.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    mail.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 1);
    mail.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: idOf(stack.configurationSet) },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'reject'],
        SnsDestination: { TopicARN: { Ref: idOf(stack.eventsTopic) } },
      },
    });
  });
});

describe('FimMessages: the events topic and its key', () => {
  it('encrypts the events topic with a rotated key that only SES of this account may publish with', () => {
    mail.resourceCountIs('AWS::SNS::Topic', 1);
    mail.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: arnOf(idOf(stack.key)) });
    mail.resourceCountIs('AWS::KMS::Key', 1);
    const key = Object.values(mail.findResources('AWS::KMS::Key'))[0]?.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    const services = (
      key.KeyPolicy.Statement as { Principal: { Service?: string }; Action: string[]; Condition?: unknown }[]
    )
      .filter((s) => s.Principal.Service)
      .map((s) => ({ service: s.Principal.Service, actions: s.Action, condition: s.Condition }));
    expect(services).toEqual([
      {
        service: 'ses.amazonaws.com',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
  });

  it('lets SES publish to the events topic for this configuration set only, over TLS only', () => {
    const policies = Object.values(mail.findResources('AWS::SNS::TopicPolicy')).map((p) => p.Properties);
    expect(policies).toHaveLength(1);
    expect(policies[0].Topics).toEqual([{ Ref: idOf(stack.eventsTopic) }]);
    expect(policies[0].PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(policies[0].PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sns:Publish',
        Principal: { Service: 'ses.amazonaws.com' },
        Condition: {
          StringEquals: {
            'AWS:SourceAccount': ACCOUNT,
            'AWS:SourceArn': sesArn('configuration-set', stack.configurationSet),
          },
        },
      }),
    );
  });

  it('subscribes the events handler, with the DLQ for undeliverable events (the alarm e-mail is FimAlarms’)', () => {
    mail.resourceCountIs('AWS::SNS::Subscription', 1);
    mail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: idOf(stack.eventsTopic) },
      Endpoint: arnOf(idOf(stack.eventsFunction.function)),
      RedrivePolicy: { deadLetterTargetArn: arnOf(idOf(stack.deadLetterQueue)) },
    });
  });
});

describe('FimMessages: the sender and the stream', () => {
  it('reads only inserted outbox items that are pending (the exact filter pattern)', () => {
    mail.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    const mapping = Object.values(mail.findResources('AWS::Lambda::EventSourceMapping'))[0]?.Properties;
    expect(mapping.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['outbox'] }, status: { S: ['pending'] } } },
    });
  });

  it('reports partial batch failures, bisects, retries 3 times within an hour, then parks records in the DLQ', () => {
    const mapping = Object.values(mail.findResources('AWS::Lambda::EventSourceMapping'))[0]?.Properties;
    expect(mapping).toMatchObject({
      FunctionName: { Ref: idOf(stack.senderFunction.function) },
      EventSourceArn: STREAM_ARN,
      StartingPosition: 'LATEST',
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(idOf(stack.deadLetterQueue)) } },
    });
  });

  it('runs the three functions with the project defaults, the table, and the mail settings for the two that send', () => {
    mail.resourceCountIs('AWS::Lambda::Function', 3);
    const mailVariables = {
      MAIL_FROM: `no-reply@${DOMAIN}`,
      MAIL_CONFIGURATION_SET: { Ref: idOf(stack.configurationSet) },
      SITE_URL: Match.anyValue(),
    };
    for (const [fn, timeout, variables] of [
      [stack.senderFunction, 60, mailVariables],
      [stack.sweepFunction, 90, mailVariables],
      [stack.eventsFunction, 30, {}],
    ] as const) {
      mail.hasResourceProperties('AWS::Lambda::Function', {
        ...functionDefaults({ memoryMb: 512, timeout, logGroup: { Ref: idOf(fn.logGroup) }, variables }),
        Role: arnOf(idOf(fn.role)),
      });
    }
  });

  it('bundles each handler as ESM with the AWS SDK inside', () => {
    for (const [fn, source] of [
      [stack.senderFunction, 'mail-sender'],
      [stack.sweepFunction, 'mail-sweep'],
      [stack.eventsFunction, 'mail-events'],
    ] as const) {
      const props = mail.findResources('AWS::Lambda::Function')[idOf(fn.function)]?.Properties;
      const sources = bundledSources(expectBundle(outdir, props.Code.S3Key));
      expect(sources).toContain(`functions/handlers/${source}.handler.ts`);
      // The senders word and send mail through SES (nodemailer's mailer, not its SMTP); the events handler
      // only records what SES reports. zod only where SES's events are parsed (mail-events.schema.ts).
      expect(heavyIn(sources)).toEqual(
        {
          'mail-events': ['zod'],
          'mail-sender': ['zod', 'nodemailer', 'texts'],
          'mail-sweep': ['nodemailer', 'texts'],
        }[source],
      );
    }
  });
});

describe('FimMessages: the sweep', () => {
  it('invokes the sweep every 2 minutes, on time, with a retry policy and the DLQ', () => {
    expectScheduledRuns(mail, idOf(stack.schedulerRole), [
      { rate: 'rate(2 minutes)', fn: idOf(stack.sweepFunction.function), dlq: idOf(stack.deadLetterQueue) },
    ]);
  });

  it('parks sweep runs and SES events that threw in the DLQ after 2 asynchronous retries', () => {
    mail.resourceCountIs('AWS::Lambda::EventInvokeConfig', 2);
    for (const fn of [stack.sweepFunction, stack.eventsFunction]) {
      mail.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: idOf(fn.function) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: arnOf(idOf(stack.deadLetterQueue)) } },
      });
    }
  });
});

describe('FimMessages: IAM', () => {
  const sesStatement = () => ({
    Effect: 'Allow',
    Action: ['ses:SendEmail', 'ses:SendRawEmail'],
    Resource: [sesArn('identity', stack.identity), sesArn('configuration-set', stack.configurationSet)].sort(
      (a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)),
    ),
  });
  const sorted = (statements: ReturnType<typeof normalised>) =>
    statements.map((s) =>
      Array.isArray(s.Resource)
        ? {
            ...s,
            Resource: [...s.Resource].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
          }
        : s,
    );
  const dynamo = [
    { Effect: 'Allow', Action: [...TABLE_ACTIONS.readWrite].sort(), Resource: TABLE_ARN },
    indexQueryStatement(TABLE_ARN),
  ];
  const own = (fn: MessagesStack['senderFunction']) => [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: arnOf(idOf(fn.logGroup)),
    },
    { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
  ];
  const dlq = () => ({
    Effect: 'Allow',
    Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
    Resource: arnOf(idOf(stack.deadLetterQueue)),
  });

  it('lets the sender send through the identity and configuration set only, and read the table’s stream only', () => {
    expect(sorted(normalised(statementsOf(mail, idOf(stack.senderFunction.role))))).toEqual(
      expect.arrayContaining([
        ...own(stack.senderFunction),
        ...dynamo,
        sesStatement(),
        {
          Effect: 'Allow',
          Action: [
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'dynamodb:ListStreams',
          ],
          Resource: STREAM_ARN,
        },
        dlq(),
      ]),
    );
    // Each also adds to and reads the audit table (test/infra/audit.test.ts).
    expect(statementsOf(mail, idOf(stack.senderFunction.role))).toHaveLength(8);
  });

  it('gives the sweep the same sending and table grants, no stream; the events handler no SES at all', () => {
    expect(sorted(normalised(statementsOf(mail, idOf(stack.sweepFunction.role))))).toEqual(
      expect.arrayContaining([...own(stack.sweepFunction), ...dynamo, sesStatement(), dlq()]),
    );
    expect(statementsOf(mail, idOf(stack.sweepFunction.role))).toHaveLength(7);
    expect(sorted(normalised(statementsOf(mail, idOf(stack.eventsFunction.role))))).toEqual(
      expect.arrayContaining([...own(stack.eventsFunction), ...dynamo, dlq()]),
    );
    expect(statementsOf(mail, idOf(stack.eventsFunction.role))).toHaveLength(6);
  });

  it('has no role with an AWS managed policy, and no wildcard but X-Ray’s anywhere in the app', () => {
    for (const role of Object.values(mail.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    const all = fim.app.node.children
      .filter((child): child is Stack => 'templateOptions' in child)
      .flatMap((s) => statementsOf(Template.fromStack(s)));
    const star = all.filter((s) => s.Resource === '*' || asArray(s.Action).some((a) => a.endsWith('*')));
    expect([...new Set(star.flatMap((s) => asArray(s.Action)))].sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    // Only the two sending functions may use SES.
    const ses = all.filter((s) => asArray(s.Action).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(2);
  });
});

describe('FimMessages: dead-letter queue and alarms', () => {
  it('keeps failed records, runs and events 14 days, encrypted, over TLS only', () => {
    mail.resourceCountIs('AWS::SQS::Queue', 1);
    mail.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    mail.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // SNS may park undeliverable SES events in it, for the events topic only.
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { Ref: idOf(stack.eventsTopic) } } },
          }),
        ]),
      },
    });
  });

  it('counts the “Messages failed” log lines of the three functions into one metric', () => {
    mail.resourceCountIs('AWS::Logs::MetricFilter', 3);
    for (const fn of [stack.senderFunction, stack.sweepFunction, stack.eventsFunction]) {
      mail.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: idOf(fn.logGroup) },
        FilterPattern: `{ $.message = "${MESSAGES_FAILED_LOG}" }`,
        MetricTransformations: [
          { MetricNamespace: 'FIM/Messages', MetricName: 'MessagesFailed', MetricValue: '$.failed' },
        ],
      });
    }
  });

  it('alarms on the DLQ, on failed messages, on SES’s bounce and complaint rates and on each function', () => {
    // Where they go and the SES thresholds: test/infra/alarms.test.ts.
    mail.resourceCountIs('AWS::CloudWatch::Alarm', 4 + 3 * 2);
    const watched = Object.values(mail.findResources('AWS::CloudWatch::Alarm')).map((a) => ({
      ns: a.Properties.Namespace,
      name: a.Properties.MetricName,
      stat: a.Properties.Statistic,
      dims: a.Properties.Dimensions,
    }));
    const onFunction = (fn: { function: { node: { defaultChild?: unknown } } }, name: string) => ({
      ns: 'AWS/Lambda',
      name,
      stat: 'Sum',
      dims: [{ Name: 'FunctionName', Value: { Ref: idOf(fn.function) } }],
    });
    expect(watched).toEqual(
      expect.arrayContaining([
        {
          ns: 'AWS/SQS',
          name: 'ApproximateNumberOfMessagesVisible',
          stat: 'Maximum',
          dims: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(stack.deadLetterQueue), 'QueueName'] } }],
        },
        { ns: 'FIM/Messages', name: 'MessagesFailed', stat: 'Sum', dims: undefined },
        { ns: 'AWS/SES', name: 'Reputation.BounceRate', stat: 'Maximum', dims: undefined },
        { ns: 'AWS/SES', name: 'Reputation.ComplaintRate', stat: 'Maximum', dims: undefined },
        ...[stack.senderFunction, stack.sweepFunction, stack.eventsFunction].flatMap((fn) => [
          onFunction(fn, 'Errors'),
          onFunction(fn, 'Throttles'),
        ]),
      ]),
    );
  });

  it('exports the outputs the docs use', () => {
    for (const name of ['MailDlqUrl', 'MailFrom', 'ConfigurationSetName']) mail.hasOutput(name, {});
  });
});

describe('FimMessages: cdk-nag', () => {
  it('reports no unacknowledged finding; SQS3 only on the DLQ, IAM5[Resource::*] only for X-Ray', () => {
    expectNoNagFindings(fim.app, outdir);
    const acks = acknowledgements(stack);
    expect(acks.map((a) => `${a.id} at ${a.path}`).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*] at FimMessages/EventsFunction/Role',
      'AwsSolutions-IAM5[Resource::*] at FimMessages/SenderFunction/Role',
      'AwsSolutions-IAM5[Resource::*] at FimMessages/SweepFunction/Role',
      'AwsSolutions-SQS3 at FimMessages/MailDlq',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(60);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});
