/*
 * Erasure and retention (issue 12, docs/cases.md): the stored shapes, as plain types without zod so the
 * retention job bundles none (docs/infra.md "Cold start"). The API's schemas are in erasure.schema.ts.
 */

export const ERASURE_STATES = ['waiting-retention', 'done'] as const;
export type ErasureState = (typeof ERASURE_STATES)[number];

/** A case kept after an erasure, until its retention ends. */
export interface KeptCase {
  applicationId: string;
  /** The case's reference (absent on a case that never got one). */
  reference?: string;
  /** Owner, or co-applicant. */
  role: 'owner' | 'member';
  /** When it is anonymised (at the earliest, while the case is still open). */
  keptUntil: string;
}

/** What an erasure deleted at once. */
export interface DeletedNow {
  /** Drafts the person owned alone: deleted with their documents. */
  drafts: number;
  /** Their documents, deleted from the file store and the table. */
  documents: number;
  /** Drafts the person owned with co-applicants: handed to the longest-standing co-applicant. */
  handedOver: number;
  /** Drafts the person had joined as a co-applicant: they left them. */
  left: number;
}

/** `ERASURE#<userId>`: a person's request for erasure and its state (the admins' list). */
export interface ErasureRecord {
  userId: string;
  state: ErasureState;
  requestedAt: string;
  deletedNow: DeletedNow;
  keptCases: KeptCase[];
  /** The latest of the kept cases' dates; absent when nothing was kept. */
  keptUntil?: string;
  /**
   * Messages to the person still being sent when they asked (the confirmation of the request among them), by
   * id: the retention job anonymises each once it is sent or failed (docs/cases.md "Messages").
   */
  messagesLeft?: string[];
  completedAt?: string;
  version: number;
  updatedAt: string;
}

/** One run of the retention job (or what a dry run would do): the cases it acted on, by id. */
export interface RetentionRun {
  id: string;
  at: string;
  dryRun: boolean;
  /** Drafts whose owner was told of the coming deletion, with when it will be. */
  reminded: { applicationId: string; deleteOn: string }[];
  /** Untouched drafts deleted with their documents. */
  deleted: string[];
  /** Closed cases anonymised. */
  anonymised: string[];
  /** Erasures completed: every case kept for the person is anonymised, and so is their directory entry. */
  erasuresCompleted: string[];
  /** Messages anonymised, by id: those of the cases anonymised or drafts deleted, and those left after an erasure. */
  messagesAnonymised?: string[];
}
