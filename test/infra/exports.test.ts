import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FimApp } from '../../infra/build-app.js';
import { errorsOf, findingsOf, statementsOf, synthesise } from './helpers.js';

/*
 * The exports (issue 12) in AWS: the worker in FimJobs, fed by the table's stream filtered to new export items,
 * with its dead-letter queue and alarm; least privilege on the documents bucket (read the documents, write the
 * exports) and the table (no deletes); the exports expiring in the bucket; cdk-nag clean. No function is
 * bundled here.
 */

let fim: FimApp;
let jobs: Template;
let remove: () => void;

beforeAll(() => {
  ({ fim, remove } = synthesise(''));
  jobs = Template.fromStack(fim.jobsStack);
});
afterAll(() => remove());

const logicalId = (element: unknown) => fim.jobsStack.getLogicalId(element as never);
const join = (text: string) =>
  expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([expect.stringContaining(text)])] });

describe('the export worker', () => {
  it('is fed by the table’s stream, new export items only, one at a time, failures to its DLQ', () => {
    const worker = fim.jobsStack.exports;
    jobs.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(worker.fn.function.node.defaultChild) },
      BatchSize: 1,
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 2,
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { NewImage: { entity: { S: ['export'] }, status: { S: ['queued'] } } },
            }),
          },
        ],
      },
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [logicalId(worker.deadLetterQueue.node.defaultChild), 'Arn'] },
        },
      },
    });
    jobs.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      MemorySize: 1024,
      Environment: {
        Variables: Match.objectLike({ DOCUMENTS_BUCKET: 'fim-documents-111111111111-eu-north-1' }),
      },
    });
    jobs.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(worker.deadLetterQueue.node.defaultChild), 'QueueName'] },
        },
      ],
    });
  });

  it('reads the documents and writes the exports, nothing else of the bucket; deletes nothing in the table', () => {
    const statements = statementsOf(jobs, logicalId(fim.jobsStack.exports.fn.role.node.defaultChild));
    const s3 = statements.filter((s) => JSON.stringify(s.Action).includes('s3:'));
    expect(s3).toEqual([
      expect.objectContaining({ Action: 's3:GetObject', Resource: join('/documents/*') }),
      expect.objectContaining({
        Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        Resource: join('/exports/*'),
      }),
    ]);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions).not.toContain('s3:DeleteObject');
    expect(actions.some((a) => a === 's3:*' || a === 'dynamodb:*')).toBe(false);
  });
});

describe('where the exports are kept', () => {
  it('under exports/ in the documents bucket, expired after seven days', () => {
    Template.fromStack(fim.documentsStack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'ExpireExports',
            Prefix: 'exports/',
            ExpirationInDays: 7,
            NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });
});

describe('cdk-nag', () => {
  it('reports no unacknowledged finding', () => {
    expect(errorsOf(fim.app)).toEqual([]);
    expect(findingsOf(fim.app)).toEqual([]);
  });
});
