/**
 * Benchmark (issue 13, "API read overhead"): `GET /api/calls` and `GET /api/applications/{id}` through the app
 * as `npm start` serves it (`app.request()`, a bearer token), against the raw DynamoDB call each makes (a Query
 * of the open calls' index; a GetItem of the application), against DynamoDB Local in memory. Between the two,
 * the same read with one layer more at a time, so the note can say where the time goes:
 *   service     the core service on the repository (retry wrapper, keys stripped, defaults)
 *   plain Hono  the service in a bare Hono route (c.json), no middleware, no validation
 *   API router  the API's OpenAPIHono router alone (body limit, auth middleware, zod input), token not verified
 *   app, no verify  the whole app (compression, security headers, Cache-Control, web routes beside), token not verified
 *   token verify    the token's verification alone (remembered after its first, functions/http/auth/tokens.ts)
 *   app         the whole app with the bearer token verified: what a client gets
 * Every run takes each variant once, in an order that turns each run, so none profits from going first.
 * Run: npm run bench (BENCH_RUNS=100 for a quicker run).
 */

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { createDraft, getApplication } from '../../functions/core/applications/application.service.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { listCalls } from '../../functions/core/calls/call.service.js';
import { systemClock } from '../../functions/core/shared/time.js';
import * as keys from '../../functions/db/keys.js';
import { queryIndex } from '../../functions/db/reads.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { apiApp } from '../../functions/http/api.js';
import { DEMO_USERS, seedDemoData } from '../../functions/local/seed.js';
import { benchApp, percentiles, runBench } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 400);
const TARGET_RATIO = 1.3;

type Variant = readonly [label: string, run: () => Promise<unknown>];

/** Runs every variant `RUNS` times, interleaved, after a warm-up; p50 and p90 of each in ms. */
async function interleaved(variants: readonly Variant[]) {
  const times = variants.map(() => [] as number[]);
  for (let i = 0; i < 50; i++) for (const [, run] of variants) await run();
  for (let i = 0; i < RUNS; i++) {
    for (let j = 0; j < variants.length; j++) {
      const k = (i + j) % variants.length;
      const run = variants[k]?.[1];
      if (!run) continue;
      const t = performance.now();
      await run();
      times[k]?.push(performance.now() - t);
    }
  }
  return variants.map(([label], k) => ({ label, ...percentiles(times[k] ?? []) }));
}

await runBench('bench-api-overhead', async ({ db }) => {
  const core = createCoreDeps(db, systemClock);
  await seedDemoData(db, core);
  const applicant = DEMO_USERS.find((u) => u.email === 'researcher@fim.local');
  if (!applicant) throw new Error('no demo researcher');
  const actor: Principal = { ...applicant };
  const [call] = await listCalls(core, undefined, 'open');
  if (!call) throw new Error('the demo data has no open call');
  const draft = await createDraft(core, { actor }, call.id, {
    title: 'Bevægelse i hverdagen for ældre borgere',
    summary: 'Et projekt på tværs af kommune, region og almen praksis. '.repeat(8),
  });

  const { app, tokens } = await benchApp(core);
  const { app: unverified, deps: unverifiedDeps } = await benchApp(core, { verify: async () => actor });
  const api = apiApp(unverifiedDeps);
  const token = await tokens.sign(applicant);
  const bearer = { headers: { authorization: `Bearer ${token}` } };
  const ok = async (res: Response | Promise<Response>) => {
    const answer = await res;
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`${answer.status} ${text.slice(0, 200)}`);
    return text;
  };
  const plain = new Hono()
    .get('/api/calls', async (c) => c.json({ items: await listCalls(core, actor, 'open') }))
    .get('/api/applications/:id', async (c) => c.json(await getApplication(core, actor, c.req.param('id'))));

  const routes: { path: string; raw: () => Promise<unknown>; service: () => Promise<unknown> }[] = [
    {
      path: '/api/calls',
      raw: () =>
        db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            ...queryIndex('gsi1', 'gsi1pk', keys.callsWithStatus('open')),
          }),
        ),
      service: () => listCalls(core, actor, 'open'),
    },
    {
      path: `/api/applications/${draft.id}`,
      raw: () => db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.application(draft.id) })),
      service: () => getApplication(core, actor, draft.id),
    },
  ];

  const rows: string[] = [];
  for (const route of routes) {
    const results = await interleaved([
      ['raw SDK', route.raw],
      ['service', route.service],
      ['plain Hono', () => ok(plain.request(route.path, bearer))],
      ['API router', () => ok(api.request(route.path.replace(/^\/api/, ''), bearer))],
      ['app, no verify', () => ok(unverified.request(route.path, bearer))],
      ['token verify', () => tokens.verify(token)],
      ['app', () => ok(app.request(route.path, bearer))],
    ]);
    const raw = results[0]?.p50 ?? 1;
    const name = route.path.replace(draft.id, '{id}');
    for (const { label, p50, p90 } of results) {
      rows.push(
        `${`GET ${name}`.padEnd(26)} ${label.padEnd(15)} p50 ${p50.toFixed(2)} ms · p90 ${p90.toFixed(2)} ms · ${(p50 / raw).toFixed(2)}x raw`,
      );
    }
    const app50 = results.at(-1)?.p50 ?? 0;
    rows.push(
      `${`GET ${name}`.padEnd(26)} app / raw SDK p50 ${(app50 / raw).toFixed(2)}x (target <= ${TARGET_RATIO}x)`,
    );
  }
  console.log(
    `API read overhead, ${RUNS} interleaved runs each (load ${(await import('node:os')).loadavg()[0]?.toFixed(2)})\n${rows.join('\n')}`,
  );
});
