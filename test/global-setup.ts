import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  freePort,
  type RunningDynamoDb,
  SetupError,
  startDynamoDbLocal,
} from '../functions/local/dynamodb-local.js';
import { type RunningMailDev, startMailDev } from '../functions/local/maildev.js';
import { type RunningS3, startS3 } from '../functions/local/s3.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** The run's maildev: its SMTP port and its inbox's REST API (`${mailApiUrl}/api/email`). */
    mailSmtpPort: number;
    mailApiUrl: string;
    /** The run's s3rver (the documents' bucket is made at start). */
    s3Endpoint: string;
    s3Bucket: string;
  }
}

let dynamo: RunningDynamoDb | undefined;
let mail: RunningMailDev | undefined;
let mailDirectory: string | undefined;
let s3: RunningS3 | undefined;
let s3Directory: string | undefined;

/**
 * One DynamoDB Local (in memory) and one maildev for the whole run; each test file makes its own table in the
 * one and reads only its own recipients' mail from the other.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  try {
    mailDirectory = mkdtempSync(join(tmpdir(), 'fim-mail-'));
    s3Directory = mkdtempSync(join(tmpdir(), 'fim-s3-'));
    const [startedDynamo, startedMail, startedS3] = await Promise.allSettled([
      startDynamoDbLocal({}),
      Promise.all([freePort(), freePort()]).then(([smtpPort, webPort]) =>
        startMailDev({ smtpPort, webPort, mailDirectory: mailDirectory as string }),
      ),
      freePort().then((port) =>
        startS3({
          port,
          directory: s3Directory as string,
          origins: ['http://localhost', 'http://127.0.0.1'],
        }),
      ),
    ]);
    // One failed, the other is stopped: a failed start leaves no DynamoDB Local (Java) behind.
    if (startedDynamo.status === 'fulfilled') dynamo = startedDynamo.value;
    if (startedMail.status === 'fulfilled') mail = startedMail.value;
    if (startedS3.status === 'fulfilled') s3 = startedS3.value;
    if (startedDynamo.status === 'rejected') throw await stoppedAfter(startedDynamo.reason);
    if (startedMail.status === 'rejected') throw await stoppedAfter(startedMail.reason);
    if (startedS3.status === 'rejected') throw await stoppedAfter(startedS3.reason);
    project.provide('dynamoEndpoint', startedDynamo.value.endpoint);
    project.provide('mailSmtpPort', startedMail.value.smtpPort);
    project.provide('mailApiUrl', startedMail.value.inboxUrl);
    project.provide('s3Endpoint', startedS3.value.endpoint);
    project.provide('s3Bucket', startedS3.value.bucket);
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Stops what did start, and gives back the failure to throw. */
async function stoppedAfter(failure: unknown): Promise<unknown> {
  await teardown();
  return failure;
}

export async function teardown(): Promise<void> {
  await Promise.all([dynamo?.stop(), mail?.stop(), s3?.stop()]);
  for (const directory of [mailDirectory, s3Directory]) {
    if (directory) rmSync(directory, { recursive: true, force: true });
  }
}
