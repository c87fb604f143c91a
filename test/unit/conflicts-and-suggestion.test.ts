import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { EMPTY_TREE } from '../../functions/core/organisations/tree.js';
import { actorConflicted, isRecusedOrPending, personConflict } from '../../functions/core/reviews/access.js';
import { normaliseOrganisation, organisationConflict } from '../../functions/core/reviews/conflicts.js';
import type { Assignment } from '../../functions/core/reviews/review.schema.js';
import { type SuggestionInput, suggestAssignment } from '../../functions/core/reviews/suggestion.js';

describe('organisationConflict', () => {
  const application = {
    ownerOrganisation: 'Aarhus Universitetshospital',
    partners: [{ organisation: 'Randers Kommune' }, { organisation: 'PLO Midtjylland' }, {}],
  };

  it('finds a person whose organisation takes part, however it is written', () => {
    expect(organisationConflict('randers kommune', application, EMPTY_TREE)).toBe('Randers Kommune');
    expect(organisationConflict('Randers', application, EMPTY_TREE)).toBe('Randers Kommune');
    expect(organisationConflict('  PLO  Midtjylland ', application, EMPTY_TREE)).toBe('PLO Midtjylland');
    expect(organisationConflict('Aarhus Universitetshospital', application, EMPTY_TREE)).toBe(
      'Aarhus Universitetshospital',
    );
  });

  it('finds none for other organisations or none given', () => {
    expect(organisationConflict('Aarhus Universitet', application, EMPTY_TREE)).toBeUndefined();
    expect(organisationConflict('Aarhus Kommune', application, EMPTY_TREE)).toBeUndefined();
    expect(organisationConflict(undefined, application, EMPTY_TREE)).toBeUndefined();
    expect(organisationConflict('   ', application, EMPTY_TREE)).toBeUndefined();
  });

  it('normalises case, punctuation and the word kommune', () => {
    expect(normaliseOrganisation('Ikast-Brande Kommune')).toBe(normaliseOrganisation('ikast brande'));
    expect(normaliseOrganisation('Ringkøbing-Skjern Kommune')).toBe('ringkøbing skjern');
  });
});

describe('personConflict', () => {
  const application = {
    id: 'app-1',
    ownerOrganisation: 'Aarhus Universitetshospital',
    partners: [{ organisation: 'Randers Kommune' }],
  } as Application;
  const declared = (reviewerId: string, ruling?: { recused: boolean }): Assignment =>
    ({
      applicationId: 'app-1',
      reviewerId,
      conflict: {
        declaredAt: '2027-03-01T09:00:00.000Z',
        reason: 'Min søster er projektleder',
        ...(ruling
          ? { ruling: { ...ruling, byUserId: 'c', byName: 'C', at: '2027-03-02T09:00:00.000Z' } }
          : {}),
      },
    }) as Assignment;

  it('names the ground as a code and keeps the organisation or the person’s own words beside it', () => {
    expect(personConflict({ userId: 'u', organisation: 'Randers' }, application, [], EMPTY_TREE)).toEqual({
      ground: 'organisation',
      reason: 'Randers Kommune',
    });
    expect(personConflict({ userId: 'r1' }, application, [declared('r1')], EMPTY_TREE)).toEqual({
      ground: 'declared',
      reason: 'Min søster er projektleder',
    });
    // The organisation is found by the system, whatever was declared.
    expect(
      personConflict(
        { userId: 'r1', organisation: 'randers kommune' },
        application,
        [declared('r1')],
        EMPTY_TREE,
      ),
    ).toEqual({ ground: 'organisation', reason: 'Randers Kommune' });
  });

  it('counts a declaration until the chair rules it is none, and only the declarer’s own', () => {
    expect(isRecusedOrPending(declared('r1'))).toBe(true);
    expect(
      personConflict({ userId: 'r1' }, application, [declared('r1', { recused: true })], EMPTY_TREE)?.ground,
    ).toBe('declared');
    expect(
      personConflict({ userId: 'r1' }, application, [declared('r1', { recused: false })], EMPTY_TREE),
    ).toBeUndefined();
    expect(personConflict({ userId: 'r2' }, application, [declared('r1')], EMPTY_TREE)).toBeUndefined();
  });

  it('never holds an admin back: admins run the case where the board is conflicted', () => {
    const person = { email: 'x@x', name: 'X', organisation: 'Randers Kommune', chair: false };
    expect(actorConflicted({ ...person, userId: 'a', roles: ['admin'] }, application, [], EMPTY_TREE)).toBe(
      false,
    );
    expect(actorConflicted({ ...person, userId: 'b', roles: ['board'] }, application, [], EMPTY_TREE)).toBe(
      true,
    );
  });
});

/** Random calls: reviewers, applications, conflicts and (sometimes) assignments already made by hand. */
const instance = (withExisting: boolean, withConflicts: boolean) =>
  fc
    .record({
      reviewers: fc.integer({ min: 1, max: 8 }),
      apps: fc.integer({ min: 0, max: 25 }),
      perApplication: fc.integer({ min: 1, max: 4 }),
      seed: fc.array(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 8, maxLength: 8 }), {
        minLength: 25,
        maxLength: 25,
      }),
    })
    .map(({ reviewers, apps, perApplication, seed }): SuggestionInput => {
      const reviewerIds = Array.from({ length: reviewers }, (_, i) => `r${i}`);
      return {
        perApplication,
        reviewerIds,
        applications: Array.from({ length: apps }, (_, a) => {
          const row = seed[a] ?? [];
          const conflicted = withConflicts ? reviewerIds.filter((_, r) => (row[r] ?? 0) < 20) : [];
          const assigned = withExisting
            ? reviewerIds
                .filter((r, i) => !conflicted.includes(r) && (row[i] ?? 0) > 90)
                .slice(0, perApplication)
            : [];
          return { id: `a${a}`, conflicted, assigned };
        }),
      };
    });

function loads(input: SuggestionInput, suggestion: Map<string, string[]>): Map<string, number> {
  const load = new Map(input.reviewerIds.map((r) => [r, 0]));
  for (const app of input.applications) {
    for (const r of [...app.assigned, ...(suggestion.get(app.id) ?? [])]) load.set(r, (load.get(r) ?? 0) + 1);
  }
  return load;
}

describe('suggestAssignment (property-based)', () => {
  it('never suggests a conflicted reviewer, nor one already on the application, nor anyone twice', () => {
    fc.assert(
      fc.property(instance(true, true), (input) => {
        const suggestion = suggestAssignment(input);
        for (const app of input.applications) {
          const picked = suggestion.get(app.id) ?? [];
          expect(picked.filter((r) => app.conflicted.includes(r))).toEqual([]);
          expect(picked.filter((r) => app.assigned.includes(r))).toEqual([]);
          expect(new Set(picked).size).toBe(picked.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives every application its quota where enough free reviewers exist, else all free ones', () => {
    fc.assert(
      fc.property(instance(true, true), (input) => {
        const suggestion = suggestAssignment(input);
        for (const app of input.applications) {
          const free = input.reviewerIds.filter((r) => !app.conflicted.includes(r)).length;
          const total = app.assigned.length + (suggestion.get(app.id) ?? []).length;
          expect(total).toBe(Math.min(input.perApplication, free));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('spreads the load so it differs by at most one when no conflict stands in the way', () => {
    fc.assert(
      fc.property(instance(false, false), (input) => {
        const load = [...loads(input, suggestAssignment(input)).values()];
        expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('with conflicts, leaves no review that a reviewer with two fewer could have taken instead', () => {
    fc.assert(
      fc.property(instance(false, true), (input) => {
        const suggestion = suggestAssignment(input);
        const load = loads(input, suggestion);
        for (const app of input.applications) {
          const picked = suggestion.get(app.id) ?? [];
          for (const busy of picked) {
            const idle = input.reviewerIds.filter(
              (r) =>
                !app.conflicted.includes(r) &&
                !picked.includes(r) &&
                (load.get(r) ?? 0) + 2 <= (load.get(busy) ?? 0),
            );
            expect(idle).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
