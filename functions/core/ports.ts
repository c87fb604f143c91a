import type { Application, ApplicationStatus } from './applications/application.schema.js';
import type { Invitation, Member } from './applications/members.schema.js';
import type { AuditEvent, MessageCase, OutboxMessage } from './audit/audit.js';
import type { Principal } from './auth/principal.js';
import type { OwnOrganisation } from './auth/profile.schema.js';
import type { Call, CallStatus } from './calls/call.schema.js';
import type { ErasureRecord, RetentionRun } from './cases/erasure.values.js';
import type { Meeting } from './decisions/decision.schema.js';
import type { MinutesVersion } from './decisions/minutes.schema.js';
import type { Document } from './documents/document.schema.js';
import type { ExportBundle, ExportJob } from './exports/export.schema.js';
import type { Award } from './finance/award.schema.js';
import type { DayMovement } from './finance/balances.js';
import type {
  Balance,
  Contribution,
  LedgerEntry,
  PoolBalance,
  PopulationFigure,
  YearSettings,
} from './finance/finance.schema.js';
import type { Party } from './finance/parties.schema.js';
import type { Report } from './finance/report.schema.js';
import type { MessageFilter, MessagePage, SendResult, StoredMessage } from './messages/message.schema.js';
import type { Organisation, OrganisationFlag } from './organisations/organisation.schema.js';
import type { Assignment, FoundConflictRuling } from './reviews/review.schema.js';
import type { Clock } from './shared/time.js';

/*
 * What the core needs from storage. The DynamoDB implementations live in functions/db; every write takes the
 * audit event it must commit with, so no state change can be stored without its audit trail.
 */

export interface CallRepository {
  get(id: string): Promise<Call | undefined>;
  /** Several calls in one BatchGetItem (100 a request, as `get` reads: eventually consistent); absent ones left out. */
  getMany(ids: readonly string[]): Promise<Call[]>;
  listByStatus(status: CallStatus): Promise<Call[]>;
  /** Creates when `expectedVersion` is undefined; otherwise replaces only if the stored version matches. */
  save(call: Call, audit: AuditEvent, expectedVersion?: number): Promise<void>;
}

export interface SubmissionWrite {
  application: Application;
  audit: AuditEvent;
  outbox: OutboxMessage;
  /** Names the registry does not know, flagged in the same transaction (issue 11). */
  flags?: readonly OrganisationFlag[];
}

/** What the secretariat's list narrows by (functions/core/applications/admin-list.schema.ts). */
export interface ApplicationListFilter {
  callId?: string;
  /** One status; without it, every status but draft. */
  status?: ApplicationStatus;
  /** Lower-cased text matched in the title or the reference. */
  text?: string;
  focusArea?: string;
  grantTypeId?: string;
  sector?: string;
}

export interface ApplicationRepository {
  get(id: string): Promise<Application | undefined>;
  /** Several applications in one BatchGetItem (eventually consistent); absent ones left out. */
  /** Several applications in one BatchGetItem (100 a request, as `get` reads); absent ones left out. */
  getMany(ids: readonly string[]): Promise<Application[]>;
  listByOwner(ownerId: string): Promise<Application[]>;
  /** A call's applications that have left draft: drafts are not read (their own index partition). */
  listByCall(callId: string): Promise<Application[]>;
  /** A call's drafts (deadline reminders, the notice of an early close). */
  listDraftsByCall(callId: string): Promise<Application[]>;
  /**
   * A page of the secretariat's list, newest first: one index partition per status (or the call's), narrowed by
   * the filters within it; `cursor` is opaque. @throws AppError VALIDATION_FAILED (a cursor not ours)
   */
  listPage(
    filter: ApplicationListFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Application[]; cursor?: string }>;
  /** Writes at the version read (created when undefined), with its audit event and the messages it causes. */
  save(
    application: Application,
    audit: AuditEvent,
    expectedVersion?: number,
    outbox?: readonly OutboxMessage[],
  ): Promise<void>;
  /**
   * Takes the next reference of `year` and stores the submission in one transaction: the counter, the
   * application (checked against `expectedVersion`), its audit event and the receipt in the outbox.
   */
  submit(
    year: number,
    expectedVersion: number,
    build: (reference: string) => SubmissionWrite,
  ): Promise<Application>;
}

/** Co-applicants and their invitations (core/applications/members.service.ts). */
export interface MemberRepository {
  getMember(applicationId: string, userId: string): Promise<Member | undefined>;
  /** The application's co-applicants, by when they joined. */
  listMembers(applicationId: string): Promise<Member[]>;
  /** The ids of the applications a person has joined as a co-applicant, newest first. */
  listMemberships(userId: string): Promise<string[]>;
  getInvitation(id: string): Promise<Invitation | undefined>;
  /** The application's invitations still waiting, oldest first. */
  listPendingInvitations(applicationId: string): Promise<Invitation[]>;
  /** The invitations waiting for an address (compared lower-cased), newest first. */
  listInvitationsFor(email: string): Promise<Invitation[]>;
  /** Writes a new invitation (absent before), its audit event and the e-mail to the invitee. */
  invite(invitation: Invitation, audit: AuditEvent, outbox: readonly OutboxMessage[]): Promise<void>;
  /**
   * Accepts: the invitation at the version read (still pending) and the new member (absent before), with the
   * audit event. @throws AppError VERSION_CONFLICT
   */
  accept(invitation: Invitation, expectedVersion: number, member: Member, audit: AuditEvent): Promise<void>;
  /** Revokes a pending invitation at the version read. @throws AppError VERSION_CONFLICT */
  revoke(invitation: Invitation, expectedVersion: number, audit: AuditEvent): Promise<void>;
  /** Removes a co-applicant (who must still be one). @throws AppError VERSION_CONFLICT */
  remove(member: Member, audit: AuditEvent): Promise<void>;
  /**
   * Hands the application over in one transaction: the application with its new owner at the version read, the
   * new owner's membership removed (it must exist), the former owner's added (absent before), the audit event
   * and the e-mail telling the new owner. @throws AppError VERSION_CONFLICT
   */
  handOver(
    application: Application,
    expectedVersion: number,
    newOwner: Member,
    formerOwner: Member,
    audit: AuditEvent,
    outbox: readonly OutboxMessage[],
  ): Promise<void>;
}

/** The versions of a meeting's minutes (functions/core/decisions/minutes.schema.ts). */
export interface MinutesRepository {
  /** Every stored version, oldest first (none until version 1 is approved). */
  list(meetingId: string): Promise<MinutesVersion[]>;
  /** Writes a version at its revision read (created when undefined), with its audit event. */
  save(minutes: MinutesVersion, audit: AuditEvent, expectedVersion?: number): Promise<void>;
}

export interface UserProfile {
  userId: string;
  email: string;
  name: string;
  organisation?: string;
  roles: Principal['roles'];
  chair: boolean;
  /** Erased (docs/cases.md "Erasure"): may not sign in; the identity provider's sync leaves the entry alone. */
  disabled?: boolean;
}

export interface UserRepository {
  get(userId: string): Promise<UserProfile | undefined>;
  getByEmail(email: string): Promise<UserProfile | undefined>;
  listAll(): Promise<UserProfile[]>;
  /**
   * Keeps the directory in step with the identity provider (Cognito in AWS, the seed locally): a cache of
   * who exists with which roles and organisation, read when reviewers are assigned and conflicts checked.
   * Written with its audit event (core/auth/users.service.ts `syncUserProfile` decides when).
   */
  put(user: UserProfile, audit: AuditEvent): Promise<void>;
}

export interface ReviewRepository {
  get(applicationId: string, reviewerId: string): Promise<Assignment | undefined>;
  /** Several assignments in one BatchGetItem (100 a request); absent ones left out. */
  getMany(keys: readonly { applicationId: string; reviewerId: string }[]): Promise<Assignment[]>;
  listByApplication(applicationId: string): Promise<Assignment[]>;
  /** The reviewer's open assignments (still to review), by call. */
  listOpenByReviewer(reviewerId: string): Promise<Assignment[]>;
  /**
   * A page of the reviewer's finished assignments (submitted or recused), newest first (`limit` items);
   * `cursor` continues where the last page ended.
   */
  listFinishedByReviewer(
    reviewerId: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Assignment[]; cursor?: string }>;
  listByCall(callId: string): Promise<Assignment[]>;
  /** Writes at the version read (created when undefined), with its audit event and the messages it causes. */
  save(
    assignment: Assignment,
    audit: AuditEvent,
    expectedVersion?: number,
    outbox?: readonly OutboxMessage[],
  ): Promise<void>;
  remove(assignment: Assignment, audit: AuditEvent, outbox?: readonly OutboxMessage[]): Promise<void>;
}

export interface DecisionWrite {
  application: Application;
  expectedVersion: number;
  audit: AuditEvent;
  letter: OutboxMessage;
}

export interface DecisionRepository {
  /** Approved so far under the call, in øre. */
  approvedOre(callId: string): Promise<number>;
  /**
   * The meeting, every decision, their audit events and letters, and the call's approved total in one
   * transaction; the total may not pass `budgetOre`. @throws AppError RULES_FAILED (budget), VERSION_CONFLICT
   */
  recordMeeting(
    meeting: Meeting,
    audit: AuditEvent,
    decisions: DecisionWrite[],
    approvedDeltaOre: number,
    budgetOre: number,
  ): Promise<void>;
  getMeeting(id: string): Promise<Meeting | undefined>;
  listMeetings(callId: string): Promise<Meeting[]>;
}

/** A population figure to write: created when `expectedVersion` is undefined, else replaced at that version. */
export interface PopulationWrite {
  figure: PopulationFigure;
  expectedVersion?: number;
}

/** A contribution to write: created when `expectedVersion` is undefined, else replaced at that version. */
export interface ContributionWrite {
  contribution: Contribution;
  expectedVersion?: number;
}

/** An idempotency key's claim, written with the money movement it books (a payment, a tranche). */
export interface KeyClaim {
  key: string;
  requestHash: string;
}

/** The stored answer to a payment or a tranche, under the idempotency key it was booked with. */
export interface MovementClaim {
  requestHash: string;
  entry: LedgerEntry;
}

/**
 * A movement of money on one contribution: the ledger entry, the contribution's counter (`paidOre` or
 * `adjustmentsOre`) and the year's balance moved together, with the audit event, in one transaction.
 */
export interface ContributionMovement {
  entry: LedgerEntry;
  audit: AuditEvent;
  /** Payments: the key's claim, conditioned on absence in the same transaction. */
  claim?: KeyClaim;
  /** Adjustments: the contribution's version read (a stale one fails the transaction). */
  expectedVersion?: number;
  /** Messages caused by the movement (a payment's receipt to the party). */
  outbox?: readonly OutboxMessage[];
}

export interface FinanceRepository {
  /** The figures of these parties and years, read consistently (at most 100 keys). */
  getPopulations(keys: readonly { partyId: string; year: number }[]): Promise<PopulationFigure[]>;
  /** Every party's figures of recent years, newest year first, until each party has one (or none are left). */
  latestPopulations(partyIds: readonly string[]): Promise<PopulationFigure[]>;
  /** All figures and their audit event in one transaction. @throws AppError VERSION_CONFLICT */
  savePopulations(writes: readonly PopulationWrite[], audit: AuditEvent): Promise<void>;

  getYear(year: number): Promise<YearSettings | undefined>;
  /**
   * With `grantShareChanged`, the write is conditioned on the year having received nothing yet (a payment's
   * split is fixed when booked). @throws AppError VERSION_CONFLICT, INVALID_STATE (GRANT_SHARE_LOCKED)
   */
  saveYear(
    settings: YearSettings,
    audit: AuditEvent,
    expectedVersion?: number,
    grantShareChanged?: boolean,
  ): Promise<void>;
  /** The settings, the year's balance and the pool's in one request (absent balances are all zeros). */
  getYearAndBalance(year: number): Promise<{ settings?: YearSettings; balance: Balance; pool: PoolBalance }>;
  /**
   * Every year's balance (one Query of the index partition BALANCES) and the pool's (one GetItem); with
   * `consistent`, the years' items are read again consistently (for the invariant check).
   */
  listBalances(options?: { consistent?: boolean }): Promise<{ years: Balance[]; pool: PoolBalance }>;

  getContribution(year: number, partyId: string): Promise<Contribution | undefined>;
  /** The year's contributions: one Query, whatever the size of the ledger. */
  listContributions(year: number): Promise<Contribution[]>;
  /** The year's contributions read consistently (for the run and the send, which write on what they read). */
  getContributions(year: number, partyIds: readonly string[]): Promise<Contribution[]>;
  /** Contributions, one audit event and any outbox messages in one transaction. @throws VERSION_CONFLICT */
  saveContributions(
    year: number,
    writes: readonly ContributionWrite[],
    audit: AuditEvent,
    outbox?: readonly OutboxMessage[],
  ): Promise<void>;

  getPaymentClaim(year: number, partyId: string, key: string): Promise<MovementClaim | undefined>;
  /**
   * Records a payment or an adjustment on a contribution. A payment whose key is already claimed fails with
   * AppError RULES_FAILED code IDEMPOTENCY_KEY_CLAIMED (the caller reads the claim).
   * @throws AppError NOT_FOUND (no contribution), VERSION_CONFLICT, RULES_FAILED
   */
  recordMovement(movement: ContributionMovement): Promise<void>;

  /** A page of the year's ledger, oldest first; `cursor` is opaque. @throws AppError VALIDATION_FAILED */
  listLedger(
    year: number,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: LedgerEntry[]; cursor?: string }>;
  /**
   * The year's day balances: each day's movements of available money (kept by every entry's transaction),
   * oldest first; one Query of at most 366 small items, whatever the ledger's size. With `consistent` for
   * the invariant check.
   */
  dayMovements(year: number, options?: { consistent?: boolean }): Promise<DayMovement[]>;
  /** The whole ledger of a year: for the invariant check, never on a user's request path. */
  allLedgerEntries(year: number): Promise<LedgerEntry[]>;
  /** Entries of one party's contribution for a year (payments and adjustments). */
  contributionEntries(year: number, partyId: string): Promise<LedgerEntry[]>;
  /** One party's contributions of these years: one BatchGet (up to 100 years), whatever the ledger's size. */
  getContributionsOfParty(partyId: string, years: readonly number[]): Promise<Contribution[]>;
}

/**
 * A movement of money on an award, with the ledger entry (booked in the award's year), the award's counter,
 * the year's balance and the audit event in one transaction.
 * - `disbursement`: conditioned on the award being committed and `disbursedOre + amount <= amountOre`.
 * - `refund`: conditioned on `refundedOre + amount <= disbursedOre` (from the figures read, which only grow).
 */
export interface AwardMovement {
  award: Award;
  entry: LedgerEntry;
  audit: AuditEvent;
  /** Disbursements: the key's claim (scoped to the award), conditioned on absence in the same transaction. */
  claim?: KeyClaim;
  /** The messages the movement causes (the notice to the project lead). */
  outbox?: readonly OutboxMessage[];
}

export interface AwardRepository {
  get(applicationId: string): Promise<Award | undefined>;
  /** Awards read consistently (for the invariant check). */
  getMany(applicationIds: readonly string[]): Promise<Award[]>;
  listByOwner(ownerId: string): Promise<Award[]>;
  /** Every award (index partition AWARDS), oldest first. */
  listAll(): Promise<Award[]>;
  /**
   * A page of the awards, newest first (index partition AWARDS, `limit` items); `cursor` continues where the
   * last page ended (opaque; one not understood starts from the newest).
   */
  listNewest(page: { limit: number; cursor?: string }): Promise<{ items: Award[]; cursor?: string }>;
  /** The ledger entries of one award (commitment, disbursements, refunds). */
  entries(applicationId: string): Promise<LedgerEntry[]>;
  /**
   * Commits an award: the award (absent before), its `award_committed` entry, the year's and the pool's
   * balance (the pool's conditioned on `grantAvailableOre >= amount`), a check that the application is still
   * approved at the version read, the award's report obligations and the audit event, in one transaction.
   * @throws AppError RULES_FAILED (INSUFFICIENT_FUNDS, with the figures), INVALID_STATE (already accepted),
   * VERSION_CONFLICT (the application changed)
   */
  commit(
    award: Award,
    entry: LedgerEntry,
    audit: AuditEvent,
    applicationVersion: number,
    reports: Report[],
  ): Promise<void>;
  getDisbursementClaim(applicationId: string, key: string): Promise<MovementClaim | undefined>;
  /**
   * @throws AppError RULES_FAILED (OVER_REMAINING / OVER_DISBURSED with the figures, IDEMPOTENCY_KEY_CLAIMED),
   * INVALID_STATE (not committed)
   */
  move(movement: AwardMovement): Promise<void>;
  /** Closes the award (and releases what was never paid out) at the version read. @throws AppError VERSION_CONFLICT */
  close(closing: AwardClosing): Promise<void>;
}

/**
 * Closing an award (award.service.ts `awardClosing`): the closed award, written at the version read while
 * committed; the release of what was never paid out, when anything was; the audit event.
 */
export interface AwardClosing {
  award: Award;
  expectedVersion: number;
  release?: LedgerEntry;
  audit: AuditEvent;
}

export interface ReportRepository {
  /** An award's reports (Query on its partition), in id order. */
  listByAward(applicationId: string): Promise<Report[]>;
  get(applicationId: string, reportId: string): Promise<Report | undefined>;
  /** Creates an award's obligations (each absent before) and the audit event in one transaction. */
  create(reports: readonly Report[], audit: AuditEvent): Promise<void>;
  /**
   * Replaces a report at the version read, with its audit event; with `closing`, the award is closed (at its
   * version, while committed) in the same transaction. @throws AppError VERSION_CONFLICT
   */
  save(report: Report, expectedVersion: number, audit: AuditEvent, closing?: AwardClosing): Promise<void>;
  /** Reports submitted and awaiting the board (index partition REPORTS#submitted): the board's work. */
  listAwaiting(): Promise<Pick<Report, 'applicationId' | 'reportId'>[]>;
  /** Reports not submitted and not yet reminded, due on or before `until` (index partition REPORTS#pending). */
  pendingDueBy(until: string): Promise<Report[]>;
  /**
   * Marks the report reminded, puts the reminder into the outbox and the audit event, in one transaction
   * conditioned on the version read and no reminder before. False when the condition failed (nothing written).
   */
  queueReminder(
    report: Report,
    expectedVersion: number,
    message: OutboxMessage,
    audit: AuditEvent,
  ): Promise<boolean>;
}

/** The parties' invoicing details (the 20 parties themselves are fixed: finance/parties.ts). */
export interface PartyRepository {
  /** Every stored party (one Query of the index partition PARTIES); a party never saved is absent. */
  list(): Promise<Party[]>;
  get(partyId: string): Promise<Party | undefined>;
  /**
   * Writes a party's details at the version read (0: never stored, so created), with its audit event (under
   * the party: its history). @throws AppError VERSION_CONFLICT
   */
  save(party: Party, audit: AuditEvent, expectedVersion: number): Promise<void>;
  /** The audit events kept under a party, oldest first: its history. */
  history(partyId: string): Promise<AuditEvent[]>;
}

/** Reminders sent once: a marker per reminder, claimed in the transaction that queues it. */
export interface ReminderRepository {
  /**
   * Writes the marker `marker` (conditioned on its absence), the reminder and its audit event (under the
   * audited entity) in one transaction. False when the marker existed: that reminder was queued before.
   */
  queueOnce(marker: string, message: OutboxMessage, audit: AuditEvent): Promise<boolean>;
}

/** The sent and unsent messages (docs/messages.md). */
export interface MessageRepository {
  get(id: string): Promise<StoredMessage | undefined>;
  /** Pending messages due by `now` and sending ones whose lease ran out, oldest first, at most `limit`. */
  listDue(now: string, limit: number): Promise<StoredMessage[]>;
  /**
   * Claims a message read as claimable (pending and due, or sending with an expired lease): status sending,
   * the lease, attempts + 1, in one write conditioned on the version read. Undefined when it changed since it
   * was read (another sender has it).
   */
  claim(read: StoredMessage, lease: { token: string; until: string }): Promise<StoredMessage | undefined>;
  /**
   * Stores the outcome of a send by the holder of the lease (`claimed.leaseToken`), with its audit event (none
   * for a retry's reschedule, which changes no case); false when the lease was lost meanwhile (nothing written).
   */
  settle(claimed: StoredMessage, next: StoredMessage, audit?: AuditEvent): Promise<boolean>;
  /** Marks a sent message bounced or complained (from the provider's event), with its audit event. */
  recordDelivery(next: StoredMessage, expectedVersion: number, audit: AuditEvent): Promise<void>;
  /** Messages to one address, newest first. */
  listByRecipient(email: string, page: { limit: number; cursor?: string }): Promise<MessagePage>;
  /** Messages by status (all statuses when none), newest first, filtered by kind and case kind. */
  list(filter: MessageFilter, page: { limit: number; cursor?: string }): Promise<MessagePage>;
  /**
   * Writes a new message as a resend of `original` and marks the original `resentAs` it (one version on, only
   * over the version read), with the audit event, in one transaction. @throws AppError VERSION_CONFLICT
   */
  resend(original: StoredMessage, copy: OutboxMessage, audit: AuditEvent): Promise<void>;
}

/** Sends one composed message: SES in AWS, SMTP on one machine. @throws MailError */
export interface Mailer {
  send(message: StoredMessage): Promise<SendResult>;
}

/** An application's documents (items under the application's partition). */
export interface DocumentRepository {
  /** One document, read consistently. */
  get(applicationId: string, documentId: string): Promise<Document | undefined>;
  /** A document by its id alone (the download link names no application). */
  find(documentId: string): Promise<Document | undefined>;
  /** The application's documents, oldest first (one Query of its partition, read consistently). */
  listByApplication(applicationId: string): Promise<Document[]>;
  /**
   * Writes the document at the version read (created when undefined) with its audit event, in one transaction
   * with the removal of the documents it replaces (each at the version read) and the messages it causes.
   * @throws AppError VERSION_CONFLICT
   */
  save(
    document: Document,
    audit: AuditEvent,
    expectedVersion?: number,
    options?: { replaces?: readonly Document[]; outbox?: readonly OutboxMessage[] },
  ): Promise<void>;
  /** Deletes the document at the version read, with its audit event. @throws AppError VERSION_CONFLICT */
  remove(document: Document, audit: AuditEvent): Promise<void>;
}

/** What the file store found of an uploaded object: its size and the type its first bytes show. */
export interface StoredFile {
  sizeBytes: number;
  detected?: { ext: string; mime: string };
}

/** The documents' bytes (S3 in AWS, s3rver on one machine): functions/files. */
export interface FileStore {
  /** Whether a malware scanner reports on each upload (GuardDuty in AWS; nothing on one machine). */
  readonly scans: boolean;
  /** The origin the browser posts uploads to (for the pages' Content-Security-Policy). */
  readonly origin: string;
  /** A presigned POST whose policy fixes the key, the content type and the size range. */
  presignUpload(input: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
    /** Where S3 sends the browser after a plain HTML form's upload (success_action_redirect). */
    redirectUrl?: string;
  }): Promise<{ url: string; fields: Record<string, string> }>;
  /** A short-lived GET that downloads as an attachment under `fileName`. */
  presignDownload(input: {
    key: string;
    fileName: string;
    contentType: string;
    expiresInSeconds: number;
  }): Promise<string>;
  /** The object's size and detected type (reads its first bytes only); undefined when nothing is stored. */
  inspect(key: string): Promise<StoredFile | undefined>;
  /** The object's SHA-256 (hex), read as a stream: the file is never held whole. */
  checksum(key: string): Promise<string>;
  delete(key: string): Promise<void>;
  /** Marks an infected object quarantined (a tag the bucket's policy denies reads of). */
  quarantine(key: string): Promise<void>;
}

/** A case whose record can be read (Sagens forløb): what a message or an audit event concerns, but a person. */
export type CaseRef = { kind: 'call' | 'application' | 'award' | 'party' | 'meeting'; id: string };

/** A page of a case's record: its events oldest first, filtered by kind (action) and by who did it. */
export interface CaseRecordQuery {
  limit: number;
  cursor?: string;
  action?: string;
  actorId?: string;
}

export interface CasePage {
  events: AuditEvent[];
  nextCursor?: string;
}

/** The audit table: read a case's record, and add that someone read it (nothing can change an event). */
export interface CaseRecordRepository {
  /** @throws AppError VALIDATION_FAILED (a cursor not made here) */
  page(ref: CaseRef, query: CaseRecordQuery): Promise<CasePage>;
  /** Adds the event that `ref`'s record was read, alone in its transaction. */
  recordView(ref: CaseRef, event: AuditEvent): Promise<void>;
}

/** Whether a person has been shown the privacy notice (at their first sign-in). */
export interface PrivacyNoticeRepository {
  seen(userId: string): Promise<boolean>;
  /** Marks it seen, once (a second mark changes nothing), with its audit event. */
  markSeen(userId: string, at: string, audit: AuditEvent): Promise<void>;
}

/** The organisations registry (issue 11): one index partition, read whole for the tree or by name prefix. */
export interface OrganisationRepository {
  /** Every organisation (one Query of the index partition ORGS: a few hundred small items at most). */
  list(): Promise<Organisation[]>;
  /** Up to `limit` organisations whose normalised name begins with `prefix`, by name (one Query). */
  search(prefix: string, limit: number): Promise<Organisation[]>;
  /**
   * A page of the organisations whose normalised name begins with `prefix` (every one when empty), by name;
   * `cursor` is opaque. One Query. @throws AppError VALIDATION_FAILED (a cursor not ours)
   */
  page(
    prefix: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Organisation[]; cursor?: string }>;
  get(id: string): Promise<Organisation | undefined>;
  /** Writes at the version read (created when undefined), with its audit event. @throws VERSION_CONFLICT */
  save(organisation: Organisation, audit: AuditEvent, expectedVersion?: number): Promise<void>;
  /** The audit events kept under an organisation, oldest first: its history. */
  history(id: string): Promise<AuditEvent[]>;
  /** Every flagged name, by name (one Query of the index partition ORGFLAGS). */
  listFlags(): Promise<OrganisationFlag[]>;
  /** The flags of one name (one Query of its partition). */
  flagsOf(key: string): Promise<OrganisationFlag[]>;
  /** Removes a flag once its name is placed, with its audit event. */
  clearFlag(flag: OrganisationFlag, audit: AuditEvent): Promise<void>;
}

/** The organisations people picked as their own ("Min profil", issue 11): read whole with the tree. */
export interface ProfileRepository {
  /** One person's pick, read consistently. */
  get(userId: string): Promise<OwnOrganisation | undefined>;
  /** Every pick (one Query of the index partition OWNORGS: one small item a person who picked). */
  list(): Promise<OwnOrganisation[]>;
  /**
   * Writes the pick at the version read (created when undefined) with its audit event under the person, in one
   * transaction with the flag of a name the registry does not know and the removal of the person's flag of the
   * name picked before (`unflagKey`). @throws AppError VERSION_CONFLICT
   */
  save(
    profile: OwnOrganisation,
    audit: AuditEvent,
    expectedVersion: number | undefined,
    flags: { flag?: OrganisationFlag; unflagKey?: string },
  ): Promise<void>;
  /**
   * Deletes the pick at the version read, with its audit event under the person, in one transaction with the
   * removal of the person's flag of that name (`unflagKey`). @throws AppError VERSION_CONFLICT
   */
  clear(profile: OwnOrganisation, audit: AuditEvent, unflagKey: string | undefined): Promise<void>;
}

/** The chair's rulings on conflicts found by organisation (issue 11): few, read whole with the tree. */
export interface ConflictRulingRepository {
  /** Every ruling (one Query of the index partition CONFLICTRULINGS). */
  list(): Promise<FoundConflictRuling[]>;
  /** Records a ruling with its audit event (under the application). @throws VERSION_CONFLICT when one exists */
  create(ruling: FoundConflictRuling, audit: AuditEvent): Promise<void>;
}

/** An application deleted by erasure or retention: with its documents and co-applicants, at the versions read. */
export interface DraftDeletion {
  application: Application;
  documents: readonly Document[];
  members: readonly Member[];
  audit: AuditEvent;
}

/** A closed case anonymised: the application (and its award) at the versions read, its members rewritten, its documents deleted. */
export interface CaseAnonymisation {
  application: Application;
  expectedVersion: number;
  award?: { award: Award; expectedVersion: number };
  members: readonly Member[];
  documents: readonly Document[];
  audit: AuditEvent;
}

/** Erasure requests and the retention job's reads and writes (functions/db/erasure.repository.ts). */
export interface ErasureRepository {
  get(userId: string): Promise<ErasureRecord | undefined>;
  /** The requests, newest first (index partition ERASURES). */
  list(page: { limit: number; cursor?: string }): Promise<{ items: ErasureRecord[]; cursor?: string }>;
  /**
   * Erasures with messages left to anonymise (by when they were asked), and those still waiting whose
   * `keptUntil` is on or before `until` (index partition ERASURES#waiting).
   */
  listWaitingUntil(until: string): Promise<ErasureRecord[]>;
  /**
   * Stores a new request (absent before) with the person's directory entry as it now stands (disabled), the
   * audit event and the confirmation to the person, in one transaction. @throws AppError VERSION_CONFLICT
   */
  record(
    erasure: ErasureRecord,
    profile: UserProfile,
    audit: AuditEvent,
    outbox: OutboxMessage,
  ): Promise<void>;
  /** Stores the request done at the version read, with the anonymised directory entry and the audit event. */
  complete(
    erasure: ErasureRecord,
    expectedVersion: number,
    profile: UserProfile,
    audit: AuditEvent,
  ): Promise<void>;
  /** Deletes a draft, its documents' items and its co-applicants at the versions read, with the audit event. */
  deleteDraft(deletion: DraftDeletion): Promise<void>;
  /** Writes an anonymised case in one transaction. @throws AppError VERSION_CONFLICT */
  anonymise(anonymisation: CaseAnonymisation): Promise<void>;
  /**
   * Writes an anonymised message (retention.ts `anonymisedMessage`) at the version read, with its audit event
   * under its case; it leaves its recipient's index. @throws AppError VERSION_CONFLICT
   */
  anonymiseMessage(message: StoredMessage, expectedVersion: number, audit: AuditEvent): Promise<void>;
  /** Every message of a case, whatever its status or recipient, oldest first (index partition MSGCASE#). */
  messagesOfCase(c: MessageCase): Promise<StoredMessage[]>;
  /** Stores the request at the version read, with its audit event. @throws AppError VERSION_CONFLICT */
  save(erasure: ErasureRecord, expectedVersion: number, audit: AuditEvent): Promise<void>;
  /** Drafts last written on or before `bound` (index partition DRAFTS by updatedAt), oldest first. */
  draftsUntouchedSince(bound: string): Promise<Application[]>;
  /** Applications in `status` created before `bound` (the status's index partition, by creation). */
  createdBefore(status: ApplicationStatus, bound: string): Promise<Application[]>;
  /** Whether the reminder `marker` was queued (ReminderRepository.queueOnce). */
  reminded(marker: string): Promise<boolean>;
  /** Keeps a run's report (`RETENTION_RUN#<at>`). */
  saveRun(run: RetentionRun): Promise<void>;
  /** The latest runs, newest first. */
  listRuns(limit: number): Promise<RetentionRun[]>;
}

/** The identity provider's accounts (Cognito in AWS; locally the demo directory is the user directory itself). */
export interface IdentityDirectory {
  /** Disables the account: it can no longer sign in, and its refresh tokens stop working. */
  disableUser(userId: string): Promise<void>;
}

/** A page of a person's events: how many, and where the last page ended. */
export interface EventPageQuery {
  limit: number;
  cursor?: string;
}

export interface EventPage {
  events: AuditEvent[];
  cursor?: string;
}

/** Exports (aktindsigt, "Mine data"): the `EXPORT#<id>` items and the events of a person (exports/). */
export interface ExportRepository {
  get(id: string): Promise<ExportJob | undefined>;
  /** Writes a new export (absent before) with its audit event. */
  create(job: ExportJob, audit: AuditEvent): Promise<void>;
  /** Writes at the version read, with its audit event. @throws AppError VERSION_CONFLICT */
  save(job: ExportJob, expectedVersion: number, audit: AuditEvent): Promise<void>;
  /** Exports waiting to be built, oldest first, at most `limit` (index partition `EXPORTS#queued`). */
  listQueued(limit: number): Promise<ExportJob[]>;
  /** Adds the event that a download link was handed out, alone in its transaction. */
  recordLink(job: ExportJob, audit: AuditEvent): Promise<void>;
  /**
   * One page of the events `userId` caused, whatever case they sit under, oldest first (the audit table's index
   * by actor; `cursor` continues where the last page ended). @throws AppError VALIDATION_FAILED (a cursor not ours)
   */
  eventsByActor(userId: string, page: EventPageQuery): Promise<EventPage>;
  /** One page of the person's own record (`USER#<id>`): the events about them, whoever caused them. */
  eventsAbout(userId: string, page: EventPageQuery): Promise<EventPage>;
  /**
   * The events `userId` caused that were stored before the index by actor (an event is never rewritten, so those
   * have no entry in it), in the person's own record and in each case given (one Query per partition, filtered in
   * DynamoDB to their events without an index entry), oldest first within each.
   */
  eventsByActorBeforeIndex(userId: string, cases: readonly MessageCase[]): Promise<AuditEvent[]>;
}

/** Streams an export's parts as one ZIP into the file store under `key`: functions/exports. */
export interface ExportWriter {
  write(key: string, bundle: ExportBundle): Promise<{ sha256: string; sizeBytes: number }>;
}

export interface CoreDeps {
  caseRecord: CaseRecordRepository;
  erasures: ErasureRepository;
  /** AWS only: the identity provider, told of an erasure. Locally the directory entry's `disabled` is the account's state. */
  identity?: IdentityDirectory;
  privacyNotice: PrivacyNoticeRepository;
  calls: CallRepository;
  applications: ApplicationRepository;
  members: MemberRepository;
  users: UserRepository;
  reviews: ReviewRepository;
  decisions: DecisionRepository;
  minutes: MinutesRepository;
  finance: FinanceRepository;
  awards: AwardRepository;
  reports: ReportRepository;
  parties: PartyRepository;
  reminders: ReminderRepository;
  messages: MessageRepository;
  documents: DocumentRepository;
  files: FileStore;
  sessions: SessionRepository;
  organisations: OrganisationRepository;
  conflictRulings: ConflictRulingRepository;
  profiles: ProfileRepository;
  exports: ExportRepository;
  clock: Clock;
}

/** Who asks. (The core answers in codes; the edge words them in the reader's language.) */
export interface RequestContext {
  actor: Principal;
}

/**
 * Signed-in sessions of the web (core/auth/session.service.ts decides their times) and the forms kept while a
 * person signs in again. Keyed by a hash of the cookie's id, never the id itself. Sign-in and ending a session
 * are audited; touching and refreshing one are housekeeping.
 */
export interface SessionRepository {
  get(idHash: string): Promise<StoredSession | undefined>;
  /** Writes a new session with its audit event (`session.started` on the person's record). */
  start(session: StoredSession, audit: AuditEvent): Promise<void>;
  /**
   * Moves a live session on (touched, refreshed): housekeeping, and only while it exists, so a session ended
   * meanwhile is never written back. Returns false when it no longer exists.
   */
  update(session: StoredSession): Promise<boolean>;
  /** Ends sessions (deletes them) with one audit event on their person's record. */
  end(idHashes: readonly string[], audit: AuditEvent): Promise<void>;
  /** Deletes a session found expired or refused by the identity provider (housekeeping: no one acted). */
  drop(idHash: string): Promise<void>;
  /** A person's sessions (an index partition per person), live or not yet swept. */
  listOfUser(userId: string): Promise<StoredSession[]>;
  /** Keeps a form's fields under a hash of a random id until `expiresAt`. */
  stashForm(idHash: string, form: StashedForm): Promise<void>;
  /** Takes a kept form (and deletes it): once only. */
  takeForm(idHash: string): Promise<StashedForm | undefined>;
}

export interface StoredSession {
  idHash: string;
  userId: string;
  /** Who signed in, as the identity provider last said (refreshed with the ID token in AWS). */
  principal: Principal;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends unless used again: lastSeenAt + the idle limit, never past createdAt + the working day. */
  expiresAt: string;
  /** AWS: when the ID token behind `principal` expires, and the refresh token that renews it. */
  tokenExpiresAt?: string;
  refreshToken?: string;
}

export interface StashedForm {
  /** The path the form was posted to. */
  path: string;
  /** The form's text fields as posted (files are not kept). */
  fields: [string, string][];
  expiresAt: string;
}

/** The identity provider's tokens behind a session (Cognito in AWS; none locally). */
export interface SessionTokens {
  /** A fresh ID token's person and expiry for a refresh token. @throws when the provider refuses it */
  refresh(
    refreshToken: string,
  ): Promise<{ principal: Principal; tokenExpiresAt: string; refreshToken?: string }>;
  /** Revokes a refresh token (and the tokens issued with it). */
  revoke(refreshToken: string): Promise<void>;
}
