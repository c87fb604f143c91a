import { type AuditEvent, auditEvent } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { notFound, versionConflict } from '../shared/errors.js';
import { PARTIES, type PartyRef } from './parties.js';
import {
  INVOICING_FIELDS,
  type InvoicingField,
  type Party,
  type PartyChange,
  type PartyDetailsInput,
} from './parties.schema.js';
import { requireFinance } from './population.service.js';

/** The party as finance keeps it: its fixed facts and what is stored of its details (version 0: none). */
const withDetails = (ref: PartyRef, stored: Party | undefined): Party => ({
  ...(stored ?? { version: 0 }),
  id: ref.id,
  name: ref.name,
  kind: ref.kind,
});

function partyRef(partyId: string): PartyRef {
  const ref = PARTIES.find((p) => p.id === partyId);
  if (!ref) throw notFound('party');
  return ref;
}

/** Every party with its invoicing details, in the fixed order of the 20 (one Query). */
export async function partiesWithDetails(deps: CoreDeps): Promise<Party[]> {
  const stored = new Map((await deps.parties.list()).map((p) => [p.id, p]));
  return PARTIES.map((ref) => withDetails(ref, stored.get(ref.id)));
}

/** Each party's invoicing e-mail ('' where it has none: its messages are stored failed, NO_ADDRESS). */
export async function invoiceAddresses(deps: CoreDeps): Promise<Map<string, string>> {
  return new Map((await partiesWithDetails(deps)).map((p) => [p.id, p.invoiceEmail ?? '']));
}

/** Every party with its invoicing details (finance, admins). @throws AppError FORBIDDEN */
export async function listPartyDetails(deps: CoreDeps, actor: Principal): Promise<Party[]> {
  requireFinance(actor);
  return partiesWithDetails(deps);
}

/** The changes an audit event of a party's details records, `<field>Before` / `<field>After`. */
function changeOf(event: AuditEvent): PartyChange | undefined {
  if (event.action !== 'party.details_updated') return undefined;
  const value = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    at: event.at,
    by: event.actor.userId,
    version: typeof event.details.version === 'number' ? event.details.version : 0,
    changes: INVOICING_FIELDS.filter((f) => `${f}After` in event.details).map((field) => ({
      field,
      before: value(event.details[`${field}Before`]),
      after: value(event.details[`${field}After`]),
    })),
  };
}

/**
 * A party with its invoicing details and their history, newest change first (finance, admins).
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getPartyDetails(
  deps: CoreDeps,
  actor: Principal,
  partyId: string,
): Promise<{ party: Party; history: PartyChange[] }> {
  requireFinance(actor);
  const ref = partyRef(partyId);
  const [stored, events] = await Promise.all([deps.parties.get(partyId), deps.parties.history(partyId)]);
  // By version: events of one millisecond are stored in no particular order.
  const changes = events.flatMap((e) => changeOf(e) ?? []).sort((a, b) => b.version - a.version);
  // Events name people by id only (audit.ts): the directory says who, as long as it knows them.
  const who = new Map<string, string>();
  for (const id of new Set(changes.map((c) => c.by))) who.set(id, (await deps.users.get(id))?.email ?? id);
  const history = changes.map((c) => ({ ...c, by: who.get(c.by) ?? c.by }));
  return { party: withDetails(ref, stored), history };
}

/**
 * Changes a party's invoicing details (a merge patch: `null` clears) at the version read, with an audit event
 * naming each field's value before and after. The same details again write nothing.
 * @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT
 */
export async function updatePartyDetails(
  deps: CoreDeps,
  ctx: RequestContext,
  partyId: string,
  input: PartyDetailsInput,
  expectedVersion: number,
): Promise<Party> {
  requireFinance(ctx.actor);
  const ref = partyRef(partyId);
  const current = withDetails(ref, await deps.parties.get(partyId));
  if (current.version !== expectedVersion) throw versionConflict();
  const next: Record<string, unknown> & Party = { ...current };
  const details: AuditEvent['details'] = {};
  for (const field of INVOICING_FIELDS) {
    const value = input[field];
    if (value === undefined || (value ?? undefined) === current[field]) continue;
    if (value === null) delete next[field];
    else next[field] = value;
    details[`${field}Before`] = current[field] ?? null;
    details[`${field}After`] = value;
  }
  if (Object.keys(details).length === 0) return current;
  const now = deps.clock.now();
  const saved = {
    ...next,
    version: current.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: ctx.actor.userId,
  };
  await deps.parties.save(
    saved,
    auditEvent(
      ctx.actor,
      now,
      'party.details_updated',
      { type: 'finance', id: `party-${partyId}` },
      {
        ...details,
        fields: Object.keys(details)
          .filter((k) => k.endsWith('After'))
          .map((k) => k.slice(0, -'After'.length) as InvoicingField)
          .join(','),
        version: saved.version,
      },
    ),
    current.version,
  );
  return saved;
}
