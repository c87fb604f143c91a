import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Application } from '../core/applications/application.schema.js';
import type { AuditEvent } from '../core/audit/audit.js';
import { CALL_STATUSES } from '../core/calls/call.schema.js';
import type { Award } from '../core/finance/award.schema.js';
import { dayMovements } from '../core/finance/balances.js';
import type { LedgerEntry } from '../core/finance/finance.schema.js';
import type { Report } from '../core/finance/report.schema.js';
import { MESSAGE_STATUSES, type StoredMessage } from '../core/messages/message.schema.js';
import type { Assignment } from '../core/reviews/review.schema.js';
import { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { applicationItem, assignmentItem, reportItem } from './items.js';
import { stripKeys } from './key-attributes.js';
import * as keys from './keys.js';
import { getItem, queryAll, queryIndex } from './reads.js';
import { rebuildWhileRaced } from './retry.js';
import {
  auditPut,
  housekeeping,
  messageItem,
  type TransactItem,
  transact,
  versionedPut,
} from './transact.js';

/*
 * One-off migrations of stored data to what the code now keeps beside it, so reads stay flat with data. Run by
 * `npm start` before it serves and by `npm run backfill` against a table in AWS (TABLE_NAME). Each step is
 * idempotent: it writes what the data says, as absolute values, and marks what it finished, so a second run
 * reads the marks and writes nothing. They change no case's state (what they write is derived from what is
 * stored), so they are housekeeping: `housekeeping('backfill')`.
 */

export interface BackfillResult {
  /** The years whose day balances were written from their ledger. */
  dayBalanceYears: number[];
  /** Submitted reports put in the board's index (`REPORTS#submitted`). */
  awaitingReports: number;
  /** Assignments moved to the reviewer's open or finished index partition. */
  reviewerQueues: number;
  /** Applications given their status index entry (gsi3) and filter attributes; drafts moved out of CALLAPPS. */
  applicationIndexes: number;
  /** Audit events stored in the single table before the audit table, copied into it (without e-mails). */
  auditEvents: number;
  /** Drafts given their entry in the drafts-by-last-write index (gsi4, the retention job's read). */
  draftsByUpdate: number;
  /** Messages given their entry in their case's index partition (gsi3 `MSGCASE#`, erasure's and retention's read). */
  messagesByCase: number;
}

/** Brings the stored data up to date; what was already brought up is read and left alone. */
export async function backfill(db: Db): Promise<BackfillResult> {
  return {
    dayBalanceYears: await backfillDayBalances(db),
    awaitingReports: await backfillAwaitingReports(db),
    reviewerQueues: await backfillReviewerQueues(db),
    applicationIndexes: await backfillApplicationIndexes(db),
    auditEvents: await backfillAuditTable(db),
    // After the application indexes: it reads the drafts from their status partition.
    draftsByUpdate: await backfillDraftsByUpdate(db),
    messagesByCase: await backfillMessagesByCase(db),
  };
}

/**
 * Messages stored before their case's index partition (gsi3): written again as `messageItem` stores them now,
 * at their version (one the sender changed meanwhile was stored so already), read from the sender's status
 * partitions (gsi1), once: the step's mark is written when it is done.
 */
async function backfillMessagesByCase(db: Db): Promise<number> {
  const mark = keys.backfilled('messages-by-case');
  if (await getItem(db, mark, true)) return 0;
  let written = 0;
  for (const status of MESSAGE_STATUSES) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.doc.send(
        new QueryCommand({
          ...queryIndex('gsi1', 'gsi1pk', keys.outboxWithStatus(status)),
          TableName: db.tableName,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.gsi3pk !== undefined) continue;
        if (await rewrite(db, stripKeys<StoredMessage>(item), messageItem)) written += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  await markDone(db, mark);
  return written;
}

/**
 * Audit events kept in the single table before they got a table of their own: copied into the audit table
 * (each added only where it is not there yet), the actor by id only (audit.ts). A Scan, once, off any request
 * path: the events sat under every kind of entity's partition. The originals stay where they were, unread: the
 * functions may delete nothing there (docs/cases.md).
 */
async function backfillAuditTable(db: Db): Promise<number> {
  const mark = keys.backfilled('audit-table');
  if (await getItem(db, mark, true)) return 0;
  let copied = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression: 'begins_with(sk, :audit)',
        ExpressionAttributeValues: { ':audit': keys.auditPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk, ...event } = item as { pk: string; actor?: { userId?: string } } & Record<string, unknown>;
      const pseudonymous = {
        ...(event as unknown as AuditEvent),
        actor: { userId: String(event.actor?.userId) },
      };
      try {
        await transact(db, {
          items: { event: auditPut(db, { entityPk: pk, event: pseudonymous }) },
          audit: housekeeping('backfill'),
        });
        copied += 1;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  await markDone(db, mark);
  return copied;
}

/** Writes the step's mark: a second run reads it and stops. */
const markDone = (db: Db, mark: { pk: string; sk: string }) =>
  transact(db, {
    items: { mark: { Put: { TableName: db.tableName, Item: { ...mark, at: new Date().toISOString() } } } },
    audit: housekeeping('backfill'),
  });

/**
 * Written again as `itemOf` stores it now, at the version read (one changed meanwhile was stored so already):
 * true when it was written.
 */
async function rewrite<T extends { version: number }>(
  db: Db,
  stored: T,
  itemOf: (value: T) => Record<string, unknown>,
): Promise<boolean> {
  try {
    await transact(db, {
      items: { item: versionedPut(db, itemOf(stored), stored.version) },
      audit: housekeeping('backfill'),
    });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'VERSION_CONFLICT') return false;
    throw error;
  }
}

/**
 * Assignments stored while a reviewer's queue was one index partition of everything they were ever given:
 * written again as `assignmentItem` stores them now, in the open or the finished partition. Reads every call's
 * assignments (the calls of each status, then each call's index partition of reviews), once: the step's mark is
 * written when it is done.
 */
async function backfillReviewerQueues(db: Db): Promise<number> {
  const mark = keys.backfilled('reviewer-queues');
  if (await getItem(db, mark, true)) return 0;
  let written = 0;
  for (const status of CALL_STATUSES) {
    for (const call of await queryAll<{ id: string }>(
      db,
      queryIndex('gsi1', 'gsi1pk', keys.callsWithStatus(status)),
    )) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new QueryCommand({
            ...queryIndex('gsi2', 'gsi2pk', keys.assignmentsOfCall(call.id)),
            TableName: db.tableName,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const assignment = stripKeys<Assignment>(item);
          const now = assignmentItem(assignment);
          if (item.gsi1pk === now.gsi1pk && item.gsi1sk === now.gsi1sk) continue;
          if (await rewrite(db, assignment, assignmentItem)) written += 1;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
  }
  await markDone(db, mark);
  return written;
}

/**
 * Applications stored while a call's index partition held its drafts too and nothing indexed them by status:
 * written again as `applicationItem` stores them now (drafts to `CALLDRAFTS#`, every one under
 * `APPSTATUS#<status>`, with the secretariat's filter attributes). Reads each call's old partition once; the
 * step's mark is written when it is done.
 */
async function backfillApplicationIndexes(db: Db): Promise<number> {
  const mark = keys.backfilled('application-indexes');
  if (await getItem(db, mark, true)) return 0;
  let written = 0;
  for (const status of CALL_STATUSES) {
    for (const call of await queryAll<{ id: string }>(
      db,
      queryIndex('gsi1', 'gsi1pk', keys.callsWithStatus(status)),
    )) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new QueryCommand({
            ...queryIndex('gsi2', 'gsi2pk', keys.applicationsOfCall(call.id)),
            TableName: db.tableName,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const application = stripKeys<Application>(item);
          const now = applicationItem(application);
          if (item.gsi2pk === now.gsi2pk && item.gsi3pk === now.gsi3pk) continue;
          if (await rewrite(db, application, applicationItem)) written += 1;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
  }
  await markDone(db, mark);
  return written;
}

/**
 * Drafts written before the retention job read them by their last write: written again as `applicationItem`
 * stores them now (gsi4 `DRAFTS`), found through their status partition (gsi3 `APPSTATUS#draft`), once.
 */
async function backfillDraftsByUpdate(db: Db): Promise<number> {
  const mark = keys.backfilled('drafts-by-update');
  if (await getItem(db, mark, true)) return 0;
  let written = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        ...queryIndex('gsi3', 'gsi3pk', keys.applicationsWithStatus('draft')),
        TableName: db.tableName,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.gsi4pk !== undefined) continue;
      // The index's copy may be behind: the draft is read again, consistently, and written at its version.
      const application = await getItem<Application>(db, keys.application(String(item.id)), true);
      if (application?.status === 'draft' && (await rewrite(db, application, applicationItem))) written += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  await markDone(db, mark);
  return written;
}

/**
 * Reports submitted before the board's list read them from an index: written again as `reportItem` stores them
 * now (at the version read; one changed meanwhile was stored so already). Reads every award's reports, once:
 * the step's mark is written when it is done.
 */
async function backfillAwaitingReports(db: Db): Promise<number> {
  const mark = keys.backfilled('reports-awaiting');
  if (await getItem(db, mark, true)) return 0;
  let written = 0;
  for (const award of await queryAll<Award>(db, queryIndex('gsi2', 'gsi2pk', keys.awardsPk))) {
    const stored = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :report)',
        ExpressionAttributeValues: {
          ':pk': keys.award(award.applicationId).pk,
          ':report': keys.reportPrefix,
        },
        ConsistentRead: true,
      }),
    );
    for (const item of stored.Items ?? []) {
      if (item.status !== 'submitted' || item.gsi2pk) continue;
      if (await rewrite(db, stripKeys<Report>(item), reportItem)) written += 1;
    }
  }
  await markDone(db, mark);
  return written;
}

/** Day balances written per transaction: a transaction holds at most 100 items, one of them the guard. */
const DAYS_PER_TRANSACTION = 90;

/**
 * Each year's day balances (the year page's chart) from its ledger, for the years stored before the entries'
 * transactions kept them. A year is marked (`dayBalancesBackfilledAt` on its balance) when done. Every write is
 * conditioned on the year's entry count read before its ledger, so an entry booked meanwhile (which adds to
 * its day on its own) fails the step, and the year is read and written again from the start.
 */
async function backfillDayBalances(db: Db): Promise<number[]> {
  const years = await queryAll<{ year: number; dayBalancesBackfilledAt?: string }>(
    db,
    queryIndex('gsi1', 'gsi1pk', keys.balancesPk),
  );
  const done: number[] = [];
  for (const { year, dayBalancesBackfilledAt } of years) {
    if (dayBalancesBackfilledAt) continue;
    const wrote = await rebuildWhileRaced({
      attempts: 8,
      run: () => backfillYear(db, year),
      lostRace: (error) => error instanceof AppError && error.code === 'VERSION_CONFLICT',
      exhausted: () =>
        new Error(`The day balances of ${year}: entries kept being booked; run the backfill again`),
    });
    if (wrote) done.push(year);
  }
  return done;
}

async function backfillYear(db: Db, year: number): Promise<boolean> {
  const balance = await getItem<{ entries?: number; dayBalancesBackfilledAt?: string }>(
    db,
    keys.balance(year),
    true,
  );
  if (!balance || balance.dayBalancesBackfilledAt) return false;
  const unchanged = {
    ConditionExpression: 'entries = :entries',
    ExpressionAttributeValues: { ':entries': balance.entries ?? 0 },
  };
  const entries = await queryAll<LedgerEntry>(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
    ExpressionAttributeValues: { ':pk': keys.ledgerPk(year), ':entry': keys.ledgerEntryPrefix },
    ConsistentRead: true,
  });
  const days = dayMovements(entries);
  for (let i = 0; i < days.length; i += DAYS_PER_TRANSACTION) {
    const items: Record<string, TransactItem> = {
      unchanged: { ConditionCheck: { TableName: db.tableName, Key: keys.balance(year), ...unchanged } },
    };
    for (const day of days.slice(i, i + DAYS_PER_TRANSACTION)) {
      items[`day:${day.date}`] = {
        Put: {
          TableName: db.tableName,
          Item: {
            ...keys.dayBalance(year, day.date),
            entity: 'day-balance',
            date: day.date,
            availableOre: day.amountOre,
          },
        },
      };
    }
    await transact(db, { items, audit: housekeeping('backfill') });
  }
  await transact(db, {
    items: {
      unchanged: {
        Update: {
          TableName: db.tableName,
          Key: keys.balance(year),
          UpdateExpression: 'SET dayBalancesBackfilledAt = :at',
          ...unchanged,
          ExpressionAttributeValues: {
            ...unchanged.ExpressionAttributeValues,
            ':at': new Date().toISOString(),
          },
        },
      },
    },
    audit: housekeeping('backfill'),
  });
  return true;
}
