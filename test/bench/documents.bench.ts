/**
 * Benchmark (issue 10, documents): a 20 MB upload and download through the presigned URLs the app hands out
 * (POST multipart to the store, then the app's completion check; GET through the app's 302), beside the raw
 * SDK's PutObject/GetObject of the same bytes on the same server. s3rver runs in a child process, so what this
 * process's memory shows is the app's (and the client's) alone, sampled every 20 ms through the transfers.
 * Run: npm run bench (BENCH_RUNS=3 for a quicker run).
 */

import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { systemClock } from '../../functions/core/shared/time.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { createS3Client, s3Files } from '../../functions/files/s3-files.js';
import { LOCAL_BUCKET } from '../../functions/local/s3.js';
import { pdf, postToStore } from '../support/documents.js';
import {
  benchApp,
  benchDraft,
  benchPeople,
  peakMemory,
  percentiles,
  runBench,
  startS3Child,
} from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZE = 20 * 1024 * 1024;

await runBench('bench-documents', async ({ db }) => {
  const s3 = await startS3Child();
  try {
    const files = s3Files({ bucket: LOCAL_BUCKET, endpoint: s3.endpoint, scans: false });
    const core = createCoreDeps(db, systemClock, files);
    const { applicant } = benchPeople();
    const { app, tokens } = await benchApp(core);
    const { draftId } = await benchDraft(core, {
      documentKinds: [
        { id: 'project_description', name: 'Projektbeskrivelse', types: ['pdf'], maxBytes: 25 * 2 ** 20 },
      ],
    });
    const auth = {
      authorization: `Bearer ${await tokens.sign(applicant)}`,
      'content-type': 'application/json',
    };
    const bytes = pdf(SIZE);
    const raw = createS3Client({ endpoint: s3.endpoint });

    const presigned = async () => {
      const ticket = (await (
        await app.request(`/api/applications/${draftId}/documents`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({
            kind: 'project_description',
            fileName: 'p.pdf',
            contentType: 'application/pdf',
            sizeBytes: SIZE,
          }),
        })
      ).json()) as { id: string; upload: { url: string; fields: Record<string, string> } };
      const t0 = performance.now();
      const posted = await postToStore(ticket.upload, bytes, 'application/pdf');
      if (posted.status >= 400) throw new Error(`upload ${posted.status}`);
      const done = await app.request(`/api/applications/${draftId}/documents/${ticket.id}/complete`, {
        method: 'POST',
        headers: auth,
      });
      if (done.status !== 200) throw new Error(`complete ${done.status} ${await done.text()}`);
      const t1 = performance.now();
      const redirect = await app.request(`/api/documents/${ticket.id}/download`, { headers: auth });
      const got = await fetch(redirect.headers.get('location') as string);
      const size = (await got.arrayBuffer()).byteLength;
      if (size !== SIZE) throw new Error(`download ${size}`);
      return { up: t1 - t0, down: performance.now() - t1 };
    };
    const sdk = async () => {
      const key = `documents/bench/${crypto.randomUUID()}`;
      const t0 = performance.now();
      await raw.send(
        new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: key, Body: bytes, ContentType: 'application/pdf' }),
      );
      const t1 = performance.now();
      const out = await raw.send(new GetObjectCommand({ Bucket: LOCAL_BUCKET, Key: key }));
      const size = (await out.Body?.transformToByteArray())?.byteLength;
      if (size !== SIZE) throw new Error(`sdk download ${size}`);
      return { up: t1 - t0, down: performance.now() - t1 };
    };

    await presigned();
    await sdk();
    const times = { pUp: [] as number[], pDown: [] as number[], sUp: [] as number[], sDown: [] as number[] };
    let peak = { rssMb: 0, heapMb: 0 };
    const before = process.memoryUsage();
    for (let i = 0; i < RUNS; i++) {
      const measured = await peakMemory(presigned);
      peak = { rssMb: Math.max(peak.rssMb, measured.rssMb), heapMb: Math.max(peak.heapMb, measured.heapMb) };
      times.pUp.push(measured.result.up);
      times.pDown.push(measured.result.down);
      const s = await sdk();
      times.sUp.push(s.up);
      times.sDown.push(s.down);
    }
    const p = (xs: number[]) => percentiles(xs).p50;
    const rows = [
      ['upload 20 MB', p(times.pUp), p(times.sUp)],
      ['download 20 MB', p(times.pDown), p(times.sDown)],
    ] as const;
    console.log(`\nDocuments: ${RUNS} runs, p50 in ms (presigned through the app | raw SDK | ratio)`);
    for (const [label, app50, sdk50] of rows)
      console.log(
        `  ${label.padEnd(16)} ${app50.toFixed(0).padStart(6)} | ${sdk50.toFixed(0).padStart(6)} | ${(app50 / sdk50).toFixed(2)}x`,
      );
    console.log(
      `  memory: RSS ${(before.rss / 2 ** 20).toFixed(0)} MB before, peak ${peak.rssMb.toFixed(0)} MB; heap ${(before.heapUsed / 2 ** 20).toFixed(0)} MB before, peak ${peak.heapMb.toFixed(0)} MB (the 20 MB test file itself is held by the bench as the client)`,
    );
  } finally {
    await s3.stop();
  }
});
