import type { Db } from '../../functions/db/client.js';
import { createDb } from '../../functions/db/client.js';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.js';
import { ensureTable } from '../../functions/local/table.js';

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
        times.sort((a, b) => a - b);
        const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
        return { p50: p(0.5), p90: p(0.9), units, requests: calls, last };
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
