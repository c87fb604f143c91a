import { Annotations, App, type AppProps, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AlarmsStack } from './stacks/alarms-stack.js';
import { ApiStack } from './stacks/api-stack.js';
import { DashboardStack } from './stacks/dashboard-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { DocumentsStack } from './stacks/documents-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { JobsStack } from './stacks/jobs-stack.js';
import { type MailSender, MessagesStack } from './stacks/messages-stack.js';

/**
 * Placeholder account for offline `cdk synth` when no AWS credentials are configured (CDK_DEFAULT_ACCOUNT
 * unset). Deploying always runs with credentials, so the real account replaces it there.
 */
export const PLACEHOLDER_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'eu-north-1';
/** Where CloudFront's WAF web ACL must be created. */
export const EDGE_REGION = 'us-east-1';

export interface BuildAppOptions {
  /** Passed to `new App()`, e.g. `{ context: { hostedUiDomainPrefix: 'fim-test' } }` or an outdir in tests. */
  readonly appProps?: AppProps;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

export interface FimApp {
  readonly app: App;
  /** The one alarm topic and its e-mail subscription, deployed first. */
  readonly alarmsStack: AlarmsStack;
  readonly dataStack: DataStack;
  readonly apiStack: ApiStack;
  /** The WAF web ACL in us-east-1 (CloudFront's web ACLs live there only). */
  readonly edgeStack: EdgeStack;
  readonly jobsStack: JobsStack;
  /** The documents bucket, GuardDuty's malware scanning and the verdicts' function. */
  readonly documentsStack: DocumentsStack;
  /** Only with mail configured (`mailDomain` or `mailFrom`): see mailSender(). */
  readonly messagesStack?: MessagesStack;
  /** The CloudWatch dashboard, deployed last. */
  readonly dashboardStack: DashboardStack;
}

function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function contextBoolean(app: App, key: string): boolean {
  const value: unknown = app.node.tryGetContext(key);
  return value === true || value === 'true';
}

const ADDRESS = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

/**
 * Who the platform's e-mail comes from, from context: `mailDomain` (a domain identity with Easy DKIM; From is
 * `mailFrom` when given, which must be at that domain, else no-reply@<mailDomain>), or `mailFrom` alone (an
 * e-mail address identity), or neither: undefined, and no mail stack is built. A malformed value stops synth.
 */
export function mailSender(domain: string | undefined, from: string | undefined): MailSender | undefined {
  const fromDomain = from === undefined ? undefined : ADDRESS.exec(from)?.[1];
  if (from !== undefined && fromDomain === undefined) {
    throw new Error(`Context mailFrom must be an e-mail address, not "${from}"`);
  }
  if (domain === undefined) return from === undefined ? undefined : { from };
  if (!/^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(domain)) {
    throw new Error(`Context mailDomain must be a domain name such as fim.example.dk, not "${domain}"`);
  }
  if (fromDomain !== undefined && fromDomain.toLowerCase() !== domain.toLowerCase()) {
    throw new Error(`Context mailFrom (${from}) must be an address at mailDomain (${domain})`);
  }
  return { domain, from: from ?? `no-reply@${domain}` };
}

/**
 * Builds the FIM app: stacks, wiring and cdk-nag (AwsSolutions) checks. infra/app.ts synthesises it for the
 * CLI; the infra tests build the very same app.
 *
 * Context (cdk.json or `-c key=value`):
 *   - region: the AWS region (default: eu-north-1)
 *   - hostedUiDomainPrefix: Cognito hosted UI prefix (default: fim-<account>)
 *   - threatProtection: 'true' for the Cognito Plus plan with threat protection enforced (default: off)
 *   - mailDomain, mailFrom: who e-mail comes from (mailSender()); without both, no FimMessages stack
 *   - alarmEmail: subscribed to the alarm topic (FimAlarms), which every alarm goes to
 *   - siteUrl: the site's address in the e-mails' links (default: CloudFront's address)
 *   - auditRetentionYears: years each audit event's copy stays locked in the archive (default: 10)
 *   - retentionClosedYears: years after a case closed until the retention job anonymises it (default: 5,
 *     functions/core/cases/retention.ts); set on the API (erasure's answer) and the retention job alike
 */
export function buildApp(options: BuildAppOptions = {}): FimApp {
  const processEnv = options.env ?? process.env;
  const app = new App(options.appProps);
  // S3 server access logs delivered by a bucket policy, not the legacy LogDeliveryWrite ACL (which needs object
  // ACLs on the log bucket): set here, before any construct, so the tests' apps and `cdk synth` agree.
  app.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

  const env: Environment = {
    account: processEnv.CDK_DEFAULT_ACCOUNT || PLACEHOLDER_ACCOUNT,
    // Not CDK_DEFAULT_REGION: the CLI silently sets it to us-east-1 when no region is configured, and FIM's
    // data (personal data of applicants) must stay in the EU. Another region only on purpose: -c region=...
    region: contextString(app, 'region') ?? DEFAULT_REGION,
  };

  // Every alarm goes to one topic, in a stack that depends on nothing: deployed first, never touched by a change
  // elsewhere, so the e-mail subscription (confirmed once by its address) stays.
  const alarmsStack = new AlarmsStack(app, 'FimAlarms', {
    env,
    description: 'FIM grant pool platform: the alarm topic and its e-mail subscription',
    alarmEmail: contextString(app, 'alarmEmail'),
  });
  const alarmTopic = alarmsStack.topic;
  const dataStack = new DataStack(app, 'FimData', {
    env,
    alarmTopic,
    description: 'FIM grant pool platform: data (DynamoDB table, the audit table and its locked archive)',
    ...(contextString(app, 'auditRetentionYears')
      ? { auditRetentionYears: Number(contextString(app, 'auditRetentionYears')) }
      : {}),
    terminationProtection: true,
  });
  // The WAF web ACL for CloudFront, in us-east-1 as AWS requires; FimApi reads its ARN across regions (CDK
  // writes it to SSM parameters in FimApi's region on deployment): one `cdk deploy --all`, no ARN to copy.
  const edgeStack = new EdgeStack(app, 'FimEdge', {
    env: { account: env.account, region: EDGE_REGION },
    description: 'FIM grant pool platform: the AWS WAF web ACL in front of CloudFront (us-east-1)',
    crossRegionReferences: true,
  });
  const apiStack = new ApiStack(app, 'FimApi', {
    env,
    crossRegionReferences: true,
    webAclArn: edgeStack.webAcl.attrArn,
    description: 'FIM grant pool platform: Cognito, HTTP API and the app function',
    table: dataStack.table,
    auditTable: dataStack.auditTable,
    hostedUiDomainPrefix: contextString(app, 'hostedUiDomainPrefix') ?? `fim-${env.account}`,
    threatProtection: contextBoolean(app, 'threatProtection'),
    alarmTopic,
  });
  // Scheduled jobs in a stack of their own: deployed, rolled back or paused without touching the API.
  const jobsStack = new JobsStack(app, 'FimJobs', {
    env,
    description:
      'FIM grant pool platform: scheduled jobs (the call closer, the daily reminders), the export worker',
    table: dataStack.table,
    auditTable: dataStack.auditTable,
    alarmTopic,
    siteUrl: contextString(app, 'siteUrl') ?? apiStack.publicUrl,
  });
  const closedYears = contextString(app, 'retentionClosedYears');
  if (closedYears) {
    for (const fn of [apiStack.apiFunction, jobsStack.retention.fn])
      fn.function.addEnvironment('FIM_RETENTION_CLOSED_YEARS', closedYears);
  }

  // The documents in a stack of their own, after FimApi (its CORS allows the site's address only).
  const documentsStack = new DocumentsStack(app, 'FimDocuments', {
    env,
    description:
      'FIM grant pool platform: documents (S3 bucket, GuardDuty Malware Protection, scan verdicts)',
    table: dataStack.table,
    siteUrl: contextString(app, 'siteUrl') ?? apiStack.publicUrl,
    alarmTopic,
  });

  // The mail in a stack of its own: its identity lives as long as the domain's DNS records, and the sender
  // can be paused or rolled back without touching the API (docs/infra.md, "Mail").
  const sender = mailSender(contextString(app, 'mailDomain'), contextString(app, 'mailFrom'));
  const messagesStack =
    sender &&
    new MessagesStack(app, 'FimMessages', {
      env,
      description: 'FIM grant pool platform: e-mail (SES identity, the outbox sender, bounces, alarms)',
      table: dataStack.table,
      auditTable: dataStack.auditTable,
      sender,
      siteUrl: contextString(app, 'siteUrl') ?? apiStack.publicUrl,
      alarmTopic,
    });
  if (!messagesStack) {
    Annotations.of(app).addWarningV2(
      'fim:mail-not-configured',
      'No e-mail is sent: give -c mailDomain=<domain> (or -c mailFrom=<address>) to deploy FimMessages. ' +
        'Messages wait in the outbox, pending, until then (docs/infra.md, "Mail").',
    );
  }

  // Last: it reads every stack and nothing reads it.
  const dashboardStack = new DashboardStack(app, 'FimDashboard', {
    env,
    description: 'FIM grant pool platform: the CloudWatch dashboard',
    data: dataStack,
    api: apiStack,
    jobs: jobsStack,
    ...(messagesStack ? { messages: messagesStack } : {}),
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return {
    app,
    alarmsStack,
    dataStack,
    apiStack,
    edgeStack,
    jobsStack,
    documentsStack,
    ...(messagesStack ? { messagesStack } : {}),
    dashboardStack,
  };
}
