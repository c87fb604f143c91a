import * as z from 'zod';
import type { ApplicationPrintout } from '../applications/printout.service.js';
import type { AuditEvent } from '../audit/audit.js';
import type { LedgerEntry } from '../finance/finance.schema.js';
import type { StoredMessage } from '../messages/message.schema.js';

/*
 * An export: aktindsigt in one application's case (for the secretariat) or "Mine data" (a person's own data),
 * asked for, built in the background into one ZIP in the file store, and handed out by a link that expires.
 */

export const EXPORT_STATUSES = ['queued', 'building', 'ready', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** What an export is of: an application's case (aktindsigt) or a person (their own data). */
export const exportSubjectSchema = z.object({ kind: z.enum(['application', 'user']), id: z.string() });
export type ExportSubject = z.infer<typeof exportSubjectSchema>;

export const exportJobSchema = z.object({
  id: z.uuid(),
  subject: exportSubjectSchema,
  /** Who asked, by user id: only they (or, for aktindsigt, any admin) may fetch it. */
  requestedBy: z.string(),
  status: z.enum(EXPORT_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Where the ZIP is kept in the file store (under `exports/`), once it is built. */
  objectKey: z.string().optional(),
  sha256: z.string().optional(),
  sizeBytes: z.int().optional(),
  /** How many parts the ZIP holds (its index not counted). */
  parts: z.int().optional(),
  /** Why building it failed (a code, never internals). */
  failure: z.string().optional(),
  version: z.int(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

/** Asking for an export takes no fields (the web form is a button; the API has no body). */
export const exportRequestSchema = z.strictObject({});

/** The id in a path: a UUID, nothing else reaches the store. */
export const exportIdSchema = z.uuid();

/** How long a download link lives. */
export const EXPORT_LINK_SECONDS = 15 * 60;

/** Where an export's ZIP is kept: the file store's `exports/` prefix, which a lifecycle rule expires. */
export const exportObjectKey = (id: string): string => `exports/${id}.zip`;

/** What a part of the ZIP is, for its index (worded by functions/texts/exports.ts). */
export const PART_KINDS = [
  'application',
  'application_pdf',
  'document',
  'review',
  'decision',
  'minutes',
  'message',
  'audit_events',
  'award',
  'award_payments',
  'award_report',
  'award_events',
  'profile',
  'readable_pdf',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

/** A person an export names, by user id (only people within the case or the person themself). */
export interface NamedPerson {
  name: string;
}

/**
 * What a part holds, as data: the ZIP's writer (functions/exports) turns each into bytes, with the words of
 * the catalogue where a part is read by people (PDFs, composed messages, the events' CSV).
 */
export type PartContent =
  | { type: 'json'; value: unknown }
  /** A stored document's bytes, streamed from the file store into the ZIP. */
  | { type: 'file'; objectKey: string }
  | { type: 'application_pdf'; printout: ApplicationPrintout }
  /** A message as sent (composed from its kind and values) with its delivery status. */
  | { type: 'message'; message: StoredMessage }
  /**
   * An award's ledger entries (commitment, disbursements, refunds, release) as CSV: amounts in kroner, the
   * bank's references, who booked them by user id only.
   */
  | { type: 'payments'; entries: LedgerEntry[] }
  /** Audit events as CSV; actors named only where `people` knows them. */
  | { type: 'events'; events: AuditEvent[]; people: Record<string, NamedPerson> }
  /** A readable PDF of every JSON part of the export (the person's own data). */
  | { type: 'readable_pdf' };

export interface ExportPart {
  /** The path inside the ZIP. */
  path: string;
  kind: PartKind;
  /** When the part was made or last changed (UTC ISO). */
  date: string;
  /** An internal working document (offentlighedsloven § 23): the secretariat decides whether to hand it out. */
  internal?: boolean;
  content: PartContent;
}

export interface ExportBundle {
  scope: 'case' | 'person';
  /** The application's reference or id, or the person's name: the index's heading. */
  title: string;
  generatedAt: string;
  parts: ExportPart[];
}

/** A file name safe inside the ZIP: letters, digits, dot, dash and underscore. */
export const safeName = (name: string): string =>
  name
    .replace(/[æÆøØåÅ]/g, (c) => ({ æ: 'ae', Æ: 'Ae', ø: 'oe', Ø: 'Oe', å: 'aa', Å: 'Aa' })[c] ?? '_')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120) || 'file';
