import * as z from 'zod';
import { text } from '../shared/validation.js';
import { DEFAULT_MAX_BYTES, DOCUMENT_TYPES, MAX_APPLICATION_BYTES } from './document.values.js';

export * from './document.values.js';

export const documentKindSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: text(120).min(1),
  nameEn: text(120).optional(),
  required: z.boolean().default(false),
  /** One per partner organisation (a management declaration) or one per application. */
  per: z.enum(['application', 'partner']).default('application'),
  types: z.array(z.enum(DOCUMENT_TYPES)).min(1).max(DOCUMENT_TYPES.length),
  maxBytes: z.int().min(1).max(MAX_APPLICATION_BYTES).default(DEFAULT_MAX_BYTES),
  /** Hidden from reviewers under blind review (a CV or a declaration names people). */
  hiddenUnderBlindReview: z.boolean().default(false),
});
export type DocumentKind = z.infer<typeof documentKindSchema>;

/**
 * `pending`: presigned, not yet completed; `uploaded`: checked, no scanner here (one machine); `scanning`: checked,
 * the scanner's verdict awaited (AWS); `clean`; `rejected`: refused at completion (size, type), object deleted;
 * `infected`: the scanner found malware, the object tagged for quarantine.
 */
export const DOCUMENT_STATUSES = [
  'pending',
  'uploaded',
  'scanning',
  'clean',
  'rejected',
  'infected',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const documentSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  callId: z.string(),
  kind: z.string(),
  partnerIndex: z.int().optional(),
  fileName: z.string(),
  contentType: z.string().describe('The media type declared at upload'),
  sizeBytes: z.int().describe('Declared at upload; the stored size once completed'),
  type: z.enum(DOCUMENT_TYPES).optional().describe('The type found in its content at completion'),
  status: z.enum(DOCUMENT_STATUSES),
  /** Why a document was refused at completion (a message code). */
  rejection: z.string().optional(),
  /** True where nothing scans (one machine): shown as "not virus scanned (local)". */
  notScanned: z.boolean().optional(),
  objectKey: z.string(),
  uploadedBy: z.object({ userId: z.string(), email: z.string(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().optional(),
  /** The stored file's SHA-256 (hex), recorded at completion: the PDF and the aktindsigt list it. */
  sha256: z.string().optional(),
  scannedAt: z.string().optional(),
  version: z.int(),
});
export type Document = z.infer<typeof documentSchema>;

/** POST /api/applications/{id}/documents. */
export const documentUploadSchema = z.strictObject({
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  fileName: z.string().min(1).max(255),
  contentType: z.string().min(1).max(200),
  sizeBytes: z.int().min(1).max(MAX_APPLICATION_BYTES),
  partnerIndex: z.int().min(0).max(29).optional(),
});
export type DocumentUploadInput = z.infer<typeof documentUploadSchema>;

/**
 * A file name safe to store and show: no folders (the last path segment only), no control, format or bidi
 * characters (U+202E would show `exe.pdf` as `fdp.exe`), spaces folded, at most 200 characters. Empty becomes
 * `dokument`.
 */
export function cleanFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const limited = [...cleaned].slice(0, 200).join('');
  return limited === '' ? 'dokument' : limited;
}

/** Where a document's bytes are kept: under its application, so the bucket's grants cover one prefix. */
export const objectKeyOf = (applicationId: string, documentId: string): string =>
  `documents/${applicationId}/${documentId}`;

/** The application and document a stored object belongs to (the scanner's events name the key only). */
export function parseObjectKey(key: string): { applicationId: string; documentId: string } | undefined {
  const match = /^documents\/([0-9a-f-]{36})\/([0-9a-f-]{36})$/.exec(key);
  return match?.[1] && match[2] ? { applicationId: match[1], documentId: match[2] } : undefined;
}
