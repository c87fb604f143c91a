import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { AUDIT_TABLE_KEYS, TABLE_KEYS } from '../../functions/db/table-definition.js';
import { buildApp, type FimApp } from '../../infra/build-app.js';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-north-1';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The context cdk.json gives the CLI (feature flags), so the tests synthesise what `cdk synth` does. */
export function cdkJsonContext(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return { ...cdkJson.context, ...extra };
}

/**
 * Context that makes esbuild bundle only the functions of the named stacks (`[]`: none). Each test file
 * bundles the functions it inspects, so every function is bundled once per test run.
 */
export const bundleOnly = (...stackPaths: string[]) => ({ 'aws:cdk:bundling-stacks': stackPaths });

/**
 * What every function of the project runs with (infra/constructs/app-function.ts): Node.js 24 on ARM, traced,
 * logging to its own group, no source maps at run time, Powertools' service name and level, and the table from FimData.
 * `memoryMb`, `timeout`, `logGroup` and `variables` are a function's own.
 */
export function functionDefaults(own: {
  memoryMb: number;
  timeout: number;
  logGroup: unknown;
  variables?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    Handler: 'index.handler',
    MemorySize: own.memoryMb,
    Timeout: own.timeout,
    TracingConfig: { Mode: 'Active' },
    LoggingConfig: Match.objectLike({ LogGroup: own.logGroup }),
    Environment: {
      Variables: {
        // The source map is uploaded (expectBundle) but not loaded at run time: it would slow every cold start.
        NODE_OPTIONS: Match.absent(),
        POWERTOOLS_SERVICE_NAME: 'fim',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        TABLE_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp('^FimData:') },
        ...own.variables,
      },
    },
  };
}

/**
 * The whole app as `cdk synth` builds it with `context` (`-c key=value`), into a folder of its own, with esbuild
 * bundling only the functions of `bundled` ('' for none). synth() runs cdk-nag, and under vitest (NODE_ENV=test) an unacknowledged nag error makes it throw.
 * `remove()` deletes the folder.
 */
export function synthesise(
  bundled: string,
  context: Record<string, unknown> = {},
): { fim: FimApp; outdir: string; remove(): void } {
  const outdir = mkdtempSync(join(tmpdir(), `fim-cdk-${bundled || 'none'}-`));
  const fim = buildApp({
    appProps: {
      outdir,
      context: cdkJsonContext({ ...bundleOnly(...(bundled ? [bundled] : [])), ...context }),
    },
    env: { CDK_DEFAULT_ACCOUNT: ACCOUNT },
  });
  fim.app.synth();
  return { fim, outdir, remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/**
 * Asserts a function's bundle in the cloud assembly: ESM with the require banner, a source map, its handler
 * exported and the AWS SDK inside. Returns the bundle's folder.
 */
export function expectBundle(outdir: string, s3Key: unknown): string {
  const dir = join(outdir, `asset.${String(s3Key).replace(/\.zip$/, '')}`);
  // index.mjs with its map; `chunks/` holds what the handler imports lazily (and code shared with it), if any.
  expect(
    readdirSync(dir)
      .filter((name) => name !== 'chunks')
      .sort(),
  ).toEqual(['index.mjs', 'index.mjs.map']);
  const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');
  expect(bundle.startsWith("import { createRequire } from 'module'; const require = createRequire(")).toBe(
    true,
  );
  expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b/);
  expect(bundle).not.toMatch(/from\s*["']@aws-sdk\//);
  return dir;
}

/**
 * The files a bundle was built from (its source maps' `sources`), as paths inside the project or node_modules:
 * `index.mjs` and every chunk, lazy ones included (what a function may run is what it may bundle).
 */
export function bundledSources(bundleDir: string): string[] {
  const chunks = join(bundleDir, 'chunks');
  const maps = [
    join(bundleDir, 'index.mjs.map'),
    ...(existsSync(chunks)
      ? readdirSync(chunks)
          .filter((name) => name.endsWith('.map'))
          .map((name) => join(chunks, name))
      : []),
  ];
  return maps.flatMap((mapFile) =>
    (JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] }).sources.map((source) =>
      relative(ROOT, resolve(dirname(mapFile), source)).replace(/^.*node_modules\//, 'node_modules/'),
    ),
  );
}

/**
 * What weighs on a cold start and a function may bundle only if it runs it (docs/infra.md, "Cold start"), by the
 * path its files start with: zod's locales (what `import { z } from 'zod'` keeps), zod itself (only a function
 * that validates input), Powertools' JMESPath (a `correlationIdPath`), nodemailer's SMTP transport, nodemailer,
 * the texts, the web pages, the JSON API, and the X-Ray SDK (never: functions/app/tracing.ts traces without it).
 */
export const HEAVY = {
  // zod always bundles its default English; German stands for the other 63.
  zodLocales: 'node_modules/zod/v4/locales/de.',
  zod: 'node_modules/zod/',
  jmespath: 'node_modules/@aws-lambda-powertools/jmespath/',
  smtp: 'node_modules/nodemailer/dist/esm/smtp-transport/',
  nodemailer: 'node_modules/nodemailer/',
  texts: 'functions/texts/',
  web: 'web/',
  http: 'functions/http/',
  xray: 'node_modules/aws-xray-sdk-core/',
} as const;

/** The HEAVY parts found in a bundle's sources. */
export const heavyIn = (sources: string[]): (keyof typeof HEAVY)[] =>
  (Object.keys(HEAVY) as (keyof typeof HEAVY)[]).filter((part) =>
    sources.some((source) => source.startsWith(HEAVY[part])),
  );

/** Asserts that cdk-nag finds nothing unacknowledged, and that the report synth() wrote lists nothing. */
export function expectNoNagFindings(app: App, outdir: string): void {
  expect(errorsOf(app)).toEqual([]);
  expect(findingsOf(app)).toEqual([]);
  const reportFile = join(outdir, 'validation-report.json');
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { pluginReports: unknown[] };
    expect(report.pluginReports).toEqual([]);
  }
}

/** Every construct path + rule id acknowledged in the tree, with its reason. */
export function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

/** Unacknowledged cdk-nag errors, as `<rule> at <construct path>`. */
export function errorsOf(app: App): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations
    .filter((v) => v.severity === 'error')
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? '?'}`));
}

/** Every unacknowledged cdk-nag finding (errors and warnings), by rule name. */
export function findingsOf(app: App): string[] {
  return new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
}

export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

/** The statements of every AWS::IAM::Policy in the template, or only of those attached to `roleLogicalId`. */
export function statementsOf(template: Template, roleLogicalId?: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter(
      (policy) =>
        roleLogicalId === undefined ||
        (policy.Properties.Roles as unknown[]).some(
          (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
        ),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export const asArray = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** Statements with their actions as a sorted array, for order-independent comparison. */
export const normalised = (statements: Statement[]) =>
  statements.map((s) => ({ ...s, Action: asArray(s.Action).sort() }));

/**
 * Asserts the schedules of `template`, one per run, all by the role `role`: each at its `rate`, on time,
 * invoking its function `fn` (logical id), `retries` within `maxEventAgeSeconds` (2 within 5 minutes unless
 * told), then its DLQ `dlq`; and that the role may do exactly that: invoke those functions, send to those queues.
 */
export function expectScheduledRuns(
  template: Template,
  role: string,
  runs: readonly { rate: string; fn: string; dlq: string; retries?: number; maxEventAgeSeconds?: number }[],
): void {
  const arn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
  template.resourceCountIs('AWS::Scheduler::Schedule', runs.length);
  const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).map(
    (s) => s.Properties,
  );
  for (const run of runs) {
    const schedule = schedules.find((s) => s.Target.Arn['Fn::GetAtt'][0] === run.fn);
    expect(schedule).toMatchObject({
      ScheduleExpression: run.rate,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: arn(run.fn),
        RoleArn: arn(role),
        RetryPolicy: {
          MaximumRetryAttempts: run.retries ?? 2,
          MaximumEventAgeInSeconds: run.maxEventAgeSeconds ?? 300,
        },
        DeadLetterConfig: { Arn: arn(run.dlq) },
      },
    });
    // The default schedule group (the scheduler role's trust policy names it).
    expect(schedule.GroupName).toBeUndefined();
  }
  // CDK folds one action's resources into one statement: compared a resource at a time.
  const statements = normalised(statementsOf(template, role)).flatMap((s) =>
    (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).map((Resource: unknown) => ({ ...s, Resource })),
  );
  expect(statements).toHaveLength(runs.length * 2);
  expect(statements).toEqual(
    expect.arrayContaining(
      runs.flatMap((run) => [
        { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: arn(run.fn) },
        { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: arn(run.dlq) },
      ]),
    ),
  );
}

/** The audit table's ARN as a stack that imports it from FimData names it. */
export const IMPORTED_AUDIT_TABLE_ARN = {
  'Fn::ImportValue': expect.stringMatching(/^FimData:.*AuditTable.*Arn/),
};

/**
 * The one statement letting a function that writes audit events Query indexes, each by name (no `index/*`): the
 * table's (`tableArn`) and the audit table's index by actor. CDK merges the two grants (same action, same effect)
 * into one statement, ordering its resources itself, so the order is not asserted.
 */
export const indexQueryStatement = (tableArn: unknown) => {
  const resources = [
    ...TABLE_KEYS.indexes.map((index) => ({ 'Fn::Join': ['', [tableArn, `/index/${index.indexName}`]] })),
    ...AUDIT_TABLE_KEYS.indexes.map((index) => ({
      'Fn::Join': ['', [IMPORTED_AUDIT_TABLE_ARN, `/index/${index.indexName}`]],
    })),
  ];
  return {
    Effect: 'Allow',
    Action: ['dynamodb:Query'],
    Resource: expect.toSatisfy(
      (actual: unknown) =>
        Array.isArray(actual) &&
        actual.length === resources.length &&
        resources.every((r) => actual.some((a) => matches(a, r))),
      'the table’s indexes and the audit table’s index by actor, each once',
    ),
  };
};

/** Whether `actual` equals `expected`, asymmetric matchers and all. */
function matches(actual: unknown, expected: unknown): boolean {
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}
