import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTableShape } from '../../functions/local/table.js';
import type { FimApp } from '../../infra/build-app.js';
import { AUDIT_TABLE_ACTIONS } from '../../infra/constructs/app-function.js';
import { asArray, statementsOf, synthesise } from './helpers.js';

/*
 * The case record cannot be rewritten (issue 12): audit events in a table of their own that every function may
 * only add to and read, and a copy of each in a bucket under Object Lock in compliance mode.
 */

let fim: FimApp;
let data: Template;
let remove: () => void;

beforeAll(() => {
  // No bundling: what is checked is the templates' resources and policies.
  ({ fim, remove } = synthesise('', { auditRetentionYears: '12' }));
  data = Template.fromStack(fim.dataStack);
});

afterAll(() => remove?.());

const ref = (stackTemplate: Template, logicalId: string) => ({ stackTemplate, logicalId });
const auditTableId = () =>
  fim.dataStack.getLogicalId(fim.dataStack.auditTable.node.defaultChild as CfnElement);

/** Every statement that names the audit table, in a stack that imports it (or in FimData itself). */
function auditStatements(template: Template, inDataStack = false) {
  const id = auditTableId();
  return statementsOf(template).filter((s) => {
    const text = JSON.stringify(s.Resource);
    return inDataStack ? text.includes(id) : text.includes('FimData:') && text.includes(id);
  });
}

/** A statement whose every resource naming the audit table is one of its indexes (`<arn>/index/<name>`). */
function namesIndexOnly(statement: { Resource?: unknown }): boolean {
  const id = auditTableId();
  const resources: unknown[] = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  const naming = resources.filter((r) => JSON.stringify(r).includes(id));
  return naming.length > 0 && naming.every((r) => JSON.stringify(r).includes('/index/'));
}

describe('the audit table', () => {
  it('is a table of its own: pk/sk, on demand, recoverable, protected, retained, streamed with both images', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        // One index: every event a person caused ("Mine data"), keyed by actor and the event's sort key.
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byActor',
            KeySchema: [
              { AttributeName: 'actorPk', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    });
    // The same shape as the local table set-up creates (functions/local/table.ts), so the two cannot drift.
    const local = auditTableShape();
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayWith(local.AttributeDefinitions),
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
    });
    expect(ref(data, auditTableId()).logicalId).toMatch(/^AuditTable/);
  });

  it('can only be added to and read by every function that writes: no UpdateItem, DeleteItem or batch write', () => {
    const stacks = [fim.apiStack, fim.jobsStack, ...(fim.messagesStack ? [fim.messagesStack] : [])];
    let granted = 0;
    for (const stack of stacks) {
      const template = Template.fromStack(stack);
      const statements = auditStatements(template);
      // Each function of the stack that writes the data table writes audit events too.
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const actions = asArray(statement.Action).sort();
        // The index by actor answers Query only; the table itself add and read.
        expect(actions).toEqual(
          namesIndexOnly(statement) ? ['dynamodb:Query'] : [...AUDIT_TABLE_ACTIONS].sort(),
        );
        expect(actions).not.toContain('dynamodb:UpdateItem');
        expect(actions).not.toContain('dynamodb:DeleteItem');
        expect(actions).not.toContain('dynamodb:BatchWriteItem');
        expect(statement.Effect).toBe('Allow');
        granted += 1;
      }
      // And nothing else names the audit table with a wildcard action.
      expect(
        statementsOf(template).filter(
          (s) =>
            asArray(s.Action).some((a) => a.includes('*')) &&
            JSON.stringify(s.Resource).includes(auditTableId()),
        ),
      ).toEqual([]);
    }
    expect(granted).toBeGreaterThanOrEqual(stacks.length);
  });

  it('lets every function that writes events Query its index by actor, by name, and nothing else on it', () => {
    const stacks = [fim.apiStack, fim.jobsStack, ...(fim.messagesStack ? [fim.messagesStack] : [])];
    for (const stack of stacks) {
      const onIndex = auditStatements(Template.fromStack(stack)).filter(namesIndexOnly);
      expect(onIndex.length).toBeGreaterThan(0);
      for (const statement of onIndex) {
        expect(asArray(statement.Action)).toEqual(['dynamodb:Query']);
        expect(JSON.stringify(statement.Resource)).toContain('/index/byActor');
      }
    }
  });

  it('hands its name to the functions as AUDIT_TABLE_NAME', () => {
    Template.fromStack(fim.apiStack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          AUDIT_TABLE_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp('^FimData:') },
        }),
      },
    });
  });
});

describe('the archive', () => {
  it('locks every object in compliance mode for the configured years, versioned, private, TLS only', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 * 12 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    data.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
  });

  it('is fed by the audit table’s stream; the archiver may only put objects and read that stream', () => {
    data.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [auditTableId(), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    const role = fim.dataStack.getLogicalId(fim.dataStack.auditArchiver.role.node.defaultChild as CfnElement);
    const actions = statementsOf(data, role).flatMap((s) => asArray(s.Action));
    expect(actions).toContain('s3:PutObject');
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
  });
});
