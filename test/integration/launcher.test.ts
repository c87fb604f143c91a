import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/deadline.js';
import { type LaunchedStart, launchStart, processesWith } from '../support/launcher.js';

/*
 * `npm start` stops whatever it started on every way out. Each test runs the real entry point with a data folder
 * of its own, so DynamoDB Local's Java process is told apart from any other by its `-dbPath` on the command line.
 */

let dataDir: string;
let launched: LaunchedStart | undefined;

/** The Java processes this test's start spawned (DynamoDB Local keeps its data under the data folder). */
const javaOfThisStart = () => processesWith(join(dataDir, 'dynamodb'));

afterEach(async () => {
  // Whatever a test left running is ended here, the start and any Java it left.
  if (launched && launched.child.exitCode === null && launched.child.signalCode === null) {
    launched.child.kill('SIGKILL');
    await launched.exited;
  }
  for (const pid of javaOfThisStart()) process.kill(pid, 'SIGKILL');
  launched = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start stops every process it started', () => {
  it('when the start fails after DynamoDB Local is up', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fim-launch-'));
    // The local signing key, read after DynamoDB Local answers and the demo data is seeded, is a folder.
    mkdirSync(join(dataDir, 'local-signing-key'), { recursive: true });
    launched = await launchStart(dataDir);
    const started = launched;
    let sawJava = false;
    const watch = setInterval(() => {
      sawJava ||= javaOfThisStart().length > 0;
    }, 50);
    const code = await started.exited.finally(() => clearInterval(watch));
    expect(code, started.output()).toBe(1);
    expect(started.output()).toContain('EISDIR');
    expect(sawJava, 'the start failed before Java was up, so the test shows nothing').toBe(true);
    await until('no Java left', () => javaOfThisStart().length === 0, 5_000);
  });

  it('when it is sent SIGTERM while it starts, once Java is up', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fim-launch-'));
    launched = await launchStart(dataDir);
    const started = launched;
    await until('DynamoDB Local spawned', () => javaOfThisStart().length > 0, 60_000, started.output);
    expect(started.output()).not.toContain('FIM kører på');
    started.child.kill('SIGTERM');
    await started.exited;
    // A killed process takes a moment to leave /proc; one left running fails here.
    await until('no Java left', () => javaOfThisStart().length === 0, 5_000);
  });
});
