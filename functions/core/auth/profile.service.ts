import { auditEvent } from '../audit/audit.js';
import type { OrganisationFlag } from '../organisations/organisation.schema.js';
import { forgetOrganisationTree, loadOrganisationTree } from '../organisations/organisation.service.js';
import { normaliseOrganisation, type OrganisationTree } from '../organisations/tree.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { versionConflict } from '../shared/errors.js';
import type { Principal } from './principal.js';
import type { OwnOrganisation, Profile, ProfilePatch } from './profile.schema.js';

/*
 * "Min profil" (issue 11): every signed-in person reads their own profile and picks their own organisation from
 * the registry (or types a new one, flagged for the secretariat as names on applications are). Each pick is
 * versioned and audited under the person (`profile.updated`, the organisation before and after).
 */

function profileOf(actor: Principal, tree: OrganisationTree, own: OwnOrganisation | undefined): Profile {
  const organisation = own?.organisation ?? actor.organisation;
  const organisationId = organisation ? tree.resolve(organisation) : undefined;
  return {
    userId: actor.userId,
    name: actor.name,
    email: actor.email,
    ...(organisation ? { organisation } : {}),
    source: own ? 'profile' : actor.organisation ? 'identity' : 'none',
    ...(actor.organisation ? { identityOrganisation: actor.organisation } : {}),
    ...(organisationId ? { organisationId } : {}),
    // Only a pick of the person's own is flagged: the identity provider's names are the secretariat's to fix there.
    flagged: own !== undefined && organisationId === undefined,
    version: own?.version ?? 0,
  };
}

/** The person's own profile (anyone signed in). */
export async function getProfile(deps: CoreDeps, actor: Principal): Promise<Profile> {
  const [tree, own] = await Promise.all([loadOrganisationTree(deps), deps.profiles.get(actor.userId)]);
  return profileOf(actor, tree, own);
}

/**
 * Picks the person's own organisation at the version read (0 before the first pick). A name the registry does
 * not know is kept as typed and flagged for the secretariat in the same transaction; a flag of the name picked
 * before goes. Conflict checks see the pick at once in this process (the tree is reloaded), in others within
 * TREE_TTL_MS. @throws AppError VERSION_CONFLICT
 */
export async function updateProfile(
  deps: CoreDeps,
  ctx: RequestContext,
  patch: ProfilePatch,
  expectedVersion: number,
): Promise<Profile> {
  const { actor } = ctx;
  const [tree, current] = await Promise.all([loadOrganisationTree(deps), deps.profiles.get(actor.userId)]);
  if ((current?.version ?? 0) !== expectedVersion) throw versionConflict();
  const name = patch.organisation.trim();
  const organisationId = tree.resolve(name);
  // The registry's spelling for a name it knows ("aarhus kommune" is Aarhus Kommune).
  const organisation = (organisationId && tree.get(organisationId)?.name) || name;
  if (current && current.organisation === organisation) return profileOf(actor, tree, current);
  const now = deps.clock.now();
  const next: OwnOrganisation = {
    userId: actor.userId,
    organisation,
    ...(organisationId ? { organisationId } : {}),
    version: expectedVersion + 1,
    updatedAt: now.toISOString(),
  };
  const flag: OrganisationFlag | undefined = organisationId
    ? undefined
    : {
        key: normaliseOrganisation(organisation),
        name: organisation,
        userId: actor.userId,
        userName: actor.name,
        flaggedAt: now.toISOString(),
      };
  const before = current?.organisation;
  const unflag =
    current && !current.organisationId && normaliseOrganisation(current.organisation) !== flag?.key
      ? normaliseOrganisation(current.organisation)
      : undefined;
  await deps.profiles.save(
    next,
    auditEvent(
      actor,
      now,
      'profile.updated',
      { type: 'user', id: actor.userId },
      {
        version: next.version,
        organisationBefore: before ?? actor.organisation ?? null,
        organisationAfter: organisation,
        organisationId: organisationId ?? null,
        flagged: flag !== undefined,
      },
    ),
    current?.version,
    { ...(flag ? { flag } : {}), ...(unflag ? { unflagKey: unflag } : {}) },
  );
  forgetOrganisationTree(deps);
  return profileOf(actor, await loadOrganisationTree(deps), next);
}

/**
 * Removes the person's own pick, at the version read: conflicts are judged by the identity provider's
 * organisation again (or none). The flag of a name the registry did not know goes in the same transaction.
 * Nothing to remove at version 0 answers the profile as it is. @throws AppError VERSION_CONFLICT
 */
export async function clearProfile(
  deps: CoreDeps,
  ctx: RequestContext,
  expectedVersion: number,
): Promise<Profile> {
  const { actor } = ctx;
  const current = await deps.profiles.get(actor.userId);
  if ((current?.version ?? 0) !== expectedVersion) throw versionConflict();
  if (current) await removePick(deps, actor, current, 'person');
  return profileOf(actor, await loadOrganisationTree(deps), undefined);
}

/**
 * Deletes a person's pick and their flag of its name, audited (`profile.cleared`) under the person: by them
 * (`person`), or by their erasure (`erasure`, erasure.service.ts). @throws AppError VERSION_CONFLICT
 */
export async function removePick(
  deps: CoreDeps,
  actor: Principal,
  pick: OwnOrganisation,
  by: 'person' | 'erasure',
): Promise<void> {
  const now = deps.clock.now();
  await deps.profiles.clear(
    pick,
    auditEvent(
      actor,
      now,
      'profile.cleared',
      { type: 'user', id: pick.userId },
      { version: pick.version, organisationBefore: pick.organisation, by },
    ),
    pick.organisationId ? undefined : normaliseOrganisation(pick.organisation),
  );
  forgetOrganisationTree(deps);
}
