import { isAdmin, type Principal } from '../auth/principal.js';
import type { CoreDeps } from '../ports.js';
import { forbidden, notFound, versionConflict } from '../shared/errors.js';
import type { Application } from './application.schema.js';

/*
 * Who may read, edit and act on an application: the one place that decides it. Every application service and
 * page (and the documents of an application) asks here; no route or repository decides on its own.
 *
 * - The owner reads, edits the draft, submits, withdraws, accepts an award, invites and removes co-applicants
 *   and hands the application over.
 * - A co-applicant (a member who accepted an invitation) reads it, edits the draft, sees status and decisions.
 * - Admins read it once it has left draft. (Reviewers and the board read it through their assignments, in
 *   functions/core/reviews, which show them the review's view of it.)
 * Anyone else learns nothing: the answer is the same 404 as for an unknown id.
 */

export type ApplicationRole = 'owner' | 'member' | 'admin';

export interface ApplicationAccess {
  role: ApplicationRole;
  /** May change the draft's fields (and documents); the draft must still be a draft (the service checks). */
  edit: boolean;
  /** The owner's rights: submit, withdraw, accept an award, invite, remove, hand over. */
  own: boolean;
}

export const isOwner = (actor: Principal, application: Application): boolean =>
  application.ownerId === actor.userId;

/** What this reader may do with this application; undefined when they may not even read it. */
export async function accessOf(
  deps: CoreDeps,
  actor: Principal,
  application: Application,
): Promise<ApplicationAccess | undefined> {
  if (isOwner(actor, application)) return { role: 'owner', edit: true, own: true };
  if (await deps.members.getMember(application.id, actor.userId)) {
    return { role: 'member', edit: true, own: false };
  }
  if (application.status !== 'draft' && isAdmin(actor)) return { role: 'admin', edit: false, own: false };
  return undefined;
}

/** An application and what its reader may do with it. @throws AppError NOT_FOUND (unknown, or not theirs) */
export async function readApplication(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<{ application: Application; access: ApplicationAccess }> {
  const application = await deps.applications.get(applicationId);
  const access = application && (await accessOf(deps, actor, application));
  // Not found and not yours look the same, so ids cannot be probed.
  if (!application || !access) throw notFound('application');
  return { application, access };
}

/**
 * An application its reader may act on with `right` (`edit`: the owner and co-applicants; `own`: the owner),
 * at the version the caller read. @throws AppError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT
 */
export async function applicationFor(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
  right: 'edit' | 'own',
  expectedVersion?: number,
): Promise<{ application: Application; access: ApplicationAccess }> {
  const found = await readApplication(deps, actor, applicationId);
  if (!found.access[right]) throw forbidden();
  if (expectedVersion !== undefined && expectedVersion !== found.application.version) throw versionConflict();
  return found;
}
