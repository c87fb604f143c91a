import { accessOf } from '../applications/access.js';
import type { Application } from '../applications/application.schema.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { CoreDeps } from '../ports.js';
import { actorConflicted } from '../reviews/access.js';
import type { Assignment } from '../reviews/review.schema.js';
import type { Document, DocumentKind } from './document.schema.js';

/*
 * Who may read and change an application's documents: the one place the documents ask. Editors are whom the
 * application's own access decision (functions/core/applications/access.ts) lets edit: the owner and the
 * co-applicants.
 */

/** How a reader sees an application's documents: all of them, or all but the kinds hidden under blind review. */
export type DocumentReader = 'editor' | 'full' | 'blind';

/**
 * Whether, and how, the actor reads the application's documents: the owner and co-applicants always; admins, and board members
 * free of conflict, once it has left draft; a reviewer assigned to it and free of conflict, minus the kinds
 * hidden under blind review. Everyone else: undefined (the same 404 as an unknown id). A caller that has read
 * the application's assignments already (the board's view) passes them, saving the Query.
 */
export async function documentReader(
  deps: CoreDeps,
  actor: Principal,
  application: Application,
  call: Call | undefined,
  known?: { assignments: readonly Assignment[] },
): Promise<DocumentReader | undefined> {
  const access = await accessOf(deps, actor, application);
  if (access?.edit) return 'editor';
  if (application.status === 'draft') return undefined;
  if (access?.role === 'admin' || isAdmin(actor)) return 'full';
  const board = hasRole(actor, 'board');
  const reviewer = hasRole(actor, 'reviewer');
  if (!board && !reviewer) return undefined;
  const assignments = known?.assignments ?? (await deps.reviews.listByApplication(application.id));
  if (actorConflicted(actor, application, assignments, await loadOrganisationTree(deps))) return undefined;
  if (board) return 'full';
  if (!assignments.some((a) => a.reviewerId === actor.userId)) return undefined;
  return call?.blindReview ? 'blind' : 'full';
}

/** Is this kind of document one the reader may see? */
export const kindVisible = (reader: DocumentReader, kind: DocumentKind | undefined): boolean =>
  reader !== 'blind' || !(kind?.hiddenUnderBlindReview ?? true);

/**
 * May the reader download this document now? Its uploader (and the application's editor) once it is stored
 * and not refused or infected; anyone else only once scanned clean, or, where nothing scans (one machine),
 * once checked.
 */
export function downloadable(actor: Principal, reader: DocumentReader, document: Document): boolean {
  if (document.status === 'clean') return true;
  if (document.status === 'uploaded') return true;
  return (
    document.status === 'scanning' && (reader === 'editor' || document.uploadedBy.userId === actor.userId)
  );
}
