import { auditEvent, type MessageCase } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import { caseEntity, type StoredMessage } from '../messages/message.schema.js';
import type { CoreDeps } from '../ports.js';
import { anonymisedMessage, settled } from './retention.js';

/*
 * Messages under erasure and retention (docs/cases.md "Messages"): found by their case (whatever their status
 * or recipient) or by id, and anonymised once the sender is done with them. Plain functions without zod: the
 * retention job bundles them.
 */

/** How many events or messages one read takes. */
const READ_PAGE = 200;

/** Every message to an address, newest first (the recipient's index, a page at a time). */
export async function messagesTo(deps: CoreDeps, email: string): Promise<StoredMessage[]> {
  const all: StoredMessage[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.messages.listByRecipient(email, {
      limit: READ_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

/** The messages of the cases given not yet anonymised, whatever their status or recipient, oldest first per case. */
export async function caseMessagesToAnonymise(
  deps: CoreDeps,
  cases: readonly MessageCase[],
): Promise<StoredMessage[]> {
  const found = await Promise.all(cases.map((c) => deps.erasures.messagesOfCase(c)));
  return found.flat().filter((m) => m.anonymisedAt === undefined);
}

/** The messages of those ids still stored and not yet anonymised. */
export async function messagesToAnonymise(deps: CoreDeps, ids: readonly string[]): Promise<StoredMessage[]> {
  const found = await Promise.all(ids.map((id) => deps.messages.get(id)));
  return found.filter((m): m is StoredMessage => m !== undefined && m.anonymisedAt === undefined);
}

/**
 * Anonymises each message the sender is done with (retention.ts `anonymisedMessage`), each in its own
 * transaction with a `message.anonymised` event under its case; one still being sent is left for a later run
 * (its sender needs the address). Idempotent: an anonymised message is not read as one to anonymise.
 * @throws AppError VERSION_CONFLICT (the message changed meanwhile: the next run takes it again)
 */
export async function anonymiseMessages(
  deps: CoreDeps,
  actor: Principal,
  now: Date,
  messages: readonly StoredMessage[],
): Promise<{ anonymised: string[]; left: string[] }> {
  const anonymised: string[] = [];
  const left: string[] = [];
  for (const m of messages) {
    if (!settled(m)) {
      left.push(m.id);
      continue;
    }
    await deps.erasures.anonymiseMessage(
      anonymisedMessage(m, now.toISOString()),
      m.version,
      auditEvent(actor, now, 'message.anonymised', caseEntity(m.case), {
        messageId: m.id,
        kind: m.kind,
        version: m.version + 1,
      }),
    );
    anonymised.push(m.id);
  }
  return { anonymised, left };
}
