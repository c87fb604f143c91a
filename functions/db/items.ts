import type { Application } from '../core/applications/application.schema.js';
import type { Member } from '../core/applications/members.schema.js';
import type { Award } from '../core/finance/award.schema.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { Report } from '../core/finance/report.schema.js';
import type { KeyClaim, UserProfile } from '../core/ports.js';
import { finishedAt } from '../core/reviews/access.js';
import type { Assignment } from '../core/reviews/review.schema.js';
import type { Db } from './client.js';
import * as keys from './keys.js';
import { type TransactItem, versionedPut } from './transact.js';

/*
 * The stored shape of the items more than one repository writes: each with its keys and index keys, built in
 * one place so two repositories cannot store the same entity two ways.
 */

/**
 * An application: its owner's list (gsi1); its call's drafts or its call's submitted ones (gsi2, moved by the
 * submit); its status across calls (gsi3, moved by every change of status); a draft by its last write (gsi4,
 * the retention job's); and, for the secretariat's filters
 * within a partition, its title and reference lower-cased and its partners' sectors (stripped on read).
 */
export const applicationItem = (a: Application): Record<string, unknown> => ({
  ...keys.application(a.id),
  ...keys.applicationByOwner(a.ownerId, a.createdAt, a.id),
  ...(a.status === 'draft'
    ? keys.draftByCall(a.callId, a.createdAt, a.id)
    : keys.applicationByCall(a.callId, a.createdAt, a.id)),
  ...keys.applicationByStatus(a.status, a.createdAt, a.id),
  ...(a.status === 'draft' ? keys.draftByUpdate(a.updatedAt, a.id) : {}),
  entity: 'application',
  searchText: applicationSearchText(a),
  partnerSectors: [...new Set(a.partners.flatMap((p) => (p.sector ? [p.sector] : [])))],
  ...a,
});

/** What the secretariat's text filter matches: title and reference, lower-cased. */
export const applicationSearchText = (a: Pick<Application, 'title' | 'reference'>): string =>
  `${a.reference ?? ''} ${a.title ?? ''}`.toLocaleLowerCase('da-DK').trim();

export const awardItem = (a: Award): Record<string, unknown> => ({
  ...keys.award(a.applicationId),
  ...keys.awardByOwner(a.ownerId, a.committedAt, a.applicationId),
  ...keys.awardList(a.committedAt, a.applicationId),
  entity: 'award',
  ...a,
});

/**
 * A reviewer on an application: in the reviewer's queue (gsi1: open or finished, moved by the save that changes
 * its state) and the call's reviews (gsi2).
 */
export const assignmentItem = (a: Assignment): Record<string, unknown> => {
  const finished = finishedAt(a);
  return {
    ...keys.assignment(a.applicationId, a.reviewerId),
    ...(finished === undefined
      ? keys.assignmentOpenByReviewer(a.reviewerId, a.callId, a.applicationId)
      : keys.assignmentFinishedByReviewer(a.reviewerId, finished, a.applicationId)),
    ...keys.assignmentByCall(a.callId, a.applicationId, a.reviewerId),
    entity: 'assignment',
    ...a,
  };
};

/**
 * Reports still waiting for their reminder sit in the pending index; submitted or reminded ones leave it.
 * Submitted ones sit in the board's (`REPORTS#submitted`) until approved or returned.
 */
const pending = (r: Report) => (r.status === 'due' || r.status === 'returned') && !r.reminderQueuedAt;

export const reportItem = (r: Report): Record<string, unknown> => ({
  ...keys.report(r.applicationId, r.reportId),
  ...(pending(r) ? keys.reportPending(r.dueDate, r.applicationId, r.reportId) : {}),
  ...(r.status === 'submitted' ? keys.reportAwaiting(r.submittedAt ?? '', r.applicationId, r.reportId) : {}),
  entity: 'report',
  ...r,
});

/**
 * A ledger entry, under its year's ledger and indexed (`index`) under what it moved (a contribution, an
 * award): immutable, so created only.
 */
export const ledgerPut = (db: Db, entry: LedgerEntry, index: Record<string, string>): TransactItem =>
  versionedPut(db, {
    ...keys.ledgerEntry(entry.year, entry.at, entry.id),
    ...index,
    entity: 'ledger-entry',
    ...entry,
  });

/** An award's ledger entry (commitment, tranche, refund, release). */
export const awardLedgerPut = (db: Db, entry: LedgerEntry, awardId: string): TransactItem =>
  ledgerPut(db, entry, keys.ledgerEntryOfAward(awardId, entry.at, entry.id));

/**
 * An idempotency key's claim, created with the movement it books and keeping the answer to it (the request's
 * fingerprint and the entry), so the same key can answer again. Absent (no write) when there is no claim.
 */
export const claimPut = (
  db: Db,
  claim: KeyClaim | undefined,
  entry: LedgerEntry,
  keyOf: (key: string) => { pk: string; sk: string },
): TransactItem | undefined =>
  claim
    ? versionedPut(db, { ...keyOf(claim.key), entity: 'idempotency', requestHash: claim.requestHash, entry })
    : undefined;

/** A person's directory entry: found by address (gsi1) and in the list of everyone (gsi2). */
export const userItem = (user: UserProfile): Record<string, unknown> => ({
  ...keys.user(user.userId),
  ...keys.userByEmail(user.email),
  ...keys.userList(user.email),
  entity: 'user',
  ...user,
});

/** A co-applicant, under the application, with its index entry (gsi1, "my applications"). */
export const memberItem = (m: Member): Record<string, unknown> => ({
  ...keys.member(m.applicationId, m.userId),
  ...keys.memberByUser(m.userId, m.joinedAt, m.applicationId),
  entity: 'member',
  ...m,
});
