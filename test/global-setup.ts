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

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** The run's maildev: its SMTP port and its inbox's REST API (`${mailApiUrl}/api/email`). */
    mailSmtpPort: number;
    mailApiUrl: string;
  }
}

let dynamo: RunningDynamoDb | undefined;
let mail: RunningMailDev | undefined;
let mailDirectory: string | undefined;

/**
 * One DynamoDB Local (in memory) and one maildev for the whole run; each test file makes its own table in the
 * one and reads only its own recipients' mail from the other.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  try {
    mailDirectory = mkdtempSync(join(tmpdir(), 'fim-mail-'));
    [dynamo, mail] = await Promise.all([
      startDynamoDbLocal({}),
      Promise.all([freePort(), freePort()]).then(([smtpPort, webPort]) =>
        startMailDev({ smtpPort, webPort, mailDirectory: mailDirectory as string }),
      ),
    ]);
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('mailSmtpPort', mail.smtpPort);
  project.provide('mailApiUrl', mail.inboxUrl);
}

export async function teardown(): Promise<void> {
  await Promise.all([dynamo?.stop(), mail?.stop()]);
  if (mailDirectory) rmSync(mailDirectory, { recursive: true, force: true });
}
