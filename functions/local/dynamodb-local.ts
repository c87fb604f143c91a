import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDb } from '../db/client.js';
import { ownChild } from './children.js';

/*
 * AWS's own DynamoDB Local, as shipped inside the npm package amplify-dynamodb-simulator (the registry is
 * the only place this machine may fetch from). Fetched once with `npm pack`, both checksums verified, and
 * only the emulator folder kept.
 */
const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const STARTUP_TIMEOUT_MS = 90_000;
const TARBALL_SHA256 = '3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9';
const JAR_SHA256 = '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7';
export const DYNAMODB_LOCAL_VERSION = '1.25.1';

const projectRoot = resolve(import.meta.dirname, '..', '..');
export const emulatorDir = join(projectRoot, '.cache', `dynamodb-local-${DYNAMODB_LOCAL_VERSION}`);

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export class SetupError extends Error {
  override name = 'SetupError';
}

/** Java 17 or newer must be on the PATH. @throws SetupError with the Debian package to install */
export function checkJava(): void {
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (run.error) {
    throw new SetupError(
      'Java 17 is missing: install it with `sudo apt-get install -y openjdk-17-jre-headless`, then run this again.',
    );
  }
  const major = Number(/version "(\d+)/.exec(`${run.stderr}${run.stdout}`)?.[1] ?? 0);
  if (major < 17) {
    throw new SetupError(
      `Java ${major || '?'} found, Java 17 needed: \`sudo apt-get install -y openjdk-17-jre-headless\`.`,
    );
  }
}

/** Makes sure the emulator is in .cache/, fetching and verifying it the first time. */
export function ensureDynamoDbLocal(log: (line: string) => void = () => {}): string {
  const jar = join(emulatorDir, 'DynamoDBLocal.jar');
  if (existsSync(jar)) return emulatorDir;
  const work = join(projectRoot, '.cache', `download-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`Fetching DynamoDB Local ${DYNAMODB_LOCAL_VERSION} (${PACKAGE}) from the npm registry, once…`);
    const name = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .trim()
      .split('\n')
      .pop();
    const tarball = join(work, name ?? '');
    if (!name || !existsSync(tarball)) throw new SetupError(`npm pack ${PACKAGE} produced no tarball`);
    if (sha256(tarball) !== TARBALL_SHA256)
      throw new SetupError(`Checksum mismatch for ${PACKAGE}; refusing to use it`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/emulator']);
    const extracted = join(work, 'package', 'emulator');
    if (sha256(join(extracted, 'DynamoDBLocal.jar')) !== JAR_SHA256) {
      throw new SetupError('Checksum mismatch for DynamoDBLocal.jar; refusing to use it');
    }
    mkdirSync(join(projectRoot, '.cache'), { recursive: true });
    try {
      renameSync(extracted, emulatorDir);
    } catch (error) {
      // Another process (a parallel test run) got there first: its copy is verified too.
      if (!existsSync(jar)) throw error;
    }
    return emulatorDir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningDynamoDb {
  endpoint: string;
  /** The Java process's id (a test stalls it with SIGSTOP and wakes it with SIGCONT). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local: in memory (tests) or kept on disk in `dataDir`. Resolves once it answers.
 */
export async function startDynamoDbLocal(options: {
  dataDir?: string;
  port?: number;
}): Promise<RunningDynamoDb> {
  checkJava();
  const dir = ensureDynamoDbLocal((line) => console.log(line));
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', resolve(options.dataDir)] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = ownChild(
    spawn(
      'java',
      [
        `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
        '-jar',
        join(dir, 'DynamoDBLocal.jar'),
        '-port',
        String(port),
        '-disableTelemetry',
        '-sharedDb',
        ...storage,
      ],
      {
        // It writes dynamodb-local-metadata.json into its working folder: keep that out of the project root.
        cwd: options.dataDir ? resolve(options.dataDir) : dir,
        env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    ),
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // The app's own client, timeouts included: a JVM that accepts and never answers cannot hold the wait past
  // its deadline.
  const { client } = createDb({ tableName: '', endpoint });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  // A JVM starts in seconds on a quiet machine; on a loaded one (the whole suite, CI) it can take a minute.
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr.slice(-500)}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline)
          throw new Error(
            `DynamoDB Local did not answer on ${endpoint} within ${STARTUP_TIMEOUT_MS / 1000} s: ${stderr.slice(-500)}`,
          );
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (error) {
    // Giving up on it stops it: the caller gets no handle to stop it with.
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, pid: child.pid as number, stop };
}
