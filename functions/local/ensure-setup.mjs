// Runs before `npm start` and `npm test` (plain Node, no dependencies): installs the npm packages when they are
// missing or older than the lock file, and stops with one clear line when a system package is missing.
// DynamoDB Local itself is fetched (pinned, checksums verified) by functions/local/dynamodb-local.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const purpose = process.argv[2] ?? 'start';

function stop(line) {
  console.error(`\n${line}\n`);
  process.exit(1);
}

const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  // `npm install`, not `npm ci`: with this machine's npm settings the lock file leaves out other platforms'
  // optional binaries (Biome's), which `npm ci` then reports as missing. The lock file still pins every version.
  console.log('Installing npm packages (npm install)…');
  const run = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) stop('npm install failed: see the lines above.');
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const major = Number(/version "(\d+)/.exec(`${java.stderr ?? ''}${java.stdout ?? ''}`)?.[1] ?? 0);
if (java.error || major < 17) {
  stop('Java 17 is missing (DynamoDB Local needs it): sudo apt-get install -y openjdk-17-jre-headless');
}

if (purpose === 'test') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium))
    stop(`Chromium is missing at ${chromium} (browser tests need it): sudo apt-get install -y chromium`);
}
