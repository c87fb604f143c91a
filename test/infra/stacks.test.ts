import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../functions/db/table-definition.js';
import { tableShape } from '../../functions/local/table.js';
import { buildApp, type FimApp } from '../../infra/build-app.js';
import {
  ACCOUNT,
  acknowledgements,
  asArray,
  bundledSources,
  bundleOnly,
  cdkJsonContext,
  errorsOf,
  expectBundle,
  expectNoNagFindings,
  functionDefaults,
  heavyIn,
  indexQueryStatement,
  REGION,
  statementsOf,
  synthesise,
} from './helpers.js';

const DISTRIBUTION_DOMAIN = { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdgeDistribution'), 'DomainName'] };
const ORIGIN_SECRET_VALUE = {
  'Fn::Join': [
    '',
    ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^EdgeOriginSecret') }, ':SecretString:::}}'],
  ],
};

/** The function serving the app (FimApi also holds CDK's reader of the cross-region reference to the WAF). */
const appFunction = () =>
  fim.apiStack.getLogicalId(fim.apiStack.apiFunction.function.node.defaultChild as CfnElement);

/** Skips esbuild for the extra apps built to test a setting: only the main app's bundle is checked. */
const NO_BUNDLING = bundleOnly();

let outdir: string;
let fim: FimApp;
let data: Template;
let api: Template;

let remove: () => void;

beforeAll(() => {
  // Built and synthesised once (esbuild bundles the API function; the closer of FimJobs is bundled and
  // checked in jobs.test.ts). The nag plugin runs during synth over all three stacks.
  ({ fim, outdir, remove } = synthesise('FimApi'));
  data = Template.fromStack(fim.dataStack);
  api = Template.fromStack(fim.apiStack);
});

afterAll(() => remove?.());

describe('app', () => {
  it('deploys the stacks to the account from CDK_DEFAULT_ACCOUNT and eu-north-1, the WAF in us-east-1', () => {
    for (const stack of [fim.dataStack, fim.apiStack, fim.jobsStack]) {
      expect(stack.account).toBe(ACCOUNT);
      expect(stack.region).toBe(REGION);
    }
    expect(fim.edgeStack.account).toBe(ACCOUNT);
    expect(fim.edgeStack.region).toBe('us-east-1');
    expect(fim.app.node.children.filter((child) => child instanceof Stack).map((s) => s.node.id)).toEqual([
      'FimAlarms',
      'FimData',
      'FimEdge',
      'FimApi',
      'FimJobs',
      'FimDocuments',
      'FimDashboard',
    ]);
    expect(fim.dataStack.terminationProtection).toBe(true);
  });

  it('falls back to a placeholder account (offline synth) and takes the region and prefix from context', () => {
    const other = buildApp({
      appProps: {
        context: cdkJsonContext({ ...NO_BUNDLING, region: 'eu-west-1', hostedUiDomainPrefix: 'fim-test' }),
      },
      env: {},
    });
    expect(other.apiStack.account).toBe('123456789012');
    expect(other.apiStack.region).toBe('eu-west-1');
    Template.fromStack(other.apiStack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'fim-test',
    });
  });
});

describe('DataStack', () => {
  it('has the data table with the keys and indexes of functions/db/table-definition.ts, as the local table has', () => {
    // The data table and the audit table (test/infra/audit.test.ts).
    data.resourceCountIs('AWS::DynamoDB::Table', 2);
    const shape = tableShape();
    expect(shape.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(shape.AttributeDefinitions.map((a) => a.AttributeName)).toEqual([
      'pk',
      'sk',
      'gsi1pk',
      'gsi1sk',
      'gsi2pk',
      'gsi2sk',
      'gsi3pk',
      'gsi3sk',
      'gsi4pk',
      'gsi4sk',
    ]);
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: shape.KeySchema,
      AttributeDefinitions: Match.arrayWith(shape.AttributeDefinitions),
      GlobalSecondaryIndexes: shape.GlobalSecondaryIndexes,
    });
    expect(TABLE_KEYS.indexes.map((i) => i.indexName)).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4']);
  });

  it('lets DynamoDB delete expired sessions and kept forms by their TTL attribute', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLive, Enabled: true },
    });
    expect(TABLE_KEYS.timeToLive).toBe('ttl');
  });

  it('is on-demand, recoverable, protected, retained, streamed and encrypted with the AWS managed key', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('ApiStack: Cognito', () => {
  it('has an admin-managed user pool: email sign-in, strong passwords, optional TOTP, custom organisation', () => {
    api.resourceCountIs('AWS::Cognito::UserPool', 1);
    api.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'ESSENTIALS',
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'organisation', AttributeDataType: 'String', Mutable: true }),
          Match.objectLike({ Name: 'chair', AttributeDataType: 'String', Mutable: true }),
        ]),
      }),
    });
  });

  it('has the five role groups, the most privileged first', () => {
    const groups = Object.values(api.findResources('AWS::Cognito::UserPoolGroup'))
      .map((group) => group.Properties as { GroupName: string; Precedence: number })
      .sort((a, b) => a.Precedence - b.Precedence)
      .map((group) => group.GroupName);
    expect(groups).toEqual(['admin', 'finance', 'board', 'reviewer', 'applicant']);
  });

  it('has a hosted UI domain fim-<account> and a public web client with the code grant', () => {
    api.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: `fim-${ACCOUNT}` });
    api.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      // CloudFront's address, the one people use.
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', DISTRIBUTION_DOMAIN, '/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', DISTRIBUTION_DOMAIN, '/']] }],
      IdTokenValidity: 60,
      // The session keeps the refresh token for its working day (10 h): the token lasts longer, and can be
      // revoked at sign-out and by an administrator.
      RefreshTokenValidity: 720,
      EnableTokenRevocation: true,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes', RefreshToken: 'minutes' }),
      // Hosted UI only: no SRP/password API sign-in, and users cannot write their organisation or chair.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      WriteAttributes: ['email', 'name'],
    });
  });

  it('switches to the Plus plan with threat protection enforced when asked to', () => {
    const plus = buildApp({
      appProps: { context: cdkJsonContext({ ...NO_BUNDLING, threatProtection: 'true' }) },
      env: { CDK_DEFAULT_ACCOUNT: ACCOUNT },
    });
    Template.fromStack(plus.apiStack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    // ...and then needs no COG8 acknowledgement.
    expect(acknowledgements(plus.app).map((a) => a.id)).not.toContain('AwsSolutions-COG8');
    expect(errorsOf(plus.app)).toEqual([]);
  });
});

describe('ApiStack: HTTP API', () => {
  it('has exactly the public and the JWT-protected routes', () => {
    const routes = Object.fromEntries(
      Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map((route) => [
        route.Properties.RouteKey as string,
        route.Properties.AuthorizationType as string,
      ]),
    );
    expect(routes).toEqual({
      'GET /api/health': 'NONE',
      'GET /api/health/ready': 'NONE',
      'GET /api/openapi.json': 'NONE',
      'GET /api/calls': 'NONE',
      'GET /api/calls/{callId}': 'NONE',
      'GET /api/parties': 'NONE',
      'ANY /': 'NONE',
      'ANY /{proxy+}': 'NONE',
      'ANY /api/{proxy+}': 'JWT',
    });
    api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /api/{proxy+}',
      AuthorizerId: { Ref: Match.anyValue() },
    });
  });

  it('verifies JWTs from the user pool (issuer) issued to the web client (audience)', () => {
    const poolId = fim.apiStack.getLogicalId(fim.apiStack.userPool.node.defaultChild as CfnElement);
    const clients = api.findResources('AWS::Cognito::UserPoolClient');
    const clientId = Object.keys(clients)[0];
    api.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', [`https://cognito-idp.${REGION}.amazonaws.com/`, { Ref: poolId }]] },
        Audience: [{ Ref: clientId }],
      },
    });
  });

  it('integrates every route with the one function as a Lambda proxy', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    api.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('has a throttled $default stage with JSON access logs', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const stage = Object.values(api.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const format = JSON.parse(stage.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    expect(stage.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
  });

  it('exports the outputs the deploy docs use', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'HostedUiDomain', 'TableName']) {
      api.hasOutput(name, {});
    }
  });
});

describe('ApiStack: function', () => {
  it('runs Node.js 24 on ARM with the project defaults, the app settings and reserved concurrency', () => {
    // The app's function, and CDK's reader of the WAF's ARN from us-east-1 (a custom resource).
    expect(Object.keys(api.findResources('AWS::Lambda::Function'))).toEqual([
      appFunction(),
      expect.stringMatching(/^CustomCrossRegionExportReader/),
    ]);
    expect(
      api.findResources('AWS::Lambda::Function')[appFunction()]?.Properties.ReservedConcurrentExecutions,
    ).toBe(25);
    api.hasResourceProperties(
      'AWS::Lambda::Function',
      functionDefaults({
        memoryMb: 512,
        timeout: 10,
        logGroup: { Ref: Match.anyValue() },
        variables: {
          COGNITO_USER_POOL_ID: { Ref: Match.anyValue() },
          COGNITO_CLIENT_ID: { Ref: Match.anyValue() },
          COGNITO_DOMAIN: {
            'Fn::Join': ['', ['https://', { Ref: Match.anyValue() }, `.auth.${REGION}.amazoncognito.com`]],
          },
          PUBLIC_URL: { 'Fn::Join': ['', ['https://', DISTRIBUTION_DOMAIN]] },
          ORIGIN_SECRET: ORIGIN_SECRET_VALUE,
        },
      }),
    );
  });

  it('is bundled as ESM with the require banner, the AWS SDK inside and a source map', () => {
    const fn = api.findResources('AWS::Lambda::Function')[appFunction()]?.Properties;
    // The web and the API, with their words. No zod locales (@hono/zod-openapi's `z` is not all of zod in a
    // Lambda bundle: infra/constructs/zod-in-lambda.ts), no mail, no JMESPath, no X-Ray SDK.
    expect(heavyIn(bundledSources(expectBundle(outdir, fn.Code.S3Key)))).toEqual([
      'zod',
      'texts',
      'web',
      'http',
    ]);
  });

  it('logs to its own log group kept one year, and the access logs six months', () => {
    api.resourceCountIs('AWS::Logs::LogGroup', 2);
    const retention = Object.values(api.findResources('AWS::Logs::LogGroup')).map(
      (group) => group.Properties.RetentionInDays as number,
    );
    expect(retention.sort()).toEqual([180, 365]);
    expect(Object.keys(api.findResources('Custom::LogRetention'))).toEqual([]);
  });

  it('has least-privilege IAM: named table and index actions, no Scan, no wildcards but X-Ray', () => {
    const roles = api.findResources('AWS::IAM::Role');
    const appRole = fim.apiStack.getLogicalId(fim.apiStack.apiFunction.role.node.defaultChild as CfnElement);
    expect(Object.keys(roles)).toHaveLength(2);
    expect(roles[appRole]?.Properties.ManagedPolicyArns).toBeUndefined();
    // The other is CDK's cross-region reader's: it may read FimApi's own imports from SSM, nothing else.
    const reader = Object.entries(roles).find(([id]) => id !== appRole)?.[1];
    expect(reader?.Properties.Policies).toEqual([
      {
        PolicyName: 'Inline',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ssm:AddTagsToResource', 'ssm:RemoveTagsFromResource', 'ssm:GetParameters'],
              Resource: {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    `:ssm:${REGION}:${ACCOUNT}:parameter/cdk/exports/FimApi/*`,
                  ],
                ],
              },
            },
          ],
        },
      },
    ]);

    const statements = statementsOf(api);
    const actions = statements.flatMap((s) => asArray(s.Action));
    expect(actions.every((a) => /^(dynamodb|logs|xray|s3|cognito-idp):[A-Za-z]+$/.test(a))).toBe(true);
    // Cognito: erasure disables the person's account, in this pool only (docs/cases.md "Erasure").
    expect(statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('cognito-idp:')))).toEqual([
      {
        Effect: 'Allow',
        Action: 'cognito-idp:AdminDisableUser',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^UserPool/), 'Arn'] },
      },
    ]);
    // S3: the documents (presigned POST and GET are signed with these, HeadObject is GetObject) and the
    // exports' download links (GetObject under exports/).
    expect([...new Set(actions.filter((a) => a.startsWith('s3:')))].sort()).toEqual([
      's3:DeleteObject',
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);

    const dynamo = statements
      .filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')))
      .map((s) => ({ ...s, Action: asArray(s.Action).sort() }));
    const tableArn = { 'Fn::ImportValue': expect.stringMatching(/^FimData:.*Arn/) };
    // The table, its indexes, the deletes (sessions, kept forms, assignments), and the audit table (add and read only).
    expect(dynamo).toHaveLength(4);
    // DeleteItem only under an application's partition (a reviewer assignment taken back) and on sessions and
    // kept forms (sign-out, an administrator's end, expiry), never table-wide.
    expect(dynamo).toContainEqual({
      Effect: 'Allow',
      Action: ['dynamodb:DeleteItem'],
      Resource: tableArn,
      Condition: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': ['APP#*', 'SESSION#*', 'FORMSTASH#*', 'ORGFLAG#*', 'OWNORG#*'],
        },
      },
    });
    expect(dynamo).toContainEqual({
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ],
      Resource: tableArn,
    });
    // On the indexes only Query, each index named (no index/* wildcard), the audit table's index by actor too.
    expect(dynamo).toContainEqual(indexQueryStatement(tableArn));

    // The one '*' resource (acknowledged as AwsSolutions-IAM5) is X-Ray's, which has no resource-level permissions.
    const star = statements.filter((s) => s.Resource === '*');
    expect(star.flatMap((s) => asArray(s.Action)).sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    // Logs: its own log group only.
    const logs = statements
      .filter((s) => asArray(s.Action).some((a) => a.startsWith('logs:')))
      .map((s) => ({ ...s, Action: asArray(s.Action).sort() }));
    expect(logs).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
      },
    ]);
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged error or warning on the app', () => {
    // synth() in beforeAll ran the same plugin; its report in the cloud assembly lists no findings.
    expectNoNagFindings(fim.app, outdir);
  });

  it('acknowledges only the reviewed findings, each with a real reason', () => {
    const acks = acknowledgements(fim.app);
    expect([...new Set(acks.map((a) => a.id))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG2',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM5[Resource::*]',
      // Object-level grants, each on one bucket's objects (or its documents prefix): the audit archiver adds
      // events, the API and GuardDuty's role read and tag documents, GuardDuty manages its own EventBridge rule.
      'AwsSolutions-IAM5[Resource::<AuditArchive60EBC247.Arn>/*]',
      'AwsSolutions-IAM5[Resource::<Documents7E5B2978.Arn>/*]',
      'AwsSolutions-IAM5[Resource::<Documents7E5B2978.Arn>/documents/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:eu-north-1:111111111111:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::fim-documents-111111111111-eu-north-1/documents/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::fim-documents-111111111111-eu-north-1/exports/*]',
      // The access-log bucket does not log its own access.
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(60);
    // APIG4 (no authorizer) only on the public routes: never on the protected /api/{proxy+}.
    const apig4 = acks.filter((a) => a.id === 'AwsSolutions-APIG4').map((a) => a.path);
    // The public API routes (functions/http/public-routes.ts) and the web's two catch-alls.
    expect(apig4).toHaveLength(8);
    expect(apig4.some((path) => path.includes('ANY--api--{proxy+}'))).toBe(false);
  });

  /** A stack with the textbook nag error: a role allowed s3:* on every resource. */
  function nonCompliantApp(): { app: App; role: Role } {
    const app = new App({ context: cdkJsonContext() });
    const stack = new Stack(app, 'Throwaway', { env: { account: ACCOUNT, region: REGION } });
    const role = new Role(stack, 'TooBroad', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    return { app, role };
  }

  it('does fail on a non-compliant resource (the check can fail)', () => {
    const { app } = nonCompliantApp();
    expect(errorsOf(app).sort()).toEqual([
      'AwsSolutions-IAM5[Action::s3:*] at Throwaway/TooBroad/DefaultPolicy/Resource',
      'AwsSolutions-IAM5[Resource::*] at Throwaway/TooBroad/DefaultPolicy/Resource',
    ]);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  });

  it('clears a finding only where it is acknowledged, finding by finding', () => {
    const partly = nonCompliantApp();
    Validations.of(partly.role).acknowledge({ id: 'AwsSolutions-IAM5[Action::s3:*]', reason: 'Test only.' });
    expect(errorsOf(partly.app)).toEqual([
      'AwsSolutions-IAM5[Resource::*] at Throwaway/TooBroad/DefaultPolicy/Resource',
    ]);
    expect(() => partly.app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);

    const fully = nonCompliantApp();
    Validations.of(fully.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Action::s3:*]', reason: 'Test only.' },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'Test only.' },
    );
    expect(errorsOf(fully.app)).toEqual([]);
    expect(() => fully.app.synth()).not.toThrow();
  });
});
