import type { Organisation } from './organisation.schema.js';

/**
 * Organisations compared as people write them: case, spacing, punctuation and the words "kommune" /
 * "municipality" do not make two organisations different ("Aarhus Kommune" = "aarhus kommune" = "Aarhus").
 */
export function normaliseOrganisation(name: string): string {
  return name
    .toLocaleLowerCase('da-DK')
    .replace(/[.,;:()'"’-]/g, ' ')
    .replace(/\b(kommune|municipality)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/*
 * The registry as a tree, for deciding who is conflicted with what. Pure: built from the registry's items
 * (one Query) and asked any number of times.
 */

export interface OrganisationTree {
  /** The registry id a name as people write it stands for, or undefined when it is not in the registry. */
  resolve(name: string): string | undefined;
  get(id: string): Organisation | undefined;
  /** The organisation and every organisation above it (itself first); stops at a cycle. */
  lineage(id: string): string[];
  /**
   * Has the chair ruled that the conflict the tree finds between this person and this application is none
   * (functions/core/reviews/conflict.service.ts `ruleFoundConflictAway`)? Loaded with the tree, as every
   * conflict check that reads the tree must honour the rulings.
   */
  ruledAway(userId: string, applicationId: string): boolean;
  /**
   * The organisation a person is judged by: the one they picked as their own ("Min profil"), else the one the
   * identity provider gives them (`person.organisation`). Loaded with the tree, so every check honours it.
   */
  organisationOf(person: { userId: string; organisation?: string | undefined }): string | undefined;
}

/** A person's own pick of organisation (core/auth/profile.schema.ts), as the tree needs it. */
export interface OwnPick {
  userId: string;
  organisation: string;
}

/** A found conflict the chair ruled away: who, on which application. */
export interface RuledAway {
  userId: string;
  applicationId: string;
}

/** The tree of `organisations`: names resolved without case, spacing or "Kommune" (normaliseOrganisation). */
export function buildTree(
  organisations: readonly Organisation[],
  rulings: readonly RuledAway[] = [],
  picks: readonly OwnPick[] = [],
): OrganisationTree {
  const own = new Map(picks.map((p) => [p.userId, p.organisation]));
  const ruled = new Set(rulings.map((r) => `${r.userId}#${r.applicationId}`));
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const byName = new Map<string, string>();
  for (const o of organisations) {
    const key = normaliseOrganisation(o.name);
    if (key && !byName.has(key)) byName.set(key, o.id);
  }
  return {
    resolve: (name) => byName.get(normaliseOrganisation(name)),
    get: (id) => byId.get(id),
    lineage: (id) => {
      const seen: string[] = [];
      for (let at: string | undefined = id; at && !seen.includes(at); at = byId.get(at)?.parentId)
        seen.push(at);
      return seen;
    },
    ruledAway: (userId, applicationId) => ruled.has(`${userId}#${applicationId}`),
    organisationOf: (person) => own.get(person.userId) ?? person.organisation,
  };
}

/** An empty registry: names are compared as they are written, as before the registry. */
export const EMPTY_TREE: OrganisationTree = buildTree([]);

/**
 * Are two organisations, as people write them, one and the same or one inside the other? Names in the
 * registry are compared through the tree; names that are not are compared by their normalised spelling.
 */
export function related(tree: OrganisationTree, a: string, b: string): boolean {
  const na = normaliseOrganisation(a);
  const nb = normaliseOrganisation(b);
  if (!na || !nb) return false;
  if (na === nb) return true;
  const ia = tree.resolve(a);
  const ib = tree.resolve(b);
  if (!ia || !ib) return false;
  return tree.lineage(ia).includes(ib) || tree.lineage(ib).includes(ia);
}

/** The sector the registry gives a name, when it knows it. */
export const sectorOf = (tree: OrganisationTree, name: string | undefined) => {
  const id = name ? tree.resolve(name) : undefined;
  return id ? tree.get(id)?.sector : undefined;
};
