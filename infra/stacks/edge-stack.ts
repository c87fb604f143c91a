import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * The most requests one client IP may make in five minutes (WAF's window) before it is blocked for a while:
 * 1,000 (about 3 a second, sustained). A person clicking through the site makes a fraction of that; one client
 * cannot use up the stage's shared 50 requests a second (infra/stacks/api-stack.ts, STAGE_THROTTLE).
 */
export const RATE_LIMIT_PER_IP = 1000;

/**
 * The AWS managed rule groups, in order. In the common rule set, `SizeRestrictions_BODY` (bodies over 8 KB)
 * only counts: FIM's forms and the population import are larger, and the app limits bodies itself
 * (functions/http/limits.ts).
 */
export const MANAGED_RULE_GROUPS = [
  { name: 'AWSManagedRulesCommonRuleSet', countOnly: ['SizeRestrictions_BODY'] },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', countOnly: [] },
] as const;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * What stands in front of CloudFront: the AWS WAF web ACL. A CLOUDFRONT-scoped web ACL exists only in
 * us-east-1, so this stack is deployed there (the rest of FIM stays in the EU); FimApi takes its ARN through a
 * cross-region reference (`crossRegionReferences`, docs/infra.md "The edge").
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') throw new Error('A CLOUDFRONT web ACL is made in us-east-1 only');

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: 'fim-edge',
      description: 'FIM: AWS managed common and known-bad-input rules, a rate limit per client IP',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('fim-edge'),
      rules: [
        ...MANAGED_RULE_GROUPS.map((group, priority) => ({
          name: group.name,
          priority,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: group.name,
              ...(group.countOnly.length > 0
                ? {
                    ruleActionOverrides: group.countOnly.map((name) => ({
                      name,
                      actionToUse: { count: {} },
                    })),
                  }
                : {}),
            },
          },
          visibilityConfig: visibility(group.name),
        })),
        {
          name: 'RatePerIp',
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: RATE_LIMIT_PER_IP, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('fim-rate-per-ip'),
        },
      ],
    });
  }
}
