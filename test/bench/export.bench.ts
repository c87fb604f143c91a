/**
 * Benchmark (issue 12, exports): the aktindsigt export of a case with 50 documents, gathered and streamed as one
 * ZIP into s3rver (a child process, so this process's memory is the builder's alone): the time, and the peak RSS
 * and heap sampled every 20 ms. Three cases side by side: 10 documents of 2 MB, 50 of 2 MB and 10 of 10 MB.
 * Memory must stay flat whatever the size of the case: the documents are streamed into the ZIP one at a time
 * and the upload holds one 8 MiB part; the time grows with the bytes.
 * Run: node --expose-gc --import tsx test/bench/export.bench.ts (BENCH_RUNS=1 for a quicker run).
 */

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { objectKeyOf } from '../../functions/core/documents/document.schema.js';
import { buildExport, requestCaseExport } from '../../functions/core/exports/export.service.js';
import type { CoreDeps } from '../../functions/core/ports.js';
import { systemClock } from '../../functions/core/shared/time.js';
import { createCoreDeps } from '../../functions/db/repositories.js';
import { createZipWriter } from '../../functions/exports/zip-writer.js';
import { s3ObjectStreams } from '../../functions/files/object-streams.js';
import { createS3Client, s3Files } from '../../functions/files/s3-files.js';
import { LOCAL_BUCKET } from '../../functions/local/s3.js';
import { pdf } from '../support/documents.js';
import { benchDraft, benchPeople, peakMemory, percentiles, runBench, startS3Child } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MB = 2 ** 20;
/** The cases measured, smallest first (RSS seldom shrinks, so a growth with the size would show). */
const CASES = [
  { documents: 10, size: 2 * MB },
  { documents: 50, size: 2 * MB },
  { documents: 10, size: 10 * MB },
] as const;

/** A draft with `documents` stored files of `size` bytes: their bytes in the store, their items as a completed upload leaves them. */
async function caseWith(
  core: CoreDeps,
  endpoint: string,
  documents: number,
  size: number,
): Promise<{ callId: string; draftId: string }> {
  const { applicant } = benchPeople();
  const { callId, draftId } = await benchDraft(core);
  const raw = createS3Client({ endpoint });
  const bytes = pdf(size);
  for (let i = 0; i < documents; i++) {
    const id = crypto.randomUUID();
    const at = new Date().toISOString();
    const objectKey = objectKeyOf(draftId, id);
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
        applicationId: draftId,
        callId,
        kind: 'project_description',
        fileName: `bilag-${i + 1}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: size,
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
      auditEvent(applicant, new Date(), 'document.uploaded', { type: 'application', id: draftId }),
    );
  }
  raw.destroy();
  return { callId, draftId };
}

await runBench('bench-export', async ({ db }) => {
  const s3 = await startS3Child();
  try {
    const files = s3Files({ bucket: LOCAL_BUCKET, endpoint: s3.endpoint, scans: false });
    const core = createCoreDeps(db, systemClock, files);
    const { admin } = benchPeople();
    const writer = createZipWriter({
      objects: s3ObjectStreams({ bucket: LOCAL_BUCKET, endpoint: s3.endpoint }),
      siteUrl: 'http://localhost:3000',
      from: 'FIM <noreply@fim.local>',
    });
    const exportOnce = async (draftId: string) => {
      const job = await requestCaseExport(core, { actor: admin }, draftId);
      const t0 = performance.now();
      const built = await buildExport(core, writer, job.id);
      if (built?.status !== 'ready') throw new Error(`export ${job.id}: ${built?.status}`);
      return { ms: performance.now() - t0, sizeBytes: built.sizeBytes ?? 0 };
    };

    // Every case stored first (the test file's bytes are let go before anything is measured).
    const drafts: string[] = [];
    for (const c of CASES) drafts.push((await caseWith(core, s3.endpoint, c.documents, c.size)).draftId);
    // One export to warm up (the PDF renderer's fonts, the SDK's clients), then each case in turn.
    await exportOnce(drafts[0] ?? '');

    const rows: string[] = [];
    for (const [i, c] of CASES.entries()) {
      globalThis.gc?.();
      const before = process.memoryUsage();
      const times: number[] = [];
      let peak = { rssMb: 0, heapMb: 0 };
      let zipBytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const measured = await peakMemory(() => exportOnce(drafts[i] ?? ''));
        peak = {
          rssMb: Math.max(peak.rssMb, measured.rssMb),
          heapMb: Math.max(peak.heapMb, measured.heapMb),
        };
        times.push(measured.result.ms);
        zipBytes = measured.result.sizeBytes;
      }
      const { p50, p90 } = percentiles(times);
      const line = `${String(c.documents).padStart(3)} × ${c.size / MB} MB (${((c.documents * c.size) / MB).toFixed(0).padStart(3)} MB; ZIP ${(zipBytes / MB).toFixed(0).padStart(3)} MB): time p50 ${p50.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms (${(((zipBytes / MB) * 1000) / p50).toFixed(0)} MB/s) · RSS ${(before.rss / MB).toFixed(0)} MB before, peak ${peak.rssMb.toFixed(0)} MB · heap ${(before.heapUsed / MB).toFixed(0)} MB before, peak ${peak.heapMb.toFixed(0)} MB`;
      rows.push(line);
      console.log(line);
    }
    console.log(`\nExports of an application's case, ${RUNS} runs each:\n${rows.join('\n')}`);
  } finally {
    await s3.stop();
  }
});
