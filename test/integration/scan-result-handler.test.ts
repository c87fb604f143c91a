import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import { createDraft } from '../../functions/core/applications/application.service.js';
import type { Document } from '../../functions/core/documents/document.schema.js';
import { completeUpload, requestUpload } from '../../functions/core/documents/document.service.js';
import type { CoreDeps } from '../../functions/core/ports.js';
import { createS3Client, s3Files } from '../../functions/files/s3-files.js';
import { pdf, postToStore, TEST_KINDS } from '../support/documents.js';
import { applicationBody } from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { captureLambdaOutput, coldStart, lambdaContext } from '../support/lambda.js';
import { ACTORS, as, openedCall } from '../support/services.js';
import { pendingOutbox } from '../support/table.js';

/*
 * The scan results' Lambda entry point as deployed, with events as EventBridge delivers GuardDuty Malware
 * Protection for S3's verdicts: a clean file becomes readable to the application's readers; an infected one is
 * tagged for quarantine and its uploader told through the outbox; a repeated or foreign event changes nothing.
 */

type Invoke = (event: unknown, context: Context) => Promise<void>;

let h: Harness;
/** The core as in AWS: a scanner reports on each upload, so completed documents wait for it. */
let scanned: CoreDeps;
let applicationId = '';
const { logLines } = captureLambdaOutput();

const start = () =>
  coldStart<Invoke>(() => import('../../functions/handlers/scan-result.handler.js'), 'fim-scan-results', {
    TABLE_NAME: h.db.tableName,
    DOCUMENTS_BUCKET: inject('s3Bucket'),
    S3_ENDPOINT: inject('s3Endpoint'),
  });

/** GuardDuty's event for an object, as EventBridge sends it. */
const scanEvent = (objectKey: string, status: string, threats: { name: string }[] | null = null) => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'GuardDuty Malware Protection Object Scan Result',
  source: 'aws.guardduty',
  account: '111122223333',
  time: '2027-03-01T09:05:00Z',
  region: 'eu-north-1',
  resources: ['arn:aws:guardduty:eu-north-1:111122223333:malware-protection-plan/b4c7f464ab3a4EXAMPLE'],
  detail: {
    schemaVersion: '1.0',
    scanStatus: 'COMPLETED',
    resourceType: 'S3_OBJECT',
    s3ObjectDetails: {
      bucketName: inject('s3Bucket'),
      objectKey,
      eTag: '"0123456789abcdef"',
      versionId: 'ssHXbhAo3bRYtdv',
      s3Throttled: false,
    },
    scanResultDetails: { scanResultStatus: status, threats },
  },
});

/** Uploads a PDF as the applicant through the AWS-like core: it waits for the scanner. */
async function uploadScanned(): Promise<Document> {
  const ticket = await requestUpload(scanned, as(ACTORS.applicant), applicationId, {
    kind: 'cv_project_lead',
    fileName: 'cv.pdf',
    contentType: 'application/pdf',
    sizeBytes: pdf().length,
  });
  await postToStore(ticket.upload, pdf(), 'application/pdf');
  return completeUpload(scanned, as(ACTORS.applicant), applicationId, ticket.document.id);
}

beforeAll(async () => {
  h = await withUsers(await createHarness(), [ACTORS.applicant, ACTORS.admin]);
  scanned = {
    ...h.core,
    files: s3Files({ bucket: inject('s3Bucket'), endpoint: inject('s3Endpoint'), scans: true }),
  };
  const call = await openedCall(h.core, { documentKinds: TEST_KINDS });
  applicationId = (
    await createDraft(h.core, as(ACTORS.applicant), call.id, applicationDraftSchema.parse(applicationBody()))
  ).id;
});

describe('functions/handlers/scan-result.handler.ts', () => {
  it('marks a document clean on NO_THREATS_FOUND; a second delivery of the event changes nothing', async () => {
    const document = await uploadScanned();
    expect(document.status).toBe('scanning');
    const handler = await start();
    await handler(scanEvent(document.objectKey, 'NO_THREATS_FOUND'), lambdaContext('fim-scan-results'));
    const stored = await h.core.documents.get(applicationId, document.id);
    expect(stored).toMatchObject({ status: 'clean', version: document.version + 1 });
    await handler(scanEvent(document.objectKey, 'NO_THREATS_FOUND'), lambdaContext('fim-scan-results'));
    expect((await h.core.documents.get(applicationId, document.id))?.version).toBe(document.version + 1);
  });

  it('quarantines an infected file (tagged, unreadable), tells its uploader, and audits the verdict', async () => {
    const document = await uploadScanned();
    const handler = await start();
    await handler(
      scanEvent(document.objectKey, 'THREATS_FOUND', [{ name: 'EICAR-Test-File (not a virus)' }]),
      lambdaContext('fim-scan-results'),
    );
    expect(await h.core.documents.get(applicationId, document.id)).toMatchObject({ status: 'infected' });
    const tags = await createS3Client({ endpoint: inject('s3Endpoint') }).send(
      new GetObjectTaggingCommand({ Bucket: inject('s3Bucket'), Key: document.objectKey }),
    );
    expect(tags.TagSet).toEqual([{ Key: 'fim-quarantine', Value: 'infected' }]);
    const told = (await pendingOutbox(h)).filter((m) => m.kind === 'document.infected');
    expect(told).toEqual([
      expect.objectContaining({
        to: ACTORS.applicant.email,
        case: { kind: 'application', id: applicationId },
        params: expect.objectContaining({ fileName: 'cv.pdf', kindName: 'CV for projektleder' }),
      }),
    ]);
    const events = await h.core.applications.get(applicationId);
    expect(events?.status).toBe('draft');
  });

  it('leaves a document scanning when the scan could not judge it, and ignores events that are not ours', async () => {
    const document = await uploadScanned();
    const handler = await start();
    await handler(scanEvent(document.objectKey, 'UNSUPPORTED'), lambdaContext('fim-scan-results'));
    await handler(scanEvent('elsewhere/file.pdf', 'THREATS_FOUND'), lambdaContext('fim-scan-results'));
    await handler({ 'detail-type': 'Something else', source: 'aws.s3' }, lambdaContext('fim-scan-results'));
    expect((await h.core.documents.get(applicationId, document.id))?.status).toBe('scanning');
    expect(logLines().some((l) => l.message === 'Not a scan result of an object: ignored')).toBe(true);
  });
});
