import { wireCore } from '../db/repositories.js';
import { lazyS3Files } from '../files/lazy-s3-files.js';
import { type Boot, boot, required } from './boot.js';

let filesBooted: Boot | undefined;

/**
 * boot() with the documents bucket as the core's file store (DOCUMENTS_BUCKET, set by the stack), built once per
 * cold start; GuardDuty scans every upload there, so documents wait for its verdict. Only the functions that
 * handle documents (the API, the scan results) take it, so the others bundle no S3 client; even they read the S3
 * code only when a document is first handled.
 */
export function bootFiles(): Boot {
  if (filesBooted) return filesBooted;
  const base = boot(wireCore);
  const files = lazyS3Files({
    bucket: required('DOCUMENTS_BUCKET'),
    ...(process.env.S3_ENDPOINT ? { endpoint: process.env.S3_ENDPOINT } : {}),
    scans: true,
    instrument: (client) => base.tracer.captureAWSv3Client(client),
  });
  filesBooted = { ...base, core: { ...base.core, files } };
  return filesBooted;
}
