import * as z from 'zod';
import { type AuditEvent, auditEvent } from '../audit/audit.js';
import { isAdmin } from '../auth/principal.js';
import type { CasePage, CaseRef, CoreDeps, RequestContext } from '../ports.js';
import { forbidden, notFound } from '../shared/errors.js';

/** A person an event names, as the directory knows them when the record is read. */
export interface Person {
  name: string;
  email: string;
}

/** A page of the record, with the people its events name (by user id). */
export interface CaseRecordPage extends CasePage {
  people: Record<string, Person>;
}

export const CASE_KINDS = ['call', 'application', 'award', 'party', 'meeting'] as const;

/** Events a page of "Sagens forløb" shows. */
export const CASE_PAGE_SIZE = 50;

export const caseRefSchema = z.object({
  kind: z.enum(CASE_KINDS),
  id: z.string().min(1).max(64),
});

export const caseEventsQuerySchema = z.object({
  cursor: z.string().min(1).max(512).optional(),
  /** An event kind (its action, `application.submitted`). */
  kind: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)+$/)
    .max(64)
    .optional(),
  /** Who did it: a user id, or the e-mail the directory knows them by. */
  actor: z.string().trim().min(1).max(254).optional(),
});
export type CaseEventsQuery = z.infer<typeof caseEventsQuerySchema>;

/** Only the secretariat (admins) reads case records. @throws AppError FORBIDDEN */
export function mayReadCaseRecords(ctx: RequestContext): void {
  if (!isAdmin(ctx.actor)) throw forbidden();
}

/**
 * One page of a case's record, oldest first, for the secretariat (admins). Reading it is itself recorded: a
 * `case.viewed` event under the case, naming who looked (by id) and which page. A case with no event at all
 * is unknown (every case's creation is recorded).
 * @throws AppError FORBIDDEN (not an admin), NOT_FOUND (no such case), VALIDATION_FAILED (cursor)
 */
export async function readCaseRecord(
  deps: CoreDeps,
  ctx: RequestContext,
  ref: CaseRef,
  query: CaseEventsQuery,
): Promise<CaseRecordPage> {
  mayReadCaseRecords(ctx);
  const actorId = query.actor?.includes('@')
    ? ((await deps.users.getByEmail(query.actor.toLowerCase()))?.userId ?? query.actor)
    : query.actor;
  const page = await deps.caseRecord.page(ref, {
    limit: CASE_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(query.kind ? { action: query.kind } : {}),
    ...(actorId ? { actorId } : {}),
  });
  if (page.events.length === 0 && !query.cursor) {
    const any = query.kind || query.actor ? await deps.caseRecord.page(ref, { limit: 1 }) : page;
    if (any.events.length === 0) throw notFound('case');
  }
  await deps.caseRecord.recordView(
    ref,
    auditEvent(
      ctx.actor,
      deps.clock.now(),
      'case.viewed',
      { type: ref.kind, id: ref.id },
      {
        page: query.cursor ? 'next' : 'first',
        filtered: Boolean(query.kind || query.actor),
      },
    ),
  );
  return { ...page, people: await peopleOf(deps, page.events) };
}

/** Who the events' actors are, as the directory knows them now (an erased person is no longer known). */
export async function peopleOf(
  deps: CoreDeps,
  events: readonly AuditEvent[],
): Promise<Record<string, Person>> {
  const people: Record<string, Person> = {};
  for (const userId of new Set(events.map((e) => e.actor.userId))) {
    const user = await deps.users.get(userId);
    if (user) people[userId] = { name: user.name, email: user.email };
  }
  return people;
}
