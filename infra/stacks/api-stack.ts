import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { ROLES } from '../../functions/core/auth/principal.js';
import { PUBLIC_API_ROUTES } from '../../functions/http/public-routes.js';
import { ALARM_PERIOD, alarmToTopic, functionAlarms } from '../constructs/alarm.js';
import { AppFunction } from '../constructs/app-function.js';
import { AppDistribution } from '../constructs/distribution.js';
import { documentsBucketName, documentsObjectArn, exportsObjectArn } from './documents-stack.js';

/** The Cognito groups are the app's roles (functions/core/auth/principal.ts), so the two cannot drift. */
export const USER_GROUPS = ROLES;

/** Routes open to anyone: the app authenticates the web pages itself (HttpOnly session cookie). */
export const PUBLIC_ROUTES = [
  // The API's public routes come from the app's own list, so gateway and app agree.
  ...PUBLIC_API_ROUTES.map((route) => ({ method: HttpMethod[route.method], path: route.path })),
  { method: HttpMethod.ANY, path: '/' },
  { method: HttpMethod.ANY, path: '/{proxy+}' },
];

/** Routes behind the Cognito JWT authorizer (defence in depth: the app verifies every token too). */
export const PROTECTED_ROUTES = [{ method: HttpMethod.ANY, path: '/api/{proxy+}' }] as const;

/** FIM has a few hundred users: these limits are far above real traffic and cap a runaway client or a flood. */
export const STAGE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * At most this many API functions run at once: about 0.2 s per request, so the stage's 50 requests a second
 * need some 10; a flood held back by the WAF's per-IP limit and the stage's throttle cannot take more of the
 * account's concurrency, and the jobs and the mail keep theirs.
 */
export const API_RESERVED_CONCURRENCY = 25;

export const API_ENTRY = fileURLToPath(new URL('../../functions/handlers/api.handler.ts', import.meta.url));

export interface ApiStackProps extends StackProps {
  readonly table: ITable;
  /** The audit table (FimData): add and read only. */
  readonly auditTable: ITable;
  /** Prefix of the Cognito hosted UI domain: https://<prefix>.auth.<region>.amazoncognito.com */
  readonly hostedUiDomainPrefix: string;
  /**
   * Cognito Plus feature plan with threat protection (adaptive authentication, compromised-credential
   * checks) enforced. Costs per monthly active user, with no free tier. @default false (Essentials)
   */
  readonly threatProtection?: boolean;
  /** @default functions/handlers/api.handler.ts */
  readonly apiEntry?: string;
  /** The CLOUDFRONT-scoped WAF web ACL on the distribution (FimEdge, us-east-1). */
  readonly webAclArn: string;
  /** Where the API's alarms go (FimAlarms). */
  readonly alarmTopic: ITopic;
}

export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  readonly apiFunction: AppFunction;
  readonly edge: AppDistribution;
  /** The address people use: CloudFront's. */
  readonly publicUrl: string;
  readonly alarms: { serverErrors: Alarm; functionErrors: Alarm; functionThrottles: Alarm };

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // The table is imported with Fn::ImportValue ("strong", set explicitly rather than by default):
    // CloudFormation then refuses to remove or replace the table's export while this stack uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const threatProtection = props.threatProtection ?? false;

    // ---- Cognito: who may sign in ----------------------------------------------------------------------
    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are created by FIM's administrators (applicant organisations are known parties).
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        organisation: new StringAttribute({ mutable: true, maxLen: 256 }),
        // 'true' for the board's chair: the app reads the custom:chair claim (functions/http/auth/tokens.ts).
        chair: new StringAttribute({ mutable: true, maxLen: 5 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional with TOTP, as specified for FIM: applicant associations are volunteers who sign in a ' +
        'few times a year and compulsory MFA would lock them out; TOTP for staff is an open item (docs/infra.md).',
    });
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Essentials plan: Plus (threat protection) costs per MAU with no free tier; accounts are admin-created, ' +
          'passwords are strong and MFA is available. Enable with context threatProtection=true.',
      });
    }

    // ROLES runs from least to most privileged; Cognito's precedence is the other way round (0 = first).
    USER_GROUPS.forEach((groupName, index) => {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, precedence: USER_GROUPS.length - 1 - index });
    });

    const domainPrefix = props.hostedUiDomainPrefix;
    const domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix } });
    const cognitoDomainUrl = domain.baseUrl();

    // ---- HTTP API, and CloudFront in front of it (its address is the app's public URL and the callback) -----
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: 'fim',
      description: 'FIM grant pool platform: server-rendered web and JSON API',
      // The stage is created explicitly below, with throttling and access logs.
      createDefaultStage: false,
    });
    this.edge = new AppDistribution(this, 'Edge', { api: this.api, webAclArn: props.webAclArn });
    this.publicUrl = this.edge.url;
    const publicUrl = this.publicUrl;

    const webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'fim-web',
      generateSecret: false,
      // Sign-in only through the hosted UI (OAuth code grant): no SRP / password API flows, so no token with
      // the aws.cognito.signin.user.admin scope that could rewrite the user's own attributes. Naming one flow
      // as false makes CDK emit exactly ['ALLOW_REFRESH_TOKEN_AUTH'] instead of Cognito's defaults.
      authFlows: { userSrp: false },
      // Users never write custom:organisation or custom:chair themselves: administrators set them.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${publicUrl}/auth/callback`],
        logoutUrls: [`${publicUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // Kept server-side in the session item and used to renew the ID token hourly: it outlasts the working
      // day (10 h, functions/core/auth/session.service.ts), so the session, not the token, decides the end.
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    // ---- The function serving the whole app --------------------------------------------------------------
    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      entry: props.apiEntry ?? API_ENTRY,
      description: 'FIM web and API (Hono)',
      environment: {
        COGNITO_USER_POOL_ID: this.userPool.userPoolId,
        COGNITO_CLIENT_ID: webClient.userPoolClientId,
        COGNITO_DOMAIN: cognitoDomainUrl,
        PUBLIC_URL: publicUrl,
        // Checked on every request (functions/http/edge.ts): only CloudFront knows it.
        ORIGIN_SECRET: SecretValue.secretsManager(this.edge.originSecret.secretArn).unsafeUnwrap(),
        // FimDocuments makes the bucket under this name (no reference: FimDocuments reads FimApi's address).
        DOCUMENTS_BUCKET: documentsBucketName(this),
      },
      reservedConcurrentExecutions: API_RESERVED_CONCURRENCY,
    });
    this.apiFunction.bindTable(props.table, 'readWrite');
    this.apiFunction.bindAuditTable(props.auditTable);
    // Deletes only where they belong: the chair takes back a reviewer assignment (under the application), and
    // web sessions and kept forms end (DELETABLE_PARTITIONS).
    this.apiFunction.allowDeletes(props.table);
    // Erasure disables the person's account (functions/identity/cognito-directory.ts): this action, this pool.
    this.apiFunction.role.addToPolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminDisableUser'],
        resources: [this.userPool.userPoolArn],
      }),
    );
    // Documents: signs presigned POSTs (PutObject) and GETs, checks (HeadObject is GetObject) and deletes them,
    // under the documents prefix only.
    this.apiFunction.role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [documentsObjectArn(this)],
      }),
    );
    Validations.of(this.apiFunction.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${documentsBucketName(this)}/documents/*]`,
      reason:
        'The applications’ documents: any object under the documents prefix of the one documents bucket.',
    });
    // Exports: signs the presigned GET of a ready ZIP (aktindsigt, "Mine data"), under the exports prefix only.
    this.apiFunction.role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [exportsObjectArn(this)],
      }),
    );
    Validations.of(this.apiFunction.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${documentsBucketName(this)}/exports/*]`,
      reason:
        'The exports’ ZIPs: signs a download link to any export under the exports prefix, GetObject only.',
    });

    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.function);
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', this.userPool, {
      userPoolClients: [webClient],
      authorizerName: 'cognito-jwt',
    });

    for (const route of PUBLIC_ROUTES) {
      const routes = this.api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      for (const r of routes) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Public by design: health, the OpenAPI document and the open calls are public information; the ' +
            'server-rendered web authenticates with its own HttpOnly session cookie, verified in the app.',
        });
      }
    }
    for (const route of PROTECTED_ROUTES) {
      this.api.addRoutes({ path: route.path, methods: [route.method], integration, authorizer });
    }

    // ---- Stage: throttling and access logs ----------------------------------------------------------------
    // Access logs hold IP addresses (personal data): kept six months for security investigations, not longer.
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: STAGE_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            httpMethod: '$context.httpMethod',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    // ---- Alarms, to the one topic -------------------------------------------------------------------------
    const fnAlarms = functionAlarms(this, this.apiFunction, props.alarmTopic, 'the API function');
    this.alarms = {
      // The gateway's 5xx: the app's own 5xx and what it never answered (a timeout, a crash, throttling).
      serverErrors: alarmToTopic(this, 'Api5xxAlarm', props.alarmTopic, {
        metric: this.stage.metricServerError({ period: ALARM_PERIOD, statistic: 'Sum' }),
        description:
          'FIM API: the HTTP API answered 5xx (docs/infra.md, "Alarms": API 5xx). People saw an error page.',
      }),
      functionErrors: fnAlarms.errors,
      functionThrottles: fnAlarms.throttles,
    };

    // ---- Outputs --------------------------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', {
      value: publicUrl,
      description: 'Public URL of the app and API (CloudFront)',
    });
    new CfnOutput(this, 'DistributionId', { value: this.edge.distribution.distributionId });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', {
      value: cognitoDomainUrl,
      description: 'Cognito hosted UI base URL',
    });
    new CfnOutput(this, 'TableName', { value: props.table.tableName });
  }
}
