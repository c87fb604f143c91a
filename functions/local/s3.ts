import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { ensurePortFree, type PortTaken } from './maildev.js';

/*
 * s3rver 3.7: an S3-compatible server, the local stand-in for the documents bucket. `npm start` runs one on
 * S3_PORT (default 4569) with its data in FIM_DATA_DIR; the test run one on a free port. The bucket is made at
 * start, with CORS for the site, so the browser's upload (with progress, by script) may post to it.
 */

export const LOCAL_BUCKET = 'fim-documents';

export interface RunningS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/** The bucket's CORS: the site may POST uploads (and read the answer) and GET downloads. */
export const corsXml = (origins: readonly string[]): string =>
  `<CORSConfiguration>${origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;

/** Starts s3rver on the loopback with the bucket made. @throws SetupError naming S3_PORT when the port is taken */
export async function startS3(options: {
  port: number;
  directory: string;
  /** The site's origins, allowed by the bucket's CORS. */
  origins: readonly string[];
  portTaken?: PortTaken;
}): Promise<RunningS3> {
  await ensurePortFree(options.port, 'S3_PORT', options.portTaken);
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    silent: true,
    directory: options.directory,
    configureBuckets: [{ name: LOCAL_BUCKET, configs: [corsXml(options.origins)] }],
  });
  await server.run();
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://localhost:${options.port}`,
    bucket: LOCAL_BUCKET,
    // Once, however often asked (a failed start and the run's teardown both stop what started).
    stop: () => {
      stopped ??= server.close();
      return stopped;
    },
  };
}
