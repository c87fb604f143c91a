import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * A rotated customer managed key for an SNS topic that an AWS service (`ses`, `cloudwatch`) of this account
 * publishes to: such a service may only publish to an encrypted topic whose key policy lets it use the key, and the
 * AWS managed alias/aws/sns cannot be granted to it.
 */
export function topicKey(scope: Construct, id: string, description: string, service: string): Key {
  const key = new Key(scope, id, { description, enableKeyRotation: true });
  key.addToResourcePolicy(
    new PolicyStatement({
      sid: `Publish-${service}`,
      principals: [new ServicePrincipal(`${service}.amazonaws.com`)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
  );
  return key;
}
