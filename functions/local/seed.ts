import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditEvent } from '../core/audit/audit.js';
import type { Principal } from '../core/auth/principal.js';
import { syncUserProfile } from '../core/auth/users.service.js';
import { DEFAULT_REVIEW_REMINDER_DAYS } from '../core/calls/call.schema.js';
import { createCall, openCall } from '../core/calls/call.service.js';
import { saveYearSettings } from '../core/finance/contribution.service.js';
import { yearSettingsInputSchema } from '../core/finance/finance.schema.js';
import { DEMO_PAYMENT_DETAILS, demoInvoicingDetails } from '../core/finance/parties.demo.js';
import { PARTIES, REGION_ID } from '../core/finance/parties.js';
import { applyPopulationImport } from '../core/finance/population.service.js';
import { registrySeed } from '../core/organisations/registry.seed.js';
import type { CoreDeps, UserProfile } from '../core/ports.js';
import { addDays, copenhagenDate, copenhagenWallClock } from '../core/shared/time.js';
import type { Db } from '../db/client.js';
import { putOrganisation } from '../db/organisations.repository.js';
import { putParty } from '../db/parties.repository.js';
import { transact } from '../db/transact.js';
import { FIM_DEFAULT_DOCUMENT_KINDS } from '../texts/calls.js';

/** Demo users of local mode. In AWS people sign in through Cognito and none of these exist. */
export const DEMO_USERS: readonly UserProfile[] = [
  {
    userId: 'demo-admin',
    email: 'admin@fim.local',
    name: 'Anne Holm',
    organisation: 'FIM-sekretariatet, Region Midtjylland',
    roles: ['applicant', 'admin'],
    chair: false,
  },
  {
    userId: 'demo-finance',
    email: 'finance@fim.local',
    name: 'Frederik Kristensen',
    organisation: 'Region Midtjylland, Økonomi',
    roles: ['applicant', 'finance'],
    chair: false,
  },
  {
    userId: 'demo-chair',
    email: 'chair@fim.local',
    name: 'Charlotte Bech',
    organisation: 'Region Midtjylland',
    roles: ['applicant', 'board'],
    chair: true,
  },
  {
    userId: 'demo-board',
    email: 'board@fim.local',
    name: 'Bo Nielsen',
    organisation: 'Aarhus Kommune',
    roles: ['applicant', 'board'],
    chair: false,
  },
  {
    userId: 'demo-reviewer1',
    email: 'reviewer1@fim.local',
    name: 'Rikke Laursen',
    organisation: 'Aarhus Universitet',
    roles: ['applicant', 'reviewer'],
    chair: false,
  },
  {
    userId: 'demo-reviewer2',
    email: 'reviewer2@fim.local',
    name: 'Rasmus Vestergaard',
    organisation: 'Randers Kommune',
    roles: ['applicant', 'reviewer'],
    chair: false,
  },
  {
    userId: 'demo-reviewer3',
    email: 'reviewer3@fim.local',
    name: 'Ida Thomsen',
    organisation: 'PLO Midtjylland',
    roles: ['applicant', 'reviewer'],
    chair: false,
  },
  {
    userId: 'demo-researcher',
    email: 'researcher@fim.local',
    name: 'Sofie Andersen',
    organisation: 'Aarhus Universitetshospital',
    roles: ['applicant'],
    chair: false,
  },
  {
    userId: 'demo-researcher2',
    email: 'researcher2@fim.local',
    name: 'Mads Poulsen',
    organisation: 'Silkeborg Kommune',
    roles: ['applicant'],
    chair: false,
  },
];

const POPULATION_FILE = join(import.meta.dirname, 'seed-data', 'folk1a-2013-region-midtjylland.csv');
const POPULATION_YEAR = 2013;

/** The 19 municipalities' populations on 1 January 2013 (Danmarks Statistik, FOLK1A). */
export function readSeedPopulations(): { municipality: string; population: number }[] {
  return readFileSync(POPULATION_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('municipality,'))
    .map((line) => {
      const [municipality = '', population = ''] = line.split(',');
      const value = Number(population);
      if (!municipality || !Number.isSafeInteger(value)) throw new Error(`Bad seed line: ${line}`);
      return { municipality: municipality.trim(), population: value };
    });
}

const SEED_MARKER = { pk: 'SEED#demo', sk: 'SEED' };

const system: Principal = {
  userId: 'system-seed',
  email: 'system@fim.local',
  name: 'Opsætning',
  roles: ['admin'],
  chair: false,
};

/** The next 1 September at 12:00 Danish time that is at least 60 days away: the demo call's deadline. */
export function demoDeadline(now: Date): string {
  let year = copenhagenWallClock(now).year;
  for (;;) {
    const candidate = `${year}-09-01T12:00`;
    const summer = new Date(`${year}-09-01T10:00:00Z`);
    if (summer.getTime() - now.getTime() > 60 * 86_400_000) return candidate;
    year += 1;
  }
}

/**
 * Seeds the demo data once: the 20 parties, the demo users, this year's finance settings and one open call.
 * Returns whether it ran.
 */
/** The organisations registry as it begins (issue 11): the 20 parties and the organisations the demo names. */
export async function seedRegistry(db: Db, deps: Pick<CoreDeps, 'clock'>): Promise<void> {
  const now = deps.clock.now();
  for (const organisation of registrySeed(now.toISOString())) {
    await putOrganisation(
      db,
      organisation,
      auditEvent(system, now, 'organisation.seeded', { type: 'organisation', id: organisation.id }),
    );
  }
}

export async function seedDemoData(db: Db, deps: CoreDeps): Promise<boolean> {
  const marker = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: SEED_MARKER, ConsistentRead: true }),
  );
  if (marker.Item) return false;

  await seedRegistry(db, deps);
  for (const party of PARTIES) {
    await putParty(
      db,
      { ...party, ...demoInvoicingDetails(party) },
      auditEvent(system, deps.clock.now(), 'party.seeded', { type: 'finance', id: `party-${party.id}` }),
    );
  }
  // The figures go in as finance imports them: versioned, indexed and audited.
  const municipalities = readSeedPopulations();
  const regionPopulation = municipalities.reduce((sum, m) => sum + m.population, 0);
  await applyPopulationImport(
    deps,
    { actor: system },
    [
      'party,year,population',
      ...municipalities.map((m) => `${m.municipality},${POPULATION_YEAR},${m.population}`),
      `${REGION_ID},${POPULATION_YEAR},${regionPopulation}`,
    ].join('\n'),
    { source: 'Danmarks Statistik, FOLK1A (1. januar 2013)' },
  );

  for (const user of DEMO_USERS) await syncUserProfile(deps, { actor: system }, user);

  const now = deps.clock.now();
  // This year set up on the seeded figures, with the pool's (made-up) account, so its demands can be run and sent.
  const thisYear = copenhagenWallClock(now).year;
  await saveYearSettings(
    deps,
    { actor: system },
    thisYear,
    yearSettingsInputSchema.parse({
      referenceYear: POPULATION_YEAR,
      dueDate: `${thisYear}-12-31`,
      paymentDetails: DEMO_PAYMENT_DETAILS,
    }),
    undefined,
  );
  const closes = demoDeadline(now);
  const ctx = { actor: system };
  const call = await createCall(deps, ctx, {
    title: `FIM ${closes.slice(0, 4)}: Praksisnær forskning i folkesundhed`,
    titleEn: `FIM ${closes.slice(0, 4)}: Practice-near research in public health`,
    description:
      'Folkesundhed i Midten støtter praksisnære, anvendelsesorienterede forskningsprojekter på tværs af kommuner, region og almen praksis. Medarbejdere fra mindst to af sektorerne skal deltage aktivt, og projektet skal knytte an til sundhedsaftalens fokusområder.',
    descriptionEn:
      'Folkesundhed i Midten funds practice-near, application-oriented research across municipalities, the region and general practice. Staff from at least two of the sectors must take an active part, and the project must link to the health agreement’s focus areas.',
    grantTypes: [
      { id: 'A', name: 'Forskningsprojekt', nameEn: 'Research project', maxAmountOre: 50_000_000 },
      { id: 'B', name: 'Ph.d.-protokol', nameEn: 'PhD protocol', maxAmountOre: 10_000_000 },
    ],
    budgetOre: 200_000_000,
    opensAt: now.toISOString(),
    closesAt: closes,
    focusAreas: ['prevention', 'older_citizens', 'near_psychiatry', 'other'],
    criteria: [
      {
        id: 'relevance',
        name: 'Relevans for kommuner og region',
        nameEn: 'Relevance for municipalities and region',
        weight: 2,
      },
      { id: 'quality', name: 'Videnskabelig kvalitet', nameEn: 'Scientific quality', weight: 2 },
      { id: 'feasibility', name: 'Gennemførlighed', nameEn: 'Feasibility', weight: 1 },
    ],
    minSectors: 2,
    reviewersPerApplication: 2,
    blindReview: false,
    showReviewsToReviewers: true,
    disagreementThreshold: 1.5,
    // Reviews due four weeks after the deadline; reviewers reminded a week before.
    reviewDueAt: addDays(copenhagenDate(new Date(closes)), 28),
    reviewReminderDays: DEFAULT_REVIEW_REMINDER_DAYS,
    documentKinds: FIM_DEFAULT_DOCUMENT_KINDS,
  });
  await openCall(deps, ctx, call.id, call.version);

  // The marker too goes through `transact`, the one audited write: a second start sees it and seeds nothing.
  await transact(db, {
    items: {
      marker: {
        Put: {
          TableName: db.tableName,
          Item: { ...SEED_MARKER, seededAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    audit: {
      entityPk: SEED_MARKER.pk,
      event: auditEvent(system, now, 'demo.seeded', { type: 'finance', id: 'demo-seed' }),
    },
  });
  return true;
}
