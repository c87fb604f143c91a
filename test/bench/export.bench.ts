/**
 * Benchmark (issue 12, exports): the aktindsigt export of a case with 50 documents (2 MB each, 100 MB in all),
 * gathered and streamed as one ZIP into s3rver (a child process, so this process's memory is the builder's
 * alone): the time, and the peak RSS and heap sampled every 20 ms. Memory should stay flat whatever the size of
 * the case: the documents are streamed into the ZIP one at a time and the upload holds one 8 MiB part.
 * Run: node --expose-gc --import tsx test/bench/export.bench.ts (BENCH_RUNS=1 for a quicker run).
 */

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createDraft } from '../../functions/core/applications/application.service.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import type { Principal } from '../../functions/core/auth/principal.js';
import { createCallSchema } from '../../functions/core/calls/call.schema.js';
import { createCall, openCall } from '../../functions/core/calls/call.service.js';
import { objectKeyOf } from '../../functions/core/documents/document.schema.js';
import { buildExport, requestCaseExport } from '../../functions/core/exports/export.service.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { createZipWriter } from '../../functions/exports/zip-writer.js';
import { s3ObjectStreams } from '../../functions/files/object-streams.js';
import { createS3Client, s3Files } from '../../functions/files/s3-files.js';
import { LOCAL_BUCKET } from '../../functions/local/s3.js';
import { DEMO_USERS } from '../../functions/local/seed.js';
import { pdf } from '../support/documents.js';
import { callBody } from '../support/fixtures.js';
import { peakMemory, percentiles, runBench, startS3Child } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DOCUMENTS = 50;
const SIZE = 2 * 1024 * 1024;

await runBench('bench-export', async ({ db }) => {
  const s3 = await startS3Child();
  try {
    const files = s3Files({ bucket: LOCAL_BUCKET, endpoint: s3.endpoint, scans: false });
    const core = createCoreDeps(db, systemClock, files);
    const admin = DEMO_USERS.find((u) => u.email === 'admin@fim.local') as Principal;
    const applicant = DEMO_USERS.find((u) => u.email === 'researcher@fim.local') as Principal;
    const now = Date.now();
    const call = await createCall(
      core,
      { actor: admin },
      createCallSchema.parse(
        callBody({
          opensAt: new Date(now - 86_400_000).toISOString(),
          closesAt: new Date(now + 30 * 86_400_000).toISOString(),
        }),
      ),
    );
    await openCall(core, { actor: admin }, call.id);
    const draft = await createDraft(core, { actor: applicant }, call.id, { title: 'Bench' });
    // 50 stored documents: their bytes in the store, their items as a completed upload leaves them.
    const raw = createS3Client({ endpoint: s3.endpoint });
    const bytes = pdf(SIZE);
    for (let i = 0; i < DOCUMENTS; i++) {
      const id = crypto.randomUUID();
      const at = new Date().toISOString();
      const objectKey = objectKeyOf(draft.id, id);
      await raw.send(
        new PutObjectCommand({
          Bucket: LOCAL_BUCKET,
          Key: objectKey,
          Body: bytes,
          ContentType: 'application/pdf',
        }),
      );
      await core.documents.save(
        {
          id,
          applicationId: draft.id,
          callId: call.id,
          kind: 'project_description',
          fileName: `bilag-${i + 1}.pdf`,
          contentType: 'application/pdf',
          sizeBytes: SIZE,
          type: 'pdf',
          status: 'uploaded',
          notScanned: true,
          objectKey,
          uploadedBy: { userId: applicant.userId, email: applicant.email, name: applicant.name },
          createdAt: at,
          updatedAt: at,
          completedAt: at,
          version: 1,
        },
        auditEvent(applicant, new Date(), 'document.uploaded', { type: 'application', id: draft.id }),
      );
    }
    const writer = createZipWriter({
      objects: s3ObjectStreams({ bucket: LOCAL_BUCKET, endpoint: s3.endpoint }),
      siteUrl: 'http://localhost:3000',
      from: 'FIM <noreply@fim.local>',
    });
    const exportOnce = async () => {
      const job = await requestCaseExport(core, { actor: admin }, draft.id);
      const t0 = performance.now();
      const built = await buildExport(core, writer, job.id);
      if (built?.status !== 'ready') throw new Error(`export ${job.id}: ${built?.status}`);
      return { ms: performance.now() - t0, sizeBytes: built.sizeBytes ?? 0 };
    };

    await exportOnce();
    globalThis.gc?.();
    const before = process.memoryUsage();
    const times: number[] = [];
    let peak = { rssMb: 0, heapMb: 0 };
    let zipBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const measured = await peakMemory(exportOnce);
      peak = { rssMb: Math.max(peak.rssMb, measured.rssMb), heapMb: Math.max(peak.heapMb, measured.heapMb) };
      times.push(measured.result.ms);
      zipBytes = measured.result.sizeBytes;
    }
    const { p50, p90 } = percentiles(times);
    console.log(
      `\nExport of a case with ${DOCUMENTS} documents (${((DOCUMENTS * SIZE) / 2 ** 20).toFixed(0)} MB): ${RUNS} runs, ZIP ${(zipBytes / 2 ** 20).toFixed(0)} MB`,
    );
    console.log(`  time: p50 ${p50.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms`);
    console.log(
      `  memory: RSS ${(before.rss / 2 ** 20).toFixed(0)} MB before, peak ${peak.rssMb.toFixed(0)} MB; heap ${(before.heapUsed / 2 ** 20).toFixed(0)} MB before, peak ${peak.heapMb.toFixed(0)} MB (the bench holds one 2 MB test file)`,
    );
  } finally {
    await s3.stop();
  }
});
