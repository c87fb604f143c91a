import type { ExportWriter } from '../core/ports.js';
import { wireCore } from '../db/repositories.js';
import { createZipWriter } from '../exports/zip-writer.js';
import { s3ObjectStreams } from '../files/object-streams.js';
import { s3Files } from '../files/s3-files.js';
import { type Boot, boot, required } from './boot.js';

/** What the export worker shares besides Boot: the file store (for the links) and the ZIP writer. */
export interface ExportsBoot extends Boot {
  writer: ExportWriter;
}

let exportsBooted: ExportsBoot | undefined;

/**
 * boot() with the documents bucket (DOCUMENTS_BUCKET: the documents are read from it, the ZIP written under its
 * `exports/` prefix) and the ZIP writer, built once per cold start; SITE_URL and MAIL_FROM compose the messages
 * as the mail sender does. A missing setting fails the cold start with its name.
 */
export function bootExports(): ExportsBoot {
  if (exportsBooted) return exportsBooted;
  const base = boot(wireCore);
  const bucket = required('DOCUMENTS_BUCKET');
  const endpoint = process.env.S3_ENDPOINT ? { endpoint: process.env.S3_ENDPOINT } : {};
  const instrument = { instrument: base.tracer.captureAWSv3Client.bind(base.tracer) };
  exportsBooted = {
    ...base,
    core: { ...base.core, files: s3Files({ bucket, ...endpoint, scans: true, ...instrument }) },
    writer: createZipWriter({
      objects: s3ObjectStreams({ bucket, ...endpoint, ...instrument }),
      siteUrl: required('SITE_URL').replace(/\/$/, ''),
      from: required('MAIL_FROM'),
    }),
  };
  return exportsBooted;
}
