import type { Application } from '../applications/application.schema.js';
import { type AuditEvent, auditEvent } from '../audit/audit.js';
import { isAdmin, type Principal } from '../auth/principal.js';
import { peopleOf } from '../cases/case-record.service.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { applicationOrganisations } from '../reviews/conflicts.js';
import { forbidden, notFound, refusal, versionConflict } from '../shared/errors.js';
import type {
  Organisation,
  OrganisationChange,
  OrganisationFlag,
  OrganisationInput,
  OrganisationListQuery,
  OrganisationPatch,
  PlaceFlag,
} from './organisation.schema.js';
import { buildTree, normaliseOrganisation, type OrganisationTree } from './tree.js';

/*
 * The organisations registry (issue 11): anyone signed in searches it (the forms pick from it), admins keep it.
 * Every change is versioned and audited under the organisation; its history is read from those events.
 */

/** How many organisations one search answers with. */
export const SEARCH_LIMIT = 20;

/**
 * How long a loaded tree is reused. Conflict checks run several times a request (the ranking checks every row);
 * the tree and the rulings change a few times a year. Writes through this process drop it at once; another
 * process (Lambda instance) sees a change within this time.
 */
export const TREE_TTL_MS = 5_000;
const trees = new WeakMap<CoreDeps, { until: number; tree: Promise<OrganisationTree> }>();

/**
 * The registry as a tree, with the chair's rulings on found conflicts and the organisations people picked as
 * their own: three Queries of small index partitions, cached per cold start (per `deps`) for TREE_TTL_MS.
 */
export function loadOrganisationTree(deps: CoreDeps): Promise<OrganisationTree> {
  const now = performance.now();
  const hit = trees.get(deps);
  if (hit && hit.until > now) return hit.tree;
  const tree = Promise.all([
    deps.organisations.list(),
    deps.conflictRulings.list(),
    deps.profiles.list(),
  ]).then(([organisations, rulings, picks]) => buildTree(organisations, rulings, picks));
  trees.set(deps, { until: now + TREE_TTL_MS, tree });
  // A failed read is not kept: the next check asks again.
  tree.catch(() => trees.delete(deps));
  return tree;
}

/** Drops the cached tree after a change to the registry, the rulings or a person's own organisation. */
export const forgetOrganisationTree = (deps: CoreDeps): void => {
  trees.delete(deps);
};

/** Admins keep the registry. @throws AppError FORBIDDEN */
export const requireRegistryAdmin = (actor: Principal): void => {
  if (!isAdmin(actor)) throw forbidden();
};

/**
 * Organisations whose name begins with `q` (as names are compared: no case, no "Kommune"), by name; every
 * organisation when `q` is empty. Anyone signed in. One Query.
 */
export async function searchOrganisations(deps: CoreDeps, q: string): Promise<Organisation[]> {
  if (q.trim() === '') return deps.organisations.list();
  return deps.organisations.search(q, SEARCH_LIMIT);
}

/** @throws AppError NOT_FOUND */
export async function getOrganisation(deps: CoreDeps, id: string): Promise<Organisation> {
  const organisation = await deps.organisations.get(id);
  if (!organisation) throw notFound('organisation');
  return organisation;
}

/** The name is free (no other organisation is called the same, as names are compared), the parent exists and is not below `id`. */
function checkPlace(tree: OrganisationTree, name: string, parentId: string | undefined, id: string): void {
  const holder = tree.resolve(name);
  if (holder && holder !== id)
    throw refusal('RULES_FAILED', '/name', { code: 'ORGANISATION_NAME_TAKEN', params: { name } });
  if (parentId === undefined) return;
  if (!tree.get(parentId))
    throw refusal('RULES_FAILED', '/parentId', { code: 'ORGANISATION_PARENT_UNKNOWN' });
  if (tree.lineage(parentId).includes(id))
    throw refusal('RULES_FAILED', '/parentId', { code: 'ORGANISATION_PARENT_CYCLE' });
}

/** Adds an organisation to the registry (admins). @throws AppError FORBIDDEN, RULES_FAILED */
export async function createOrganisation(
  deps: CoreDeps,
  ctx: RequestContext,
  input: OrganisationInput,
): Promise<Organisation> {
  requireRegistryAdmin(ctx.actor);
  const id = crypto.randomUUID();
  checkPlace(await loadOrganisationTree(deps), input.name, input.parentId, id);
  const now = deps.clock.now();
  const at = now.toISOString();
  const organisation: Organisation = {
    id,
    ...input,
    name: input.name.trim(),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await deps.organisations.save(
    organisation,
    auditEvent(
      ctx.actor,
      now,
      'organisation.created',
      { type: 'organisation', id },
      changeDetails({}, organisation),
    ),
  );
  forgetOrganisationTree(deps);
  return organisation;
}

const FIELDS = ['name', 'cvr', 'sector', 'parentId'] as const;

/** `<field>Before` / `<field>After` for each field that differs. */
function changeDetails(before: Partial<Organisation>, after: Organisation): AuditEvent['details'] {
  const details: AuditEvent['details'] = { version: after.version };
  for (const field of FIELDS) {
    if (before[field] === after[field]) continue;
    details[`${field}Before`] = before[field] ?? null;
    details[`${field}After`] = after[field] ?? null;
  }
  return details;
}

/**
 * Changes an organisation (a merge patch: `null` clears CVR or parent) at the version read, audited with each
 * field before and after (admins). @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, RULES_FAILED
 */
export async function updateOrganisation(
  deps: CoreDeps,
  ctx: RequestContext,
  id: string,
  patch: OrganisationPatch,
  expectedVersion: number,
): Promise<Organisation> {
  requireRegistryAdmin(ctx.actor);
  const current = await getOrganisation(deps, id);
  if (current.version !== expectedVersion) throw versionConflict();
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = field === 'name' ? String(value).trim() : value;
  }
  const merged = next as Organisation;
  if (FIELDS.every((f) => merged[f] === current[f])) return current;
  checkPlace(await loadOrganisationTree(deps), merged.name, merged.parentId, id);
  const now = deps.clock.now();
  const saved: Organisation = { ...merged, version: current.version + 1, updatedAt: now.toISOString() };
  await deps.organisations.save(
    saved,
    auditEvent(
      ctx.actor,
      now,
      'organisation.updated',
      { type: 'organisation', id },
      changeDetails(current, saved),
    ),
    current.version,
  );
  forgetOrganisationTree(deps);
  return saved;
}

function changeOf(event: AuditEvent): OrganisationChange {
  const value = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    at: event.at,
    by: event.actor.userId,
    action: event.action,
    version: typeof event.details.version === 'number' ? event.details.version : 0,
    changes: FIELDS.filter((f) => `${f}After` in event.details).map((field) => ({
      field,
      before: value(event.details[`${field}Before`]),
      after: value(event.details[`${field}After`]),
    })),
  };
}

/**
 * An organisation and its history from its audit events, newest first (admins).
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getOrganisationHistory(
  deps: CoreDeps,
  actor: Principal,
  id: string,
): Promise<{ organisation: Organisation; history: OrganisationChange[] }> {
  requireRegistryAdmin(actor);
  const [organisation, events] = await Promise.all([
    getOrganisation(deps, id),
    deps.organisations.history(id),
  ]);
  const people = await peopleOf(deps, events);
  return {
    organisation,
    history: events
      .map(changeOf)
      .map((change) => {
        const name = people[change.by]?.name;
        return name ? { ...change, byName: name } : change;
      })
      .sort((a, b) => b.version - a.version),
  };
}

/** How many organisations a page of the admins' list shows. */
export const PAGE_SIZE = 25;

/**
 * A page of the registry by name, narrowed to names beginning with `q` (admins). One Query.
 * @throws AppError FORBIDDEN, VALIDATION_FAILED (a cursor not ours)
 */
export async function listOrganisationsPage(
  deps: CoreDeps,
  actor: Principal,
  query: OrganisationListQuery,
): Promise<{ items: Organisation[]; cursor?: string }> {
  requireRegistryAdmin(actor);
  return deps.organisations.page(query.q?.trim() ?? '', {
    limit: PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}

/**
 * The names an application gives (the owner's organisation, each partner's) that the registry does not know,
 * each once: flagged for the secretariat to place when the application is submitted.
 */
export function unknownOrganisations(
  tree: OrganisationTree,
  application: Pick<Application, 'id' | 'title' | 'ownerOrganisation' | 'partners'>,
  now: Date,
): OrganisationFlag[] {
  const flags = new Map<string, OrganisationFlag>();
  for (const name of applicationOrganisations(application)) {
    const key = normaliseOrganisation(name);
    if (!key || tree.resolve(name) || flags.has(key)) continue;
    flags.set(key, {
      key,
      name: name.trim(),
      applicationId: application.id,
      ...(application.title ? { applicationTitle: application.title } : {}),
      flaggedAt: now.toISOString(),
    });
  }
  return [...flags.values()];
}

/** A flagged name as the secretariat's list shows it: the applications and the people that give it. */
export interface FlaggedName {
  key: string;
  name: string;
  applications: { id: string; title?: string }[];
  people: { id: string; name?: string }[];
}

/**
 * The names flagged for the secretariat to place, by name, each with the applications that give it and the
 * people who picked it as their own organisation (admins).
 */
export async function listOrganisationFlags(deps: CoreDeps, actor: Principal): Promise<FlaggedName[]> {
  requireRegistryAdmin(actor);
  const byKey = new Map<string, FlaggedName>();
  for (const flag of await deps.organisations.listFlags()) {
    const entry = byKey.get(flag.key) ?? { key: flag.key, name: flag.name, applications: [], people: [] };
    if (flag.applicationId !== undefined)
      entry.applications.push({
        id: flag.applicationId,
        ...(flag.applicationTitle ? { title: flag.applicationTitle } : {}),
      });
    else if (flag.userId !== undefined)
      entry.people.push({ id: flag.userId, ...(flag.userName ? { name: flag.userName } : {}) });
    byKey.set(flag.key, entry);
  }
  return [...byKey.values()];
}

/**
 * Places a flagged name in the registry (admins): maps it to an organisation of the registry, or creates one.
 * Each flagged application then names the organisation as the registry spells it (audited under it), and its
 * flag is cleared. @throws AppError FORBIDDEN, NOT_FOUND, RULES_FAILED, VERSION_CONFLICT
 */
export async function placeFlaggedName(
  deps: CoreDeps,
  ctx: RequestContext,
  input: PlaceFlag,
): Promise<Organisation> {
  requireRegistryAdmin(ctx.actor);
  const flags = await deps.organisations.flagsOf(input.key);
  if (flags.length === 0) throw notFound('organisation');
  const organisation =
    'create' in input
      ? await createOrganisation(deps, ctx, input.create)
      : await getOrganisation(deps, input.organisationId);
  const rename = (name: string | undefined) =>
    name !== undefined && normaliseOrganisation(name) === input.key ? organisation.name : name;
  for (const flag of flags) {
    const now = deps.clock.now();
    const details = { organisationId: organisation.id, from: flag.name, to: organisation.name };
    if (flag.applicationId === undefined) {
      await placePersonFlag(deps, ctx, flag, organisation, now);
      continue;
    }
    const application = await deps.applications.get(flag.applicationId);
    if (application) {
      const partners = application.partners.map((p) =>
        p.organisation === undefined ? p : { ...p, organisation: rename(p.organisation) },
      );
      const ownerOrganisation = rename(application.ownerOrganisation);
      const next: Application = {
        ...application,
        partners,
        ...(ownerOrganisation ? { ownerOrganisation } : {}),
        version: application.version + 1,
        updatedAt: now.toISOString(),
      };
      if (
        JSON.stringify(next.partners) !== JSON.stringify(application.partners) ||
        ownerOrganisation !== application.ownerOrganisation
      )
        await deps.applications.save(
          next,
          auditEvent(
            ctx.actor,
            now,
            'organisation.placed',
            { type: 'application', id: application.id },
            details,
          ),
          application.version,
        );
    }
    await deps.organisations.clearFlag(
      flag,
      auditEvent(
        ctx.actor,
        now,
        'organisation.placed',
        { type: 'application', id: flag.applicationId },
        details,
      ),
    );
  }
  forgetOrganisationTree(deps);
  return organisation;
}

/**
 * A person's own organisation, flagged, placed: their pick then names the organisation as the registry spells
 * it (versioned, audited under the person) and the flag goes in the same transaction.
 */
async function placePersonFlag(
  deps: CoreDeps,
  ctx: RequestContext,
  flag: OrganisationFlag,
  organisation: Organisation,
  now: Date,
): Promise<void> {
  const userId = flag.userId ?? '';
  const details = { organisationId: organisation.id, from: flag.name, to: organisation.name };
  const audit = auditEvent(ctx.actor, now, 'organisation.placed', { type: 'user', id: userId }, details);
  const own = await deps.profiles.get(userId);
  if (!own || normaliseOrganisation(own.organisation) !== flag.key) {
    // The person picked another name since: only the flag goes.
    await deps.organisations.clearFlag(flag, audit);
    return;
  }
  await deps.profiles.save(
    {
      ...own,
      organisation: organisation.name,
      organisationId: organisation.id,
      version: own.version + 1,
      updatedAt: now.toISOString(),
    },
    { ...audit, details: { ...details, version: own.version + 1 } },
    own.version,
    { unflagKey: flag.key },
  );
}
