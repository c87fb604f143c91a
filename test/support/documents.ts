import { ZipFile } from 'yazl';
import { type Api, type ApiResponse, expectOk } from './api.js';

/*
 * Files to upload, made here byte for byte (a PDF, Office and OpenDocument ZIPs, images, a Windows executable), and
 * the upload as a client does it: ask the API for a presigned POST, post multipart straight to the file store
 * (the run's s3rver), then ask the API to complete it.
 */

const zip = (entries: readonly [string, string][]): Promise<Buffer> =>
  new Promise((done, fail) => {
    const file = new ZipFile();
    for (const [name, text] of entries)
      file.addBuffer(Buffer.from(text), name, { compress: name !== 'mimetype' });
    file.end();
    const chunks: Buffer[] = [];
    file.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    file.outputStream.on('end', () => done(Buffer.concat(chunks)));
    file.outputStream.on('error', fail);
  });

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${main}"/></Types>`;

/** A small PDF, padded to `size` bytes when asked. */
export const pdf = (size = 0): Buffer => {
  const body = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  return size > body.length ? Buffer.concat([body, Buffer.alloc(size - body.length, 0x20)]) : body;
};
export const docx = () =>
  zip([
    [
      '[Content_Types].xml',
      contentTypes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
    ],
    ['word/document.xml', '<w:document/>'],
  ]);
export const xlsx = () =>
  zip([
    [
      '[Content_Types].xml',
      contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
    ],
    ['xl/workbook.xml', '<workbook/>'],
  ]);
export const odt = () =>
  zip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['content.xml', '<office:document-content/>'],
  ]);
/** The first bytes of a PNG (its signature and IHDR chunk). */
export const png = () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
/** A Windows executable's header: what a renamed `.exe` starts with. */
export const exe = () =>
  Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

export const PDF_TYPE = 'application/pdf';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ODT_TYPE = 'application/vnd.oasis.opendocument.text';

/** Posts the file to the presigned POST as a browser's form would (the fields, then `file`). */
export async function postToStore(
  upload: { url: string; fields: Record<string, string> },
  bytes: Buffer,
  contentType: string,
  fileName = 'file',
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  return fetch(upload.url, { method: 'POST', body: form, redirect: 'manual' });
}

export interface Uploaded {
  id: string;
  complete: ApiResponse;
}

/** The whole upload: ask, post to the store, complete. Returns the document's id and the completion's answer. */
export async function uploadDocument(
  client: Api,
  applicationId: string,
  who: string,
  file: {
    kind: string;
    bytes: Buffer;
    contentType?: string;
    fileName?: string;
    partnerIndex?: number;
    declaredSize?: number;
  },
): Promise<Uploaded> {
  const contentType = file.contentType ?? PDF_TYPE;
  const ticket = expectOk(
    await client.post(
      `/api/applications/${applicationId}/documents`,
      {
        kind: file.kind,
        fileName: file.fileName ?? `${file.kind}.pdf`,
        contentType,
        sizeBytes: file.declaredSize ?? file.bytes.length,
        ...(file.partnerIndex !== undefined ? { partnerIndex: file.partnerIndex } : {}),
      },
      who,
    ),
    201,
  );
  const posted = await postToStore(ticket.upload, file.bytes, contentType, file.fileName);
  if (posted.status >= 400)
    throw new Error(`The store refused the upload: ${posted.status} ${await posted.text()}`);
  const complete = await client.act(
    `/api/applications/${applicationId}/documents/${ticket.id}/complete`,
    who,
  );
  return { id: ticket.id as string, complete };
}

/** A call's document kinds for the tests: a per-application PDF (hidden under blind review) and a budget sheet. */
export const TEST_KINDS = [
  {
    id: 'cv_project_lead',
    name: 'CV for projektleder',
    nameEn: 'CV of the project lead',
    required: true,
    per: 'application',
    types: ['pdf', 'docx', 'odt'],
    maxBytes: 20_000,
    hiddenUnderBlindReview: true,
  },
  {
    id: 'budget_note',
    name: 'Budget og budgetnotat',
    required: false,
    per: 'application',
    types: ['xlsx', 'pdf'],
    hiddenUnderBlindReview: false,
  },
  {
    id: 'management_declaration',
    name: 'Ledelseserklæring',
    required: true,
    per: 'partner',
    types: ['pdf'],
    hiddenUnderBlindReview: true,
  },
];

/**
 * A draft under a call asking for TEST_KINDS, given every kind (the optional budget note too: one PDF each, a
 * management declaration for each partner), then submitted by `who`. Returns the application's id and its
 * documents' ids by kind (`management_declaration#<partnerIndex>` for the declarations). `fileNames` names
 * files by kind (`<kind>.pdf` unless told).
 */
export async function submitWithDocuments(
  client: Api,
  callId: string,
  who: string,
  body: Record<string, unknown>,
  fileNames: Record<string, string> = {},
): Promise<{ id: string; documents: Record<string, string> }> {
  const draft = expectOk(await client.post(`/api/calls/${callId}/applications`, body, who), 201);
  const documents: Record<string, string> = {};
  for (const kind of ['cv_project_lead', 'budget_note'])
    documents[kind] = (
      await uploadDocument(client, draft.id, who, {
        kind,
        bytes: pdf(),
        fileName: fileNames[kind] ?? `${kind}.pdf`,
      })
    ).id;
  const partners = Array.isArray(body.partners) ? body.partners : [];
  for (const partnerIndex of partners.keys())
    documents[`management_declaration#${partnerIndex}`] = (
      await uploadDocument(client, draft.id, who, {
        kind: 'management_declaration',
        bytes: pdf(),
        partnerIndex,
      })
    ).id;
  expectOk(await client.act(`/api/applications/${draft.id}/submit`, who));
  return { id: draft.id as string, documents };
}
