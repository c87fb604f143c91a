import type { Application } from './applications/application.schema.js';
import type { AuditEvent, OutboxMessage } from './audit/audit.js';
import type { Principal } from './auth/principal.js';
import type { Call, CallStatus } from './calls/call.schema.js';
import type { Meeting } from './decisions/decision.schema.js';
import type { Assignment } from './reviews/review.schema.js';
import type { Clock } from './shared/time.js';
import type { Lang } from './shared/validation.js';

/*
 * What the core needs from storage. The DynamoDB implementations live in functions/db; every write takes the
 * audit event it must commit with, so no state change can be stored without its audit trail.
 */

export interface CallRepository {
  get(id: string): Promise<Call | undefined>;
  listByStatus(status: CallStatus): Promise<Call[]>;
  /** Creates when `expectedVersion` is undefined; otherwise replaces only if the stored version matches. */
  save(call: Call, audit: AuditEvent, expectedVersion?: number): Promise<void>;
}

export interface SubmissionWrite {
  application: Application;
  audit: AuditEvent;
  outbox: OutboxMessage;
}

export interface ApplicationRepository {
  get(id: string): Promise<Application | undefined>;
  listByOwner(ownerId: string): Promise<Application[]>;
  listByCall(callId: string): Promise<Application[]>;
  save(application: Application, audit: AuditEvent, expectedVersion?: number): Promise<void>;
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

export interface UserProfile {
  userId: string;
  email: string;
  name: string;
  organisation?: string;
  roles: Principal['roles'];
  chair: boolean;
}

export interface UserRepository {
  get(userId: string): Promise<UserProfile | undefined>;
  getByEmail(email: string): Promise<UserProfile | undefined>;
  listAll(): Promise<UserProfile[]>;
  /**
   * Keeps the directory in step with the identity provider (Cognito in AWS, the seed locally): a cache of
   * who exists with which roles and organisation, read when reviewers are assigned and conflicts checked.
   */
  put(user: UserProfile): Promise<void>;
}

export interface ReviewRepository {
  get(applicationId: string, reviewerId: string): Promise<Assignment | undefined>;
  listByApplication(applicationId: string): Promise<Assignment[]>;
  listByReviewer(reviewerId: string): Promise<Assignment[]>;
  listByCall(callId: string): Promise<Assignment[]>;
  save(assignment: Assignment, audit: AuditEvent, expectedVersion?: number): Promise<void>;
  remove(assignment: Assignment, audit: AuditEvent): Promise<void>;
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

export interface CoreDeps {
  calls: CallRepository;
  applications: ApplicationRepository;
  users: UserRepository;
  reviews: ReviewRepository;
  decisions: DecisionRepository;
  clock: Clock;
}

/** Who asks, and in which language they read answers. */
export interface RequestContext {
  actor: Principal;
  lang: Lang;
}
