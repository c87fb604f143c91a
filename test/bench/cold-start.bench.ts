/**
 * Benchmark (issue 13): bundle size and cold start. Builds the floor (test/bench/floor.handler.ts: Hono and one
 * DynamoDB read) and every Lambda handler the way infra builds them (infra/constructs/bundle.ts: `bytes` are what a
 * cold start reads, index.mjs and the chunks it imports statically; `lazy bytes` the chunks read on first use), then imports each bundle in a fresh Node
 * process with the environment infra gives the functions (NODE_OPTIONS included), in interleaved rounds so a
 * busy machine slows all alike. Prints bytes, import time (median and p90) and resident memory after the import,
 * each beside its ratio to the floor and the target. Run: npm run bench (BENCH_ROUNDS=5 for a quicker run;
 * BENCH_NODE=<path to a node binary> imports with another Node, e.g. the Lambdas' Node 24; BENCH_BEFORE=<another
 * checkout of this repository, e.g. `git archive <commit> | tar -x -C dir` with node_modules linked> also bundles
 * its handlers and interleaves them with these, as rows "<name> before", for a before/after on one load).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { FUNCTION_ENVIRONMENT } from '../../infra/constructs/app-function.js';
import { bundleForLambda } from '../../infra/constructs/bundle.js';
import { API_ENTRY } from '../../infra/stacks/api-stack.js';
import { CLOSE_CALLS_ENTRY, REMINDERS_ENTRY } from '../../infra/stacks/jobs-stack.js';
import { MAIL_EVENTS_ENTRY, MAIL_SENDER_ENTRY, MAIL_SWEEP_ENTRY } from '../../infra/stacks/messages-stack.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const NODE = process.env.BENCH_NODE ?? process.execPath;
const BEFORE = process.env.BENCH_BEFORE;
const ROOT = new URL('../../', import.meta.url).pathname;

/** Each bundle, and its target as a multiple of the floor (bytes and import time alike). */
const TARGETS = [
  { name: 'floor', entry: new URL('./floor.handler.ts', import.meta.url).pathname, target: 1 },
  { name: 'api', entry: API_ENTRY, target: 1.5 },
  { name: 'close-calls', entry: CLOSE_CALLS_ENTRY, target: 1.2 },
  { name: 'reminders', entry: REMINDERS_ENTRY, target: 1.2 },
  { name: 'mail-sender', entry: MAIL_SENDER_ENTRY, target: 1.2 },
  { name: 'mail-sweep', entry: MAIL_SWEEP_ENTRY, target: 1.2 },
  { name: 'mail-events', entry: MAIL_EVENTS_ENTRY, target: 1.2 },
] as const;

/** What the stacks set beside FUNCTION_ENVIRONMENT, with made-up values: each cold start reads them. */
const environment: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  ...FUNCTION_ENVIRONMENT,
  AWS_REGION: 'eu-north-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'fim-bench',
  COGNITO_USER_POOL_ID: 'eu-north-1_Bench0000',
  DOCUMENTS_BUCKET: 'fim-bench-documents',
  COGNITO_CLIENT_ID: 'benchclient',
  COGNITO_DOMAIN: 'https://fim-bench.auth.eu-north-1.amazoncognito.com',
  PUBLIC_URL: 'https://bench.example.org',
  ORIGIN_SECRET: 'bench-origin-secret',
  MAIL_FROM: 'FIM <fim@example.org>',
  MAIL_CONFIGURATION_SET: 'fim-bench',
  SITE_URL: 'https://bench.example.org',
};

/** Imports the bundle in a fresh process; the time from before the import to after its top level ran. */
const IMPORT = `const t = performance.now();
const cpu = process.cpuUsage();
await import(process.env.BENCH_BUNDLE);
const { user, system } = process.cpuUsage(cpu);
const ms = performance.now() - t;
console.log(JSON.stringify({ ms, cpuMs: (user + system) / 1000, rss: process.memoryUsage().rss }));`;

const run = promisify(execFile);

interface Sample {
  /** Wall-clock time of the import. */
  ms: number;
  /** CPU time (user + system) of the import: what a busy machine disturbs least. */
  cpuMs: number;
  rss: number;
}

async function importOnce(bundle: string): Promise<Sample> {
  const { stdout } = await run(NODE, ['--input-type=module', '-e', IMPORT], {
    env: { ...environment, BENCH_BUNDLE: pathToFileURL(bundle).href },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Sample;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

const dir = mkdtempSync(join(tmpdir(), 'fim-bench-bundles-'));
try {
  const bundles = [];
  // The other checkout's handlers (not its floor: the floor is the same file), each after this one's.
  const builds = TARGETS.flatMap((t) => [
    t,
    ...(BEFORE && t.name !== 'floor'
      ? [{ ...t, name: `${t.name} before`, entry: join(BEFORE, relative(ROOT, t.entry)) }]
      : []),
  ]);
  for (const t of builds) {
    const outdir = join(dir, t.name.replace(' ', '-'));
    mkdirSync(outdir);
    const built = bundleForLambda(t.entry, outdir);
    bundles.push({
      ...t,
      file: built.entryFile,
      bytes: built.coldStartBytes,
      lazyBytes: built.totalBytes - built.coldStartBytes,
      samples: [] as Sample[],
    });
  }
  const load = loadavg()[0]?.toFixed(2);
  console.log(
    `Cold start: ${ROUNDS} interleaved rounds on Node ${(await run(NODE, ['--version'])).stdout.trim()}, NODE_OPTIONS="${environment.NODE_OPTIONS ?? ''}" (as infra sets it), load ${load}`,
  );
  await importOnce(bundles[0]?.file ?? ''); // warm the file cache and the Node binary
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with another bundle, so none always runs first or last.
    for (let i = 0; i < bundles.length; i++) {
      const b = bundles[(round + i) % bundles.length];
      if (!b) continue;
      b.samples.push(await importOnce(b.file));
    }
  }
  const floor = bundles[0];
  if (!floor) throw new Error('no floor');
  const p50 = (b: typeof floor, key: keyof Sample) =>
    quantile(
      b.samples.map((sample) => sample[key]),
      0.5,
    );
  const rows = bundles.map((b) => {
    const xBytes = b.bytes / floor.bytes;
    const xCpu = p50(b, 'cpuMs') / p50(floor, 'cpuMs');
    return [
      b.name,
      {
        bytes: b.bytes.toLocaleString('en'),
        'x floor': xBytes.toFixed(2),
        'lazy bytes': b.lazyBytes.toLocaleString('en'),
        'import p50 ms': p50(b, 'ms').toFixed(1),
        'p90 ms': quantile(
          b.samples.map((sample) => sample.ms),
          0.9,
        ).toFixed(1),
        'x floor ': (p50(b, 'ms') / p50(floor, 'ms')).toFixed(2),
        'cpu p50 ms': p50(b, 'cpuMs').toFixed(1),
        'x floor  ': xCpu.toFixed(2),
        'rss MiB': (p50(b, 'rss') / 2 ** 20).toFixed(1),
        target: `<= ${b.target}x`,
        // Judged on bytes and on the import's CPU time (wall-clock times follow the machine's load).
        met: b.name === 'floor' ? '' : xBytes <= b.target && xCpu <= b.target ? 'yes' : 'no',
        'cpu p90 ms': quantile(
          b.samples.map((sample) => sample.cpuMs),
          0.9,
        ).toFixed(1),
      },
    ];
  });
  console.table(Object.fromEntries(rows));
  console.log(`Load after: ${loadavg()[0]?.toFixed(2)}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
