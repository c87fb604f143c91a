import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { updateProfile } from '../../functions/core/auth/profile.service.js';
import type { Organisation } from '../../functions/core/organisations/organisation.schema.js';
import {
  createOrganisation,
  loadOrganisationTree,
} from '../../functions/core/organisations/organisation.service.js';
import { registrySeed } from '../../functions/core/organisations/registry.seed.js';
import { buildTree, EMPTY_TREE, related, sectorOf } from '../../functions/core/organisations/tree.js';
import { personConflict } from '../../functions/core/reviews/access.js';
import { organisationConflict } from '../../functions/core/reviews/conflicts.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { createFakes } from '../support/fakes.js';

const org = (id: string, name: string, parentId?: string): Organisation => ({
  id,
  name,
  sector: 'other',
  ...(parentId ? { parentId } : {}),
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
});

const applicationWith = (
  ...organisations: string[]
): Pick<Application, 'ownerOrganisation' | 'partners'> => ({
  partners: organisations.map((organisation) => ({ organisation })),
});

/** A random forest: organisation i has no parent or one of those before it (so no cycles), named "Org i". */
const forest = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        i === 0 ? fc.constant(-1) : fc.integer({ min: -1, max: i - 1 }),
      ),
    ),
  )
  .map((parents) => parents.map((p, i) => org(`o${i}`, `Org ${i}`, p >= 0 ? `o${p}` : undefined)));

/** The oracle: walk up from each side by hand. */
function above(organisations: readonly Organisation[], id: string): Set<string> {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const seen = new Set<string>();
  for (let at: string | undefined = id; at; at = byId.get(at)?.parentId) seen.add(at);
  return seen;
}

/** How people write a name: any case, with extra spaces. */
const spelling = (name: string, variant: number) =>
  [name, name.toUpperCase(), `  ${name.toLowerCase()} `, name.replace(' ', '  ')][variant % 4] ?? name;

describe('conflicts through the organisation tree', () => {
  it('property: conflicted exactly when the person’s organisation and a partner’s are one, or one contains the other', () => {
    fc.assert(
      fc.property(
        forest.chain((orgs) =>
          fc.tuple(
            fc.constant(orgs),
            fc.integer({ min: 0, max: orgs.length - 1 }),
            fc.array(fc.integer({ min: 0, max: orgs.length - 1 }), { minLength: 1, maxLength: 4 }),
            fc.nat(),
          ),
        ),
        ([orgs, person, partners, variant]) => {
          const tree = buildTree(orgs);
          const personId = `o${person}`;
          const expected = partners.some(
            (p) => above(orgs, personId).has(`o${p}`) || above(orgs, `o${p}`).has(personId),
          );
          const found = organisationConflict(
            spelling(`Org ${person}`, variant),
            applicationWith(...partners.map((p) => `Org ${p}`)),
            tree,
          );
          expect(found !== undefined).toBe(expected);
          // Siblings and cousins are not conflicted: relation is symmetric.
          for (const p of partners)
            expect(related(tree, `Org ${person}`, `Org ${p}`)).toBe(
              related(tree, `Org ${p}`, `Org ${person}`),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: names outside the registry match only by their normalised spelling, as before', () => {
    fc.assert(
      fc.property(forest, fc.string({ minLength: 1, maxLength: 12 }), fc.nat(), (orgs, word, variant) => {
        const name = `Ukendt ${word.replace(/[^a-zæøå]/gi, 'x')}`;
        const tree = buildTree(orgs);
        expect(organisationConflict(spelling(name, variant), applicationWith(name), tree)).toBe(name);
        expect(organisationConflict(name, applicationWith('Org 0'), tree)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('finds the region over its hospitals in the seeded registry, and not one hospital over another', () => {
    const tree = buildTree(registrySeed('2027-01-01T00:00:00.000Z'));
    const silkeborg = applicationWith('Regionshospitalet Silkeborg');
    expect(organisationConflict('Region Midtjylland', silkeborg, tree)).toBe('Regionshospitalet Silkeborg');
    expect(organisationConflict('Region Midtjylland', silkeborg, EMPTY_TREE)).toBeUndefined();
    expect(organisationConflict('Aarhus Universitetshospital', silkeborg, tree)).toBeUndefined();
    expect(organisationConflict('Sundhed og Omsorg, Aarhus Kommune', applicationWith('aarhus'), tree)).toBe(
      'aarhus',
    );
    expect(organisationConflict('Randers Kommune', applicationWith('Aarhus Kommune'), tree)).toBeUndefined();
    expect(sectorOf(tree, 'PLO Midtjylland')).toBe('general_practice');
    expect(sectorOf(tree, 'Lægehuset Randers Nord')).toBeUndefined();
  });

  it('stops at a cycle a bad write could leave', () => {
    const tree = buildTree([org('a', 'A org', 'b'), org('b', 'B org', 'a')]);
    expect(tree.lineage('a')).toEqual(['a', 'b']);
    expect(related(tree, 'A org', 'B org')).toBe(true);
  });
});

describe('a found conflict the chair ruled away', () => {
  const application = {
    ...applicationWith('Org 1'),
    id: 'app-1',
  } as unknown as Application;

  it('property: no longer counts for that person on that application, and only there', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), (organisations, a, b) => {
        const mine = organisations[a % organisations.length]?.name ?? '';
        const partner = organisations[b % organisations.length]?.name ?? '';
        const app = { ...application, partners: [{ organisation: partner }] };
        const rulings = [{ userId: 'u1', applicationId: 'app-1' }];
        const tree = buildTree(organisations, rulings);
        const before = personConflict(
          { userId: 'u1', organisation: mine },
          app,
          [],
          buildTree(organisations),
        );
        expect(personConflict({ userId: 'u1', organisation: mine }, app, [], tree)).toBeUndefined();
        // Another person of the same organisation, or the same person on another application, stays conflicted.
        expect(personConflict({ userId: 'u2', organisation: mine }, app, [], tree)).toEqual(before);
        expect(
          personConflict({ userId: 'u1', organisation: mine }, { ...app, id: 'app-2' }, [], tree),
        ).toEqual(before);
      }),
    );
  });

  it('leaves a declared conflict standing', () => {
    const tree = buildTree([org('o1', 'Org 1')], [{ userId: 'u1', applicationId: 'app-1' }]);
    const declared = {
      reviewerId: 'u1',
      conflict: { declaredAt: '2027-03-01T00:00:00.000Z', reason: 'Min svoger leder projektet' },
    } as Assignment;
    expect(personConflict({ userId: 'u1', organisation: 'Org 1' }, application, [declared], tree)).toEqual({
      ground: 'declared',
      reason: 'Min svoger leder projektet',
    });
  });
});

describe('a person’s own organisation (Min profil)', () => {
  const application = { ...applicationWith('Org 1'), id: 'app-1' } as unknown as Application;

  it('property: a person with a pick is judged by it, as one with that organisation from the identity provider', () => {
    fc.assert(
      fc.property(forest, fc.nat(), fc.nat(), fc.nat(), (organisations, a, b, c) => {
        const claimed = organisations[a % organisations.length]?.name ?? '';
        const picked = organisations[b % organisations.length]?.name ?? '';
        const partner = organisations[c % organisations.length]?.name ?? '';
        const app = { ...application, partners: [{ organisation: partner }] };
        const tree = buildTree(organisations, [], [{ userId: 'u1', organisation: picked }]);
        expect(tree.organisationOf({ userId: 'u1', organisation: claimed })).toBe(picked);
        expect(personConflict({ userId: 'u1', organisation: claimed }, app, [], tree)).toEqual(
          personConflict({ userId: 'u1', organisation: picked }, app, [], buildTree(organisations)),
        );
        // Someone without a pick keeps the identity provider's organisation.
        expect(personConflict({ userId: 'u2', organisation: claimed }, app, [], tree)).toEqual(
          personConflict({ userId: 'u2', organisation: claimed }, app, [], buildTree(organisations)),
        );
      }),
    );
  });

  it('is loaded with the tree and seen at once after a pick in this process', async () => {
    const { deps, store } = createFakes();
    for (const o of registrySeed('2027-01-01T00:00:00.000Z')) store.organisations.set(o.id, o);
    const person = { userId: 'u1', organisation: 'Aarhus Kommune' };
    expect((await loadOrganisationTree(deps)).organisationOf(person)).toBe('Aarhus Kommune');
    const actor = {
      ...person,
      email: 'u1@fim.local',
      name: 'U1',
      roles: ['applicant' as const],
      chair: false,
    };
    await updateProfile(deps, { actor }, { organisation: 'regionshospitalet silkeborg' }, 0);
    expect((await loadOrganisationTree(deps)).organisationOf(person)).toBe('Regionshospitalet Silkeborg');
  });
});

describe('loadOrganisationTree', () => {
  it('reads the registry once for many checks, and again after a change to it', async () => {
    const { deps, store } = createFakes();
    for (const o of registrySeed('2027-01-01T00:00:00.000Z')) store.organisations.set(o.id, o);
    let reads = 0;
    const list = deps.organisations.list;
    deps.organisations.list = () => {
      reads += 1;
      return list();
    };
    const first = await loadOrganisationTree(deps);
    await loadOrganisationTree(deps);
    expect(reads).toBe(1);
    const admin = { userId: 'a', email: 'a@x.dk', name: 'Admin', roles: ['admin'], chair: false } as const;
    await createOrganisation(
      deps,
      { actor: { ...admin, roles: [...admin.roles] } },
      { name: 'Ny afdeling', sector: 'region', parentId: 'region-midtjylland' },
    );
    const second = await loadOrganisationTree(deps);
    // The create checked the name against the cached tree, then dropped it: the next check reads again.
    expect(reads).toBe(2);
    expect(first.resolve('Ny afdeling')).toBeUndefined();
    expect(second.resolve('Ny afdeling')).toBeDefined();
  });
});
