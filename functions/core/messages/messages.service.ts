import * as z from 'zod';
import { auditEvent, envelope, type MessageCase, type OutboxMessage } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, forbidden, notFound, versionConflict } from '../shared/errors.js';
import type { MailKind } from '../shared/messages.js';
import {
  caseEntity,
  MESSAGE_STATUSES,
  type MessagePage,
  type MessageStatus,
  type StoredMessage,
} from './message.schema.js';

/*
 * Who reads which message (docs/messages.md "Who sees what"): everyone their own (sent to their address),
 * admins all, finance the parties'. A message the reader may not see is not found, so its existence is not
 * revealed. Resending writes one new message through the repository, with its audit event.
 */

export const MESSAGE_PAGE_DEFAULT = 50;
export const MESSAGE_PAGE_MAX = 100;

/** The statuses of a message that did not reach its reader: the ones that may be sent again (once). */
export const RESENDABLE_STATUSES = [
  'failed',
  'bounced',
  'complained',
] as const satisfies readonly MessageStatus[];
/** Whether a message did not reach its reader (failed, bounced, complained). */
export const didNotArrive = (message: Pick<StoredMessage, 'status'>): boolean =>
  (RESENDABLE_STATUSES as readonly MessageStatus[]).includes(message.status);
/** Whether a message may be sent again: it did not arrive, and it has not been sent again already. */
export const isResendable = (message: Pick<StoredMessage, 'status' | 'resentAs'>): boolean =>
  didNotArrive(message) && message.resentAs === undefined;

/**
 * The admin's filter as the API and the page take it: a status, a kind of message (`application.receipt`), a
 * recipient's address.
 */
export const messageFilterSchema = z.object({
  recipient: z.email().max(254).optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  kind: z
    .string()
    .max(80)
    .regex(/^[a-z]+(?:[._][a-z]+)+$/)
    .optional(),
});
export type MessageFilterInput = z.infer<typeof messageFilterSchema>;

/** A page request as the API and the pages pass it. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

const pageOf = (page: PageRequest) => ({
  limit: Math.min(page.limit ?? MESSAGE_PAGE_DEFAULT, MESSAGE_PAGE_MAX),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

const sameAddress = (a: string, b: string): boolean => a !== '' && a.toLowerCase() === b.toLowerCase();

/** The messages the actor oversees beside their own: every one (admins), the parties' (finance), none. */
function oversight(actor: Principal): 'all' | 'party' | undefined {
  if (isAdmin(actor)) return 'all';
  if (hasRole(actor, 'finance')) return 'party';
  return undefined;
}

/** Whether the actor oversees this message: sees it although it is not theirs, and may send it again. */
export function oversees(actor: Principal, message: Pick<StoredMessage, 'case'>): boolean {
  const scope = oversight(actor);
  return scope === 'all' || (scope === 'party' && message.case.kind === 'party');
}

const canRead = (actor: Principal, message: StoredMessage): boolean =>
  sameAddress(message.to, actor.email) || oversees(actor, message);

/** The messages sent to the actor's address, newest first ("Mine beskeder"). @throws AppError VALIDATION_FAILED (cursor) */
export async function listMyMessages(
  deps: CoreDeps,
  ctx: RequestContext,
  page: PageRequest = {},
): Promise<MessagePage> {
  return deps.messages.listByRecipient(ctx.actor.email, pageOf(page));
}

/** One message: the reader's own, any for admins, a party's for finance. @throws AppError NOT_FOUND */
export async function getMessage(deps: CoreDeps, ctx: RequestContext, id: string): Promise<StoredMessage> {
  const message = await deps.messages.get(id);
  if (!message || !canRead(ctx.actor, message)) throw notFound('message');
  return message;
}

/**
 * Every message (admins) or the parties' (finance), newest first, by status and kind, or to one recipient. A
 * recipient's messages are read a page at a time from their address's index; a status or kind beside it filters
 * within each page, so such a page may hold fewer than `limit` messages (follow the cursor for more).
 * @throws AppError FORBIDDEN, VALIDATION_FAILED (cursor)
 */
export async function listMessages(
  deps: CoreDeps,
  ctx: RequestContext,
  filter: MessageFilterInput,
  page: PageRequest = {},
): Promise<MessagePage> {
  const scope = oversight(ctx.actor);
  if (!scope) throw forbidden();
  if (filter.recipient) {
    const found = await deps.messages.listByRecipient(filter.recipient, pageOf(page));
    return {
      items: found.items.filter(
        (m) =>
          (!filter.status || m.status === filter.status) &&
          (!filter.kind || m.kind === filter.kind) &&
          (scope === 'all' || m.case.kind === 'party'),
      ),
      ...(found.cursor ? { cursor: found.cursor } : {}),
    };
  }
  return deps.messages.list(
    {
      ...(filter.status ? { status: filter.status } : {}),
      // A kind no message has finds none; the filter's words come from the catalogue's kinds.
      ...(filter.kind ? { kind: filter.kind as MailKind } : {}),
      ...(scope === 'party' ? { caseKind: 'party' as const } : {}),
    },
    pageOf(page),
  );
}

/**
 * Where a message sent again goes: a party's to its invoicing e-mail as it is now (finance fixes a missing or
 * bouncing address, then resends), anyone else's to the address it had.
 */
async function resendAddress(deps: CoreDeps, original: StoredMessage): Promise<string> {
  if (original.case.kind !== 'party') return original.to;
  return (await deps.parties.get(original.case.id))?.invoiceEmail || original.to;
}

/**
 * Sends a failed, bounced or complained message again, once: one new message (`resendOf` the original),
 * written with its audit event under the message's case, in the transaction that marks the original `resentAs`
 * at the version read (two racing resends: one copy and a 409). A party's goes to its current invoicing e-mail.
 * Admins any; finance the parties'.
 * @throws AppError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_STATE (MESSAGE_NOT_RESENDABLE,
 * MESSAGE_ALREADY_RESENT)
 */
export async function resendMessage(
  deps: CoreDeps,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
): Promise<StoredMessage> {
  const original = await getMessage(deps, ctx, id);
  if (!oversees(ctx.actor, original)) throw forbidden();
  if (original.version !== expectedVersion) throw versionConflict();
  if (original.resentAs !== undefined) {
    throw new AppError('INVALID_STATE', {
      code: 'MESSAGE_ALREADY_RESENT',
      params: { resendId: original.resentAs },
    });
  }
  if (!didNotArrive(original)) {
    throw new AppError('INVALID_STATE', {
      code: 'MESSAGE_NOT_RESENDABLE',
      params: { messageStatus: original.status },
    });
  }
  const now = deps.clock.now();
  const copy = {
    ...envelope(now, await resendAddress(deps, original), original.case, original.link),
    kind: original.kind,
    params: original.params,
  } as OutboxMessage;
  await deps.messages.resend(
    original,
    copy,
    auditEvent(ctx.actor, now, 'message.resent', caseEntity(original.case), {
      messageId: original.id,
      resendId: copy.id,
      kind: original.kind,
      status: original.status,
      version: original.version,
      ...(copy.to !== original.to ? { toBefore: original.to, to: copy.to } : {}),
    }),
  );
  const written = await deps.messages.get(copy.id);
  if (!written) throw notFound('message');
  return written;
}

/** How many of each unsent status the recipients' section reads (newest first): a bounded look back. */
export const FAILED_RECIPIENTS_SCAN = 200;

/** One recipient whose messages did not arrive: who to fix (an address, or a party or person without one). */
export interface FailedRecipient {
  /** The address ('' when none was known: then `case` says whose it was). */
  to: string;
  case: MessageCase;
  /** How many of the messages read did not arrive. */
  count: number;
  /** The newest of them (its failure says why). */
  latest: StoredMessage;
}

/**
 * The messages that did not arrive and were not sent again (the newest 200 of each such status): what is left
 * to fix. Admins all; finance the parties'. @throws AppError FORBIDDEN
 */
async function undelivered(deps: CoreDeps, ctx: RequestContext): Promise<StoredMessage[]> {
  const pages = await Promise.all(
    RESENDABLE_STATUSES.map((status) =>
      listMessages(deps, ctx, { status }, { limit: MESSAGE_PAGE_MAX }).then(async (first) => {
        const items = [...first.items];
        let cursor = first.cursor;
        while (cursor && items.length < FAILED_RECIPIENTS_SCAN) {
          const next = await listMessages(deps, ctx, { status }, { limit: MESSAGE_PAGE_MAX, cursor });
          items.push(...next.items);
          cursor = next.cursor;
        }
        return items.slice(0, FAILED_RECIPIENTS_SCAN);
      }),
    ),
  );
  return pages.flat().filter((m) => m.resentAs === undefined);
}

/**
 * The recipients whose latest messages failed, bounced or were complained of (and were not sent again), newest
 * first: a person by address, a party without one by the party. Derived from those messages (the newest 200
 * of each status), nothing written. Admins all; finance the parties'.
 * @throws AppError FORBIDDEN
 */
export async function listFailedRecipients(deps: CoreDeps, ctx: RequestContext): Promise<FailedRecipient[]> {
  const byRecipient = new Map<string, FailedRecipient>();
  for (const message of await undelivered(deps, ctx)) {
    const key = message.to ? message.to.toLowerCase() : `${message.case.kind}#${message.case.id}`;
    const seen = byRecipient.get(key);
    if (!seen) {
      byRecipient.set(key, { to: message.to, case: message.case, count: 1, latest: message });
    } else {
      seen.count += 1;
      if (message.createdAt > seen.latest.createdAt)
        Object.assign(seen, { latest: message, case: message.case });
    }
  }
  return [...byRecipient.values()].sort((a, b) => b.latest.createdAt.localeCompare(a.latest.createdAt));
}

/**
 * The parties whose latest message did not arrive, each with that message (its failure says why): a party's
 * newest failed, bounced or complained message not sent again, unless a later message to the party (at its
 * invoicing e-mail as it is now) arrived or is on its way. Reads the unsent messages' partitions and, per
 * flagged party, its details and its address's newest messages. Finance and admins.
 * @throws AppError FORBIDDEN
 */
export async function listPartyMessageFlags(
  deps: CoreDeps,
  ctx: RequestContext,
): Promise<Map<string, StoredMessage>> {
  const newest = new Map<string, StoredMessage>();
  for (const message of await undelivered(deps, ctx)) {
    if (message.case.kind !== 'party') continue;
    const seen = newest.get(message.case.id);
    if (!seen || message.createdAt > seen.createdAt) newest.set(message.case.id, message);
  }
  const flagged = await Promise.all(
    [...newest].map(async ([partyId, failed]) => {
      const address = (await deps.parties.get(partyId))?.invoiceEmail;
      if (!address) return [partyId, failed] as const;
      const later = await deps.messages.listByRecipient(address, { limit: MESSAGE_PAGE_MAX });
      const arrivedSince = later.items.some(
        (m) =>
          m.case.kind === 'party' &&
          m.case.id === partyId &&
          m.createdAt > failed.createdAt &&
          !didNotArrive(m),
      );
      return arrivedSince ? undefined : ([partyId, failed] as const);
    }),
  );
  return new Map(flagged.filter((f) => f !== undefined));
}

/** How many pages of a recipient's messages are read to find one case's message (newest first). */
export const CASE_MESSAGE_PAGES = 3;

/**
 * The newest message of `kind` about a case, among those sent to `to` (the case's owner): what a page says of
 * it ("sendes", "er sendt", or why not). Undefined when there is none among the newest 300, or when the actor
 * may not read the owner's messages.
 */
export async function findCaseMessage(
  deps: CoreDeps,
  ctx: RequestContext,
  to: string,
  match: { case: MessageCase; kind: MailKind },
): Promise<StoredMessage | undefined> {
  const mine = sameAddress(to, ctx.actor.email);
  if (!mine && !oversees(ctx.actor, match)) return undefined;
  let cursor: string | undefined;
  for (let i = 0; i < CASE_MESSAGE_PAGES; i++) {
    const page = await deps.messages.listByRecipient(
      to,
      pageOf({ limit: MESSAGE_PAGE_MAX, ...(cursor ? { cursor } : {}) }),
    );
    const found = page.items.find(
      (m) => m.kind === match.kind && m.case.kind === match.case.kind && m.case.id === match.case.id,
    );
    if (found) return found;
    cursor = page.cursor;
    if (!cursor) return undefined;
  }
  return undefined;
}
