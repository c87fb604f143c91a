import { readFileSync } from 'node:fs';
import type { Sector } from '../../functions/core/applications/application.schema.js';
import type { Role } from '../../functions/core/auth/principal.js';
import { AWARD_TERMS } from '../../functions/core/finance/award.schema.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import type { UserProfile } from '../../functions/core/ports.js';
import { copenhagenDate } from '../../functions/core/shared/time.js';
import { type Api, expectOk, putReview } from './api.js';
import { submitWithDocuments } from './documents.js';

/*
 * The shared fixtures: the demo people, the bodies of a call and an application, the 2013 populations, and the
 * states the tests start from, each reached through the API as a user would reach it (a call opened, an
 * application submitted, a year set up with its contributions, an application approved, an award accepted).
 */

/** The demo users by the role they play in the tests (functions/local/seed.ts). */
export const ADMIN = 'admin@fim.local';
/** Sofie Andersen, Aarhus Universitetshospital. */
export const RESEARCHER = 'researcher@fim.local';
/** Mads Poulsen, Silkeborg Kommune. */
export const RESEARCHER2 = 'researcher2@fim.local';
/** demo-reviewer1, Rikke Laursen, Aarhus Universitet. */
export const REVIEWER = 'reviewer1@fim.local';
/** demo-reviewer2, Rasmus Vestergaard, Randers Kommune. */
export const REVIEWER2 = 'reviewer2@fim.local';
/** demo-reviewer3, Ida Thomsen, PLO Midtjylland. */
export const REVIEWER3 = 'reviewer3@fim.local';
/** Bo Nielsen, Aarhus Kommune. */
export const BOARD = 'board@fim.local';
/** Charlotte Bech, chair of the board, Region Midtjylland. */
export const CHAIR = 'chair@fim.local';
export const FINANCE = 'finance@fim.local';

/** The demo people by the part they play in the authorization matrices (anonymous: nobody signed in). */
export const EVERYONE = {
  anonymous: undefined,
  applicant: RESEARCHER,
  otherApplicant: RESEARCHER2,
  reviewer: REVIEWER,
  board: BOARD,
  chair: CHAIR,
  finance: FINANCE,
  admin: ADMIN,
} as const;
type Part = keyof typeof EVERYONE;

/** Everyone but the parts a matrix leaves out. */
export const everyoneBut = <P extends Part>(...left: P[]): Omit<typeof EVERYONE, P> =>
  Object.fromEntries(Object.entries(EVERYONE).filter(([part]) => !left.includes(part as P))) as Omit<
    typeof EVERYONE,
    P
  >;

/**
 * Someone the demo users do not cover (`demo-<handle>`, `<handle>@fim.local`): for `withUsers`, or as the actor of
 * a service called directly. A user profile is a principal too.
 */
export const person = (
  handle: string,
  roles: Role[],
  organisation?: string,
  options: { name?: string; chair?: boolean } = {},
): UserProfile => ({
  userId: `demo-${handle}`,
  email: `${handle}@fim.local`,
  name: options.name ?? handle,
  roles,
  chair: options.chair ?? false,
  ...(organisation ? { organisation } : {}),
});

/** The example call: open from January to 1 September 2027 (the harness clock says 1 March 2027). */
export function callBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'FIM 2027: praksisnær forskning',
    description: 'Puljen støtter forskning i det nære sundhedsvæsen.',
    grantTypes: [
      { id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000 },
      { id: 'B', name: 'Ph.d.-protokol', maxAmountOre: 10_000_000 },
    ],
    budgetOre: 200_000_000,
    opensAt: '2027-01-04T00:00:00+01:00',
    closesAt: '2027-09-01T12:00:00+02:00',
    focusAreas: ['prevention', 'older_citizens', 'near_psychiatry', 'other'],
    criteria: [
      { id: 'relevance', name: 'Relevans for kommuner og region', weight: 2 },
      { id: 'quality', name: 'Videnskabelig kvalitet', weight: 2 },
      { id: 'feasibility', name: 'Gennemførlighed', weight: 1 },
    ],
    minSectors: 2,
    reviewersPerApplication: 2,
    ...overrides,
  };
}

/** A partner on an application; its organisation decides who is conflicted with the application. */
export const partner = (organisation: string, sector: Sector, contactName = 'Kim Kontakt') => ({
  organisation,
  sector,
  contactName,
  contactEmail: `${contactName.toLowerCase().replaceAll(' ', '.')}@example.dk`,
  role: 'Partner',
});

/**
 * Two partners: `organisation` (a municipality unless told), whose people are conflicted with the application,
 * and a general practice no demo user works for; together they meet the call's two sectors.
 */
export const partnersWith = (organisation: string, sector: Sector = 'municipality') => [
  partner(organisation, sector),
  partner('Lægehuset Nørreport', 'general_practice'),
];

/** Partners no demo user works for: nobody on the board or among the reviewers is conflicted. */
export const neutralPartners = () => partnersWith('Skive Kommune');

/**
 * A draft that passes every submission rule under callBody() at the default clock. Its partners (Aarhus
 * Kommune, Region Midtjylland) make the board member and the chair conflicted with it.
 */
export function applicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grantTypeId: 'A',
    title: 'Faldforebyggelse i eget hjem',
    summary: 'Et projekt om at forebygge fald blandt ældre borgere.',
    focusArea: 'prevention',
    userInvolvement: 'Borgere deltager i et følgeforum.',
    partners: [
      {
        organisation: 'Aarhus Kommune',
        sector: 'municipality',
        contactName: 'Mette Jensen',
        contactEmail: 'mette@aarhus.dk',
        role: 'Rekruttering',
      },
      {
        organisation: 'Region Midtjylland',
        sector: 'region',
        contactName: 'Lars Poulsen',
        contactEmail: 'lars@rm.dk',
        role: 'Projektledelse',
      },
    ],
    budgetLines: [
      { category: 'Løn', year: 2027, amountOre: 30_000_000 },
      { category: 'Drift', year: 2028, amountOre: 5_000_000 },
    ],
    startDate: '2027-10-01',
    endDate: '2028-12-31',
    ...overrides,
  };
}

/** A complete review of the example call's three criteria. */
export const fullReview = (
  relevance: number | 'na',
  quality: number | 'na',
  feasibility: number | 'na',
  recommendation = 'fund',
) => ({ scores: { relevance, quality, feasibility }, comments: {}, recommendation });

/** The owner's acceptance of an award: the declaration and the terms in force. */
export const ACCEPT = { declaration: true as const, termsVersion: AWARD_TERMS.version };

/** The 19 municipalities' populations on 1 January 2013, from the seed file `npm start` imports. */
export const MUNICIPALITIES_2013: readonly { name: string; population: number }[] = readFileSync(
  new URL('../../functions/local/seed-data/folk1a-2013-region-midtjylland.csv', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => /^[^#m].*,\d+$/.test(l))
  .map((l) => {
    const [name = '', population = ''] = l.split(',');
    return { name, population: Number(population) };
  });

/** Population figures in the project's CSV (`party,year,population`), dated 1 January of `year`. */
export const populationsCsv = (
  year = 2013,
  figures: readonly { name: string; population: number }[] = MUNICIPALITIES_2013,
): string =>
  ['party,year,population', ...figures.map(({ name, population }) => `${name},${year},${population}`)].join(
    '\n',
  );

/** Creates the example call as admin and, unless told otherwise, opens it. Returns the call as stored. */
export async function createCall(
  client: Api,
  options: { open?: boolean; overrides?: Record<string, unknown> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON
): Promise<any> {
  const created = expectOk(await client.post('/api/calls', callBody(options.overrides), ADMIN), 201);
  if (options.open === false) return created;
  return expectOk(await client.act(`/api/calls/${created.id}/open`, ADMIN));
}

/** Starts a draft under a call as `who`. */
export async function createDraft(
  client: Api,
  callId: string,
  who: string,
  body: Record<string, unknown> = applicationBody(),
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON
): Promise<any> {
  return expectOk(await client.post(`/api/calls/${callId}/applications`, body, who), 201);
}

/** Starts and submits an application under an open call as `who`; returns its id. */
export async function submitApplication(
  client: Api,
  callId: string,
  who: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const draft = await createDraft(client, callId, who, applicationBody(overrides));
  expectOk(await client.act(`/api/applications/${draft.id}/submit`, who));
  return draft.id as string;
}

/** Submits an application nobody on the board or among the reviewers is conflicted with; returns its id. */
export const submitFreeOfConflict = (
  client: Api,
  callId: string,
  who: string,
  overrides: Record<string, unknown> = {},
): Promise<string> => submitApplication(client, callId, who, { partners: neutralPartners(), ...overrides });

/** Budget lines asking for `amountOre` in all (one line, this year's salaries). */
export const askingFor = (amountOre: number) => ({
  budgetLines: [{ category: 'Løn', year: 2027, amountOre }],
});

/** What closing a call before its deadline must say (the tests' calls close early). */
export const CLOSE_EARLY = { reason: 'Lukket før fristen i testen' };

/** Closes a call through the API (its submitted applications move to review). */
export async function closeCallNow(client: Api, callId: string): Promise<void> {
  expectOk(await client.post(`/api/calls/${callId}/close`, CLOSE_EARLY, ADMIN));
}

/** Saves a review (reading its version first) and submits it; both must succeed. */
export async function reviewAndSubmit(
  client: Api,
  applicationId: string,
  who: string,
  body: unknown,
): Promise<void> {
  const view = expectOk(await client.get(`/api/applications/${applicationId}/review`, who));
  expectOk(await putReview(client, applicationId, who, body, view.assignment.version));
  expectOk(await client.act(`/api/applications/${applicationId}/review/submit`, who));
}

/**
 * A finance year that can take payments: the municipalities' populations of the reference year imported, the
 * year's settings saved, its contributions run and sent.
 */
export async function setUpYear(
  client: Api,
  year: number,
  options: { referenceYear?: number; dueDate?: string } = {},
): Promise<void> {
  const referenceYear = options.referenceYear ?? 2013;
  expectOk(await client.post('/api/populations/imports', { csv: populationsCsv(referenceYear) }, FINANCE));
  const Y = `/api/finance/years/${year}`;
  expectOk(
    await client.put(
      Y,
      { referenceYear, dueDate: options.dueDate ?? `${year}-03-31`, paymentDetails: DEMO_PAYMENT_DETAILS },
      FINANCE,
    ),
    201,
  );
  expectOk(await client.act(`${Y}/contributions/run`, FINANCE));
  expectOk(await client.act(`${Y}/contributions/send`, FINANCE));
}

/** A payment on a party's contribution (Aarhus unless told; an overpayment is kept, so any amount goes). */
export async function pay(
  client: Api,
  year: number,
  amountOre: number,
  options: { partyId?: string; paidOn?: string; reference?: string; key?: string } = {},
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON
): Promise<any> {
  return expectOk(
    await client.post(
      `/api/finance/years/${year}/contributions/${options.partyId ?? 'aarhus-kommune'}/payments`,
      { amountOre, paidOn: options.paidOn ?? `${year}-02-01`, reference: options.reference ?? 'Indbetaling' },
      FINANCE,
      { 'idempotency-key': options.key ?? crypto.randomUUID() },
    ),
    201,
  );
}

/** An application and how far it gets: submitted (its call stays open), in review, or decided (approved). */
export interface ApplicationCase {
  owner?: string;
  /** Applied for, and approved with (1 000 000 øre unless told). */
  amountOre?: number;
  title?: string;
  /** Neutral (nobody conflicted) unless told. */
  partners?: unknown[];
  /** The project's end (the end of next year unless told); it starts today. */
  endDate?: string;
  status?: 'submitted' | 'in_review' | 'approved' | 'rejected' | 'waiting_list';
  /** Its files by kind, where the call asks for documents (submitWithDocuments). */
  fileNames?: Record<string, string>;
}

const DECISIONS = {
  approved: (amountOre: number) => ({ outcome: 'approved', amountOre }),
  rejected: () => ({ outcome: 'rejected', justification: 'Projektet falder uden for puljens formål.' }),
  waiting_list: () => ({ outcome: 'waiting_list' }),
} as const;

/**
 * Applications brought to where the cases say, through the API at the harness clock: one call sized to hold
 * them (open from yesterday), each submitted by its owner, the call closed and each decided by an admin.
 * Either every case stays submitted or none does (they share the call). Returns their ids, in order.
 */
export async function applicationsIn(
  client: Api,
  cases: readonly ApplicationCase[],
  callOverrides: Record<string, unknown> = {},
): Promise<string[]> {
  const now = client.harness.clock.now();
  const today = copenhagenDate(now);
  const year = Number(today.slice(0, 4));
  const amounts = cases.map((c) => c.amountOre ?? 1_000_000);
  const stayOpen = cases.filter((c) => c.status === 'submitted').length;
  if (stayOpen > 0 && stayOpen < cases.length) throw new Error('one call: all submitted, or none');
  const call = await createCall(client, {
    overrides: {
      title: 'Bevillinger',
      opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      closesAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      grantTypes: [{ id: 'A', name: 'Forskningsprojekt', maxAmountOre: Math.max(...amounts) }],
      budgetOre: amounts.reduce((a, b) => a + b, 0),
      ...callOverrides,
    },
  });
  const ids: string[] = [];
  for (const [i, c] of cases.entries()) {
    const fields = {
      ...(c.title ? { title: c.title } : {}),
      partners: c.partners ?? neutralPartners(),
      budgetLines: [{ category: 'Løn', year, amountOre: amounts[i] }],
      startDate: today,
      endDate: c.endDate ?? `${year + 1}-12-31`,
    };
    const owner = c.owner ?? RESEARCHER;
    ids.push(
      callOverrides.documentKinds
        ? (await submitWithDocuments(client, call.id, owner, applicationBody(fields), c.fileNames)).id
        : await submitApplication(client, call.id, owner, fields),
    );
  }
  if (stayOpen > 0) return ids;
  await closeCallNow(client, call.id);
  for (const [i, c] of cases.entries()) {
    const status = c.status ?? 'approved';
    if (status === 'in_review' || status === 'submitted') continue;
    const decision = status === 'approved' ? DECISIONS.approved(amounts[i] ?? 0) : DECISIONS[status]();
    expectOk(await client.post(`/api/applications/${ids[i]}/decision`, decision, ADMIN), 201);
  }
  return ids;
}

/** One application approved through the API (see applicationsIn); returns its id. */
export const approvedApplication = async (
  client: Api,
  approval: Omit<ApplicationCase, 'status'> = {},
  callOverrides: Record<string, unknown> = {},
): Promise<string> => (await applicationsIn(client, [approval], callOverrides))[0] ?? '';

/** An approved application whose owner has accepted the award: the amount is committed. Returns its id. */
export async function acceptedAward(...approved: Parameters<typeof approvedApplication>): Promise<string> {
  const id = await approvedApplication(...approved);
  const owner = approved[1]?.owner ?? RESEARCHER;
  expectOk(await approved[0].post(`/api/applications/${id}/award/accept`, ACCEPT, owner), 201);
  return id;
}
