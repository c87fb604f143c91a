import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createS3Client, type S3FilesConfig } from './s3-files.js';

/*
 * Objects as streams, for the exports (functions/exports): a stored object read as it is consumed, and a
 * stream of unknown length written with S3's multipart upload, a part at a time, so no more than one part
 * (PART_BYTES) is ever held, whatever the size of the whole.
 */

/** A part of a multipart upload: S3 takes at least 5 MiB for every part but the last. */
export const PART_BYTES = 8 * 1024 * 1024;

export interface ObjectStreams {
  /** The object's bytes, read as they are consumed. */
  read(key: string): Promise<Readable>;
  /**
   * Writes `body` under `key` with a multipart upload (aborted if anything fails, so no part is left behind).
   * Answers the bytes written and the number of parts.
   */
  upload(
    key: string,
    body: AsyncIterable<Uint8Array>,
    contentType: string,
  ): Promise<{ sizeBytes: number; parts: number }>;
}

export function s3ObjectStreams(config: Omit<S3FilesConfig, 'scans'>, client?: S3Client): ObjectStreams {
  const base = client ?? createS3Client(config);
  const s3 = config.instrument ? config.instrument(base) : base;
  const Bucket = config.bucket;
  return {
    async read(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket, Key: key }));
      if (!object.Body) throw new Error(`Object ${key} has no body`);
      // In Node the SDK's body is an http.IncomingMessage: a Readable.
      return object.Body as Readable;
    },
    async upload(key, body, contentType) {
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }),
      );
      if (!UploadId) throw new Error(`No upload id for ${key}`);
      const parts: { ETag: string; PartNumber: number }[] = [];
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let sizeBytes = 0;
      const flush = async () => {
        const PartNumber = parts.length + 1;
        const out = await s3.send(
          new UploadPartCommand({
            Bucket,
            Key: key,
            UploadId,
            PartNumber,
            Body: Buffer.concat(pending, pendingBytes),
          }),
        );
        parts.push({ ETag: out.ETag ?? '', PartNumber });
        pending = [];
        pendingBytes = 0;
      };
      try {
        for await (const chunk of body) {
          const buffer = Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          pending.push(buffer);
          pendingBytes += buffer.length;
          sizeBytes += buffer.length;
          // Awaiting the part pauses the source: backpressure, not buffering.
          if (pendingBytes >= PART_BYTES) await flush();
        }
        if (pendingBytes > 0 || parts.length === 0) await flush();
        await s3.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      } catch (error) {
        await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId })).catch(() => undefined);
        throw error;
      }
      return { sizeBytes, parts: parts.length };
    },
  };
}
