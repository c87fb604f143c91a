import type { MessageCase } from '../core/audit/audit.js';

/**
 * Every key string of the table is built here and nowhere else, one export each so that a function bundles
 * only the keys it uses (import them as one namespace: `import * as keys from './keys.js'`, then `keys.call(id)`).
 */

export const call = (id: string) => ({ pk: `CALL#${id}`, sk: 'CALL' });
export const callByStatus = (status: string, closesAt: string, id: string) => ({
  gsi1pk: `CALLS#${status}`,
  gsi1sk: `${closesAt}#${id}`,
});
export const callsWithStatus = (status: string) => `CALLS#${status}`;

export const application = (id: string) => ({ pk: `APP#${id}`, sk: 'APP' });
export const applicationByOwner = (ownerId: string, createdAt: string, id: string) => ({
  gsi1pk: `OWNER#${ownerId}`,
  gsi1sk: `${createdAt}#${id}`,
});
export const applicationsOfOwner = (ownerId: string) => `OWNER#${ownerId}`;
/**
 * A call's applications that have left draft (the ranking, the board's lists, the admin list): drafts sit in
 * their own partition, so what reads the submitted ones costs the same however many drafts the call has.
 */
export const applicationByCall = (callId: string, createdAt: string, id: string) => ({
  gsi2pk: `CALLAPPS#${callId}`,
  gsi2sk: `${createdAt}#${id}`,
});
export const applicationsOfCall = (callId: string) => `CALLAPPS#${callId}`;
export const draftByCall = (callId: string, createdAt: string, id: string) => ({
  gsi2pk: `CALLDRAFTS#${callId}`,
  gsi2sk: `${createdAt}#${id}`,
});
export const draftsOfCall = (callId: string) => `CALLDRAFTS#${callId}`;
/** Every application by its status, across calls (the secretariat's list), newest last. */
export const applicationByStatus = (status: string, createdAt: string, id: string) => ({
  gsi3pk: `APPSTATUS#${status}`,
  gsi3sk: `${createdAt}#${id}`,
});
export const applicationsWithStatus = (status: string) => `APPSTATUS#${status}`;
/** Every draft by its last write (gsi4, kept on every draft write): the retention job reads the untouched ones. */
export const draftByUpdate = (updatedAt: string, id: string) => ({
  gsi4pk: 'DRAFTS',
  gsi4sk: `${updatedAt}#${id}`,
});
export const draftsPk = 'DRAFTS' as const;

/** A person's erasure request (docs/cases.md "Erasure"); all of them newest first for the admins (gsi1). */
export const erasure = (userId: string) => ({ pk: `ERASURE#${userId}`, sk: 'ERASURE' });
export const erasureList = (requestedAt: string, userId: string) => ({
  gsi1pk: 'ERASURES',
  gsi1sk: `${requestedAt}#${userId}`,
});
export const erasuresPk = 'ERASURES' as const;
/** While it waits for its kept cases' retention: by the date it waits for (gsi2). */
export const erasureWaiting = (keptUntil: string, userId: string) => ({
  gsi2pk: 'ERASURES#waiting',
  gsi2sk: `${keptUntil}#${userId}`,
});
export const erasuresWaitingPk = 'ERASURES#waiting' as const;
/** A retention job run's report; the latest runs newest first (gsi1). */
export const retentionRun = (id: string) => ({ pk: `RETENTION_RUN#${id}`, sk: 'RETENTION_RUN' });
export const retentionRunList = (at: string, id: string) => ({
  gsi1pk: 'RETENTION_RUNS',
  gsi1sk: `${at}#${id}`,
});
export const retentionRunsPk = 'RETENTION_RUNS' as const;

/** A co-applicant, under the application's partition; in their own index partition for "my applications". */
export const member = (applicationId: string, userId: string) => ({
  pk: `APP#${applicationId}`,
  sk: `MEMBER#${userId}`,
});
export const memberPrefix = 'MEMBER#' as const;
export const memberByUser = (userId: string, joinedAt: string, applicationId: string) => ({
  gsi1pk: `MEMBER#${userId}`,
  gsi1sk: `${joinedAt}#${applicationId}`,
});
export const membershipsOf = (userId: string) => `MEMBER#${userId}`;
/** An invitation to join an application; indexed by address and by application only while it waits. */
export const invitation = (id: string) => ({ pk: `INVITE#${id}`, sk: 'INVITE' });
export const invitationByEmail = (email: string, invitedAt: string, id: string) => ({
  gsi1pk: `INVITEE#${email.toLowerCase()}`,
  gsi1sk: `${invitedAt}#${id}`,
});
export const invitationsFor = (email: string) => `INVITEE#${email.toLowerCase()}`;
export const invitationByApplication = (applicationId: string, invitedAt: string, id: string) => ({
  gsi2pk: `APPINVITES#${applicationId}`,
  gsi2sk: `${invitedAt}#${id}`,
});
export const invitationsOfApplication = (applicationId: string) => `APPINVITES#${applicationId}`;

/** A reviewer on an application: assignment, conflict and review in one item. */
export const assignment = (applicationId: string, reviewerId: string) => ({
  pk: `APP#${applicationId}`,
  sk: `ASSIGN#${reviewerId}`,
});
export const assignmentPrefix = 'ASSIGN#' as const;
/**
 * The reviewer's queue, in two index partitions so it reads flat however many they have finished: the open
 * ones (still to review) by call, and the finished ones (submitted, or recused) by when, newest last.
 */
export const assignmentOpenByReviewer = (reviewerId: string, callId: string, applicationId: string) => ({
  gsi1pk: `REVIEWER#${reviewerId}#open`,
  gsi1sk: `${callId}#${applicationId}`,
});
export const assignmentsOpenOfReviewer = (reviewerId: string) => `REVIEWER#${reviewerId}#open`;
export const assignmentFinishedByReviewer = (
  reviewerId: string,
  finishedAt: string,
  applicationId: string,
) => ({
  gsi1pk: `REVIEWER#${reviewerId}#finished`,
  gsi1sk: `${finishedAt}#${applicationId}`,
});
export const assignmentsFinishedOfReviewer = (reviewerId: string) => `REVIEWER#${reviewerId}#finished`;
export const assignmentByCall = (callId: string, applicationId: string, reviewerId: string) => ({
  gsi2pk: `CALLREVIEWS#${callId}`,
  gsi2sk: `${applicationId}#${reviewerId}`,
});
export const assignmentsOfCall = (callId: string) => `CALLREVIEWS#${callId}`;

/** The call's approved total, guarded against its budget. */
export const callBudget = (callId: string) => ({ pk: `CALL#${callId}`, sk: 'BUDGET' });
export const meeting = (id: string) => ({ pk: `MEETING#${id}`, sk: 'MEETING' });
export const meetingByCall = (callId: string, heldAt: string, id: string) => ({
  gsi2pk: `CALLMEETINGS#${callId}`,
  gsi2sk: `${heldAt}#${id}`,
});
export const meetingsOfCall = (callId: string) => `CALLMEETINGS#${callId}`;
/** A version of a meeting's minutes, under the meeting (numbered, so they sort). */
export const minutes = (meetingId: string, number: number) => ({
  pk: `MEETING#${meetingId}`,
  sk: `MINUTES#${String(number).padStart(4, '0')}`,
});
export const minutesPrefix = 'MINUTES#' as const;

/** Audit events sit under their entity's partition: the case record is one Query. */
export const audit = (entityPk: string, at: string, id: string) => ({
  pk: entityPk,
  sk: `AUDIT#${at}#${id}`,
});
export const auditPrefix = 'AUDIT#' as const;
/**
 * An audit event's entry in the audit table's index `byActor` (table-definition.ts), written with the event:
 * every event one person caused, in time order (the sort key is the event's own `AUDIT#<at>#<id>`).
 */
export const auditByActor = (userId: string) => ({ actorPk: `ACTOR#${userId}` });

/** A message (an outbox item) and its sender's state. */
export const outbox = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
/**
 * The sender's queue and the admins' filter: one index partition per status, sorted by the time that matters
 * to it (pending: due; sending: the lease's end, so an expired lease is a range; others: written).
 */
export const outboxByStatus = (status: string, at: string, id: string) => ({
  gsi1pk: `OUTBOX#${status}`,
  gsi1sk: `${at}#${id}`,
});
export const outboxWithStatus = (status: string) => `OUTBOX#${status}`;
/** "Mine beskeder": the messages to one address, by when they were written. */
export const outboxByRecipient = (to: string, createdAt: string, id: string) => ({
  gsi2pk: `MSGTO#${to.toLowerCase()}`,
  gsi2sk: `${createdAt}#${id}`,
});
export const outboxToRecipient = (to: string) => `MSGTO#${to.toLowerCase()}`;
/**
 * The messages of one case (gsi3), whatever their status or recipient: erasure and retention find them here
 * (docs/cases.md "Messages").
 */
export const outboxByCase = (c: MessageCase, createdAt: string, id: string) => ({
  gsi3pk: `MSGCASE#${c.kind}#${c.id}`,
  gsi3sk: `${createdAt}#${id}`,
});
export const outboxOfCase = (c: MessageCase) => `MSGCASE#${c.kind}#${c.id}`;

export const referenceCounter = (year: number) => ({ pk: `COUNTER#REFERENCE#${year}`, sk: 'COUNTER' });
/** Claims a reference for good: a reference is never handed out twice. */
export const reference = (reference: string) => ({ pk: `REF#${reference}`, sk: 'REF' });

export const user = (id: string) => ({ pk: `USER#${id}`, sk: 'PROFILE' });
/**
 * The organisation a person picked as their own ("Min profil"); every one in the index partition OWNORGS. In a
 * partition of its own, not the person's `USER#`: clearing it is a delete IAM grants on `OWNORG#` alone.
 */
export const ownOrganisation = (userId: string) => ({
  pk: `OWNORG#${userId}`,
  sk: 'OWNORG',
  gsi1pk: 'OWNORGS',
  gsi1sk: userId,
});
export const ownOrganisationsPk = 'OWNORGS' as const;
/** That the person was shown the privacy notice (at their first sign-in): once. */
export const privacyNoticeSeen = (id: string) => ({ pk: `USER#${id}`, sk: 'PRIVACY_NOTICE' });
export const userByEmail = (email: string) => ({ gsi1pk: `EMAIL#${email.toLowerCase()}`, gsi1sk: 'USER' });
export const userEmailPk = (email: string) => `EMAIL#${email.toLowerCase()}`;
export const userList = (email: string) => ({ gsi2pk: 'USERS', gsi2sk: email.toLowerCase() });
export const usersPk = 'USERS' as const;

export const party = (id: string) => ({ pk: `PARTY#${id}`, sk: 'PARTY' });
export const partyList = (name: string) => ({ gsi1pk: 'PARTIES', gsi1sk: name });
export const partiesPk = 'PARTIES' as const;
export const population = (partyId: string, year: number) => ({
  pk: `PARTY#${partyId}`,
  sk: `POPULATION#${year}`,
});
/** Every figure in one index partition, newest year first when read backwards: the parties' latest. */
export const populationByYear = (year: number, partyId: string) => ({
  gsi1pk: 'POPULATIONS',
  gsi1sk: `${year}#${partyId}`,
});
export const populationsPk = 'POPULATIONS' as const;
/** Where the population imports' audit events are kept. */
export const populationImportsPk = 'POPULATION_IMPORTS' as const;

/** A finance year: its settings, its balance counters and the audit events of its runs and sends. */
export const financeYearPk = (year: number) => `FINYEAR#${year}`;
export const financeYear = (year: number) => ({ pk: `FINYEAR#${year}`, sk: 'SETTINGS' });
export const balance = (year: number) => ({ pk: `FINYEAR#${year}`, sk: 'BALANCE' });
/**
 * A day's movements of the pool's available money, under its year (kept by every entry's transaction): the
 * year page's chart is one Query of at most 366 small items, whatever the ledger's size.
 */
export const dayBalance = (year: number, date: string) => ({ pk: `FINYEAR#${year}`, sk: `DAY#${date}` });
export const dayBalancePrefix = 'DAY#' as const;
/** Every year's balance in one index partition, by year: the overall view is one Query. */
export const balanceByYear = (year: number) => ({ gsi1pk: 'BALANCES', gsi1sk: String(year) });
export const balancesPk = 'BALANCES' as const;
/** The pool overall: every year's counters summed, moved in the same transactions; guards commitments. */
export const poolBalance = { pk: 'POOL', sk: 'BALANCE' };

/** A party's contribution for a year; its payments' and adjustments' audit events sit under it too. */
export const contribution = (year: number, partyId: string) => ({
  pk: `CONTRIB#${year}#${partyId}`,
  sk: 'CONTRIB',
});
export const contributionByYear = (year: number, partyId: string) => ({
  gsi2pk: `CONTRIBS#${year}`,
  gsi2sk: partyId,
});
export const contributionsOfYear = (year: number) => `CONTRIBS#${year}`;
/** Claims a payment's idempotency key for good, per contribution; holds the answer to repeat. */
export const paymentClaim = (year: number, partyId: string, key: string) => ({
  pk: `IDEMPOTENCY#PAYMENT#${year}#${partyId}#${key}`,
  sk: 'IDEMPOTENCY',
});

/** The ledger: immutable entries under one partition per year, in the order they were written. */
export const ledgerPk = (year: number) => `LEDGER#${year}`;
export const ledgerEntry = (year: number, at: string, id: string) => ({
  pk: `LEDGER#${year}`,
  sk: `ENTRY#${at}#${id}`,
});
export const ledgerEntryPrefix = 'ENTRY#' as const;
export const ledgerEntryOfContribution = (year: number, partyId: string, at: string, id: string) => ({
  gsi1pk: `CONTRIBLEDGER#${year}#${partyId}`,
  gsi1sk: `${at}#${id}`,
});
export const ledgerOfContribution = (year: number, partyId: string) => `CONTRIBLEDGER#${year}#${partyId}`;

/** An award, one per approved application; its audit events sit under the same partition. */
export const award = (applicationId: string) => ({ pk: `AWARD#${applicationId}`, sk: 'AWARD' });
export const awardByOwner = (ownerId: string, committedAt: string, applicationId: string) => ({
  gsi1pk: `AWARDOWNER#${ownerId}`,
  gsi1sk: `${committedAt}#${applicationId}`,
});
export const awardsOfOwner = (ownerId: string) => `AWARDOWNER#${ownerId}`;
export const awardList = (committedAt: string, applicationId: string) => ({
  gsi2pk: 'AWARDS',
  gsi2sk: `${committedAt}#${applicationId}`,
});
export const awardsPk = 'AWARDS' as const;
export const ledgerEntryOfAward = (applicationId: string, at: string, id: string) => ({
  gsi1pk: `AWARDLEDGER#${applicationId}`,
  gsi1sk: `${at}#${id}`,
});
export const ledgerOfAward = (applicationId: string) => `AWARDLEDGER#${applicationId}`;
/** Claims a disbursement's idempotency key for good, per award; holds the answer to repeat. */
export const disbursementClaim = (applicationId: string, key: string) => ({
  pk: `IDEMPOTENCY#DISBURSEMENT#${applicationId}#${key}`,
  sk: 'IDEMPOTENCY',
});

/** A report an award owes, under the award's partition (its audit events sit there too). */
export const report = (applicationId: string, reportId: string) => ({
  pk: `AWARD#${applicationId}`,
  sk: `REPORT#${reportId}`,
});
export const reportPrefix = 'REPORT#' as const;
/** Reports not submitted and not reminded, by due date: the reminders' Query. */
export const reportPending = (dueDate: string, applicationId: string, reportId: string) => ({
  gsi1pk: 'REPORTS#pending',
  gsi1sk: `${dueDate}#${applicationId}#${reportId}`,
});
export const reportsPendingPk = 'REPORTS#pending' as const;
/** Reports submitted and awaiting the board's decision: the board's list reads them in one Query. */
export const reportAwaiting = (submittedAt: string, applicationId: string, reportId: string) => ({
  gsi2pk: 'REPORTS#submitted',
  gsi2sk: `${submittedAt}#${applicationId}#${reportId}`,
});
export const reportsAwaitingPk = 'REPORTS#submitted' as const;

/** A one-off backfill's mark that it finished (functions/db/backfill.ts): a second run reads it and stops. */
export const backfilled = (step: string) => ({ pk: 'BACKFILL', sk: step });

/** An application's document, under the application's partition (its audit events sit there too). */
export const document = (applicationId: string, documentId: string) => ({
  pk: `APP#${applicationId}`,
  sk: `DOC#${documentId}`,
});
export const documentPrefix = 'DOC#' as const;
/** A document found by its id alone (the download link). */
export const documentById = (documentId: string) => ({ gsi1pk: `DOC#${documentId}`, gsi1sk: 'DOC' });
export const documentIdPk = (documentId: string) => `DOC#${documentId}`;
/** A web session, under a hash of its cookie's id; a person's sessions in one index partition, oldest first. */
export const session = (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' });
export const sessionOfUser = (userId: string, createdAt: string, idHash: string) => ({
  gsi1pk: `SESSIONS#${userId}`,
  gsi1sk: `${createdAt}#${idHash}`,
});
export const sessionsOfUser = (userId: string) => `SESSIONS#${userId}`;
/** A form posted after its session ended, kept while the person signs in again (under a hash of its id). */
export const formStash = (idHash: string) => ({ pk: `FORMSTASH#${idHash}`, sk: 'FORMSTASH' });
/** An organisation of the registry; every one in the index partition ORGS by normalised name (prefix search). */
export const organisation = (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' });
export const organisationByName = (normalisedName: string, id: string) => ({
  gsi1pk: 'ORGS',
  gsi1sk: `${normalisedName}#${id}`,
});
export const organisationsPk = 'ORGS' as const;
/** The chair's ruling that a found conflict is none; every one in the index partition CONFLICTRULINGS. */
export const conflictRuling = (applicationId: string, userId: string) => ({
  pk: `CONFLICTRULING#${applicationId}#${userId}`,
  sk: 'CONFLICTRULING',
  gsi1pk: 'CONFLICTRULINGS',
  gsi1sk: `${applicationId}#${userId}`,
});
export const conflictRulingsPk = 'CONFLICTRULINGS' as const;
/**
 * A name the registry does not know, by where it was given (`APP#<applicationId>`, or `USER#<userId>` for a
 * person's own organisation: organisation.schema.ts flagSource); every one in the index partition ORGFLAGS.
 */
export const organisationFlag = (key: string, source: string) => ({
  pk: `ORGFLAG#${key}`,
  sk: source,
  gsi1pk: 'ORGFLAGS',
  // An application's flag as it always was (`<key>#<applicationId>`); a person's under `<key>#USER#<userId>`.
  gsi1sk: `${key}#${source.startsWith('APP#') ? source.slice(4) : source}`,
});
export const organisationFlagsOf = (key: string) => `ORGFLAG#${key}`;
export const organisationFlagsPk = 'ORGFLAGS' as const;

/** A reminder queued once (`deadline-7#<applicationId>`, `acceptance#<applicationId>`, …). */
export const reminder = (marker: string) => ({ pk: `REMINDER#${marker}`, sk: 'REMINDER' });
/** An export (aktindsigt, "Mine data"); the queued ones in one index partition, oldest first: the worker's drain. */
export const exportJob = (id: string) => ({ pk: `EXPORT#${id}`, sk: 'EXPORT' });
export const exportByStatus = (status: string, createdAt: string, id: string) => ({
  gsi1pk: `EXPORTS#${status}`,
  gsi1sk: `${createdAt}#${id}`,
});
export const exportsWithStatus = (status: string) => `EXPORTS#${status}`;

/** The partition of a case's record, by what a message concerns: its sender's audit events are kept there. */
export function casePk(c: MessageCase): string {
  switch (c.kind) {
    case 'application':
      return application(c.id).pk;
    case 'award':
      return award(c.id).pk;
    case 'party':
      return party(c.id).pk;
    case 'meeting':
      return meeting(c.id).pk;
    case 'call':
      return call(c.id).pk;
    case 'user':
      return user(c.id).pk;
  }
}

// `export` is a word JavaScript keeps: the export job's key goes by that name all the same (keys.export).
export { exportJob as export };
