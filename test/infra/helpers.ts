import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type App, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

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
