import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Invitation, Member } from '../../functions/core/applications/members.schema.js';
import { formatReference } from '../../functions/core/applications/submission.rules.js';
import type { AuditEvent, OutboxMessage } from '../../functions/core/audit/audit.js';
import type { OwnOrganisation } from '../../functions/core/auth/profile.schema.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { ErasureRecord, RetentionRun } from '../../functions/core/cases/erasure.values.js';
import { budgetExceeded } from '../../functions/core/decisions/budget.js';
import type { Meeting } from '../../functions/core/decisions/decision.schema.js';
import type { MinutesVersion } from '../../functions/core/decisions/minutes.schema.js';
import type { Document } from '../../functions/core/documents/document.schema.js';
import type { ExportJob } from '../../functions/core/exports/export.schema.js';
import {
  alreadyAccepted,
  awardClosed,
  insufficientFunds,
  overRefundable,
  overRemaining,
} from '../../functions/core/finance/award.rules.js';
import type { Award } from '../../functions/core/finance/award.schema.js';
import { balanceDeltas, movementDate } from '../../functions/core/finance/balances.js';
import { grantShareLocked } from '../../functions/core/finance/contributions.js';
import {
  type Balance,
  type BalanceCounter,
  type Contribution,
  emptyBalance,
  emptyPoolBalance,
  type LedgerEntry,
  type PoolBalance,
  type PopulationFigure,
  type YearSettings,
} from '../../functions/core/finance/finance.schema.js';
import type { Party } from '../../functions/core/finance/parties.schema.js';
import type { Report } from '../../functions/core/finance/report.schema.js';
import {
  claimable,
  claimedState,
  type MessagePage,
  queueTime,
  type StoredMessage,
  storedMessage,
} from '../../functions/core/messages/message.schema.js';
import {
  flagSource,
  type Organisation,
  type OrganisationFlag,
} from '../../functions/core/organisations/organisation.schema.js';
import { normaliseOrganisation } from '../../functions/core/organisations/tree.js';
import type {
  ApplicationRepository,
  AwardClosing,
  AwardRepository,
  CallRepository,
  CaseRecordRepository,
  ConflictRulingRepository,
  CoreDeps,
  DecisionRepository,
  DocumentRepository,
  ErasureRepository,
  ExportRepository,
  FileStore,
  FinanceRepository,
  KeyClaim,
  MemberRepository,
  MessageRepository,
  MinutesRepository,
  MovementClaim,
  OrganisationRepository,
  PartyRepository,
  ProfileRepository,
  ReminderRepository,
  ReportRepository,
  ReviewRepository,
  SessionRepository,
  StashedForm,
  StoredFile,
  StoredSession,
  UserProfile,
  UserRepository,
} from '../../functions/core/ports.js';
import { finishedAt } from '../../functions/core/reviews/access.js';
import type { Assignment, FoundConflictRuling } from '../../functions/core/reviews/review.schema.js';
import { AppError, notFound, versionConflict } from '../../functions/core/shared/errors.js';
import { casePk } from '../../functions/db/keys.js';
import { TestClock } from './clock.js';

/*
 * In-memory fakes of the ports (functions/core/ports.ts), for fast service tests of the core's rules. They keep
 * what the DynamoDB repositories promise: every write is one all-or-nothing transaction with its audit event
 * (and outbox messages), an item is created only when absent and replaced only at the version read (a stale
 * write is VERSION_CONFLICT and writes nothing), the guards of money and budgets hold with the same refusals,
 * and what is read is a copy, never the stored object. Lists come in the order of the table's keys.
 * test/integration/fakes.contract.test.ts runs the same cases against both.
 */

/** One named write of a transaction: the condition DynamoDB would judge, and what it changes. */
interface Write {
  holds: () => boolean;
  apply: () => void;
}

type Refusal = () => AppError | Promise<AppError>;

const copy = <T>(value: T): T => structuredClone(value);
const ascending =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
/**
 * Copies of the stored items that match (each field of `where` equal, or `where` true of them), in the order
 * of `key`: what a Query of an index answers.
 */
const listed = <T>(
  items: Map<string, T>,
  where: Partial<T> | ((item: T) => boolean),
  key: (item: T) => string,
): T[] => {
  const keep =
    typeof where === 'function'
      ? where
      : (item: T) => Object.entries(where).every(([field, value]) => item[field as keyof T] === value);
  return [...items.values()].filter(keep).sort(ascending(key)).map(copy);
};
/** Copies of the stored items with these ids, each once, the missing left out: what a BatchGet answers. */
const copiesOf = <T>(items: Map<string, T>, ids: readonly string[]): T[] =>
  [...new Set(ids)].flatMap((id) => (items.has(id) ? [copy(items.get(id) as T)] : []));

/** A put of a versioned item: created only if absent, replaced only at the version read. */
function versioned<T extends { version: number }>(
  map: Map<string, T>,
  key: string,
  item: T,
  expectedVersion?: number,
): Write {
  return {
    holds: () => (expectedVersion === undefined ? !map.has(key) : map.get(key)?.version === expectedVersion),
    apply: () => map.set(key, copy(item)),
  };
}

/** A put of an item that never changes: created only if absent. */
function created<T>(map: Map<string, T>, key: string, item: T): Write {
  return { holds: () => !map.has(key), apply: () => map.set(key, copy(item)) };
}

/** An Idempotency-Key claimed for good under `scope`, holding the answer to repeat; created only if unused. */
function claimOf(
  map: Map<string, { requestHash: string; entry: LedgerEntry }>,
  scope: string,
  claim: KeyClaim | undefined,
  entry: LedgerEntry,
): Write | undefined {
  return claim ? created(map, `${scope}#${claim.key}`, { requestHash: claim.requestHash, entry }) : undefined;
}

/** The refusal of a key already claimed (the caller reads the claim to answer). */
const keyClaimed = () => new AppError('RULES_FAILED', { code: 'IDEMPOTENCY_KEY_CLAIMED' });

/** Everything the fakes hold, open to a test that sets up or inspects a state directly. */
export class FakeStore {
  readonly calls = new Map<string, Call>();
  readonly applications = new Map<string, Application>();
  /** Co-applicants by `<applicationId>#<userId>`, and the invitations by id. */
  readonly members = new Map<string, Member>();
  readonly invitations = new Map<string, Invitation>();
  readonly referenceCounters = new Map<number, number>();
  readonly references = new Map<string, string>();
  readonly users = new Map<string, UserProfile>();
  /** By `<applicationId>#<reviewerId>`. */
  readonly assignments = new Map<string, Assignment>();
  readonly meetings = new Map<string, Meeting>();
  /** Minutes versions by `<meetingId>#<number padded>`. */
  readonly minutes = new Map<string, MinutesVersion>();
  /** Each call's approved total. */
  readonly approvedOre = new Map<string, number>();
  readonly awards = new Map<string, Award>();
  readonly disbursementClaims = new Map<string, MovementClaim>();
  /** By `<applicationId>#<reportId>`. */
  readonly reports = new Map<string, Report>();
  readonly populations = new Map<string, PopulationFigure>();
  readonly years = new Map<number, YearSettings>();
  readonly contributions = new Map<string, Contribution>();
  readonly paymentClaims = new Map<string, MovementClaim>();
  /** By `<year>#<at>#<id>`, as the ledger's sort key orders it. */
  readonly ledger = new Map<string, LedgerEntry>();
  readonly balances = new Map<number, Balance>();
  /** Each year's day balances (the available money a day moved), by `<year>#<date>`. */
  readonly days = new Map<string, number>();
  /** Parties with their invoicing details, by id. */
  readonly parties = new Map<string, Party>();
  /** The organisations registry, by id. */
  readonly organisations = new Map<string, Organisation>();
  /** The chair's rulings on found conflicts, by `<applicationId>#<userId>`. */
  readonly conflictRulings = new Map<string, FoundConflictRuling>();
  /** Names flagged for the secretariat to place, by `<key>#<applicationId>` (`<key>#USER#<userId>` for a person's). */
  readonly organisationFlags = new Map<string, OrganisationFlag>();
  /** The organisations people picked as their own, by user id. */
  readonly ownOrganisations = new Map<string, OwnOrganisation>();
  /** The reminders' markers: each reminder is queued once. */
  readonly reminders = new Map<string, string>();
  /** Documents by `<applicationId>#<documentId>`, and the file store's objects by key. */
  readonly documents = new Map<string, Document>();
  readonly files = new Map<string, StoredFile & { tags?: Record<string, string> }>();
  /** The people shown the privacy notice. */
  readonly privacySeen = new Set<string>();
  /** Erasure requests by user id, and the retention job's reports by id. */
  readonly erasures = new Map<string, ErasureRecord>();
  readonly retentionRuns = new Map<string, RetentionRun>();
  /** Web sessions by the hash of their id, and kept forms likewise. */
  readonly sessions = new Map<string, StoredSession>();
  readonly forms = new Map<string, StashedForm>();
  /** Exports (aktindsigt, "Mine data") by id. */
  readonly exports = new Map<string, ExportJob>();
  pool: PoolBalance = emptyPoolBalance();
  /** Every audit event written, in order, and the partition it is kept under (`CALL#<id>`, `APP#<id>`, ...). */
  readonly audit: { entityPk: string; event: AuditEvent }[] = [];
  readonly outbox: OutboxMessage[] = [];
  /** Every message as the sender keeps it (the outbox items and their state), by id. */
  readonly messages = new Map<string, StoredMessage>();
  /** Transactions committed (a refused one is not counted). */
  commits = 0;

  /**
   * One transaction: every condition is judged first; if any fails, nothing is written and the first refusal
   * listed whose write failed is thrown, else VERSION_CONFLICT (as functions/db/transact.ts does).
   */
  async transact(
    writes: Record<string, Write | undefined>,
    audit:
      | { entityPk: string; event: AuditEvent }
      | readonly { entityPk: string; event: AuditEvent }[]
      | 'housekeeping',
    outbox: readonly OutboxMessage[] = [],
    refusals: Record<string, Refusal> = {},
  ): Promise<void> {
    const named = Object.entries(writes).filter((entry): entry is [string, Write] => entry[1] !== undefined);
    const failed = new Set(named.filter(([, write]) => !write.holds()).map(([name]) => name));
    if (failed.size > 0) {
      for (const [name, refuse] of Object.entries(refusals)) if (failed.has(name)) throw await refuse();
      throw versionConflict();
    }
    for (const [, write] of named) write.apply();
    if (audit !== 'housekeeping') this.audit.push(...copy('event' in audit ? [audit] : [...audit]));
    this.outbox.push(...copy(outbox));
    for (const message of outbox) this.messages.set(message.id, storedMessage(message));
    this.commits += 1;
  }

  /** The audit events written about one entity (by its id), in order. */
  eventsOf(entityId: string): AuditEvent[] {
    return this.audit.map((a) => a.event).filter((e) => e.entityId === entityId);
  }

  /** The balance updates of a ledger entry; with `guardGrantAvailable`, the pool's only while it can hold it. */
  balanceWrites(
    entry: LedgerEntry,
    guardGrantAvailable = false,
  ): { poolBalance: Write; yearBalance: Write; dayBalance: Write } {
    const add = (balance: PoolBalance) => {
      for (const [counter, delta] of Object.entries(balanceDeltas(entry)) as [BalanceCounter, number][])
        balance[counter] += delta;
    };
    return {
      poolBalance: {
        holds: () => !guardGrantAvailable || this.pool.grantAvailableOre >= entry.amountOre,
        apply: () => add(this.pool),
      },
      yearBalance: {
        holds: () => true,
        apply: () => {
          const balance = this.balances.get(entry.year) ?? emptyBalance(entry.year);
          add(balance);
          this.balances.set(entry.year, balance);
        },
      },
      dayBalance: {
        holds: () => true,
        apply: () => {
          const delta = balanceDeltas(entry).availableOre ?? 0;
          const day = `${entry.year}#${movementDate(entry)}`;
          if (delta !== 0) this.days.set(day, (this.days.get(day) ?? 0) + delta);
        },
      },
    };
  }

  ledgerWrite(entry: LedgerEntry): Write {
    return created(this.ledger, `${entry.year}#${entry.at}#${entry.id}`, entry);
  }

  ledgerOf(year: number): LedgerEntry[] {
    return [...this.ledger.entries()]
      .filter(([key]) => key.startsWith(`${year}#`))
      .sort(ascending(([key]) => key))
      .map(([, entry]) => copy(entry));
  }
}

const assignmentKey = (a: Pick<Assignment, 'applicationId' | 'reviewerId'>) =>
  `${a.applicationId}#${a.reviewerId}`;

function fakeCalls(store: FakeStore): CallRepository {
  return {
    get: async (id) => copy(store.calls.get(id)),
    getMany: async (ids) => copiesOf(store.calls, ids),
    listByStatus: async (status) => listed(store.calls, { status }, (c) => `${c.closesAt}#${c.id}`),
    save: (call, audit, expectedVersion) =>
      store.transact(
        { call: versioned(store.calls, call.id, call, expectedVersion) },
        {
          entityPk: `CALL#${call.id}`,
          event: audit,
        },
      ),
  };
}

function fakeApplications(store: FakeStore): ApplicationRepository {
  const byCreation = ascending((a: Application) => `${a.createdAt}#${a.id}`);
  const under = (a: Application, event: AuditEvent) => ({ entityPk: `APP#${a.id}`, event });
  return {
    get: async (id) => copy(store.applications.get(id)),
    getMany: async (ids) =>
      [...new Set(ids)].flatMap((id) => {
        const found = store.applications.get(id);
        return found ? [copy(found)] : [];
      }),
    listByOwner: async (ownerId) =>
      [...store.applications.values()]
        .filter((a) => a.ownerId === ownerId)
        .sort(byCreation)
        .reverse()
        .map(copy),
    listByCall: async (callId) =>
      [...store.applications.values()]
        .filter((a) => a.callId === callId && a.status !== 'draft')
        .sort(byCreation)
        .map(copy),
    listDraftsByCall: async (callId) =>
      [...store.applications.values()]
        .filter((a) => a.callId === callId && a.status === 'draft')
        .sort(byCreation)
        .map(copy),
    listPage: async (filter, { limit, cursor }) => {
      const at = (a: Application) => `${a.createdAt}#${a.id}`;
      if (cursor !== undefined && !/^\d{4}-.+#.+$/.test(cursor)) throw invalidCursor();
      const all = [...store.applications.values()]
        .filter(
          (a) =>
            (!filter.callId || a.callId === filter.callId) &&
            (filter.status ? a.status === filter.status : a.status !== 'draft') &&
            (!filter.focusArea || a.focusArea === filter.focusArea) &&
            (!filter.grantTypeId || a.grantTypeId === filter.grantTypeId) &&
            (!filter.sector || a.partners.some((p) => p.sector === filter.sector)) &&
            (!filter.text ||
              `${a.reference ?? ''} ${a.title ?? ''}`.toLocaleLowerCase('da-DK').includes(filter.text)) &&
            (cursor === undefined || at(a) < cursor),
        )
        .sort(byCreation)
        .reverse();
      const items = all.slice(0, limit);
      const last = items.at(-1);
      return { items: items.map(copy), ...(last && all.length > limit ? { cursor: at(last) } : {}) };
    },
    save: (application, audit, expectedVersion, outbox) =>
      store.transact(
        { application: versioned(store.applications, application.id, application, expectedVersion) },
        under(application, audit),
        outbox,
      ),
    async submit(year, expectedVersion, build) {
      const last = store.referenceCounters.get(year) ?? 0;
      const reference = formatReference(year, last + 1);
      const { application, audit, outbox, flags = [] } = build(reference);
      await store.transact(
        {
          ...Object.fromEntries(
            flags.map((flag, i) => [
              `flag${i}`,
              {
                holds: () => true,
                apply: () => store.organisationFlags.set(flagKey(flag), copy(flag)),
              },
            ]),
          ),
          counter: {
            holds: () => (store.referenceCounters.get(year) ?? 0) === last,
            apply: () => store.referenceCounters.set(year, last + 1),
          },
          application: versioned(store.applications, application.id, application, expectedVersion),
          reference: created(store.references, reference, application.id),
        },
        under(application, audit),
        [outbox],
      );
      return copy(application);
    },
  };
}

function fakeMembers(store: FakeStore): MemberRepository {
  const memberKey = (applicationId: string, userId: string) => `${applicationId}#${userId}`;
  const under = (applicationId: string, event: AuditEvent) => ({ entityPk: `APP#${applicationId}`, event });
  const gone = (m: Member): Write => ({
    holds: () => store.members.has(memberKey(m.applicationId, m.userId)),
    apply: () => store.members.delete(memberKey(m.applicationId, m.userId)),
  });
  const pending = (i: Invitation) => i.status === 'pending';
  return {
    getMember: async (applicationId, userId) => copy(store.members.get(memberKey(applicationId, userId))),
    listMembers: async (applicationId) =>
      listed(store.members, { applicationId }, (m) => `${m.joinedAt}#${m.userId}`),
    listMemberships: async (userId) =>
      listed(store.members, { userId }, (m) => `${m.joinedAt}#${m.applicationId}`)
        .reverse()
        .map((m) => m.applicationId),
    getInvitation: async (id) => copy(store.invitations.get(id)),
    listPendingInvitations: async (applicationId) =>
      listed(
        store.invitations,
        (i) => pending(i) && i.applicationId === applicationId,
        (i) => `${i.invitedAt}#${i.id}`,
      ),
    listInvitationsFor: async (email) =>
      listed(
        store.invitations,
        (i) => pending(i) && i.email === email.toLowerCase(),
        (i) => `${i.invitedAt}#${i.id}`,
      ).reverse(),
    invite: (invitation, audit, outbox) =>
      store.transact(
        { invitation: versioned(store.invitations, invitation.id, invitation) },
        under(invitation.applicationId, audit),
        outbox,
      ),
    accept: (invitation, expectedVersion, member, audit) =>
      store.transact(
        {
          invitation: versioned(store.invitations, invitation.id, invitation, expectedVersion),
          member: created(store.members, memberKey(member.applicationId, member.userId), member),
        },
        under(member.applicationId, audit),
      ),
    revoke: (invitation, expectedVersion, audit) =>
      store.transact(
        { invitation: versioned(store.invitations, invitation.id, invitation, expectedVersion) },
        under(invitation.applicationId, audit),
      ),
    remove: (member, audit) => store.transact({ member: gone(member) }, under(member.applicationId, audit)),
    handOver: (application, expectedVersion, newOwner, formerOwner, audit, outbox) =>
      store.transact(
        {
          application: versioned(store.applications, application.id, application, expectedVersion),
          newOwner: gone(newOwner),
          formerOwner: created(
            store.members,
            memberKey(formerOwner.applicationId, formerOwner.userId),
            formerOwner,
          ),
        },
        under(application.id, audit),
        outbox,
      ),
  };
}

function fakeUsers(store: FakeStore): UserRepository {
  return {
    get: async (userId) => copy(store.users.get(userId)),
    getByEmail: async (email) =>
      copy([...store.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase())),
    listAll: async () => [...store.users.values()].sort(ascending((u) => u.email.toLowerCase())).map(copy),
    // Unconditioned: the directory mirrors the identity provider.
    put: (user, audit) =>
      store.transact(
        { user: { holds: () => true, apply: () => store.users.set(user.userId, copy(user)) } },
        { entityPk: `USER#${user.userId}`, event: audit },
      ),
  };
}

function fakeSessions(store: FakeStore): SessionRepository {
  const set = (map: Map<string, unknown>, key: string, value: unknown) => ({
    holds: () => true,
    apply: () => map.set(key, copy(value)),
  });
  return {
    get: async (idHash) => copy(store.sessions.get(idHash)),
    start: (session, audit) =>
      store.transact(
        { session: set(store.sessions, session.idHash, session) },
        { entityPk: `USER#${session.userId}`, event: audit },
      ),
    async update(session) {
      if (!store.sessions.has(session.idHash)) return false;
      store.sessions.set(session.idHash, copy(session));
      return true;
    },
    end: (idHashes, audit) =>
      store.transact(
        Object.fromEntries(
          idHashes.map((h) => [h, { holds: () => true, apply: () => store.sessions.delete(h) }]),
        ),
        { entityPk: `USER#${audit.entityId}`, event: audit },
      ),
    drop: async (idHash) => {
      store.sessions.delete(idHash);
    },
    listOfUser: async (userId) =>
      [...store.sessions.values()]
        .filter((s) => s.userId === userId)
        .sort(ascending((s) => s.createdAt))
        .map(copy),
    stashForm: async (idHash, form) => {
      store.forms.set(idHash, copy(form));
    },
    takeForm: async (idHash) => {
      const form = store.forms.get(idHash);
      store.forms.delete(idHash);
      return copy(form);
    },
  };
}

function fakeReviews(store: FakeStore): ReviewRepository {
  const list = (keep: (a: Assignment) => boolean, key: (a: Assignment) => string) =>
    listed(store.assignments, keep, key);
  return {
    get: async (applicationId, reviewerId) =>
      copy(store.assignments.get(assignmentKey({ applicationId, reviewerId }))),
    getMany: async (wanted) =>
      wanted.flatMap((k) => {
        const found = store.assignments.get(assignmentKey(k));
        return found ? [copy(found)] : [];
      }),
    listByApplication: async (applicationId) =>
      list(
        (a) => a.applicationId === applicationId,
        (a) => a.reviewerId,
      ),
    listOpenByReviewer: async (reviewerId) =>
      list(
        (a) => a.reviewerId === reviewerId && finishedAt(a) === undefined,
        (a) => `${a.callId}#${a.applicationId}`,
      ),
    listFinishedByReviewer: async (reviewerId, { limit, cursor }) => {
      const all = list(
        (a) => a.reviewerId === reviewerId && finishedAt(a) !== undefined,
        (a) => `${finishedAt(a)}#${a.applicationId}`,
      )
        .map((a) => ({ a, at: `${finishedAt(a)}#${a.applicationId}` }))
        .reverse()
        .filter(({ at }) => !cursor || at < cursor);
      const items = all.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(({ a }) => a),
        ...(last && all.length > limit ? { cursor: last.at } : {}),
      };
    },
    listByCall: async (callId) =>
      list(
        (a) => a.callId === callId,
        (a) => assignmentKey(a),
      ),
    save: (assignment, audit, expectedVersion, outbox) =>
      store.transact(
        { assignment: versioned(store.assignments, assignmentKey(assignment), assignment, expectedVersion) },
        { entityPk: `APP#${assignment.applicationId}`, event: audit },
        outbox,
      ),
    remove: (assignment, audit, outbox) =>
      store.transact(
        {
          assignment: {
            holds: () => store.assignments.get(assignmentKey(assignment))?.version === assignment.version,
            apply: () => store.assignments.delete(assignmentKey(assignment)),
          },
        },
        { entityPk: `APP#${assignment.applicationId}`, event: audit },
        outbox,
      ),
  };
}

function fakeMinutes(store: FakeStore): MinutesRepository {
  const key = (m: Pick<MinutesVersion, 'meetingId' | 'number'>) =>
    `${m.meetingId}#${String(m.number).padStart(4, '0')}`;
  return {
    list: async (meetingId) => listed(store.minutes, { meetingId }, key),
    save: (minutes, audit, expectedVersion) =>
      store.transact(
        { minutes: versioned(store.minutes, key(minutes), minutes, expectedVersion) },
        { entityPk: `MEETING#${minutes.meetingId}`, event: audit },
      ),
  };
}

function fakeDecisions(store: FakeStore): DecisionRepository {
  const approvedOre = async (callId: string) => store.approvedOre.get(callId) ?? 0;
  return {
    approvedOre,
    getMeeting: async (id) => copy(store.meetings.get(id)),
    listMeetings: async (callId) => listed(store.meetings, { callId }, (m) => `${m.heldAt}#${m.id}`),
    recordMeeting: (meeting, audit, decisions, approvedDeltaOre, budgetOre) =>
      store.transact(
        {
          budget: {
            holds: () => (store.approvedOre.get(meeting.callId) ?? 0) <= budgetOre - approvedDeltaOre,
            apply: () =>
              store.approvedOre.set(
                meeting.callId,
                (store.approvedOre.get(meeting.callId) ?? 0) + approvedDeltaOre,
              ),
          },
          meeting: created(store.meetings, meeting.id, meeting),
          ...Object.fromEntries(
            decisions.map((d) => [
              `application:${d.application.id}`,
              versioned(store.applications, d.application.id, d.application, d.expectedVersion),
            ]),
          ),
        },
        [
          { entityPk: `MEETING#${meeting.id}`, event: audit },
          ...decisions.map((d) => ({ entityPk: `APP#${d.application.id}`, event: d.audit })),
        ],
        decisions.map((d) => d.letter),
        {
          budget: async () => budgetExceeded(await approvedOre(meeting.callId), approvedDeltaOre, budgetOre),
        },
      ),
  };
}

/** The closing of an award (award-closing.ts): the closed award while committed at the version read, its release. */
function closingWrites(store: FakeStore, closing: AwardClosing): Record<string, Write> {
  const { award, release } = closing;
  return {
    award: {
      holds: () => {
        const now = store.awards.get(award.applicationId);
        return now?.version === closing.expectedVersion && now.status === 'committed';
      },
      apply: () => store.awards.set(award.applicationId, copy(award)),
    },
    ...(release ? { release: store.ledgerWrite(release), ...store.balanceWrites(release) } : {}),
  };
}

function fakeAwards(store: FakeStore): AwardRepository {
  const get = async (applicationId: string) => copy(store.awards.get(applicationId));
  const under = (award: Award) => `AWARD#${award.applicationId}`;
  const byCommitment = (a: Award) => `${a.committedAt}#${a.applicationId}`;
  return {
    get,
    getMany: async (ids) => copiesOf(store.awards, ids),
    listByOwner: async (ownerId) => listed(store.awards, { ownerId }, byCommitment),
    listAll: async () => listed(store.awards, {}, byCommitment),
    listNewest: async ({ limit, cursor }) => {
      const all = [...store.awards.values()]
        .map((a) => ({ a, at: byCommitment(a) }))
        .sort(ascending(({ at }) => at))
        .reverse()
        .filter(({ at }) => !cursor || at < cursor);
      const items = all.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(({ a }) => copy(a)),
        ...(last && all.length > limit ? { cursor: last.at } : {}),
      };
    },
    entries: async (applicationId) =>
      listed(store.ledger, { awardId: applicationId }, (e) => `${e.at}#${e.id}`),
    commit: (award, entry, audit, applicationVersion, reports) =>
      store.transact(
        {
          ...store.balanceWrites(entry, true),
          award: versioned(store.awards, award.applicationId, award),
          application: {
            holds: () => {
              const application = store.applications.get(award.applicationId);
              return application?.status === 'approved' && application.version === applicationVersion;
            },
            apply: () => {},
          },
          ledger: store.ledgerWrite(entry),
          ...Object.fromEntries(
            reports.map((r) => [
              `report:${r.reportId}`,
              versioned(store.reports, `${r.applicationId}#${r.reportId}`, r),
            ]),
          ),
        },
        { entityPk: under(award), event: audit },
        [],
        {
          award: alreadyAccepted,
          application: versionConflict,
          poolBalance: () => insufficientFunds(award.amountOre, store.pool.grantAvailableOre),
        },
      ),
    getDisbursementClaim: async (applicationId, key) =>
      copy(store.disbursementClaims.get(`${applicationId}#${key}`)),
    async move({ award, entry, audit, claim, outbox }) {
      const disbursement = entry.kind === 'disbursement';
      if (!disbursement && entry.kind !== 'refund') throw new Error(`Not an award movement: ${entry.kind}`);
      const field = disbursement ? 'disbursedOre' : 'refundedOre';
      await store.transact(
        {
          claim: claimOf(store.disbursementClaims, award.applicationId, claim, entry),
          award: {
            // amountOre never changes and disbursedOre only grows, so limits from the figures read are sound.
            holds: () => {
              const now = store.awards.get(award.applicationId);
              if (!now) return false;
              return disbursement
                ? now.status === 'committed' && now.disbursedOre <= award.amountOre - entry.amountOre
                : now.refundedOre <= award.disbursedOre - entry.amountOre &&
                    now.disbursedOre >= award.disbursedOre;
            },
            apply: () => {
              const now = store.awards.get(award.applicationId) as Award;
              now.version += 1;
              now.updatedAt = entry.at;
              now[field] += entry.amountOre;
            },
          },
          ledger: store.ledgerWrite(entry),
          ...store.balanceWrites(entry),
        },
        { entityPk: under(award), event: audit },
        outbox ?? [],
        {
          claim: keyClaimed,
          award: async () => {
            const now = await get(award.applicationId);
            if (!now) return versionConflict();
            if (disbursement && now.status !== 'committed') return awardClosed();
            return disbursement ? overRemaining(now, entry.amountOre) : overRefundable(now, entry.amountOre);
          },
        },
      );
    },
    close: (closing) =>
      store.transact(
        closingWrites(store, closing),
        { entityPk: under(closing.award), event: closing.audit },
        [],
        {
          award: async () =>
            (await get(closing.award.applicationId))?.status === 'closed' ? awardClosed() : versionConflict(),
        },
      ),
  };
}

/** Reports still waiting for their reminder (the pending index). */
const pending = (r: Report) => (r.status === 'due' || r.status === 'returned') && !r.reminderQueuedAt;

function fakeReports(store: FakeStore): ReportRepository {
  const key = (r: Pick<Report, 'applicationId' | 'reportId'>) => `${r.applicationId}#${r.reportId}`;
  const under = (r: Report) => `AWARD#${r.applicationId}`;
  return {
    listByAward: async (applicationId) => listed(store.reports, { applicationId }, (r) => r.reportId),
    get: async (applicationId, reportId) => copy(store.reports.get(key({ applicationId, reportId }))),
    async create(reports, audit) {
      const first = reports[0];
      if (!first) return;
      await store.transact(
        Object.fromEntries(reports.map((r) => [`report:${r.reportId}`, versioned(store.reports, key(r), r)])),
        { entityPk: under(first), event: audit },
      );
    },
    save: (report, expectedVersion, audit, closing) =>
      // Any failed condition (the report's version, or the award's) is a change made meanwhile: 409.
      store.transact(
        {
          report: versioned(store.reports, key(report), report, expectedVersion),
          ...(closing ? closingWrites(store, closing) : {}),
        },
        [
          { entityPk: under(report), event: audit },
          ...(closing ? [{ entityPk: `AWARD#${closing.award.applicationId}`, event: closing.audit }] : []),
        ],
      ),
    listAwaiting: async () =>
      [...store.reports.values()]
        .filter((r) => r.status === 'submitted')
        .map(({ applicationId, reportId }) => ({ applicationId, reportId })),
    pendingDueBy: async (until) =>
      listed(
        store.reports,
        (r) => pending(r) && r.dueDate <= until,
        (r) => `${r.dueDate}#${r.applicationId}#${r.reportId}`,
      ),
    async queueReminder(report, expectedVersion, message, audit) {
      try {
        await store.transact(
          {
            report: {
              holds: () => {
                const now = store.reports.get(key(report));
                return now?.version === expectedVersion && !now.reminderQueuedAt;
              },
              apply: () => store.reports.set(key(report), copy(report)),
            },
          },
          { entityPk: under(report), event: audit },
          [message],
        );
        return true;
      } catch (error) {
        // Reminded or changed since it was read (another run got there first): nothing to do.
        if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return false;
        throw error;
      }
    },
  };
}

const invalidCursor = () =>
  new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_CURSOR' },
    { errors: [{ pointer: '/query/cursor', code: 'invalid_cursor' }] },
  );

function fakeFinance(store: FakeStore): FinanceRepository {
  const figureKey = (partyId: string, year: number) => `${partyId}#${year}`;
  const contributionKey = (year: number, partyId: string) => `${year}#${partyId}`;
  const yearBalance = (year: number): Balance => copy(store.balances.get(year) ?? emptyBalance(year));
  return {
    getPopulations: async (wanted) =>
      wanted.flatMap((w) => {
        const figure = store.populations.get(figureKey(w.partyId, w.year));
        return figure ? [copy(figure)] : [];
      }),
    latestPopulations: async () =>
      [...store.populations.values()]
        .sort(ascending((f) => `${f.year}#${f.partyId}`))
        .reverse()
        .map(copy),
    savePopulations: (writes, audit) =>
      store.transact(
        Object.fromEntries(
          writes.map((w) => [
            `population:${w.figure.partyId}:${w.figure.year}`,
            versioned(
              store.populations,
              figureKey(w.figure.partyId, w.figure.year),
              w.figure,
              w.expectedVersion,
            ),
          ]),
        ),
        { entityPk: 'POPULATION_IMPORTS', event: audit },
      ),
    getYear: async (year) => copy(store.years.get(year)),
    saveYear: (settings, audit, expectedVersion, grantShareChanged) =>
      store.transact(
        {
          settings: {
            holds: () =>
              expectedVersion === undefined
                ? !store.years.has(settings.year)
                : store.years.get(settings.year)?.version === expectedVersion,
            apply: () => store.years.set(settings.year, copy(settings)),
          },
          // A payment's split is fixed when booked: the share may change only while the year received nothing.
          nothingReceived: grantShareChanged
            ? { holds: () => yearBalance(settings.year).receivedOre === 0, apply: () => {} }
            : undefined,
        },
        { entityPk: `FINYEAR#${settings.year}`, event: audit },
        [],
        { nothingReceived: () => grantShareLocked(settings.year) },
      ),
    getYearAndBalance: async (year) => {
      const settings = store.years.get(year);
      return {
        ...(settings ? { settings: copy(settings) } : {}),
        balance: yearBalance(year),
        pool: copy(store.pool),
      };
    },
    listBalances: async () => ({
      years: [...store.balances.values()].sort((a, b) => a.year - b.year).map(copy),
      pool: copy(store.pool),
    }),
    getContribution: async (year, partyId) => copy(store.contributions.get(contributionKey(year, partyId))),
    listContributions: async (year) => listed(store.contributions, { year }, (c) => c.partyId),
    getContributions: async (year, partyIds) =>
      partyIds.flatMap((id) => {
        const found = store.contributions.get(contributionKey(year, id));
        return found ? [copy(found)] : [];
      }),
    saveContributions: (year, writes, audit, outbox) =>
      store.transact(
        Object.fromEntries(
          writes.map((w) => [
            `contribution:${w.contribution.partyId}`,
            versioned(
              store.contributions,
              contributionKey(year, w.contribution.partyId),
              w.contribution,
              w.expectedVersion,
            ),
          ]),
        ),
        { entityPk: `FINYEAR#${year}`, event: audit },
        outbox ?? [],
      ),
    getPaymentClaim: async (year, partyId, key) => copy(store.paymentClaims.get(`${year}#${partyId}#${key}`)),
    async recordMovement({ entry, audit, claim, expectedVersion, outbox }) {
      const partyId = entry.partyId;
      const field =
        entry.kind === 'contribution_received'
          ? 'paidOre'
          : entry.kind === 'adjustment'
            ? 'adjustmentsOre'
            : undefined;
      if (!partyId || !field) throw new Error(`Not a contribution movement: ${entry.kind}`);
      const key = contributionKey(entry.year, partyId);
      await store.transact(
        {
          claim: claimOf(store.paymentClaims, `${entry.year}#${partyId}`, claim, entry),
          contribution: {
            holds: () =>
              store.contributions.has(key) &&
              (expectedVersion === undefined || store.contributions.get(key)?.version === expectedVersion),
            apply: () => {
              const now = store.contributions.get(key) as Contribution;
              now.version += 1;
              now.updatedAt = entry.at;
              now[field] += entry.amountOre;
            },
          },
          ledger: store.ledgerWrite(entry),
          ...store.balanceWrites(entry),
        },
        { entityPk: `CONTRIB#${entry.year}#${partyId}`, event: audit },
        outbox ?? [],
        {
          claim: keyClaimed,
          contribution: () => (expectedVersion === undefined ? notFound('contribution') : versionConflict()),
        },
      );
    },
    async listLedger(year, page) {
      const entries = store.ledgerOf(year);
      let from = 0;
      if (page.cursor) {
        let at: string | undefined;
        try {
          at = (JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as { position?: string })
            .position;
        } catch {
          // refused below
        }
        if (typeof at !== 'string' || !at.startsWith(`${year}#`)) throw invalidCursor();
        from = entries.findIndex((e) => `${e.year}#${e.at}#${e.id}` > (at as string));
        if (from < 0) from = entries.length;
      }
      const items = entries.slice(from, from + page.limit);
      const last = items.at(-1);
      // As DynamoDB: a page cut by the limit says where it stopped, even when nothing follows.
      return {
        items,
        ...(items.length === page.limit && last
          ? {
              cursor: Buffer.from(
                JSON.stringify({ position: `${last.year}#${last.at}#${last.id}` }),
              ).toString('base64url'),
            }
          : {}),
      };
    },
    dayMovements: async (year) =>
      [...store.days.entries()]
        .filter(([key]) => key.startsWith(`${year}#`))
        .map(([key, amountOre]) => ({ date: key.slice(5), amountOre }))
        .sort(ascending((d) => d.date)),
    allLedgerEntries: async (year) => store.ledgerOf(year),
    contributionEntries: async (year, partyId) => store.ledgerOf(year).filter((e) => e.partyId === partyId),
    getContributionsOfParty: async (partyId, years) =>
      years.flatMap((year) => {
        const found = store.contributions.get(contributionKey(year, partyId));
        return found ? [copy(found)] : [];
      }),
  };
}

/** The sort key of a message in its status's index partition (as functions/db/transact.ts `messageItem`). */
const statusSortKey = (m: StoredMessage) => `${queueTime(m)}#${m.id}`;

/** A page of `list` newest first by `sortKey`, after the cursor's position (opaque: a base64url position). */
function pageAfter(
  found: StoredMessage[],
  sortKey: (m: StoredMessage) => string,
  page: { limit: number; cursor?: string },
): MessagePage {
  const sorted = found.sort(ascending(sortKey)).reverse();
  let from = 0;
  if (page.cursor !== undefined) {
    let after: unknown;
    try {
      after = (JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as { after?: unknown })
        .after;
    } catch {
      // refused below
    }
    if (typeof after !== 'string') throw invalidCursor();
    from = sorted.findIndex((m) => sortKey(m) < (after as string));
    if (from < 0) from = sorted.length;
  }
  const items = sorted.slice(from, from + page.limit).map(copy);
  const last = items.at(-1);
  return {
    items,
    ...(items.length === page.limit && last
      ? { cursor: Buffer.from(JSON.stringify({ after: sortKey(last) })).toString('base64url') }
      : {}),
  };
}

function fakeMessages(store: FakeStore): MessageRepository {
  /** The message's next state, written only over the version read (and the lease, when one is held). */
  const put = (next: StoredMessage, expectedVersion: number, leaseToken?: string): Write => ({
    holds: () => {
      const now = store.messages.get(next.id);
      return now?.version === expectedVersion && (leaseToken === undefined || now.leaseToken === leaseToken);
    },
    apply: () => store.messages.set(next.id, copy(next)),
  });
  const written = async (write: Promise<void>) => {
    try {
      await write;
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return false;
      throw error;
    }
  };
  return {
    get: async (id) => copy(store.messages.get(id)),
    listDue: async (now, limit) =>
      [...store.messages.values()]
        .filter((m) => claimable(m, now))
        .sort(ascending(statusSortKey))
        .slice(0, limit)
        .map(copy),
    async claim(read, lease) {
      const claimed = claimedState(read, lease);
      return (await written(store.transact({ message: put(claimed, read.version) }, 'housekeeping')))
        ? copy(claimed)
        : undefined;
    },
    settle: (claimed, next, audit) =>
      written(
        store.transact(
          { message: put(next, claimed.version, claimed.leaseToken) },
          audit ? { entityPk: casePk(claimed.case), event: audit } : 'housekeeping',
        ),
      ),
    recordDelivery: (next, expectedVersion, audit) =>
      store.transact({ message: put(next, expectedVersion) }, { entityPk: casePk(next.case), event: audit }),
    listByRecipient: async (email, page) =>
      pageAfter(
        [...store.messages.values()].filter((m) => m.to !== '' && m.to.toLowerCase() === email.toLowerCase()),
        (m) => `${m.createdAt}#${m.id}`,
        page,
      ),
    list: async (filter, page) =>
      pageAfter(
        [...store.messages.values()].filter(
          (m) =>
            (!filter.status || m.status === filter.status) &&
            (!filter.kind || m.kind === filter.kind) &&
            (!filter.caseKind || m.case.kind === filter.caseKind),
        ),
        statusSortKey,
        page,
      ),
    resend: (original, message, audit) => {
      const stored = { ...storedMessage(message), resendOf: original.id };
      return store.transact(
        {
          original: put(
            { ...original, resentAs: message.id, version: original.version + 1 },
            original.version,
          ),
          message: created(store.messages, message.id, stored),
        },
        { entityPk: casePk(stored.case), event: audit },
      );
    },
  };
}

function fakeParties(store: FakeStore): PartyRepository {
  return {
    list: async () => [...store.parties.values()].sort(ascending((p) => p.name)).map((p) => copy(p)),
    get: async (partyId) => copy(store.parties.get(partyId)),
    save: (party, audit, expectedVersion) =>
      store.transact(
        {
          party: versioned(
            store.parties,
            party.id,
            party,
            expectedVersion === 0 ? undefined : expectedVersion,
          ),
        },
        { entityPk: `PARTY#${party.id}`, event: audit },
      ),
    history: async (partyId) =>
      store.audit.filter((a) => a.entityPk === `PARTY#${partyId}`).map((a) => copy(a.event)),
  };
}

/** The case record as the audit table keeps it: a case's events oldest first; the cursor is how many were read. */
function fakeCaseRecord(store: FakeStore): CaseRecordRepository {
  return {
    page: async (ref, query) => {
      const pk = casePk(ref);
      const from = query.cursor === undefined ? 0 : Number(query.cursor);
      if (!Number.isInteger(from) || from < 0)
        throw new AppError('VALIDATION_FAILED', { code: 'INVALID_CURSOR' });
      const all = store.audit
        .filter((a) => a.entityPk === pk)
        .map((a) => a.event)
        .sort((a, b) => a.at.localeCompare(b.at));
      const matching = all
        .map((event, i) => ({ event, i }))
        .filter(
          ({ event, i }) =>
            i >= from &&
            (!query.action || event.action === query.action) &&
            (!query.actorId || event.actor.userId === query.actorId),
        );
      const kept = matching.slice(0, query.limit);
      const last = kept.at(-1);
      return {
        events: kept.map((k) => copy(k.event)),
        ...(matching.length > query.limit && last ? { nextCursor: String(last.i + 1) } : {}),
      };
    },
    recordView: (ref, event) => store.transact({}, { entityPk: casePk(ref), event }),
  };
}

function fakeOrganisations(store: FakeStore): OrganisationRepository {
  const byName = () =>
    [...store.organisations.values()]
      .sort(ascending((o) => `${normaliseOrganisation(o.name)}#${o.id}`))
      .map((o) => copy(o));
  return {
    list: async () => byName(),
    search: async (prefix, limit) =>
      byName()
        .filter((o) => normaliseOrganisation(o.name).startsWith(normaliseOrganisation(prefix)))
        .slice(0, limit),
    async page(prefix, { limit, cursor }) {
      const key = (o: Organisation) => `${normaliseOrganisation(o.name)}#${o.id}`;
      const after = cursor === undefined ? undefined : Buffer.from(cursor, 'base64url').toString('utf8');
      if (after !== undefined && !/#[\w-]{1,64}$/.test(after))
        throw new AppError(
          'VALIDATION_FAILED',
          { code: 'INVALID_CURSOR' },
          { errors: [{ pointer: '/query/cursor', code: 'invalid_cursor' }] },
        );
      const matching = byName().filter(
        (o) =>
          normaliseOrganisation(o.name).startsWith(normaliseOrganisation(prefix)) &&
          (after === undefined || key(o) > after),
      );
      const items = matching.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        ...(matching.length > limit && last
          ? { cursor: Buffer.from(key(last), 'utf8').toString('base64url') }
          : {}),
      };
    },
    get: async (id) => copy(store.organisations.get(id)),
    save: (organisation, audit, expectedVersion) =>
      store.transact(
        { organisation: versioned(store.organisations, organisation.id, organisation, expectedVersion) },
        { entityPk: `ORG#${organisation.id}`, event: audit },
      ),
    history: async (id) => store.audit.filter((a) => a.entityPk === `ORG#${id}`).map((a) => copy(a.event)),
    listFlags: async () => [...store.organisationFlags.values()].sort(ascending(flagKey)).map((f) => copy(f)),
    flagsOf: async (key) =>
      [...store.organisationFlags.values()].filter((f) => f.key === key).map((f) => copy(f)),
    clearFlag: (flag, audit) =>
      store.transact(
        {
          flag: {
            holds: () => true,
            apply: () => store.organisationFlags.delete(flagKey(flag)),
          },
        },
        { entityPk: flagSource(flag), event: audit },
      ),
  };
}

/** A flag's key in the store, as its index sort key orders it (functions/db/keys.ts organisationFlag). */
const flagKey = (flag: OrganisationFlag) => `${flag.key}#${flag.applicationId ?? flagSource(flag)}`;

function fakeProfiles(store: FakeStore): ProfileRepository {
  const unflag = (key: string, userId: string): Write => ({
    holds: () => true,
    apply: () => store.organisationFlags.delete(`${key}#USER#${userId}`),
  });
  return {
    get: async (userId) => copy(store.ownOrganisations.get(userId)),
    list: async () =>
      [...store.ownOrganisations.values()].sort(ascending((p) => p.userId)).map((p) => copy(p)),
    save: (profile, audit, expectedVersion, { flag, unflagKey }) =>
      store.transact(
        {
          profile: versioned(store.ownOrganisations, profile.userId, profile, expectedVersion),
          ...(flag
            ? {
                flag: {
                  holds: () => true,
                  apply: () => store.organisationFlags.set(flagKey(flag), copy(flag)),
                },
              }
            : {}),
          ...(unflagKey ? { unflag: unflag(unflagKey, profile.userId) } : {}),
        },
        { entityPk: `USER#${profile.userId}`, event: audit },
      ),
    clear: (profile, audit, unflagKey) =>
      store.transact(
        {
          profile: {
            holds: () => store.ownOrganisations.get(profile.userId)?.version === profile.version,
            apply: () => store.ownOrganisations.delete(profile.userId),
          },
          ...(unflagKey ? { unflag: unflag(unflagKey, profile.userId) } : {}),
        },
        { entityPk: `USER#${profile.userId}`, event: audit },
      ),
  };
}

function fakeConflictRulings(store: FakeStore): ConflictRulingRepository {
  return {
    list: async () => [...store.conflictRulings.values()].map((r) => copy(r)),
    create: (ruling, audit) =>
      store.transact(
        { ruling: created(store.conflictRulings, `${ruling.applicationId}#${ruling.userId}`, ruling) },
        { entityPk: `APP#${ruling.applicationId}`, event: audit },
      ),
  };
}

function fakeReminders(store: FakeStore): ReminderRepository {
  return {
    async queueOnce(marker, message, audit) {
      try {
        await store.transact(
          { marker: created(store.reminders, marker, message.id) },
          // As functions/db/reminders.repository.ts keeps it: under the award, the call or the application.
          {
            entityPk: casePk({
              kind:
                audit.entityType === 'award' || audit.entityType === 'call'
                  ? audit.entityType
                  : 'application',
              id: audit.entityId,
            }),
            event: audit,
          },
          [message],
        );
        return true;
      } catch (error) {
        if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return false;
        throw error;
      }
    },
  };
}

const documentKey = (d: Pick<Document, 'applicationId' | 'id'>) => `${d.applicationId}#${d.id}`;

function fakeDocuments(store: FakeStore): DocumentRepository {
  const removed = (d: Document): Write => ({
    holds: () => store.documents.get(documentKey(d))?.version === d.version,
    apply: () => store.documents.delete(documentKey(d)),
  });
  const under = (d: Document, event: AuditEvent) => ({ entityPk: `APP#${d.applicationId}`, event });
  return {
    get: async (applicationId, documentId) => {
      const found = store.documents.get(`${applicationId}#${documentId}`);
      return found && copy(found);
    },
    find: async (documentId) => listed(store.documents, (d) => d.id === documentId, documentKey)[0],
    listByApplication: async (applicationId) =>
      listed(store.documents, { applicationId }, (d) => `${d.createdAt}#${d.id}`),
    save: (document, audit, expectedVersion, options = {}) =>
      store.transact(
        {
          document: versioned(store.documents, documentKey(document), document, expectedVersion),
          ...Object.fromEntries((options.replaces ?? []).map((d) => [`replaced:${d.id}`, removed(d)])),
        },
        under(document, audit),
        options.outbox,
      ),
    remove: (document, audit) => store.transact({ document: removed(document) }, under(document, audit)),
  };
}

/**
 * The file store in memory: `put` stands for the browser's upload (what S3 would hold: its size and the type its
 * bytes show). `scans` as in AWS unless told.
 */
export function fakeFiles(
  store: FakeStore,
  scans = true,
): FileStore & { put(key: string, file: StoredFile): void } {
  return {
    scans,
    origin: 'https://files.example',
    put: (key, file) => store.files.set(key, copy(file)),
    presignUpload: async ({ key }) => ({ url: 'https://files.example/', fields: { key } }),
    presignDownload: async ({ key, fileName }) =>
      `https://files.example/${key}?download=${encodeURIComponent(fileName)}`,
    inspect: async (key) => {
      const found = store.files.get(key);
      return found && { sizeBytes: found.sizeBytes, ...(found.detected ? { detected: found.detected } : {}) };
    },
    // The fake holds no bytes: a stand-in digest of what it holds, stable per object.
    checksum: async (key) => {
      const found = store.files.get(key);
      if (!found) throw new Error(`no object ${key}`);
      const digest = await crypto.subtle.digest(
        'SHA-256',
        new TextEncoder().encode(`${key}:${found.sizeBytes}`),
      );
      return Buffer.from(digest).toString('hex');
    },
    delete: async (key) => {
      store.files.delete(key);
    },
    quarantine: async (key) => {
      const found = store.files.get(key);
      if (found) found.tags = { 'fim-quarantine': 'infected' };
    },
  };
}

export interface Fakes {
  /** The core's dependencies, every port faked in memory. */
  deps: CoreDeps;
  clock: TestClock;
  store: FakeStore;
}

/** The ports faked in memory around one store, with a clock at `now` (1 March 2027, 09:00 UTC, unless told). */
export function createFakes(options: { now?: string; users?: readonly UserProfile[] } = {}): Fakes {
  const store = new FakeStore();
  for (const user of options.users ?? []) store.users.set(user.userId, copy(user));
  const clock = new TestClock(new Date(options.now ?? '2027-03-01T09:00:00Z'));
  const deps: CoreDeps = {
    caseRecord: fakeCaseRecord(store),
    privacyNotice: {
      seen: async (userId) => store.privacySeen.has(userId),
      markSeen: async (userId, _at, event) => {
        if (store.privacySeen.has(userId)) return;
        await store.transact({}, { entityPk: `USER#${userId}`, event });
        store.privacySeen.add(userId);
      },
    },
    erasures: fakeErasures(store),
    calls: fakeCalls(store),
    applications: fakeApplications(store),
    members: fakeMembers(store),
    users: fakeUsers(store),
    reviews: fakeReviews(store),
    decisions: fakeDecisions(store),
    minutes: fakeMinutes(store),
    finance: fakeFinance(store),
    awards: fakeAwards(store),
    reports: fakeReports(store),
    messages: fakeMessages(store),
    parties: fakeParties(store),
    reminders: fakeReminders(store),
    documents: fakeDocuments(store),
    files: fakeFiles(store),
    sessions: fakeSessions(store),
    organisations: fakeOrganisations(store),
    conflictRulings: fakeConflictRulings(store),
    profiles: fakeProfiles(store),
    exports: fakeExports(store),
    clock,
  };
  return { deps, clock, store };
}

/** Erasure requests and the retention job's reads and writes (functions/db/erasure.repository.ts). */
function fakeErasures(store: FakeStore): ErasureRepository {
  const memberKey = (m: Pick<Member, 'applicationId' | 'userId'>) => `${m.applicationId}#${m.userId}`;
  const removed = <T>(map: Map<string, T>, key: string, still: (item: T) => boolean): Write => ({
    holds: () => map.has(key) && still(map.get(key) as T),
    apply: () => map.delete(key),
  });
  const userPut = (profile: UserProfile): Write => ({
    holds: () => true,
    apply: () => store.users.set(profile.userId, copy(profile)),
  });
  const documentsRemoved = (documents: readonly Document[]) =>
    Object.fromEntries(
      documents.map((d) => [
        `document:${d.id}`,
        removed(store.documents, `${d.applicationId}#${d.id}`, (x) => x.version === d.version),
      ]),
    );
  return {
    get: async (userId) => copy(store.erasures.get(userId)),
    list: async ({ limit }) => ({
      items: listed(
        store.erasures,
        () => true,
        (e) => `${e.requestedAt}#${e.userId}`,
      )
        .reverse()
        .slice(0, limit),
    }),
    // As the waiting partition holds them: waiting for kept cases, or with messages left to anonymise.
    listWaitingUntil: async (until) => {
      const waitingSince = (e: ErasureRecord) =>
        (e.messagesLeft?.length ?? 0) > 0
          ? e.requestedAt
          : e.state === 'waiting-retention'
            ? e.keptUntil
            : undefined;
      return listed(
        store.erasures,
        (e) => (waitingSince(e) ?? '\uffff') <= until,
        (e) => `${waitingSince(e)}#${e.userId}`,
      );
    },
    anonymiseMessage: (message, expectedVersion, event) =>
      store.transact(
        { message: versioned(store.messages, message.id, message, expectedVersion) },
        { entityPk: casePk(message.case), event },
      ),
    messagesOfCase: async (c) =>
      listed(
        store.messages,
        (m) => m.case.kind === c.kind && m.case.id === c.id,
        (m) => `${m.createdAt}#${m.id}`,
      ),
    save: (erasure, expectedVersion, event) =>
      store.transact(
        { erasure: versioned(store.erasures, erasure.userId, erasure, expectedVersion) },
        { entityPk: `USER#${erasure.userId}`, event },
      ),
    record: (erasure, profile, event, message) =>
      store.transact(
        { erasure: versioned(store.erasures, erasure.userId, erasure), profile: userPut(profile) },
        { entityPk: `USER#${erasure.userId}`, event },
        [message],
      ),
    complete: (erasure, expectedVersion, profile, event) =>
      store.transact(
        {
          erasure: versioned(store.erasures, erasure.userId, erasure, expectedVersion),
          profile: userPut(profile),
        },
        { entityPk: `USER#${erasure.userId}`, event },
      ),
    deleteDraft: ({ application, documents, members, audit }) =>
      store.transact(
        {
          application: removed(store.applications, application.id, (a) => a.version === application.version),
          ...documentsRemoved(documents),
          ...Object.fromEntries(
            members.map((m) => [`member:${m.userId}`, removed(store.members, memberKey(m), () => true)]),
          ),
        },
        { entityPk: `APP#${application.id}`, event: audit },
      ),
    anonymise: ({ application, expectedVersion, award, members, documents, audit }) =>
      store.transact(
        {
          application: versioned(store.applications, application.id, application, expectedVersion),
          award: award
            ? versioned(store.awards, award.award.applicationId, award.award, award.expectedVersion)
            : undefined,
          ...Object.fromEntries(
            members.map((m): [string, Write] => [
              `member:${m.userId}`,
              {
                holds: () => store.members.has(memberKey(m)),
                apply: () => store.members.set(memberKey(m), copy(m)),
              },
            ]),
          ),
          ...documentsRemoved(documents),
        },
        { entityPk: `APP#${application.id}`, event: audit },
      ),
    draftsUntouchedSince: async (bound) =>
      listed(
        store.applications,
        (a) => a.status === 'draft' && a.updatedAt <= bound,
        (a) => `${a.updatedAt}#${a.id}`,
      ),
    createdBefore: async (status, bound) =>
      listed(
        store.applications,
        (a) => a.status === status && a.createdAt <= bound,
        (a) => `${a.createdAt}#${a.id}`,
      ),
    reminded: async (marker) => store.reminders.has(marker),
    saveRun: (run) => store.transact({ run: created(store.retentionRuns, run.id, run) }, 'housekeeping'),
    listRuns: async (limit) =>
      listed(
        store.retentionRuns,
        () => true,
        (r) => `${r.at}#${r.id}`,
      )
        .reverse()
        .slice(0, limit),
  };
}

/** Exports in memory; their events under the case or the person, as functions/db keeps them. */
function fakeExports(store: FakeStore): ExportRepository {
  const pkOf = (job: ExportJob) => casePk({ kind: job.subject.kind, id: job.subject.id });
  return {
    get: async (id) => copy(store.exports.get(id)),
    create: (job, event) =>
      store.transact({ export: created(store.exports, job.id, job) }, { entityPk: pkOf(job), event }),
    save: (job, expectedVersion, event) =>
      store.transact(
        { export: versioned(store.exports, job.id, job, expectedVersion) },
        { entityPk: pkOf(job), event },
      ),
    listQueued: async (limit) =>
      [...store.exports.values()]
        .filter((j) => j.status === 'queued')
        .sort(ascending((j) => `${j.createdAt}#${j.id}`))
        .slice(0, limit)
        .map((j) => copy(j)),
    recordLink: (job, event) => store.transact({}, { entityPk: pkOf(job), event }),
    // As the index by actor and the person's record sort: by the event's sort key (`AUDIT#<at>#<id>`).
    eventsByActor: async (userId, page) =>
      eventPage(
        store.audit.filter((a) => a.event.actor.userId === userId),
        page,
      ),
    eventsAbout: async (userId, page) =>
      eventPage(
        store.audit.filter((a) => a.entityPk === `USER#${userId}`),
        page,
      ),
    // Every event the fakes hold was written with its entry in the index by actor: none from before it.
    eventsByActorBeforeIndex: async () => [],
  };
}

/** A page of events in the audit table's order; the cursor is how many were read. */
function eventPage(
  found: readonly { entityPk: string; event: AuditEvent }[],
  page: { limit: number; cursor?: string },
): { events: AuditEvent[]; cursor?: string } {
  const from = page.cursor === undefined ? 0 : Number(page.cursor);
  if (!Number.isInteger(from) || from < 0)
    throw new AppError('VALIDATION_FAILED', { code: 'INVALID_CURSOR' });
  const sorted = [...found].sort(ascending((a) => `AUDIT#${a.event.at}#${a.event.id}#${a.entityPk}`));
  const events = sorted.slice(from, from + page.limit).map((a) => copy(a.event));
  return {
    events,
    ...(from + page.limit < sorted.length ? { cursor: String(from + page.limit) } : {}),
  };
}
