import type { Application } from '../applications/application.schema.js';
import type { Member } from '../applications/members.schema.js';
import { auditEvent, envelope } from '../audit/audit.js';
import { isAdmin, type Principal } from '../auth/principal.js';
import { removePick } from '../auth/profile.service.js';
import type { CoreDeps, RequestContext, UserProfile } from '../ports.js';
import { forbidden } from '../shared/errors.js';
import { anonymiseMessages, caseMessagesToAnonymise } from './case-messages.js';
import type { DeletedNow, ErasureRecord, KeptCase } from './erasure.values.js';
import { ANONYMISED, closedAt, keptUntil, type RetentionSchedule, settled } from './retention.js';

/*
 * A person's erasure (GDPR art. 17 with archive law; docs/cases.md "Erasure"). What no case needs is deleted at
 * once; what belongs to a submitted or decided case is kept until its retention ends and then anonymised by the
 * retention job (retention.service.ts), which also completes the request.
 */

const application = (id: string) => ({ type: 'application' as const, id });
const user = (id: string) => ({ type: 'user' as const, id });

/** The directory entry of an erased person once nothing is kept: no name, no address, still disabled. */
export const anonymisedProfile = (profile: UserProfile): UserProfile => {
  const { organisation: _, ...rest } = profile;
  return { ...rest, name: ANONYMISED, email: ANONYMISED, disabled: true };
};

/** What the answer to an erasure request says: what went now, and until when the rest is kept. */
export interface ErasureAnswer {
  deletedNow: DeletedNow;
  keptUntil: string | null;
  keptCases: KeptCase[];
}

const answerOf = (e: ErasureRecord): ErasureAnswer => ({
  deletedNow: e.deletedNow,
  keptUntil: e.keptUntil ?? null,
  keptCases: e.keptCases,
});

/** The longest-standing co-applicant: who takes over a draft its owner leaves. */
const successorOf = (members: readonly Member[]): Member | undefined =>
  [...members].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.userId.localeCompare(b.userId))[0];

/**
 * The signed-in person asks for erasure. Drafts they own alone are deleted with their documents (the files too);
 * a draft they own with co-applicants is handed to the longest-standing co-applicant and the person leaves it
 * (the others' work is theirs as much); drafts they joined, they leave. Submitted and decided cases are kept
 * until their retention date. Their sessions end, the account is disabled (the identity provider in AWS, the
 * directory entry everywhere), and they are sent what went and what is kept until when. Asking again answers
 * the first request.
 */
export async function requestErasure(
  deps: CoreDeps,
  ctx: RequestContext,
  schedule: RetentionSchedule,
): Promise<ErasureAnswer> {
  const person = ctx.actor;
  const earlier = await deps.erasures.get(person.userId);
  if (earlier) return answerOf(earlier);
  const now = deps.clock.now();
  const deletedNow: DeletedNow = { drafts: 0, documents: 0, handedOver: 0, left: 0 };
  const messagesLeft: string[] = [];
  const kept: KeptCase[] = [];
  const keep = async (a: Application, role: KeptCase['role']) => {
    const award = a.status === 'approved' ? await deps.awards.get(a.id) : undefined;
    kept.push({
      applicationId: a.id,
      ...(a.reference ? { reference: a.reference } : {}),
      role,
      keptUntil: keptUntil(closedAt(a, award), now, schedule),
    });
  };

  for (const owned of await deps.applications.listByOwner(person.userId)) {
    if (owned.status !== 'draft') {
      if (!owned.anonymisedAt) await keep(owned, 'owner');
      continue;
    }
    const members = await deps.members.listMembers(owned.id);
    const successor = successorOf(members);
    if (successor) {
      await handOverAndLeave(deps, person, owned, successor, now);
      deletedNow.handedOver += 1;
      continue;
    }
    const deleted = await deleteDraft(deps, person, owned, now);
    deletedNow.documents += deleted?.documents ?? 0;
    messagesLeft.push(...(deleted?.messagesLeft ?? []));
    deletedNow.drafts += 1;
  }

  const joined = await deps.applications.getMany(await deps.members.listMemberships(person.userId));
  for (const a of joined) {
    if (a.status !== 'draft') {
      if (!a.anonymisedAt) await keep(a, 'member');
      continue;
    }
    const member = await deps.members.getMember(a.id, person.userId);
    if (!member) continue;
    await deps.members.remove(
      member,
      auditEvent(person, now, 'application.member_left', application(a.id), {
        memberId: person.userId,
        erasure: true,
      }),
    );
    deletedNow.left += 1;
  }

  // Signed out everywhere at once (bearer tokens run to their own expiry, at most an hour in AWS).
  const sessions = await deps.sessions.listOfUser(person.userId);
  if (sessions.length > 0) {
    await deps.sessions.end(
      sessions.map((s) => s.idHash),
      auditEvent(person, now, 'session.ended', user(person.userId), {
        by: 'erasure',
        count: sessions.length,
      }),
    );
  }

  // The organisation they picked as their own ("Min profil") goes at once: no kept case is judged by it again.
  const pick = await deps.profiles.get(person.userId);
  if (pick) await removePick(deps, person, pick, 'erasure');

  const stored = (await deps.users.get(person.userId)) ?? profileOf(person);
  const confirmation = {
    ...envelope(now, stored.email, { kind: 'user', id: person.userId }, '/me/data'),
    kind: 'erasure.confirmed' as const,
    params: {
      name: stored.name,
      ...deletedNow,
      keptCases: kept.map((k) => ({ reference: k.reference ?? '', keptUntil: k.keptUntil })),
      retentionYears: schedule.closedCaseYears,
    },
  };
  messagesLeft.push(confirmation.id);

  const at = now.toISOString();
  const latest = kept
    .map((k) => k.keptUntil)
    .sort()
    .at(-1);
  const erasure: ErasureRecord = {
    userId: person.userId,
    state: kept.length === 0 ? 'done' : 'waiting-retention',
    requestedAt: at,
    deletedNow,
    keptCases: kept,
    ...(latest ? { keptUntil: latest } : {}),
    ...(kept.length === 0 ? { completedAt: at } : {}),
    messagesLeft,
    version: 1,
    updatedAt: at,
  };
  const profile = kept.length === 0 ? anonymisedProfile(stored) : { ...stored, disabled: true };
  await deps.erasures.record(
    erasure,
    profile,
    auditEvent(person, now, 'erasure.requested', user(person.userId), {
      drafts: deletedNow.drafts,
      documents: deletedNow.documents,
      handedOver: deletedNow.handedOver,
      left: deletedNow.left,
      keptCases: kept.length,
      keptUntil: latest ?? null,
      state: erasure.state,
    }),
    confirmation,
  );
  await deps.identity?.disableUser(person.userId);
  return answerOf(erasure);
}

const profileOf = (p: Principal): UserProfile => ({
  userId: p.userId,
  email: p.email,
  name: p.name,
  ...(p.organisation ? { organisation: p.organisation } : {}),
  roles: p.roles,
  chair: p.chair,
});

/**
 * Deletes a draft, its co-applicants and its documents (records, then files: a failure in between leaves an
 * orphaned file, never a record without its file), and anonymises its messages, to anyone (only the draft needed
 * them). Answers how many documents went and which messages were anonymised or are still being sent;
 * for the schedule, nothing while one of its messages is still being sent (undefined: the next run deletes it).
 */
export async function deleteDraft(
  deps: CoreDeps,
  actor: Principal,
  draft: Application,
  now: Date,
  action: 'erasure.requested' | 'retention.deleted' = 'erasure.requested',
): Promise<{ documents: number; messagesAnonymised: string[]; messagesLeft: string[] } | undefined> {
  const messages = await caseMessagesToAnonymise(deps, [{ kind: 'application', id: draft.id }]);
  // The schedule waits for a message still being sent (its next run deletes); a person's request does not.
  if (action === 'retention.deleted' && !messages.every(settled)) return undefined;
  // The messages first: a retry finds them through the draft only while it exists.
  const { anonymised, left } = await anonymiseMessages(deps, actor, now, messages);
  const documents = await deps.documents.listByApplication(draft.id);
  const members = await deps.members.listMembers(draft.id);
  await deps.erasures.deleteDraft({
    application: draft,
    documents,
    members,
    audit: auditEvent(actor, now, action, application(draft.id), {
      deleted: 'draft',
      version: draft.version,
      documents: documents.length,
    }),
  });
  await Promise.all(documents.map((d) => deps.files.delete(d.objectKey)));
  return { documents: documents.length, messagesAnonymised: anonymised, messagesLeft: left };
}

async function handOverAndLeave(
  deps: CoreDeps,
  person: Principal,
  draft: Application,
  successor: Member,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const { ownerOrganisation: _, ...rest } = draft;
  const next: Application = {
    ...rest,
    ownerId: successor.userId,
    ownerEmail: successor.email,
    ownerName: successor.name,
    ...(successor.organisation ? { ownerOrganisation: successor.organisation } : {}),
    version: draft.version + 1,
    updatedAt: at,
  };
  const former: Member = {
    applicationId: draft.id,
    userId: person.userId,
    email: draft.ownerEmail,
    name: draft.ownerName,
    joinedAt: at,
  };
  await deps.members.handOver(
    next,
    draft.version,
    successor,
    former,
    auditEvent(person, now, 'application.handed_over', application(draft.id), {
      from: person.userId,
      to: successor.userId,
      version: next.version,
      erasure: true,
    }),
    [
      {
        ...envelope(now, successor.email, { kind: 'application', id: draft.id }, `/applications/${draft.id}`),
        kind: 'application.handed_over',
        params: { formerOwnerName: draft.ownerName, title: draft.title ?? '' },
      },
    ],
  );
  await deps.members.remove(
    former,
    auditEvent(person, now, 'application.member_left', application(draft.id), {
      memberId: person.userId,
      erasure: true,
    }),
  );
}

/** The erasure requests, newest first (admins). @throws AppError FORBIDDEN */
export async function listErasures(
  deps: CoreDeps,
  ctx: RequestContext,
  page: { limit: number; cursor?: string },
): Promise<{ items: ErasureRecord[]; cursor?: string }> {
  if (!isAdmin(ctx.actor)) throw forbidden();
  return deps.erasures.list(page);
}

/** The person's own erasure request, if they made one (the "Mine data" page). */
export const ownErasure = (deps: CoreDeps, ctx: RequestContext): Promise<ErasureRecord | undefined> =>
  deps.erasures.get(ctx.actor.userId);
