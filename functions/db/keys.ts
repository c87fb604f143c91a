import type { MessageCase } from '../core/audit/audit.js';

/** Every key string of the table is built here and nowhere else. */
export const keys = {
  call: (id: string) => ({ pk: `CALL#${id}`, sk: 'CALL' }),
  callByStatus: (status: string, closesAt: string, id: string) => ({
    gsi1pk: `CALLS#${status}`,
    gsi1sk: `${closesAt}#${id}`,
  }),
  callsWithStatus: (status: string) => `CALLS#${status}`,

  application: (id: string) => ({ pk: `APP#${id}`, sk: 'APP' }),
  applicationByOwner: (ownerId: string, createdAt: string, id: string) => ({
    gsi1pk: `OWNER#${ownerId}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  applicationsOfOwner: (ownerId: string) => `OWNER#${ownerId}`,
  /**
   * A call's applications that have left draft (the ranking, the board's lists, the admin list): drafts sit in
   * their own partition, so what reads the submitted ones costs the same however many drafts the call has.
   */
  applicationByCall: (callId: string, createdAt: string, id: string) => ({
    gsi2pk: `CALLAPPS#${callId}`,
    gsi2sk: `${createdAt}#${id}`,
  }),
  applicationsOfCall: (callId: string) => `CALLAPPS#${callId}`,
  draftByCall: (callId: string, createdAt: string, id: string) => ({
    gsi2pk: `CALLDRAFTS#${callId}`,
    gsi2sk: `${createdAt}#${id}`,
  }),
  draftsOfCall: (callId: string) => `CALLDRAFTS#${callId}`,
  /** Every application by its status, across calls (the secretariat's list), newest last. */
  applicationByStatus: (status: string, createdAt: string, id: string) => ({
    gsi3pk: `APPSTATUS#${status}`,
    gsi3sk: `${createdAt}#${id}`,
  }),
  applicationsWithStatus: (status: string) => `APPSTATUS#${status}`,
  /** Every draft by its last write (gsi4, kept on every draft write): the retention job reads the untouched ones. */
  draftByUpdate: (updatedAt: string, id: string) => ({ gsi4pk: 'DRAFTS', gsi4sk: `${updatedAt}#${id}` }),
  draftsPk: 'DRAFTS',

  /** A person's erasure request (docs/cases.md "Erasure"); all of them newest first for the admins (gsi1). */
  erasure: (userId: string) => ({ pk: `ERASURE#${userId}`, sk: 'ERASURE' }),
  erasureList: (requestedAt: string, userId: string) => ({
    gsi1pk: 'ERASURES',
    gsi1sk: `${requestedAt}#${userId}`,
  }),
  erasuresPk: 'ERASURES',
  /** While it waits for its kept cases' retention: by the date it waits for (gsi2). */
  erasureWaiting: (keptUntil: string, userId: string) => ({
    gsi2pk: 'ERASURES#waiting',
    gsi2sk: `${keptUntil}#${userId}`,
  }),
  erasuresWaitingPk: 'ERASURES#waiting',
  /** A retention job run's report; the latest runs newest first (gsi1). */
  retentionRun: (id: string) => ({ pk: `RETENTION_RUN#${id}`, sk: 'RETENTION_RUN' }),
  retentionRunList: (at: string, id: string) => ({ gsi1pk: 'RETENTION_RUNS', gsi1sk: `${at}#${id}` }),
  retentionRunsPk: 'RETENTION_RUNS',

  /** A co-applicant, under the application's partition; in their own index partition for "my applications". */
  member: (applicationId: string, userId: string) => ({ pk: `APP#${applicationId}`, sk: `MEMBER#${userId}` }),
  memberPrefix: 'MEMBER#',
  memberByUser: (userId: string, joinedAt: string, applicationId: string) => ({
    gsi1pk: `MEMBER#${userId}`,
    gsi1sk: `${joinedAt}#${applicationId}`,
  }),
  membershipsOf: (userId: string) => `MEMBER#${userId}`,
  /** An invitation to join an application; indexed by address and by application only while it waits. */
  invitation: (id: string) => ({ pk: `INVITE#${id}`, sk: 'INVITE' }),
  invitationByEmail: (email: string, invitedAt: string, id: string) => ({
    gsi1pk: `INVITEE#${email.toLowerCase()}`,
    gsi1sk: `${invitedAt}#${id}`,
  }),
  invitationsFor: (email: string) => `INVITEE#${email.toLowerCase()}`,
  invitationByApplication: (applicationId: string, invitedAt: string, id: string) => ({
    gsi2pk: `APPINVITES#${applicationId}`,
    gsi2sk: `${invitedAt}#${id}`,
  }),
  invitationsOfApplication: (applicationId: string) => `APPINVITES#${applicationId}`,

  /** A reviewer on an application: assignment, conflict and review in one item. */
  assignment: (applicationId: string, reviewerId: string) => ({
    pk: `APP#${applicationId}`,
    sk: `ASSIGN#${reviewerId}`,
  }),
  assignmentPrefix: 'ASSIGN#',
  /**
   * The reviewer's queue, in two index partitions so it reads flat however many they have finished: the open
   * ones (still to review) by call, and the finished ones (submitted, or recused) by when, newest last.
   */
  assignmentOpenByReviewer: (reviewerId: string, callId: string, applicationId: string) => ({
    gsi1pk: `REVIEWER#${reviewerId}#open`,
    gsi1sk: `${callId}#${applicationId}`,
  }),
  assignmentsOpenOfReviewer: (reviewerId: string) => `REVIEWER#${reviewerId}#open`,
  assignmentFinishedByReviewer: (reviewerId: string, finishedAt: string, applicationId: string) => ({
    gsi1pk: `REVIEWER#${reviewerId}#finished`,
    gsi1sk: `${finishedAt}#${applicationId}`,
  }),
  assignmentsFinishedOfReviewer: (reviewerId: string) => `REVIEWER#${reviewerId}#finished`,
  assignmentByCall: (callId: string, applicationId: string, reviewerId: string) => ({
    gsi2pk: `CALLREVIEWS#${callId}`,
    gsi2sk: `${applicationId}#${reviewerId}`,
  }),
  assignmentsOfCall: (callId: string) => `CALLREVIEWS#${callId}`,

  /** The call's approved total, guarded against its budget. */
  callBudget: (callId: string) => ({ pk: `CALL#${callId}`, sk: 'BUDGET' }),
  meeting: (id: string) => ({ pk: `MEETING#${id}`, sk: 'MEETING' }),
  meetingByCall: (callId: string, heldAt: string, id: string) => ({
    gsi2pk: `CALLMEETINGS#${callId}`,
    gsi2sk: `${heldAt}#${id}`,
  }),
  meetingsOfCall: (callId: string) => `CALLMEETINGS#${callId}`,
  /** A version of a meeting's minutes, under the meeting (numbered, so they sort). */
  minutes: (meetingId: string, number: number) => ({
    pk: `MEETING#${meetingId}`,
    sk: `MINUTES#${String(number).padStart(4, '0')}`,
  }),
  minutesPrefix: 'MINUTES#',

  /** Audit events sit under their entity's partition: the case record is one Query. */
  audit: (entityPk: string, at: string, id: string) => ({ pk: entityPk, sk: `AUDIT#${at}#${id}` }),
  auditPrefix: 'AUDIT#',
  /**
   * An audit event's entry in the audit table's index `byActor` (table-definition.ts), written with the event:
   * every event one person caused, in time order (the sort key is the event's own `AUDIT#<at>#<id>`).
   */
  auditByActor: (userId: string) => ({ actorPk: `ACTOR#${userId}` }),

  /** A message (an outbox item) and its sender's state. */
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
  /**
   * The sender's queue and the admins' filter: one index partition per status, sorted by the time that matters
   * to it (pending: due; sending: the lease's end, so an expired lease is a range; others: written).
   */
  outboxByStatus: (status: string, at: string, id: string) => ({
    gsi1pk: `OUTBOX#${status}`,
    gsi1sk: `${at}#${id}`,
  }),
  outboxWithStatus: (status: string) => `OUTBOX#${status}`,
  /** "Mine beskeder": the messages to one address, by when they were written. */
  outboxByRecipient: (to: string, createdAt: string, id: string) => ({
    gsi2pk: `MSGTO#${to.toLowerCase()}`,
    gsi2sk: `${createdAt}#${id}`,
  }),
  outboxToRecipient: (to: string) => `MSGTO#${to.toLowerCase()}`,
  /**
   * The messages of one case (gsi3), whatever their status or recipient: erasure and retention find them here
   * (docs/cases.md "Messages").
   */
  outboxByCase: (c: MessageCase, createdAt: string, id: string) => ({
    gsi3pk: `MSGCASE#${c.kind}#${c.id}`,
    gsi3sk: `${createdAt}#${id}`,
  }),
  outboxOfCase: (c: MessageCase) => `MSGCASE#${c.kind}#${c.id}`,

  referenceCounter: (year: number) => ({ pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' }),
  /** Claims a reference for good: a reference is never handed out twice. */
  reference: (reference: string) => ({ pk: `REF#${reference}`, sk: 'REF' }),

  user: (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' }),
  /** The organisation a person picked as their own ("Min profil"); every one in the index partition OWNORGS. */
  ownOrganisation: (userId: string) => ({
    pk: `USER#${userId}`,
    sk: 'OWNORG',
    gsi1pk: 'OWNORGS',
    gsi1sk: userId,
  }),
  ownOrganisationsPk: 'OWNORGS',
  /** That the person was shown the privacy notice (at their first sign-in): once. */
  privacyNoticeSeen: (id: string) => ({ pk: `USER#${id}`, sk: 'PRIVACY_NOTICE' }),
  userByEmail: (email: string) => ({ gsi1pk: `EMAIL#${email.toLowerCase()}`, gsi1sk: 'USER' }),
  userEmailPk: (email: string) => `EMAIL#${email.toLowerCase()}`,
  userList: (email: string) => ({ gsi2pk: 'USERS', gsi2sk: email.toLowerCase() }),
  usersPk: 'USERS',

  party: (id: string) => ({ pk: `PARTY#${id}`, sk: 'PARTY' }),
  partyList: (name: string) => ({ gsi1pk: 'PARTIES', gsi1sk: name }),
  partiesPk: 'PARTIES',
  population: (partyId: string, year: number) => ({ pk: `PARTY#${partyId}`, sk: `POPULATION#${year}` }),
  /** Every figure in one index partition, newest year first when read backwards: the parties' latest. */
  populationByYear: (year: number, partyId: string) => ({
    gsi1pk: 'POPULATIONS',
    gsi1sk: `${year}#${partyId}`,
  }),
  populationsPk: 'POPULATIONS',
  /** Where the population imports' audit events are kept. */
  populationImportsPk: 'POPULATION_IMPORTS',

  /** A finance year: its settings, its balance counters and the audit events of its runs and sends. */
  financeYearPk: (year: number) => `FINYEAR#${year}`,
  financeYear: (year: number) => ({ pk: `FINYEAR#${year}`, sk: 'SETTINGS' }),
  balance: (year: number) => ({ pk: `FINYEAR#${year}`, sk: 'BALANCE' }),
  /**
   * A day's movements of the pool's available money, under its year (kept by every entry's transaction): the
   * year page's chart is one Query of at most 366 small items, whatever the ledger's size.
   */
  dayBalance: (year: number, date: string) => ({ pk: `FINYEAR#${year}`, sk: `DAY#${date}` }),
  dayBalancePrefix: 'DAY#',
  /** Every year's balance in one index partition, by year: the overall view is one Query. */
  balanceByYear: (year: number) => ({ gsi1pk: 'BALANCES', gsi1sk: String(year) }),
  balancesPk: 'BALANCES',
  /** The pool overall: every year's counters summed, moved in the same transactions; guards commitments. */
  poolBalance: { pk: 'POOL', sk: 'BALANCE' },

  /** A party's contribution for a year; its payments' and adjustments' audit events sit under it too. */
  contribution: (year: number, partyId: string) => ({ pk: `CONTRIB#${year}#${partyId}`, sk: 'CONTRIB' }),
  contributionByYear: (year: number, partyId: string) => ({
    gsi2pk: `CONTRIBS#${year}`,
    gsi2sk: partyId,
  }),
  contributionsOfYear: (year: number) => `CONTRIBS#${year}`,
  /** Claims a payment's idempotency key for good, per contribution; holds the answer to repeat. */
  paymentClaim: (year: number, partyId: string, key: string) => ({
    pk: `IDEMPOTENCY#PAYMENT#${year}#${partyId}#${key}`,
    sk: 'IDEMPOTENCY',
  }),

  /** The ledger: immutable entries under one partition per year, in the order they were written. */
  ledgerPk: (year: number) => `LEDGER#${year}`,
  ledgerEntry: (year: number, at: string, id: string) => ({ pk: `LEDGER#${year}`, sk: `ENTRY#${at}#${id}` }),
  ledgerEntryPrefix: 'ENTRY#',
  ledgerEntryOfContribution: (year: number, partyId: string, at: string, id: string) => ({
    gsi1pk: `CONTRIBLEDGER#${year}#${partyId}`,
    gsi1sk: `${at}#${id}`,
  }),
  ledgerOfContribution: (year: number, partyId: string) => `CONTRIBLEDGER#${year}#${partyId}`,

  /** An award, one per approved application; its audit events sit under the same partition. */
  award: (applicationId: string) => ({ pk: `AWARD#${applicationId}`, sk: 'AWARD' }),
  awardByOwner: (ownerId: string, committedAt: string, applicationId: string) => ({
    gsi1pk: `AWARDOWNER#${ownerId}`,
    gsi1sk: `${committedAt}#${applicationId}`,
  }),
  awardsOfOwner: (ownerId: string) => `AWARDOWNER#${ownerId}`,
  awardList: (committedAt: string, applicationId: string) => ({
    gsi2pk: 'AWARDS',
    gsi2sk: `${committedAt}#${applicationId}`,
  }),
  awardsPk: 'AWARDS',
  ledgerEntryOfAward: (applicationId: string, at: string, id: string) => ({
    gsi1pk: `AWARDLEDGER#${applicationId}`,
    gsi1sk: `${at}#${id}`,
  }),
  ledgerOfAward: (applicationId: string) => `AWARDLEDGER#${applicationId}`,
  /** Claims a disbursement's idempotency key for good, per award; holds the answer to repeat. */
  disbursementClaim: (applicationId: string, key: string) => ({
    pk: `IDEMPOTENCY#DISBURSEMENT#${applicationId}#${key}`,
    sk: 'IDEMPOTENCY',
  }),

  /** A report an award owes, under the award's partition (its audit events sit there too). */
  report: (applicationId: string, reportId: string) => ({
    pk: `AWARD#${applicationId}`,
    sk: `REPORT#${reportId}`,
  }),
  reportPrefix: 'REPORT#',
  /** Reports not submitted and not reminded, by due date: the reminders' Query. */
  reportPending: (dueDate: string, applicationId: string, reportId: string) => ({
    gsi1pk: 'REPORTS#pending',
    gsi1sk: `${dueDate}#${applicationId}#${reportId}`,
  }),
  reportsPendingPk: 'REPORTS#pending',
  /** Reports submitted and awaiting the board's decision: the board's list reads them in one Query. */
  reportAwaiting: (submittedAt: string, applicationId: string, reportId: string) => ({
    gsi2pk: 'REPORTS#submitted',
    gsi2sk: `${submittedAt}#${applicationId}#${reportId}`,
  }),
  reportsAwaitingPk: 'REPORTS#submitted',

  /** A one-off backfill's mark that it finished (functions/db/backfill.ts): a second run reads it and stops. */
  backfilled: (step: string) => ({ pk: 'BACKFILL', sk: step }),

  /** An application's document, under the application's partition (its audit events sit there too). */
  document: (applicationId: string, documentId: string) => ({
    pk: `APP#${applicationId}`,
    sk: `DOC#${documentId}`,
  }),
  documentPrefix: 'DOC#',
  /** A document found by its id alone (the download link). */
  documentById: (documentId: string) => ({ gsi1pk: `DOC#${documentId}`, gsi1sk: 'DOC' }),
  documentIdPk: (documentId: string) => `DOC#${documentId}`,
  /** A web session, under a hash of its cookie's id; a person's sessions in one index partition, oldest first. */
  session: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' }),
  sessionOfUser: (userId: string, createdAt: string, idHash: string) => ({
    gsi1pk: `SESSIONS#${userId}`,
    gsi1sk: `${createdAt}#${idHash}`,
  }),
  sessionsOfUser: (userId: string) => `SESSIONS#${userId}`,
  /** A form posted after its session ended, kept while the person signs in again (under a hash of its id). */
  formStash: (idHash: string) => ({ pk: `FORMSTASH#${idHash}`, sk: 'FORMSTASH' }),
  /** An organisation of the registry; every one in the index partition ORGS by normalised name (prefix search). */
  organisation: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  organisationByName: (normalisedName: string, id: string) => ({
    gsi1pk: 'ORGS',
    gsi1sk: `${normalisedName}#${id}`,
  }),
  organisationsPk: 'ORGS',
  /** The chair's ruling that a found conflict is none; every one in the index partition CONFLICTRULINGS. */
  conflictRuling: (applicationId: string, userId: string) => ({
    pk: `CONFLICTRULING#${applicationId}#${userId}`,
    sk: 'CONFLICTRULING',
    gsi1pk: 'CONFLICTRULINGS',
    gsi1sk: `${applicationId}#${userId}`,
  }),
  conflictRulingsPk: 'CONFLICTRULINGS',
  /**
   * A name the registry does not know, by where it was given (`APP#<applicationId>`, or `USER#<userId>` for a
   * person's own organisation: organisation.schema.ts flagSource); every one in the index partition ORGFLAGS.
   */
  organisationFlag: (key: string, source: string) => ({
    pk: `ORGFLAG#${key}`,
    sk: source,
    gsi1pk: 'ORGFLAGS',
    // An application's flag as it always was (`<key>#<applicationId>`); a person's under `<key>#USER#<userId>`.
    gsi1sk: `${key}#${source.startsWith('APP#') ? source.slice(4) : source}`,
  }),
  organisationFlagsOf: (key: string) => `ORGFLAG#${key}`,
  organisationFlagsPk: 'ORGFLAGS',

  /** A reminder queued once (`deadline-7#<applicationId>`, `acceptance#<applicationId>`, …). */
  reminder: (marker: string) => ({ pk: `REMINDER#${marker}`, sk: 'REMINDER' }),
  /** An export (aktindsigt, "Mine data"); the queued ones in one index partition, oldest first: the worker's drain. */
  export: (id: string) => ({ pk: `EXPORT#${id}`, sk: 'EXPORT' }),
  exportByStatus: (status: string, createdAt: string, id: string) => ({
    gsi1pk: `EXPORTS#${status}`,
    gsi1sk: `${createdAt}#${id}`,
  }),
  exportsWithStatus: (status: string) => `EXPORTS#${status}`,
} as const;

/** The partition of a case's record, by what a message concerns: its sender's audit events are kept there. */
export function casePk(c: MessageCase): string {
  switch (c.kind) {
    case 'application':
      return keys.application(c.id).pk;
    case 'award':
      return keys.award(c.id).pk;
    case 'party':
      return keys.party(c.id).pk;
    case 'meeting':
      return keys.meeting(c.id).pk;
    case 'call':
      return keys.call(c.id).pk;
    case 'user':
      return keys.user(c.id).pk;
  }
}

/** Attributes that are storage keys, not domain fields. */
export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  // The audit table's index by actor (auditByActor).
  'actorPk',
  'entity',
  // An application's attributes kept for the secretariat's filters (functions/db/items.ts).
  'searchText',
  'partnerSectors',
] as const;

export function stripKeys<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const key of KEY_ATTRIBUTES) delete copy[key];
  return copy as T;
}
