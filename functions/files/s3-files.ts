import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fileTypeFromStream } from 'file-type';
import type { FileStore, StoredFile } from '../core/ports.js';
import { s3Origin } from './lazy-s3-files.js';

/*
 * The only importer of the S3 SDK: presigned POST and GET, the object checks at completion (HeadObject and a
 * ranged GetObject of the first bytes for the magic bytes), delete and quarantine. The same code runs against
 * the documents bucket in AWS and s3rver on one machine (functions/local/s3.ts).
 */

/** How much of an object the type check reads: enough for file-type to tell DOCX, XLSX and ODT apart. */
export const SNIFF_BYTES = 256 * 1024;

export interface S3FilesConfig {
  bucket: string;
  region?: string;
  /** s3rver's URL locally (path-style, its fixed credentials); unset in AWS. */
  endpoint?: string;
  /** Whether a scanner (GuardDuty Malware Protection) reports on each upload: true in AWS. */
  scans: boolean;
  /** Wraps the client before use (the tracer in AWS). */
  instrument?: (client: S3Client) => S3Client;
}

export function createS3Client(config: Pick<S3FilesConfig, 'region' | 'endpoint'>): S3Client {
  return new S3Client({
    region: config.region ?? process.env.AWS_REGION ?? 'eu-north-1',
    // Checksums only where S3 demands them: s3rver knows no CRC32 headers, and a presigned POST carries none.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : {}),
  });
}

/** `attachment` with the cleaned name, ASCII fallback and RFC 5987 UTF-8 form. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function s3Files(config: S3FilesConfig): FileStore {
  const base = createS3Client(config);
  const client = config.instrument ? config.instrument(base) : base;
  const Bucket = config.bucket;
  const origin = s3Origin(config);
  return {
    scans: config.scans,
    origin,
    async presignUpload({ key, contentType, maxBytes, expiresInSeconds, redirectUrl }) {
      const fields: Record<string, string> = {
        'Content-Type': contentType,
        ...(redirectUrl ? { success_action_redirect: redirectUrl } : {}),
      };
      const post = await createPresignedPost(client, {
        Bucket,
        Key: key,
        Fields: fields,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
          ['eq', '$key', key],
          ...(redirectUrl ? [['eq', '$success_action_redirect', redirectUrl] as ['eq', string, string]] : []),
        ],
        Expires: expiresInSeconds,
      });
      return { url: post.url, fields: post.fields };
    },
    presignDownload: ({ key, fileName, contentType, expiresInSeconds }) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket,
          Key: key,
          ResponseContentDisposition: attachment(fileName),
          ResponseContentType: contentType,
        }),
        { expiresIn: expiresInSeconds },
      ),
    async inspect(key): Promise<StoredFile | undefined> {
      let sizeBytes: number;
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        sizeBytes = head.ContentLength ?? 0;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
      if (sizeBytes === 0) return { sizeBytes };
      // Only the first bytes: the file is never held whole, whatever its size.
      const object = await client.send(
        new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${Math.min(sizeBytes, SNIFF_BYTES) - 1}` }),
      );
      const body = object.Body?.transformToWebStream();
      const detected = body ? await fileTypeFromStream(body) : undefined;
      await body?.cancel().catch(() => undefined);
      return { sizeBytes, ...(detected ? { detected: { ext: detected.ext, mime: detected.mime } } : {}) };
    },
    async checksum(key) {
      const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      const hash = createHash('sha256');
      // Chunk by chunk as S3 sends them: memory stays flat whatever the file's size.
      for await (const chunk of (object.Body ?? []) as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async quarantine(key) {
      // A put replaces every tag: GuardDuty's own verdict tag (GuardDutyMalwareScanStatus) is kept beside ours.
      const { TagSet = [] } = await client.send(new GetObjectTaggingCommand({ Bucket, Key: key }));
      await client.send(
        new PutObjectTaggingCommand({
          Bucket,
          Key: key,
          Tagging: {
            TagSet: [
              ...TagSet.filter((t) => t.Key !== 'fim-quarantine'),
              { Key: 'fim-quarantine', Value: 'infected' },
            ],
          },
        }),
      );
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
