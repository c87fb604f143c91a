import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, OutboxMessage } from '../core/audit/audit.js';
import { queueTime, type StoredMessage, storedMessage } from '../core/messages/message.schema.js';
import type { AppError } from '../core/shared/errors.js';
import type { Db } from './client.js';
import { failedItems, mapDynamoError } from './errors.js';
import * as keys from './keys.js';
import { withRetries } from './retry.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The writes of a transaction by name (`{ counter, application, reference }`), sent in this order; a name set to
 * undefined is left out, so an optional write reads `claim: claim ? claimPut(...) : undefined`. Names are words,
 * never bare numbers (JavaScript orders number-like keys first).
 */
export type NamedItems = Readonly<Record<string, TransactItem | undefined>>;

/** An audit event and the partition it is kept under: that of the entity it concerns, its case record. */
export interface Audited {
  entityPk: string;
  event: AuditEvent;
}

/** The refusal a named item's failed condition means (read again what it needs for its figures). */
export type Refusal = () => AppError | Promise<AppError>;

/**
 * The one waiver of the audit event: a write that changes no case's state, only the sender's bookkeeping of a
 * message (its claim, the reschedule after a passing fault), a backfill of what is derived from stored data
 * (backfill.ts), or a session's upkeep (its idle end, its renewed token, its expiry) and a kept form. Each reason is named here, so every waived write can be found by searching for
 * `housekeeping(`; a waived transaction writes no outbox messages.
 */
export interface Housekeeping {
  readonly housekeeping:
    | 'message.claim'
    | 'message.reschedule'
    | 'backfill'
    /** A session's sliding idle end and its renewed ID token (sign-in and sign-out are audited). */
    | 'session.touch'
    /** A session found expired, or refused by the identity provider: deleted as it is read. */
    | 'session.expired'
    /** A form kept while its person signs in again, and taken back. */
    | 'form.stash'
    /** The retention job's report of a run (what it did is audited under each case). */
    | 'retention.report';
}

export const housekeeping = (reason: Housekeeping['housekeeping']): Housekeeping => ({
  housekeeping: reason,
});

export interface Transaction<Items extends NamedItems> {
  items: Items;
  /**
   * Required: the type refuses a state change without its audit trail. Written as `audit:0`, `audit:1`, ...
   * Only the sender's bookkeeping waives it, by name (`housekeeping('message.claim')`).
   */
  audit: Audited | readonly [Audited, ...Audited[]] | Housekeeping;
  /** Messages to send, written as `outbox:0`, ... in the same transaction as their cause. */
  outbox?: readonly OutboxMessage[];
  /**
   * What a named item's failed condition means, in order of precedence when several failed (the first listed
   * that failed decides). A failed condition of any other item is VERSION_CONFLICT, whose cause names the items.
   */
  refusals?: { readonly [Name in keyof Items]?: Refusal };
}

/**
 * The one sender of TransactWriteItems: the named writes, their audit events and any outbox messages in one
 * transaction, so none is stored without the others. Passing faults (throttling, server faults, a clash with
 * another transaction) are tried again under the retry policy (retry.ts); a failed condition never is.
 * @throws AppError VERSION_CONFLICT or the item's refusal (a failed condition), UNAVAILABLE (the attempts ran
 * out); TransactionCancelledError for a cancellation that is neither (a 500)
 */
export async function transact<Items extends NamedItems>(db: Db, tx: Transaction<Items>): Promise<void> {
  const waived = !!tx.audit && 'housekeeping' in tx.audit;
  const audits: readonly Audited[] =
    !tx.audit || 'housekeeping' in tx.audit ? [] : 'event' in tx.audit ? [tx.audit] : tx.audit;
  // The type already refuses this; the check keeps a cast or an untyped caller from writing without a trail.
  if (audits.length === 0 && !waived) throw new TypeError('A state change needs its audit event');
  if (waived && (tx.outbox?.length ?? 0) > 0) throw new TypeError('Housekeeping sends no messages');
  const named: [string, TransactItem][] = [
    ...Object.entries(tx.items).filter((entry): entry is [string, TransactItem] => entry[1] !== undefined),
    ...audits.map((audit, i): [string, TransactItem] => [`audit:${i}`, auditPut(db, audit)]),
    ...(tx.outbox ?? []).map((message, i): [string, TransactItem] => [`outbox:${i}`, outboxPut(db, message)]),
  ];
  const names = named.map(([name]) => name);
  const TransactItems = named.map(([, item]) => item);
  // One token for every attempt: a transaction that timed out but was applied is not applied twice when tried
  // again (DynamoDB answers the retry with the first one's success for ten minutes).
  const ClientRequestToken = crypto.randomUUID();
  const { observer } = db;
  try {
    await withRetries(
      () => db.doc.send(new TransactWriteCommand({ TransactItems, ClientRequestToken })),
      observer && (() => observer.retried()),
    );
  } catch (error) {
    throw await refusalOf(error, names, tx.refusals ?? {}, observer);
  }
  observer?.committed(audits.map((audit) => audit.event.action));
}

async function refusalOf(
  error: unknown,
  names: readonly string[],
  refusals: Readonly<Record<string, Refusal | undefined>>,
  observer: Db['observer'],
): Promise<unknown> {
  const failed = new Set(
    failedItems(error, names)
      .filter((item) => item.reason === 'ConditionalCheckFailed')
      .map((item) => item.name),
  );
  if (failed.size > 0) observer?.conditionFailed();
  for (const [name, refuse] of Object.entries(refusals)) {
    if (refuse && failed.has(name)) return refuse();
  }
  return mapDynamoError(error, names);
}

/**
 * A put of a versioned item: creates only if absent, or replaces only the version that was read.
 * A stale write fails its condition, and the whole transaction with it.
 */
export function versionedPut(db: Db, item: Record<string, unknown>, expectedVersion?: number): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: item,
      ...(expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
}

/**
 * The plainest state change: one item, named `name`, written at the version read (created when there is none)
 * with its audit event (and the messages it causes). @throws AppError VERSION_CONFLICT
 */
export const saveVersioned = (
  db: Db,
  name: string,
  item: Record<string, unknown>,
  expectedVersion: number | undefined,
  audit: Audited,
  outbox?: readonly OutboxMessage[],
): Promise<void> =>
  transact(db, {
    items: { [name]: versionedPut(db, item, expectedVersion) },
    audit,
    ...(outbox ? { outbox } : {}),
  });

/**
 * One item, named `name`, written whatever was stored before (a copy kept in step with another source), with
 * its audit event.
 */
export const overwrite = (
  db: Db,
  name: string,
  item: Record<string, unknown>,
  audit: Audited,
): Promise<void> =>
  transact(db, { items: { [name]: { Put: { TableName: db.tableName, Item: item } } }, audit });

/**
 * An audit event, added to the audit table (never over another: the functions may not change one), with its
 * entry in the index by actor.
 */
export function auditPut(db: Db, { entityPk, event }: Audited): TransactItem {
  return {
    Put: {
      TableName: db.auditTableName,
      Item: {
        ...keys.audit(entityPk, event.at, event.id),
        ...keys.auditByActor(event.actor.userId),
        entity: 'audit',
        ...event,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * A message as stored, with its index keys: the sender's queue by status (gsi1), the recipient's messages
 * (gsi2; none once anonymised: it has no recipient to list it under) and its case's messages (gsi3). Every write
 * of a message (the first, the claim, the outcome, the anonymisation) builds it here.
 */
export function messageItem(m: StoredMessage): Record<string, unknown> {
  return {
    ...keys.outbox(m.id),
    ...keys.outboxByStatus(m.status, queueTime(m), m.id),
    ...keys.outboxByCase(m.case, m.createdAt, m.id),
    ...(m.to && !m.anonymisedAt ? keys.outboxByRecipient(m.to, m.createdAt, m.id) : {}),
    entity: 'outbox',
    ...m,
  };
}

/**
 * A message written with its cause: pending, or failed (NO_ADDRESS) when it has no address, so the cause
 * commits either way (message.schema.ts `storedMessage`).
 */
export function outboxPut(db: Db, message: OutboxMessage): TransactItem {
  return versionedPut(db, messageItem(storedMessage(message)));
}
