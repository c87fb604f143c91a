import type { Application } from '../applications/application.schema.js';
import type { Award } from '../finance/award.schema.js';
import type { StoredMessage } from '../messages/message.schema.js';

/*
 * The retention schedule (issue 12, docs/cases.md "Retention"): how long each kind of case keeps personal data,
 * and what happens then. Plain values and functions, no zod: the retention job bundles this (docs/infra.md,
 * "Cold start"). Calls and meetings are public record and kept; the ledger is never touched.
 */

export interface RetentionSchedule {
  /** A draft not written to for this many months is deleted with its documents. */
  draftUntouchedMonths: number;
  /** Its owner is reminded this many days before the deletion. */
  draftReminderDays: number;
  /** A closed case (rejected, withdrawn, on the waiting list, approved and its award closed) is anonymised this many years after it closed. */
  closedCaseYears: number;
}

export const DEFAULT_RETENTION: RetentionSchedule = {
  draftUntouchedMonths: 12,
  draftReminderDays: 30,
  closedCaseYears: 5,
};

/** The value every anonymised name, address and free text is replaced by (a stored marker, the same in both languages). */
export const ANONYMISED = '[anonymiseret]';

const positiveInt = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`Configuration ${name} must be a positive whole number`);
  return n;
};

/**
 * The schedule from configuration (`FIM_RETENTION_DRAFT_MONTHS`, `FIM_RETENTION_REMINDER_DAYS`,
 * `FIM_RETENTION_CLOSED_YEARS`), the defaults where unset; read once at start, failing fast on a bad value.
 * @throws Error (a value that is not a positive whole number, or a reminder not before the deletion)
 */
export function retentionSchedule(env: Readonly<Record<string, string | undefined>>): RetentionSchedule {
  const schedule = {
    draftUntouchedMonths: positiveInt(
      env.FIM_RETENTION_DRAFT_MONTHS,
      'FIM_RETENTION_DRAFT_MONTHS',
      DEFAULT_RETENTION.draftUntouchedMonths,
    ),
    draftReminderDays: positiveInt(
      env.FIM_RETENTION_REMINDER_DAYS,
      'FIM_RETENTION_REMINDER_DAYS',
      DEFAULT_RETENTION.draftReminderDays,
    ),
    closedCaseYears: positiveInt(
      env.FIM_RETENTION_CLOSED_YEARS,
      'FIM_RETENTION_CLOSED_YEARS',
      DEFAULT_RETENTION.closedCaseYears,
    ),
  };
  if (schedule.draftReminderDays >= schedule.draftUntouchedMonths * 28)
    throw new Error('FIM_RETENTION_REMINDER_DAYS must be shorter than the draft period');
  return schedule;
}

const DAY_MS = 86_400_000;

/** `iso` moved by whole calendar months (UTC; the 31st into a short month lands on its last day). */
export function addMonths(iso: string, months: number): Date {
  const d = new Date(iso);
  const day = d.getUTCDate();
  const moved = new Date(d);
  moved.setUTCDate(1);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  const last = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate();
  moved.setUTCDate(Math.min(day, last));
  return moved;
}

/** When an untouched draft is deleted: its last write plus the draft period. */
export const draftDeletionAt = (draft: Pick<Application, 'updatedAt'>, s: RetentionSchedule): Date =>
  addMonths(draft.updatedAt, s.draftUntouchedMonths);

/** When its owner is reminded: the reminder days before the deletion. */
export const draftReminderAt = (draft: Pick<Application, 'updatedAt'>, s: RetentionSchedule): Date =>
  new Date(draftDeletionAt(draft, s).getTime() - s.draftReminderDays * DAY_MS);

/**
 * The newest `updatedAt` a draft may have and still be due for its reminder at `now`: drafts are read by index
 * (by `updatedAt`) up to this bound, so a run reads only those that are due.
 */
export const draftReminderBound = (now: Date, s: RetentionSchedule): string =>
  addMonths(
    new Date(now.getTime() + s.draftReminderDays * DAY_MS).toISOString(),
    -s.draftUntouchedMonths,
  ).toISOString();

/** What the schedule does to a draft at `now`: nothing yet, remind its owner, or delete it. */
export function draftAction(
  draft: Pick<Application, 'status' | 'updatedAt'>,
  now: Date,
  s: RetentionSchedule,
): 'keep' | 'remind' | 'delete' {
  if (draft.status !== 'draft') return 'keep';
  if (draftDeletionAt(draft, s).getTime() <= now.getTime()) return 'delete';
  if (draftReminderAt(draft, s).getTime() <= now.getTime()) return 'remind';
  return 'keep';
}

/**
 * When a case closed, or undefined while it is open: a rejection, a waiting list place and an approval never
 * accepted at their decision; a withdrawal when withdrawn; an approval with an award when the award closed.
 */
export function closedAt(
  application: Pick<Application, 'status' | 'decision' | 'withdrawnAt' | 'updatedAt'>,
  award: Pick<Award, 'status' | 'closedAt'> | undefined,
): string | undefined {
  switch (application.status) {
    case 'withdrawn':
      return application.withdrawnAt ?? application.updatedAt;
    case 'rejected':
    case 'waiting_list':
      return application.decision?.decidedAt;
    case 'approved':
      if (!award) return application.decision?.decidedAt;
      return award.status === 'closed' ? award.closedAt : undefined;
    default:
      return undefined;
  }
}

/** When a case that closed at `closed` is anonymised. */
export const anonymiseAt = (closed: string, s: RetentionSchedule): Date =>
  addMonths(closed, s.closedCaseYears * 12);

/**
 * The latest creation time a case may have and still be due for anonymisation at `now` (a case closes after it
 * is created): the index of cases by creation is read up to this bound.
 */
export const closedCaseBound = (now: Date, s: RetentionSchedule): string =>
  addMonths(now.toISOString(), -s.closedCaseYears * 12).toISOString();

/**
 * How long a kept case of an erased person waits: its anonymisation date once closed; while open, at the
 * earliest the retention period from `now` (it cannot close before today).
 */
export function keptUntil(closed: string | undefined, now: Date, s: RetentionSchedule): string {
  return anonymiseAt(closed ?? now.toISOString(), s).toISOString();
}

/**
 * The values of a message that stay when it is anonymised: references, titles of calls and projects, dates,
 * public bodies and the pool's own account, kinds and outcomes. Every other text (names, reasons, justifications,
 * conditions, file names, and any value a new kind of message brings) is replaced: a message keeps only what
 * is named here.
 */
const KEPT_MESSAGE_VALUES: ReadonlySet<string> = new Set([
  'reference',
  'paymentReference',
  'applicationId',
  'title',
  'callTitle',
  'callTitleEn',
  'kind',
  'kindName',
  'kindNameEn',
  'outcome',
  'partyId',
  'partyName',
  'payee',
  'registrationNumber',
  'accountNumber',
  'submittedAt',
  'withdrawnAt',
  'closedAt',
  'closesAt',
  'decidedOn',
  'meetingHeldOn',
  'dueDate',
  'deleteOn',
  'keptUntil',
  'paidOn',
]);

/** A message's values with every text not kept replaced; numbers (amounts, counts) and yes/no stay. */
function anonymisedValues(value: unknown, key?: string): unknown {
  if (typeof value === 'string')
    return key !== undefined && KEPT_MESSAGE_VALUES.has(key) ? value : ANONYMISED;
  if (Array.isArray(value)) return value.map((v) => anonymisedValues(v));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, anonymisedValues(v, k)]));
  return value;
}

/**
 * A message as kept after its case's retention, its draft's deletion or its recipient's erasure: the recipient,
 * the names and the free text in its values and the provider's words on a failure (they quote the address)
 * replaced; its kind, case, link, status, times, amounts and references kept, so the case record still says
 * what was sent when. One version on.
 */
export function anonymisedMessage(m: StoredMessage, at: string): StoredMessage {
  const failure = m.failure && {
    ...m.failure,
    ...(m.failure.detail !== undefined ? { detail: ANONYMISED } : {}),
  };
  // The same keys as before, so the kind's params keep their shape (texts stay texts, numbers numbers).
  return {
    ...m,
    to: ANONYMISED,
    params: anonymisedValues(m.params),
    ...(failure ? { failure } : {}),
    anonymisedAt: at,
    version: m.version + 1,
  } as StoredMessage;
}

/** Whether the sender is done with a message (sent, failed, bounced or complained): then it may be anonymised. */
export const settled = (m: Pick<StoredMessage, 'status'>): boolean =>
  m.status !== 'pending' && m.status !== 'sending';
