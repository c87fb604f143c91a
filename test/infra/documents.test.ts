import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FimApp } from '../../infra/build-app.js';
import { SCAN_RESULT_DETAIL_TYPE } from '../../infra/stacks/documents-stack.js';
import { errorsOf, findingsOf, statementsOf, synthesise } from './helpers.js';

/*
 * FimDocuments: the documents bucket's settings, GuardDuty Malware Protection for S3 with its role, the verdicts'
 * rule and function, and FimApi's grants on the documents prefix; cdk-nag clean. No function is bundled here.
 */

let fim: FimApp;
let documents: Template;
let remove: () => void;

beforeAll(() => {
  ({ fim, remove } = synthesise(''));
  documents = Template.fromStack(fim.documentsStack);
});
afterAll(() => remove());

const bucketId = () => fim.documentsStack.getLogicalId(fim.documentsStack.bucket.node.defaultChild as never);

describe('the documents bucket', () => {
  it('is private, encrypted, versioned, logged, with lifecycle rules and CORS for the site only', () => {
    documents.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'fim-documents-111111111111-eu-north-1',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'documents/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
        ]),
      },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedMethods: ['POST', 'GET'],
            AllowedOrigins: [Match.not(Match.stringLikeRegexp('\\*'))],
          }),
        ],
      },
    });
  });

  it('refuses plain HTTP and reading an object GuardDuty found infected', () => {
    const policy = documents.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: bucketId() } },
    });
    const statements = Object.values(policy).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Sid: 'DenyReadingInfected',
          Effect: 'Deny',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Condition: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND' } },
        }),
      ]),
    );
  });
});

describe('GuardDuty Malware Protection for S3', () => {
  it('protects the documents prefix with tagging on, through its own role', () => {
    documents.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: { Ref: bucketId() }, ObjectPrefixes: ['documents/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: Match.anyValue(),
    });
    documents.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [
          Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } }),
        ],
      }),
    });
  });

  it('sends each verdict on the bucket to the function, failures to a dead-letter queue', () => {
    documents.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': [SCAN_RESULT_DETAIL_TYPE],
        detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId() }] } },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
    });
    const fnRole = fim.documentsStack.getLogicalId(
      fim.documentsStack.scanResultFunction.role.node.defaultChild as never,
    );
    expect(statementsOf(documents, fnRole)).toEqual(
      expect.arrayContaining([expect.objectContaining({ Action: 's3:PutObjectTagging' })]),
    );
  });
});

describe('the API’s access to documents', () => {
  it('may put, get and delete objects under the documents prefix, get the exports, and knows the bucket', () => {
    const api = Template.fromStack(fim.apiStack);
    const roleId = fim.apiStack.getLogicalId(fim.apiStack.apiFunction.role.node.defaultChild as never);
    const s3 = statementsOf(api, roleId).filter((s) => JSON.stringify(s.Action).includes('s3:'));
    expect(s3).toEqual([
      expect.objectContaining({
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: expect.objectContaining({
          'Fn::Join': ['', expect.arrayContaining([expect.stringContaining('/documents/*')])],
        }),
      }),
      // The exports' ZIPs: the download link is signed by the API (issue 12).
      expect.objectContaining({
        Action: 's3:GetObject',
        Resource: expect.objectContaining({
          'Fn::Join': ['', expect.arrayContaining([expect.stringContaining('/exports/*')])],
        }),
      }),
    ]);
    api.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ DOCUMENTS_BUCKET: 'fim-documents-111111111111-eu-north-1' }),
      },
    });
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged with the documents stack in the app', () => {
    expect(errorsOf(fim.app)).toEqual([]);
    expect(findingsOf(fim.app)).toEqual([]);
  });
});
