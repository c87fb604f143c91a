import type { Application } from '../applications/application.schema.js';
import { toOwnerOf } from '../applications/letters.js';
import { auditEvent } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import type { Assignment } from '../reviews/review.schema.js';
import { AppError, type FieldError, notFound, refusal } from '../shared/errors.js';
import { type DocumentReader, documentReader, downloadable, kindVisible } from './access.js';
import { isKept } from './document.rules.js';
import {
  cleanFileName,
  DETECTED_AS,
  type Document,
  type DocumentKind,
  type DocumentUploadInput,
  MAX_APPLICATION_BYTES,
  MEDIA_TYPES,
  objectKeyOf,
  parseObjectKey,
} from './document.schema.js';

/** How long a presigned upload stays good: long enough for a slow line and a 20 MB file. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;
/** How long a download link stays good: it is followed at once. */
export const DOWNLOAD_EXPIRES_SECONDS = 60;

const applicationEntity = (id: string) => ({ type: 'application' as const, id });

/** The call's document kinds (calls made before documents existed ask for none). */
export const documentKindsOf = (call: Call | undefined): DocumentKind[] => call?.documentKinds ?? [];

/** Is the document in its slot: the same kind and, per partner, the same partner? */
const sameSlot = (a: Pick<Document, 'kind' | 'partnerIndex'>, b: Pick<Document, 'kind' | 'partnerIndex'>) =>
  a.kind === b.kind && a.partnerIndex === b.partnerIndex;

interface Readable {
  application: Application;
  call: Call | undefined;
  reader: DocumentReader;
}

async function loadForReader(deps: CoreDeps, actor: Principal, applicationId: string): Promise<Readable> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw notFound('application');
  const call = await deps.calls.get(application.callId);
  const reader = await documentReader(deps, actor, application, call);
  // Not found and not yours look the same, so ids cannot be probed.
  if (!reader) throw notFound('application');
  return { application, call, reader };
}

async function loadForEditor(deps: CoreDeps, actor: Principal, applicationId: string) {
  const found = await loadForReader(deps, actor, applicationId);
  if (found.reader !== 'editor') throw notFound('application');
  if (found.application.status !== 'draft') {
    throw new AppError('INVALID_STATE', { code: 'DOCUMENTS_FIXED' });
  }
  return found;
}

/** A document as its reader sees it, with what it needs to show: its kind's names. */
export interface ListedDocument extends Document {
  kindName: string;
  kindNameEn?: string;
  downloadable: boolean;
}

function listed(
  actor: Principal,
  reader: DocumentReader,
  d: Document,
  kinds: DocumentKind[],
): ListedDocument {
  const kind = kinds.find((k) => k.id === d.kind);
  return {
    ...d,
    kindName: kind?.name ?? d.kind,
    ...(kind?.nameEn ? { kindNameEn: kind.nameEn } : {}),
    downloadable: downloadable(actor, reader, d),
  };
}

/** What a reader of an application's documents is shown: the documents, the kinds, whether they may change them. */
export interface DocumentList {
  documents: ListedDocument[];
  kinds: DocumentKind[];
  editable: boolean;
  reader: DocumentReader;
}

/**
 * The application's documents its reader may see: the editor sees pending and refused ones too (to finish or
 * replace them); others see the kept ones, minus the kinds hidden under blind review. @throws AppError NOT_FOUND
 */
export async function listDocuments(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<DocumentList> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw notFound('application');
  return listDocumentsOf(deps, actor, application, await deps.calls.get(application.callId));
}

/**
 * listDocuments for an application (and its call) the caller has read already: the board's view passes the
 * assignments it read too. The reader is decided here all the same (access.ts). @throws AppError NOT_FOUND
 */
export async function listDocumentsOf(
  deps: CoreDeps,
  actor: Principal,
  application: Application,
  call: Call | undefined,
  known?: { assignments: readonly Assignment[] },
): Promise<DocumentList> {
  const reader = await documentReader(deps, actor, application, call, known);
  // Not found and not yours look the same, so ids cannot be probed.
  if (!reader) throw notFound('application');
  const kinds = documentKindsOf(call);
  const all = await deps.documents.listByApplication(application.id);
  const visible = all.filter(
    (d) =>
      (reader === 'editor' || isKept(d)) &&
      kindVisible(
        reader,
        kinds.find((k) => k.id === d.kind),
      ),
  );
  return {
    documents: visible.map((d) => listed(actor, reader, d, kinds)),
    kinds: kinds.filter((k) => kindVisible(reader, k)),
    editable: reader === 'editor' && application.status === 'draft',
    reader,
  };
}

/** What the client posts to the file store: the URL, the policy's fields, and until when. */
export interface UploadTicket {
  document: Document;
  upload: { url: string; fields: Record<string, string> };
  expiresAt: string;
}

/**
 * Starts an upload to the owner's draft: checks the kind, the partner, the declared type and size, and hands
 * out a presigned POST whose policy fixes the key, type and size range. `redirectUrl(documentId)` is where a
 * plain HTML form returns (the page that completes it).
 * @throws AppError NOT_FOUND, INVALID_STATE (not a draft), VALIDATION_FAILED (each field at fault)
 */
export async function requestUpload(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: DocumentUploadInput,
  redirectUrl?: (documentId: string) => string,
): Promise<UploadTicket> {
  const { application, call } = await loadForEditor(deps, ctx.actor, applicationId);
  const kind = documentKindsOf(call).find((k) => k.id === input.kind);
  const errors: FieldError[] = [];
  if (!kind) errors.push({ pointer: '/kind', code: 'DOCUMENT_KIND_UNKNOWN' });
  else {
    if (kind.per === 'partner') {
      if (input.partnerIndex === undefined)
        errors.push({ pointer: '/partnerIndex', code: 'DOCUMENT_PARTNER_REQUIRED' });
      else if (!application.partners[input.partnerIndex]?.organisation)
        errors.push({ pointer: '/partnerIndex', code: 'DOCUMENT_PARTNER_UNKNOWN' });
    } else if (input.partnerIndex !== undefined) {
      errors.push({ pointer: '/partnerIndex', code: 'DOCUMENT_PARTNER_NOT_TAKEN' });
    }
    if (!kind.types.some((t) => MEDIA_TYPES[t] === input.contentType)) {
      errors.push({
        pointer: '/contentType',
        code: 'DOCUMENT_TYPE_NOT_ALLOWED',
        params: { allowed: kind.types, found: input.contentType },
      });
    }
    if (input.sizeBytes > kind.maxBytes) {
      errors.push({
        pointer: '/sizeBytes',
        code: 'DOCUMENT_TOO_LARGE',
        params: { maxBytes: kind.maxBytes, sizeBytes: input.sizeBytes },
      });
    }
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { code: 'INVALID_INPUT' }, { errors });
  const maxBytes = (kind as DocumentKind).maxBytes;
  const now = deps.clock.now();
  const id = crypto.randomUUID();
  const document: Document = {
    id,
    applicationId,
    callId: application.callId,
    kind: input.kind,
    ...(input.partnerIndex !== undefined ? { partnerIndex: input.partnerIndex } : {}),
    fileName: cleanFileName(input.fileName),
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    status: 'pending',
    objectKey: objectKeyOf(applicationId, id),
    uploadedBy: { userId: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name },
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const upload = await deps.files.presignUpload({
    key: document.objectKey,
    contentType: input.contentType,
    maxBytes,
    expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
    ...(redirectUrl ? { redirectUrl: redirectUrl(id) } : {}),
  });
  await deps.documents.save(
    document,
    auditEvent(ctx.actor, now, 'document.requested', applicationEntity(applicationId), {
      documentId: id,
      kind: input.kind,
      fileName: document.fileName,
      sizeBytes: input.sizeBytes,
    }),
  );
  return {
    document,
    upload,
    expiresAt: new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString(),
  };
}

/**
 * Checks what arrived against what the kind allows: the stored size (S3's policy refuses an over-size upload in
 * AWS; s3rver does not, so it is checked here on every server), the application's total, and the type by the
 * content's magic bytes. A refused upload is deleted and kept as `rejected` with its reason; a good one replaces
 * the document in its slot and is `scanning` (AWS) or `uploaded` (nothing scans here).
 * @throws AppError NOT_FOUND, INVALID_STATE (not a draft, already completed), RULES_FAILED (not uploaded)
 */
export async function completeUpload(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  documentId: string,
  options: { fileName?: string } = {},
): Promise<Document> {
  const { call } = await loadForEditor(deps, ctx.actor, applicationId);
  const document = await deps.documents.get(applicationId, documentId);
  if (!document) throw notFound('document');
  if (document.status !== 'pending') {
    throw new AppError('INVALID_STATE', { code: 'DOCUMENT_ALREADY_COMPLETED' });
  }
  const stored = await deps.files.inspect(document.objectKey);
  if (!stored) throw refusal('RULES_FAILED', '/file', { code: 'DOCUMENT_NOT_UPLOADED' });
  const kind = documentKindsOf(call).find((k) => k.id === document.kind);
  const all = await deps.documents.listByApplication(applicationId);
  const replaced = all.filter((d) => d.id !== document.id && isKept(d) && sameSlot(d, document));
  const keptBytes = all
    .filter((d) => d.id !== document.id && isKept(d) && !replaced.includes(d))
    .reduce((sum, d) => sum + d.sizeBytes, 0);
  const found = stored.detected ? DETECTED_AS[stored.detected.ext] : undefined;
  const rejection: FieldError | undefined =
    !kind || stored.sizeBytes > kind.maxBytes
      ? {
          pointer: '/file',
          code: 'DOCUMENT_TOO_LARGE',
          params: { maxBytes: kind?.maxBytes ?? 0, sizeBytes: stored.sizeBytes },
        }
      : keptBytes + stored.sizeBytes > MAX_APPLICATION_BYTES
        ? {
            pointer: '/file',
            code: 'APPLICATION_DOCUMENTS_TOO_LARGE',
            params: { maxBytes: MAX_APPLICATION_BYTES, totalBytes: keptBytes + stored.sizeBytes },
          }
        : !found || !kind.types.includes(found)
          ? {
              pointer: '/file',
              code: 'DOCUMENT_TYPE_NOT_ALLOWED',
              params: { allowed: kind.types, ...(stored.detected ? { found: stored.detected.mime } : {}) },
            }
          : undefined;
  const now = deps.clock.now();
  const at = now.toISOString();
  const base = { ...document, sizeBytes: stored.sizeBytes, updatedAt: at, version: document.version + 1 };
  if (rejection) {
    await deps.files.delete(document.objectKey);
    const rejected: Document = { ...base, status: 'rejected', rejection: rejection.code };
    await deps.documents.save(
      rejected,
      auditEvent(ctx.actor, now, 'document.rejected', applicationEntity(applicationId), {
        documentId,
        reason: rejection.code,
        sizeBytes: stored.sizeBytes,
        detected: stored.detected?.mime ?? null,
      }),
      document.version,
    );
    throw new AppError('RULES_FAILED', rejection as AppError['reason'], { errors: [rejection] });
  }
  const sha256 = await deps.files.checksum(document.objectKey);
  // A plain HTML form's upload names no file to the server: it is named by its kind and the type found.
  const named = options.fileName ? cleanFileName(options.fileName) : document.fileName;
  const completed: Document = {
    ...base,
    fileName: /\.[a-z0-9]{2,5}$/i.test(named) ? named : `${named}.${found === 'jpeg' ? 'jpg' : found}`,
    type: found,
    contentType: MEDIA_TYPES[found as keyof typeof MEDIA_TYPES],
    completedAt: at,
    sha256,
    ...(deps.files.scans ? { status: 'scanning' } : { status: 'uploaded', notScanned: true }),
  };
  await deps.documents.save(
    completed,
    auditEvent(ctx.actor, now, 'document.uploaded', applicationEntity(applicationId), {
      documentId,
      kind: document.kind,
      fileName: document.fileName,
      sizeBytes: stored.sizeBytes,
      type: found ?? null,
      sha256,
      replaces: replaced.map((d) => d.id).join(',') || null,
    }),
    document.version,
    { replaces: replaced },
  );
  // The replaced files go once the new one is in; a failure here leaves an orphan, never a lost document.
  await Promise.all(replaced.map((d) => deps.files.delete(d.objectKey)));
  return completed;
}

/** Deletes a document of the owner's draft (its record and its file). @throws AppError NOT_FOUND, INVALID_STATE */
export async function deleteDocument(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  documentId: string,
): Promise<void> {
  await loadForEditor(deps, ctx.actor, applicationId);
  const document = await deps.documents.get(applicationId, documentId);
  if (!document) throw notFound('document');
  await deps.documents.remove(
    document,
    auditEvent(ctx.actor, deps.clock.now(), 'document.deleted', applicationEntity(applicationId), {
      documentId,
      kind: document.kind,
      fileName: document.fileName,
    }),
  );
  await deps.files.delete(document.objectKey);
}

/**
 * A short-lived download link for a document its reader may see, once it may be read (clean, or checked where
 * nothing scans; its uploader also while it is scanned). Anything else is the same 404 as an unknown id.
 * @throws AppError NOT_FOUND
 */
export async function downloadDocument(
  deps: CoreDeps,
  actor: Principal,
  documentId: string,
): Promise<string> {
  const document = await deps.documents.find(documentId);
  if (!document) throw notFound('document');
  const readable = await loadForReader(deps, actor, document.applicationId).catch(() => undefined);
  const kind = documentKindsOf(readable?.call).find((k) => k.id === document.kind);
  if (!readable || !kindVisible(readable.reader, kind) || !downloadable(actor, readable.reader, document)) {
    throw notFound('document');
  }
  return deps.files.presignDownload({
    key: document.objectKey,
    fileName: document.fileName,
    contentType: document.contentType,
    expiresInSeconds: DOWNLOAD_EXPIRES_SECONDS,
  });
}

/** A malware scanner's verdict on an object (GuardDuty Malware Protection for S3's scan result). */
export interface ScanResult {
  objectKey: string;
  /** GuardDuty's `scanResultStatus`: NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED, FAILED. */
  status: string;
  threats?: readonly string[];
}

/**
 * Records a scan's verdict: clean, or infected (the object tagged for quarantine, the uploader told). A verdict
 * on an unknown key or a document already judged is ignored (events may come twice); a scan that could not
 * judge the file leaves it `scanning`, unreadable to others. Returns the document's new status, if changed.
 */
export async function recordScanResult(
  deps: CoreDeps,
  actor: Principal,
  result: ScanResult,
): Promise<Document['status'] | undefined> {
  const ids = parseObjectKey(result.objectKey);
  if (!ids) return undefined;
  const document = await deps.documents.get(ids.applicationId, ids.documentId);
  if (document?.status !== 'scanning') return undefined;
  const verdict =
    result.status === 'NO_THREATS_FOUND'
      ? 'clean'
      : result.status === 'THREATS_FOUND'
        ? 'infected'
        : undefined;
  if (!verdict) return undefined;
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: Document = {
    ...document,
    status: verdict,
    scannedAt: at,
    updatedAt: at,
    version: document.version + 1,
  };
  const audit = auditEvent(actor, now, `document.${verdict}`, applicationEntity(ids.applicationId), {
    documentId: document.id,
    threats: result.threats?.join(',') ?? null,
  });
  if (verdict === 'clean') {
    await deps.documents.save(next, audit, document.version);
    return verdict;
  }
  await deps.files.quarantine(document.objectKey);
  const application = await deps.applications.get(ids.applicationId);
  const call = application ? await deps.calls.get(application.callId) : undefined;
  const kind = documentKindsOf(call).find((k) => k.id === document.kind);
  const outbox = application
    ? [
        {
          ...toOwnerOf(application, now),
          to: document.uploadedBy.email,
          kind: 'document.infected' as const,
          params: {
            name: document.uploadedBy.name,
            fileName: document.fileName,
            kindName: kind?.name ?? document.kind,
            ...(kind?.nameEn ? { kindNameEn: kind.nameEn } : {}),
            title: application.title ?? '',
          },
        },
      ]
    : [];
  await deps.documents.save(next, audit, document.version, { outbox });
  return verdict;
}
