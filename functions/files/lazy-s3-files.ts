import type { FileStore } from '../core/ports.js';
import type { S3FilesConfig } from './s3-files.js';

/** Where the browser posts uploads: s3rver's origin on one machine, the bucket's virtual host in AWS. */
export function s3Origin(config: Pick<S3FilesConfig, 'bucket' | 'region' | 'endpoint'>): string {
  return config.endpoint
    ? new URL(config.endpoint).origin
    : `https://${config.bucket}.s3.${config.region ?? process.env.AWS_REGION ?? 'eu-north-1'}.amazonaws.com`;
}

/**
 * The documents bucket as a FileStore whose S3 code (the S3 client, the presigners, file-type: ~200 KB of the
 * API's bundle) is read on the first call that needs it: a cold start that serves no document parses none of it
 * (docs/infra.md, "Cold start"). `scans` and `origin` answer without loading anything.
 */
export function lazyS3Files(config: S3FilesConfig): FileStore {
  let store: Promise<FileStore> | undefined;
  const load = () => {
    store ??= import('./s3-files.js').then((module) => module.s3Files(config));
    return store;
  };
  return {
    scans: config.scans,
    origin: s3Origin(config),
    presignUpload: async (input) => (await load()).presignUpload(input),
    presignDownload: async (input) => (await load()).presignDownload(input),
    inspect: async (key) => (await load()).inspect(key),
    checksum: async (key) => (await load()).checksum(key),
    delete: async (key) => (await load()).delete(key),
    quarantine: async (key) => (await load()).quarantine(key),
  };
}
