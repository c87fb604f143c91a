import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, expectOk, expectProblem, pointers } from '../support/api.js';
import {
  DOCX_TYPE,
  docx,
  exe,
  ODT_TYPE,
  odt,
  pdf,
  TEST_KINDS,
  uploadDocument,
  XLSX_TYPE,
  xlsx,
} from '../support/documents.js';
import { ADMIN, createDraft, RESEARCHER, RESEARCHER2 } from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { compact, pdfText } from '../support/pdf-text.js';
import { auditActions } from '../support/table.js';

/*
 * Documents against the run's s3rver: the presigned POST with a real file, the checks at completion (size, which
 * s3rver's POST does not enforce; type by content), replace and delete while a draft, fixed once submitted, the
 * submission rules naming each missing document, and the download by presigned GET.
 */

let h: Harness;
let client: Api;
let callId: string;

beforeAll(async () => {
  const setUp = await harnessWithCall({ documentKinds: TEST_KINDS });
  ({ h, client } = setUp);
  callId = setUp.call.id;
});

const newDraft = async () => (await createDraft(client, callId, RESEARCHER)).id as string;

describe('an upload through a presigned POST', () => {
  it('stores a real PDF, checks it at completion, lists it and downloads it by a presigned GET', async () => {
    const appId = await newDraft();
    const bytes = pdf(4_000);
    const { id, complete } = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes,
      fileName: '../../etc/CV \u202Efdp.exe Sofie.pdf',
    });
    const done = expectOk(complete);
    expect(done).toMatchObject({ status: 'uploaded', notScanned: true, type: 'pdf', sizeBytes: 4_000 });
    expect(done.fileName).toBe('CV fdp.exe Sofie.pdf');
    // The checksum is of the bytes stored, read back as a stream at completion.
    expect(done.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const list = expectOk(await client.get(`/api/applications/${appId}/documents`, RESEARCHER));
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(list.items[0]).toMatchObject({ kindName: 'CV for projektleder', downloadable: true });

    const download = await client.get(`/api/documents/${id}/download`, RESEARCHER);
    expect(download.status).toBe(302);
    const file = await fetch(download.headers.get('location') as string);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment; filename="CV fdp.exe Sofie.pdf"');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    const asJson = expectOk(await client.get(`/api/documents/${id}/download?redirect=false`, RESEARCHER));
    expect(asJson.url).toMatch(/^http:\/\/localhost:\d+\/fim-documents\/documents\//);
  });

  it('refuses at completion a file over the kind’s limit that s3rver let through, and deletes it', async () => {
    const appId = await newDraft();
    const { id, complete } = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: pdf(30_000),
      declaredSize: 10_000,
    });
    const problem = expectProblem(complete, 422, 'RULES_FAILED');
    expect(problem.errors[0]).toMatchObject({
      pointer: '/file',
      code: 'DOCUMENT_TOO_LARGE',
      maxBytes: 20_000,
      sizeBytes: 30_000,
    });
    const stored = await h.core.documents.get(appId, id);
    expect(stored).toMatchObject({ status: 'rejected', rejection: 'DOCUMENT_TOO_LARGE' });
    expect(await h.core.files.inspect(stored?.objectKey as string)).toBeUndefined();
  });

  it('refuses a declared size over the limit before any upload', async () => {
    const appId = await newDraft();
    const res = await client.post(
      `/api/applications/${appId}/documents`,
      { kind: 'cv_project_lead', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: 20_001 },
      RESEARCHER,
    );
    expect(pointers(expectProblem(res, 400, 'VALIDATION_FAILED'))).toEqual(['/sizeBytes']);
  });

  it('refuses a renamed executable by its magic bytes, whatever its name and declared type', async () => {
    const appId = await newDraft();
    const { complete } = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: exe(),
      fileName: 'cv.pdf',
    });
    const problem = expectProblem(complete, 422);
    expect(problem.errors[0]).toMatchObject({
      code: 'DOCUMENT_TYPE_NOT_ALLOWED',
      found: 'application/x-msdownload',
    });
  });

  it('tells DOCX, XLSX and ODT apart although all three are ZIPs', async () => {
    const appId = await newDraft();
    const asDocx = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: await xlsx(),
      contentType: DOCX_TYPE,
      fileName: 'cv.docx',
    });
    expect(expectProblem(asDocx.complete, 422).errors[0]).toMatchObject({ found: XLSX_TYPE });
    const real = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: await docx(),
      contentType: DOCX_TYPE,
      fileName: 'cv.docx',
    });
    expect(expectOk(real.complete)).toMatchObject({ type: 'docx' });
    const sheet = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'budget_note',
      bytes: await xlsx(),
      contentType: XLSX_TYPE,
      fileName: 'budget.xlsx',
    });
    expect(expectOk(sheet.complete)).toMatchObject({ type: 'xlsx' });
    const text = await uploadDocument(client, appId, RESEARCHER, {
      kind: 'cv_project_lead',
      bytes: await odt(),
      contentType: ODT_TYPE,
      fileName: 'cv.odt',
    });
    // The ODT replaces the DOCX in the one CV slot.
    expect(expectOk(text.complete)).toMatchObject({ type: 'odt' });
    const kept = expectOk(await client.get(`/api/applications/${appId}/documents`, RESEARCHER)).items;
    expect(
      kept
        .filter((d: { status: string }) => d.status !== 'rejected')
        .map((d: { type: string }) => d.type)
        .sort(),
    ).toEqual(['odt', 'xlsx']);
    expect(await h.core.documents.get(appId, real.id)).toBeUndefined();
  });

  it('refuses completion of an upload that never arrived, and a kind the call does not ask for', async () => {
    const appId = await newDraft();
    const ticket = expectOk(
      await client.post(
        `/api/applications/${appId}/documents`,
        { kind: 'cv_project_lead', fileName: 'cv.pdf', contentType: 'application/pdf', sizeBytes: 100 },
        RESEARCHER,
      ),
      201,
    );
    expect(ticket.upload.fields).toMatchObject({
      'Content-Type': 'application/pdf',
      key: ticket.document.objectKey,
    });
    expect(Date.parse(ticket.expiresAt) - h.clock.now().getTime()).toBe(15 * 60 * 1000);
    const complete = await client.act(
      `/api/applications/${appId}/documents/${ticket.id}/complete`,
      RESEARCHER,
    );
    expect(expectProblem(complete, 422).reason).toBe('DOCUMENT_NOT_UPLOADED');
    const unknown = await client.post(
      `/api/applications/${appId}/documents`,
      { kind: 'photo', fileName: 'x.png', contentType: 'image/png', sizeBytes: 100, partnerIndex: 0 },
      RESEARCHER,
    );
    expect(pointers(expectProblem(unknown, 400))).toEqual(['/kind']);
    const partner = await client.post(
      `/api/applications/${appId}/documents`,
      { kind: 'management_declaration', fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 100 },
      RESEARCHER,
    );
    expect(pointers(expectProblem(partner, 400))).toEqual(['/partnerIndex']);
  });
});

describe('documents and the submission', () => {
  it('names every missing required document and which partner’s declaration, with the other rules', async () => {
    const appId = await newDraft();
    await uploadDocument(client, appId, RESEARCHER, {
      kind: 'management_declaration',
      bytes: pdf(),
      partnerIndex: 1,
    });
    const refused = expectProblem(await client.act(`/api/applications/${appId}/submit`, RESEARCHER), 422);
    const missing = refused.errors.filter((e: { code: string }) => e.code === 'DOCUMENT_MISSING');
    expect(missing).toEqual([
      expect.objectContaining({ pointer: '/documents/cv_project_lead', kind: 'cv_project_lead' }),
      expect.objectContaining({ pointer: '/documents/management_declaration/0', partner: 'Aarhus Kommune' }),
    ]);
    expect(missing[1].detail).toBe('Ledelseserklæring mangler for Aarhus Kommune');
    expect((await h.core.applications.get(appId))?.status).toBe('draft');
  });

  it('submits once all are there; then the documents are fixed', async () => {
    const appId = await newDraft();
    const cv = await uploadDocument(client, appId, RESEARCHER, { kind: 'cv_project_lead', bytes: pdf() });
    for (const partnerIndex of [0, 1]) {
      await uploadDocument(client, appId, RESEARCHER, {
        kind: 'management_declaration',
        bytes: pdf(),
        partnerIndex,
      });
    }
    expectOk(await client.act(`/api/applications/${appId}/submit`, RESEARCHER));
    expectProblem(
      await client.send('DELETE', `/api/applications/${appId}/documents/${cv.id}`, RESEARCHER),
      409,
      'INVALID_STATE',
    );
    const more = await client.post(
      `/api/applications/${appId}/documents`,
      { kind: 'budget_note', fileName: 'b.pdf', contentType: 'application/pdf', sizeBytes: 100 },
      RESEARCHER,
    );
    expect(expectProblem(more, 409).reason).toBe('DOCUMENTS_FIXED');
    // The admin reads it once submitted.
    expect(expectOk(await client.get(`/api/applications/${appId}/documents`, ADMIN)).items).toHaveLength(3);
  });

  it('deletes a document of a draft, its file with it, with an audit event', async () => {
    const appId = await newDraft();
    const { id } = await uploadDocument(client, appId, RESEARCHER, { kind: 'cv_project_lead', bytes: pdf() });
    const key = (await h.core.documents.get(appId, id))?.objectKey as string;
    expect(await h.core.files.inspect(key)).toBeDefined();
    expect(
      (await client.send('DELETE', `/api/applications/${appId}/documents/${id}`, RESEARCHER)).status,
    ).toBe(204);
    expect(await h.core.files.inspect(key)).toBeUndefined();
    expect(expectOk(await client.get(`/api/applications/${appId}/documents`, RESEARCHER)).items).toEqual([]);
    expect(await auditActions(h, `APP#${appId}`)).toEqual(
      expect.arrayContaining(['document.requested', 'document.uploaded', 'document.deleted']),
    );
  });

  it('gives another applicant the same 404 as an unknown id', async () => {
    const appId = await newDraft();
    const { id } = await uploadDocument(client, appId, RESEARCHER, { kind: 'cv_project_lead', bytes: pdf() });
    const theirs = await client.get(`/api/documents/${id}/download`, RESEARCHER2);
    const unknown = await client.get(`/api/documents/${crypto.randomUUID()}/download`, RESEARCHER2);
    expect(expectProblem(theirs, 404).detail).toBe(expectProblem(unknown, 404).detail);
    expectProblem(await client.get(`/api/applications/${appId}/documents`, RESEARCHER2), 404);
  });
});

describe('the application’s PDF lists its documents', () => {
  it('names each kept document with its kind, the partner it is for, its size and its SHA-256', async () => {
    const appId = await newDraft();
    const cv = pdf(2_000);
    expectOk(
      (
        await uploadDocument(client, appId, RESEARCHER, {
          kind: 'cv_project_lead',
          bytes: cv,
          fileName: 'cv.pdf',
        })
      ).complete,
    );
    const res = await h.app.request(`/api/applications/${appId}/pdf`, {
      headers: { authorization: `Bearer ${await h.tokenFor(RESEARCHER)}` },
    });
    expect(res.status).toBe(200);
    const text = compact(pdfText(new Uint8Array(await res.arrayBuffer())));
    expect(text).toContain(compact('CV for projektleder'));
    expect(text).toContain('cv.pdf');
    expect(text).toContain(createHash('sha256').update(cv).digest('hex'));
    expect(text).not.toContain(compact('Ingen dokumenter'));
  });
});
