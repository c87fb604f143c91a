import type { Plain } from '../shared/messages.js';

/** The documents' message codes and the values each carries (worded by functions/texts/documents.ts). */
export interface DocumentMessages
  extends Record<
    /** The call asks for no document of this kind. */
    | 'DOCUMENT_KIND_UNKNOWN'
    /** A per-partner document needs the partner it is for; a per-application one takes none. */
    | 'DOCUMENT_PARTNER_REQUIRED'
    | 'DOCUMENT_PARTNER_UNKNOWN'
    | 'DOCUMENT_PARTNER_NOT_TAKEN'
    /** Documents are added, replaced and deleted while the application is a draft. */
    | 'DOCUMENTS_FIXED'
    /** Completion asked of a document whose upload never arrived. */
    | 'DOCUMENT_NOT_UPLOADED'
    /** Completion of a document already completed or refused. */
    | 'DOCUMENT_ALREADY_COMPLETED'
    /** No file store is configured where this runs. */
    | 'FILES_UNAVAILABLE',
    Plain
  > {
  /** The type declared, or found in the content, is not one the kind allows. */
  DOCUMENT_TYPE_NOT_ALLOWED: { allowed: string[]; found?: string };
  DOCUMENT_TOO_LARGE: { maxBytes: number; sizeBytes: number };
  APPLICATION_DOCUMENTS_TOO_LARGE: { maxBytes: number; totalBytes: number };
  /** A required document is missing (submission rule); `partner` names the partner organisation. */
  DOCUMENT_MISSING: { kind: string; kindName: string; kindNameEn?: string; partner?: string };
}

/** The e-mails about documents. */
export interface DocumentMail {
  /** The scanner found malware in an upload: the uploader is told, the file is quarantined. */
  'document.infected': {
    name: string;
    fileName: string;
    kindName: string;
    kindNameEn?: string;
    title: string;
  };
}
