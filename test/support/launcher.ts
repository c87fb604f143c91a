import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../../functions/local/dynamodb-local.js';

/*
 * `npm start`'s entry point as a process of its own (node --import tsx functions/local/start.ts, what npm and
 * tsx run), on free ports and a data folder of the test's; and the processes left on the machine afterwards.
 */

export interface LaunchedStart {
  child: ChildProcess;
  port: number;
  webPort: number;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** Its exit code (null after a signal), once it has exited. */
  exited: Promise<number | null>;
}

export async function launchStart(dataDir: string): Promise<LaunchedStart> {
  const [port, smtpPort, webPort, s3Port] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    cwd: resolve(import.meta.dirname, '..', '..'),
    env: {
      ...process.env,
      PORT: String(port),
      MAIL_SMTP_PORT: String(smtpPort),
      MAIL_WEB_PORT: String(webPort),
      S3_PORT: String(s3Port),
      FIM_DATA_DIR: dataDir,
      // The suite loads the machine: DynamoDB Local's answers may take seconds (functions/db/client.ts).
      FIM_DB_REQUEST_TIMEOUT_MS: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, port, webPort, output: () => output, exited };
}

/** The ids of the running processes whose command line contains `text` (Linux: read from /proc). */
export function processesWith(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(text)) found.push(Number(entry));
    } catch {
      // It exited while we looked.
    }
  }
  return found;
}
