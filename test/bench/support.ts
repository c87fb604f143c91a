import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/app/app.js';
import { createDraft } from '../../functions/core/applications/application.service.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { startSession } from '../../functions/core/auth/session.service.js';
import { syncUserProfile } from '../../functions/core/auth/users.service.js';
import { createCallSchema } from '../../functions/core/calls/call.schema.js';
import { createCall, openCall } from '../../functions/core/calls/call.service.js';
import {
  recordPayment,
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../../functions/core/finance/contribution.service.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { PARTIES } from '../../functions/core/finance/parties.js';
import { applyPopulationImport } from '../../functions/core/finance/population.service.js';
import type { CoreDeps, RequestContext } from '../../functions/core/ports.js';
import type { Db } from '../../functions/db/client.js';
import { createDb } from '../../functions/db/client.js';
import { createLocalTokens, type TokenVerifier } from '../../functions/http/auth/tokens.js';
import type { AppDeps } from '../../functions/http/context.js';
import { freePort, startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { corsXml, LOCAL_BUCKET } from '../../functions/local/s3.js';
import { DEMO_USERS } from '../../functions/local/seed.js';
import { ensureTable } from '../../functions/local/table.js';
import { callBody } from '../support/fixtures.js';

/*
 * What the benchmarks share: a table in a DynamoDB Local of their own that counts the capacity and the requests
 * of every call, and the timing of a read over several runs.
 */

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** What a read cost over its runs: the median and 90th percentile time, and the last run's capacity and requests. */
export interface Measured<T> {
  p50: number;
  p90: number;
  units: number;
  requests: number;
  last: T;
}

/** The median and 90th percentile of `times` (sorted in place). */
export function percentiles(times: number[]): { p50: number; p90: number } {
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: p(0.5), p90: p(0.9) };
}

export interface BenchTable {
  db: Db;
  /** Runs `read` once to warm up, then `runs` times, each counted from zero. */
  measure<T>(runs: number, read: () => Promise<T>): Promise<Measured<T>>;
}

/**
 * Runs `bench` against a fresh table `tableName` in DynamoDB Local (in memory), every request asking for its
 * consumed capacity; stops it all afterwards, and ends the process with 1 on a failure.
 */
export async function runBench(
  tableName: string,
  bench: (table: BenchTable) => Promise<void>,
): Promise<void> {
  const dynamo = await startDynamoDbLocal({});
  const db = createDb({ tableName, endpoint: dynamo.endpoint });
  try {
    await ensureTable(db.client, db.tableName);
    let capacity = 0;
    let requests = 0;
    db.doc.middlewareStack.add(
      (next) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const consumed = (
          result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
        ).ConsumedCapacity;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
          capacity += c.CapacityUnits ?? 0;
        requests += 1;
        return result;
      },
      { step: 'initialize', name: 'benchCapacity' },
    );
    await bench({
      db,
      async measure(runs, read) {
        const times: number[] = [];
        let last = await read();
        let units = 0;
        let calls = 0;
        for (let i = 0; i < runs; i++) {
          capacity = 0;
          requests = 0;
          const t = performance.now();
          last = await read();
          times.push(performance.now() - t);
          units = capacity;
          calls = requests;
        }
        return { ...percentiles(times), units, requests: calls, last };
      },
    });
    const heap = process.memoryUsage();
    console.log(
      `Memory after: heap used ${(heap.heapUsed / 1e6).toFixed(0)} MB, rss ${(heap.rss / 1e6).toFixed(0)} MB`,
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    db.doc.destroy();
    await dynamo.stop();
  }
}

/**
 * The app as `npm start` serves it, with the demo users in the directory: `page(path, email)` asks for a page
 * as that demo user's browser would (the session cookie) and reads the whole answer; a status other than
 * 200 is a failure. `app` and `tokens` are there for asking the API; `verifier` replaces token verification
 * (to measure what it costs), and the tokens still sign.
 */
export async function benchApp(core: CoreDeps, verifier?: TokenVerifier) {
  for (const user of DEMO_USERS) await syncUserProfile(core, { actor: user }, user);
  const dataDir = mkdtempSync(join(tmpdir(), 'fim-bench-'));
  const tokens = await createLocalTokens(dataDir);
  const deps: AppDeps = {
    core,
    // The bench reads pages and API reads only: readiness is never asked.
    readiness: {},
    config: { mode: 'local', dataDir, secureCookies: false },
    tokens: verifier ?? tokens,
    logError: (message, error) => console.error(message, error),
  };
  const app = createApp(deps);
  const sessionIds = new Map<string, string>();
  return {
    app,
    deps,
    tokens,
    async page(path: string, email: string): Promise<{ text: string; headers: Headers }> {
      const user = DEMO_USERS.find((u) => u.email === email);
      if (!user) throw new Error(`No demo user ${email}`);
      // One session per person, started as sign-in starts one and used for every page after.
      let id = sessionIds.get(email);
      if (!id) {
        id = (await startSession(core, await tokens.verify(await tokens.sign(user)))).id;
        sessionIds.set(email, id);
      }
      const res = await app.request(path, { headers: { cookie: `fim_session=${id}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
      return { text, headers: res.headers };
    },
  };
}

/** A finance year as finance sets it up: the 2013 figures imported, the settings, the demands computed and sent. */
export async function setUpBenchYear(core: CoreDeps, ctx: RequestContext, year: number): Promise<void> {
  const seed = readFileSync(
    new URL('../../functions/local/seed-data/folk1a-2013-region-midtjylland.csv', import.meta.url),
    'utf8',
  );
  const rows = seed
    .split('\n')
    .filter((l) => /^[^#m].*,\d+$/.test(l))
    .map((l) => `${l.split(',')[0]},2013,${l.split(',')[1]}`);
  await applyPopulationImport(core, ctx, `party,year,population\n${rows.join('\n')}\n`);
  await saveYearSettings(
    core,
    ctx,
    year,
    {
      referenceYear: 2013,
      dueDate: `${year}-12-31`,
      rates: { municipalityOre: 100, regionOre: 100 },
      grantShare: { numerator: 4, denominator: 5 },
      paymentDetails: DEMO_PAYMENT_DETAILS,
    },
    undefined,
  );
  await runContributions(core, ctx, year);
  await sendContributions(core, ctx, year);
}

/** The `n`th payment of a bench run, paid on `paidOn`: each party in turn, a small amount, its own key. */
export async function recordBenchPayment(
  core: CoreDeps,
  ctx: RequestContext,
  year: number,
  n: number,
  paidOn: string,
): Promise<void> {
  const party = PARTIES[n % PARTIES.length];
  if (!party) throw new Error('no party');
  await recordPayment(
    core,
    ctx,
    year,
    party.id,
    { amountOre: 1_000 + (n % 97), paidOn, reference: `Bank ${n}` },
    `bench-${n}`,
  );
}

/** s3rver in a child process (its memory apart from this process's), with the local bucket; `stop` removes it. */
export async function startS3Child(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fim-bench-s3-'));
  const cors = join(dir, 'cors.xml');
  writeFileSync(cors, corsXml(['http://localhost']));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'node_modules/s3rver/bin/s3rver.js',
      '-d',
      join(dir, 'data'),
      '-p',
      String(port),
      '-a',
      '127.0.0.1',
      '-s',
      '--configure-bucket',
      LOCAL_BUCKET,
      cors,
    ],
    { stdio: 'ignore' },
  );
  const endpoint = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${endpoint}/${LOCAL_BUCKET}`);
      break;
    } catch {
      if (i > 200) throw new Error('s3rver did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    endpoint,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The peak of this process's RSS and heap while `run` runs, sampled every 20 ms (MB). */
export async function peakMemory<T>(
  run: () => Promise<T>,
): Promise<{ result: T; rssMb: number; heapMb: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  try {
    const result = await run();
    sample();
    return { result, rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The demo admin and researcher, as the benches act. */
export const benchPeople = (): { admin: Principal; applicant: Principal } => {
  const admin = DEMO_USERS.find((u) => u.email === 'admin@fim.local');
  const applicant = DEMO_USERS.find((u) => u.email === 'researcher@fim.local');
  if (!admin || !applicant) throw new Error('demo users');
  return { admin, applicant };
};

/**
 * A call the demo admin opened yesterday (a month to run; `callOverrides` on the example call) and a draft in it
 * by the demo researcher: where the document and export benches put their files.
 */
export async function benchDraft(
  core: CoreDeps,
  callOverrides: Record<string, unknown> = {},
): Promise<{ callId: string; draftId: string }> {
  const { admin, applicant } = benchPeople();
  const now = Date.now();
  const call = await createCall(
    core,
    { actor: admin },
    createCallSchema.parse(
      callBody({
        opensAt: new Date(now - 86_400_000).toISOString(),
        closesAt: new Date(now + 30 * 86_400_000).toISOString(),
        ...callOverrides,
      }),
    ),
  );
  await openCall(core, { actor: admin }, call.id);
  const draft = await createDraft(core, { actor: applicant }, call.id, { title: 'Bench' });
  return { callId: call.id, draftId: draft.id };
}
