import { describe, expect, it } from 'vitest';
import type { ExportBundle } from '../../functions/core/exports/export.schema.js';
import { safeName } from '../../functions/core/exports/export.schema.js';
import {
  buildExport,
  readExport,
  requestCaseExport,
  requestPersonalExport,
} from '../../functions/core/exports/export.service.js';
import type { ExportWriter } from '../../functions/core/ports.js';
import { flatten } from '../../functions/pdf/export-pdf.js';
import { createFakes } from '../support/fakes.js';
import { ACTORS, as, openedCall, submitted } from '../support/services.js';

/** A writer that keeps the bundle it was given and answers a checksum, as the ZIP writer would. */
function keepingWriter(): ExportWriter & { bundles: ExportBundle[] } {
  const bundles: ExportBundle[] = [];
  return {
    bundles,
    write: async (_key, bundle) => {
      bundles.push(bundle);
      return { sha256: 'a'.repeat(64), sizeBytes: 1234 };
    },
  };
}

async function setUp() {
  const fakes = createFakes({ users: [ACTORS.admin, ACTORS.applicant, ACTORS.otherApplicant] });
  const call = await openedCall(fakes.deps);
  const application = await submitted(fakes.deps, call.id);
  return { ...fakes, application };
}

describe('asking for an export', () => {
  it('aktindsigt: admins only, of an application that exists', async () => {
    const { deps, application } = await setUp();
    await expect(requestCaseExport(deps, as(ACTORS.applicant), application.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(requestCaseExport(deps, as(ACTORS.admin), crypto.randomUUID())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const job = await requestCaseExport(deps, as(ACTORS.admin), application.id);
    expect(job).toMatchObject({ status: 'queued', requestedBy: ACTORS.admin.userId, version: 1 });
  });

  it('shows an export to its asker (and aktindsigt to any admin); anyone else gets not found', async () => {
    const { deps, application } = await setUp();
    const mine = await requestPersonalExport(deps, as(ACTORS.applicant));
    expect((await readExport(deps, as(ACTORS.applicant), mine.id)).status).toBe('queued');
    await expect(readExport(deps, as(ACTORS.admin), mine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const aktindsigt = await requestCaseExport(deps, as(ACTORS.admin), application.id);
    await expect(readExport(deps, as(ACTORS.applicant), aktindsigt.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(readExport(deps, as(ACTORS.admin), 'not-a-uuid')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('building an export', () => {
  it('records the checksum, hands out a link that expires, and builds nothing twice', async () => {
    const { deps, store, application } = await setUp();
    const job = await requestCaseExport(deps, as(ACTORS.admin), application.id);
    const writer = keepingWriter();
    expect(await buildExport(deps, writer, job.id)).toMatchObject({
      status: 'ready',
      sha256: 'a'.repeat(64),
    });
    expect(await buildExport(deps, writer, job.id)).toMatchObject({ status: 'ready' });
    expect(writer.bundles).toHaveLength(1);
    const view = await readExport(deps, as(ACTORS.admin), job.id);
    expect(view.downloadUrl).toContain(`exports/${job.id}.zip`);
    expect(view.expiresInSeconds).toBe(900);
    const actions = store.audit
      .filter((a) => a.entityPk === `APP#${application.id}`)
      .map((a) => a.event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['export.requested', 'export.started', 'export.ready', 'export.link_issued']),
    );
  });

  it('gathers the person’s own applications and none of others', async () => {
    const { deps, application } = await setUp();
    const call = await openedCall(deps);
    const others = await submitted(deps, call.id, ACTORS.otherApplicant);
    const job = await requestPersonalExport(deps, as(ACTORS.applicant));
    const writer = keepingWriter();
    await buildExport(deps, writer, job.id);
    const text = JSON.stringify(writer.bundles[0]);
    expect(text).toContain(application.id);
    expect(text).not.toContain(others.id);
  });
});

describe('the ZIP’s names and the readable PDF’s rows', () => {
  it('makes file names safe inside the ZIP', () => {
    expect(safeName('../../etc/Søren’s CV.pdf')).toBe('etc_Soeren_s_CV.pdf');
    expect(safeName('')).toBe('file');
  });

  it('flattens JSON into dotted field names, lists numbered', () => {
    expect(flatten({ a: { b: 1 }, c: ['x', 'y'], d: null })).toEqual([
      ['a.b', '1'],
      ['c.1', 'x'],
      ['c.2', 'y'],
      ['d', ''],
    ]);
  });
});
