/*
 * The document schemas' plain values, in a module without zod, so that the catalogue of words and the scheduled
 * jobs that import it bundle none of zod (docs/infra.md "Cold start"). document.schema.ts re-exports them.
 */

/** The file types a call may allow, told apart by their content (magic bytes), never by their names. */
export const DOCUMENT_TYPES = ['pdf', 'docx', 'xlsx', 'odt', 'png', 'jpeg'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Each type's media type, as the upload declares it and the download sends it. */
export const MEDIA_TYPES: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** What file-type reports for each type (its `ext`): JPEG is `jpg`. */
export const DETECTED_AS: Record<string, DocumentType> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  odt: 'odt',
  png: 'png',
  jpg: 'jpeg',
};

export const MB = 1024 * 1024;
/** A document kind's size limit unless the call says otherwise. */
export const DEFAULT_MAX_BYTES = 20 * MB;
/** All of an application's documents together. */
export const MAX_APPLICATION_BYTES = 100 * MB;
