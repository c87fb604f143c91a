/**
 * Benchmark (issue 12): "Sagens forløb" of an application with 100, 3 000 and 10 000 audit events, through the
 * API as a client asks for it (`GET /api/cases/application/{id}/events`, a bearer token): the first page, a page
 * in the middle and the last, unfiltered and filtered by a rare kind (one event in a hundred). Each page must cost
 * the same requests however long the record: one Query (unfiltered), the view's own event (one transaction), one
 * GetItem per person named; filtered, at most 10 Queries of 200 a page. The events are written straight into the
 * audit table, the record growing from one size to the next. Run: npx tsx test/bench/case-view.bench.ts
 * (BENCH_SIZES=100,2000 BENCH_RUNS=3 for a quicker run).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { systemClock } from '../../functions/core/shared/time.js';
import * as keys from '../../functions/db/keys.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { benchApp, benchPeople, runBench } from './support.js';

const SIZES = (process.env.BENCH_SIZES ?? '100,3000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const START = Date.parse('2027-01-01T00:00:00Z');

await runBench('bench-case-view', async ({ db, measure }) => {
  const core = createCoreDeps(db, systemClock);
  const { app, tokens } = await benchApp(core);
  const { admin, applicant: researcher } = benchPeople();
  const token = await tokens.sign(admin);
  const applicationId = crypto.randomUUID();
  const pk = keys.application(applicationId).pk;
  const sks: string[] = [];

  const store = async (from: number, to: number) => {
    const items = [];
    for (let i = from; i < to; i++) {
      // One in a hundred is a submission: the rare kind the filter looks for.
      const event = auditEvent(
        i % 2 ? researcher : admin,
        new Date(START + i * 1000),
        i % 100 === 0 ? 'application.submitted' : 'application.updated',
        { type: 'application', id: applicationId },
        { version: i + 1, titleBefore: `Titel ${i}`, titleAfter: `Titel ${i + 1}`, amountOreAfter: i * 100 },
      );
      const key = keys.audit(pk, event.at, event.id);
      sks.push(key.sk);
      items.push({ ...key, entity: 'audit', ...event });
    }
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const out = await db.doc.send(
          new BatchWriteCommand({ RequestItems: { [db.auditTableName]: pending } }),
        );
        pending = (out.UnprocessedItems?.[db.auditTableName] ?? []) as typeof pending;
      }
    }
  };

  const cursorAt = (index: number) => Buffer.from(sks[index] ?? '', 'utf8').toString('base64url');
  const read = async (query: string) => {
    const res = await app.request(`/api/cases/application/${applicationId}/events${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    return `${body.items.length} events`;
  };

  const rows: string[] = [];
  const measureAll = async (events: number) => {
    const pages: [string, string][] = [
      ['first page', ''],
      ['middle page', `?cursor=${cursorAt(Math.floor(events / 2))}`],
      ['last page', `?cursor=${cursorAt(events - 30)}`],
      ['filtered, first', '?kind=application.submitted'],
    ];
    for (const [label, query] of pages) {
      const { p50, p90, units, requests, last } = await measure(RUNS, () => read(query));
      const line = `${String(events).padStart(6)} events, ${label.padEnd(16)} p50 ${p50.toFixed(1)} ms · p90 ${p90.toFixed(1)} ms · ${units.toFixed(1)} capacity units · ${requests} requests · ${last}`;
      rows.push(line);
      console.log(line);
    }
  };

  let stored = 0;
  for (const size of SIZES) {
    await store(stored, size);
    stored = size;
    await measureAll(size);
  }
  console.log(`\n${rows.join('\n')}`);
});
