import { describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import { checkSubmission, formatReference } from '../../functions/core/applications/submission.rules.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { createCallSchema } from '../../functions/core/calls/call.schema.js';
import { buildTree } from '../../functions/core/organisations/tree.js';
import { say } from '../../functions/texts/index.js';
import { callBody, partnersWith } from '../support/fixtures.js';

/** The example call as stored and opened: two focus areas, one criterion; times in UTC. */
const call: Call = {
  ...createCallSchema.parse(
    callBody({
      focusAreas: ['prevention', 'older_citizens'],
      criteria: [{ id: 'quality', name: 'Kvalitet', weight: 2 }],
      opensAt: '2027-01-03T23:00:00.000Z',
      closesAt: '2027-09-01T10:00:00.000Z',
    }),
  ),
  id: 'c1',
  status: 'open',
  version: 2,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  createdBy: 'admin',
};

const complete: Application = {
  id: 'a1',
  callId: 'c1',
  status: 'draft',
  version: 3,
  ownerId: 'u1',
  ownerEmail: 'u1@example.dk',
  ownerName: 'Sofie',
  grantTypeId: 'A',
  title: 'Røgfri fremtid',
  summary: 'Resumé',
  focusArea: 'prevention',
  userInvolvement: 'Borgerpanel',
  partners: partnersWith('Aarhus Kommune'),
  budgetLines: [
    { category: 'Løn', year: 2027, amountOre: 30_000_000 },
    { category: 'Drift', year: 2028, amountOre: 20_000_000 },
  ],
  requestedAmountOre: 50_000_000,
  startDate: '2027-10-01',
  endDate: '2028-12-31',
  createdAt: '2027-03-01T00:00:00.000Z',
  updatedAt: '2027-03-01T00:00:00.000Z',
};

const now = new Date('2027-03-01T09:00:00Z');
const codes = (app: Application, at = now, c = call) =>
  checkSubmission(app, c, at).map((f) => `${f.code}@${f.pointer}`);

describe('checkSubmission', () => {
  it('accepts a complete application within the rules', () => {
    expect(checkSubmission(complete, call, now)).toEqual([]);
  });

  it('counts only municipality, region and general practice towards minSectors', () => {
    const oneSector = {
      ...complete,
      partners: [
        { ...complete.partners[0] },
        {
          organisation: 'Aarhus Universitet',
          sector: 'research' as const,
          contactName: 'R',
          contactEmail: 'r@au.dk',
          role: 'Forsker',
        },
      ],
    };
    expect(codes(oneSector)).toEqual(['TOO_FEW_SECTORS@/partners']);
    const sameSectorTwice = {
      ...complete,
      partners: [complete.partners[0], { ...complete.partners[0], organisation: 'Randers Kommune' }],
    } as Application;
    expect(codes(sameSectorTwice)).toEqual(['TOO_FEW_SECTORS@/partners']);
  });

  it("reads a partner's sector from the registry when the partner names an organisation it knows", () => {
    const at = '2027-01-01T00:00:00.000Z';
    const tree = buildTree([
      { id: 'rm', name: 'Region Midtjylland', sector: 'region', version: 1, createdAt: at, updatedAt: at },
      {
        id: 'plo',
        name: 'PLO Midtjylland',
        sector: 'general_practice',
        version: 1,
        createdAt: at,
        updatedAt: at,
      },
    ]);
    const check = (partners: Application['partners']) =>
      checkSubmission({ ...complete, partners }, call, now, [], tree).map((f) => f.code);
    // Typed as municipality twice, but the registry knows the second is general practice: two sectors.
    expect(
      check([
        complete.partners[0],
        { ...complete.partners[0], organisation: 'plo midtjylland' },
      ] as Application['partners']),
    ).toEqual([]);
    // Typed as two sectors, but the registry places both in the region: one sector.
    const typedApart = [
      { ...complete.partners[0], organisation: 'Region Midtjylland', sector: 'municipality' },
      { ...complete.partners[1], organisation: 'Region  midtjylland.', sector: 'general_practice' },
    ] as Application['partners'];
    expect(check(typedApart)).toEqual(['TOO_FEW_SECTORS']);
    // Without the registry, the typed sectors count as before.
    expect(checkSubmission({ ...complete, partners: typedApart }, call, now).map((f) => f.code)).toEqual([]);
  });

  it('allows a call to ask for a single sector or for all three', () => {
    expect(codes(complete, now, { ...call, minSectors: 3 })).toEqual(['TOO_FEW_SECTORS@/partners']);
    const onlyMunicipality = { ...complete, partners: [complete.partners[0]] } as Application;
    expect(codes(onlyMunicipality, now, { ...call, minSectors: 1 })).toEqual([]);
  });

  it('holds the requested amount to the grant type maximum, to the øre', () => {
    const atMax = {
      ...complete,
      grantTypeId: 'B',
      budgetLines: [{ category: 'Løn', year: 2027, amountOre: 10_000_000 }],
    };
    expect(codes(atMax)).toEqual([]);
    const oneOreOver = { ...atMax, budgetLines: [{ category: 'Løn', year: 2027, amountOre: 10_000_001 }] };
    expect(codes(oneOreOver)).toEqual(['AMOUNT_OVER_MAX@/budgetLines']);
  });

  it('judges the deadline to the millisecond and the opening time too', () => {
    expect(codes(complete, new Date('2027-09-01T09:59:59.999Z'))).not.toContain('DEADLINE_PASSED@');
    expect(codes(complete, new Date('2027-09-01T10:00:00.000Z'))).toContain('DEADLINE_PASSED@');
    expect(codes(complete, new Date('2027-01-03T22:59:59.000Z'))).toContain('CALL_NOT_YET_OPEN@');
    expect(codes(complete, now, { ...call, status: 'closed' })).toContain('CALL_NOT_OPEN@');
  });

  it('lists every missing field at once, with a pointer to each', () => {
    const empty: Application = {
      ...complete,
      grantTypeId: undefined,
      title: '  ',
      summary: undefined,
      focusArea: undefined,
      userInvolvement: undefined,
      partners: [{ sector: 'region' }],
      budgetLines: [{}],
      startDate: undefined,
      endDate: undefined,
    } as unknown as Application;
    expect(codes(empty)).toEqual(
      expect.arrayContaining([
        'REQUIRED@/title',
        'REQUIRED@/summary',
        'REQUIRED@/userInvolvement',
        'REQUIRED@/startDate',
        'REQUIRED@/endDate',
        'REQUIRED@/grantTypeId',
        'REQUIRED@/focusArea',
        'REQUIRED@/partners/0/organisation',
        'REQUIRED@/partners/0/contactEmail',
        'TOO_FEW_SECTORS@/partners',
        'REQUIRED@/budgetLines/0/category',
        'REQUIRED@/budgetLines/0/amountOre',
        'AMOUNT_ZERO@/budgetLines',
      ]),
    );
  });

  it('rejects a grant type or focus area the call does not offer', () => {
    expect(codes({ ...complete, grantTypeId: 'C' })).toEqual(['GRANT_TYPE_UNKNOWN@/grantTypeId']);
    expect(codes({ ...complete, focusArea: 'near_psychiatry' })).toEqual([
      'FOCUS_AREA_NOT_IN_CALL@/focusArea',
    ]);
  });

  it('wants sensible dates: end after start, not in the past, at most five years, budget years inside', () => {
    expect(codes({ ...complete, endDate: '2027-10-01' })).toEqual(['END_BEFORE_START@/endDate']);
    expect(codes({ ...complete, startDate: '2027-02-28' })).toEqual(['START_IN_PAST@/startDate']);
    expect(codes({ ...complete, endDate: '2032-10-02', budgetLines: complete.budgetLines })).toEqual([
      'PERIOD_TOO_LONG@/endDate',
    ]);
    expect(codes({ ...complete, endDate: '2032-10-01' })).toEqual([]);
    expect(
      codes({
        ...complete,
        budgetLines: [...complete.budgetLines, { category: 'Rejser', year: 2029, amountOre: 1 }],
      }),
    ).toContain('BUDGET_YEAR_OUTSIDE_PERIOD@/budgetLines/2/year');
  });
});

describe('rule messages', () => {
  it('says in Danish and in English what is wrong, with amounts in kroner', () => {
    const failure = {
      code: 'AMOUNT_OVER_MAX' as const,
      params: { requestedOre: 10_000_001, maxOre: 10_000_000 },
    };
    expect(say('da', failure)).toMatch(/100\.000,01\s*kr\..*100\.000,00\s*kr\./);
    expect(say('en', failure)).toMatch(/exceeds the maximum/);
  });
});

describe('formatReference', () => {
  it('pads the sequence to four digits and keeps larger numbers whole', () => {
    expect(formatReference(2026, 7)).toBe('FIM-2026-0007');
    expect(formatReference(2026, 12345)).toBe('FIM-2026-12345');
  });
});
