import type { Application } from './applications/application.schema.js';
import type { AuditEvent, OutboxMessage } from './audit/audit.js';
import type { Principal } from './auth/principal.js';
import type { Call, CallStatus } from './calls/call.schema.js';
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
  getByEmail(email: string): Promise<UserProfile | undefined>;
  listAll(): Promise<UserProfile[]>;
}

export interface CoreDeps {
  calls: CallRepository;
  applications: ApplicationRepository;
  users: UserRepository;
  clock: Clock;
}

/** Who asks, and in which language they read answers. */
export interface RequestContext {
  actor: Principal;
  lang: Lang;
}
