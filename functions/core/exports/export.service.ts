import type { Application } from '../applications/application.schema.js';
import { type AuditEvent, auditEvent, type MessageCase } from '../audit/audit.js';
import { isAdmin, type Principal } from '../auth/principal.js';
import { messagesTo } from '../cases/case-messages.js';
import { mayReadCaseRecords } from '../cases/case-record.service.js';
import type { Document } from '../documents/document.schema.js';
import type { Award } from '../finance/award.schema.js';
import type { StoredMessage } from '../messages/message.schema.js';
import type { CaseRef, CoreDeps, ExportWriter, RequestContext } from '../ports.js';
import { kronerText } from '../shared/csv.js';
import { AppError, notFound } from '../shared/errors.js';
import {
  EXPORT_LINK_SECONDS,
  type ExportBundle,
  type ExportJob,
  type ExportPart,
  type ExportStatus,
  type ExportSubject,
  exportIdSchema,
  exportObjectKey,
  type NamedPerson,
  safeName,
} from './export.schema.js';

/*
 * Aktindsigt in one step and "Mine data" (docs/cases.md, "Exports"): asking writes a queued `EXPORT#<id>` item
 * with its `export.requested` event; the worker (buildExport: a stream-triggered Lambda in AWS, a timer in
 * `npm start`) gathers the parts here, as data, and hands them to the ZIP writer (functions/exports), which
 * streams them into the file store; the ZIP's SHA-256 is recorded with `export.ready`.
 */

/** How many events or messages one read takes while an export is gathered. */
const READ_PAGE = 200;

/** What the asker is told of an export: its state, and a link that expires once it is ready. */
export interface ExportView {
  id: string;
  status: ExportStatus;
  scope: 'case' | 'person';
  subject: ExportSubject;
  createdAt: string;
  sha256?: string;
  sizeBytes?: number;
  downloadUrl?: string;
  expiresInSeconds?: number;
}

const entityOf = (subject: ExportSubject) =>
  subject.kind === 'application'
    ? ({ type: 'application', id: subject.id } as const)
    : ({ type: 'user', id: subject.id } as const);

async function request(deps: CoreDeps, ctx: RequestContext, subject: ExportSubject): Promise<ExportJob> {
  const now = deps.clock.now().toISOString();
  const job: ExportJob = {
    id: crypto.randomUUID(),
    subject,
    requestedBy: ctx.actor.userId,
    status: 'queued',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.exports.create(
    job,
    auditEvent(ctx.actor, deps.clock.now(), 'export.requested', entityOf(subject), {
      exportId: job.id,
      scope: subject.kind === 'application' ? 'case' : 'person',
    }),
  );
  return job;
}

/**
 * Asks for the aktindsigt export of an application's case: admins only (as the case record).
 * @throws AppError FORBIDDEN (not an admin), NOT_FOUND (no such application)
 */
export async function requestCaseExport(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
): Promise<ExportJob> {
  mayReadCaseRecords(ctx);
  if (!(await deps.applications.get(applicationId))) throw notFound('application');
  return request(deps, ctx, { kind: 'application', id: applicationId });
}

/** Asks for the export of everything the platform holds about the person asking ("Mine data"). */
export function requestPersonalExport(deps: CoreDeps, ctx: RequestContext): Promise<ExportJob> {
  return request(deps, ctx, { kind: 'user', id: ctx.actor.userId });
}

/** Who may fetch an export: the person who asked, or for aktindsigt any admin. */
const mayFetch = (job: ExportJob, ctx: RequestContext): boolean =>
  job.requestedBy === ctx.actor.userId || (job.subject.kind === 'application' && isAdmin(ctx.actor));

/**
 * An export's state for its asker (or, for aktindsigt, any admin); once ready, a presigned link that expires,
 * and the handing out of the link is recorded. Anyone else learns nothing of it (the same 404 as an unknown id).
 * @throws AppError NOT_FOUND
 */
export async function readExport(deps: CoreDeps, ctx: RequestContext, exportId: string): Promise<ExportView> {
  const id = exportIdSchema.safeParse(exportId);
  const job = id.success ? await deps.exports.get(id.data) : undefined;
  if (!job || !mayFetch(job, ctx)) throw notFound('export');
  const view: ExportView = {
    id: job.id,
    status: job.status,
    scope: job.subject.kind === 'application' ? 'case' : 'person',
    subject: job.subject,
    createdAt: job.createdAt,
    ...(job.sha256 ? { sha256: job.sha256 } : {}),
    ...(job.sizeBytes !== undefined ? { sizeBytes: job.sizeBytes } : {}),
  };
  if (job.status !== 'ready' || !job.objectKey) return view;
  const downloadUrl = await deps.files.presignDownload({
    key: job.objectKey,
    fileName: `${view.scope === 'case' ? 'aktindsigt' : 'mine-data'}-${job.createdAt.slice(0, 10)}.zip`,
    contentType: 'application/zip',
    expiresInSeconds: EXPORT_LINK_SECONDS,
  });
  await deps.exports.recordLink(
    job,
    auditEvent(ctx.actor, deps.clock.now(), 'export.link_issued', entityOf(job.subject), {
      exportId: job.id,
      sha256: job.sha256 ?? null,
    }),
  );
  return { ...view, downloadUrl, expiresInSeconds: EXPORT_LINK_SECONDS };
}

/** The actor of the export worker: its events name it. */
const EXPORTER: Principal = {
  userId: 'system-exporter',
  email: 'exporter@system.fim',
  name: 'system-exporter',
  roles: [],
  chair: false,
};

/**
 * Builds one queued export: marks it building, gathers its parts, streams the ZIP into the file store through
 * `writer`, and records its checksum (`export.ready`). An export not queued is left as it is (a second
 * delivery of the same request builds nothing twice). A failure is recorded (`export.failed`) and rethrown,
 * so the worker's retries and dead-letter queue see it.
 * @throws whatever gathering or writing threw
 */
export async function buildExport(
  deps: CoreDeps,
  writer: ExportWriter,
  exportId: string,
): Promise<ExportJob | undefined> {
  const queued = await deps.exports.get(exportId);
  if (queued?.status !== 'queued') return queued;
  const actor = EXPORTER;
  const entity = entityOf(queued.subject);
  const building: ExportJob = {
    ...queued,
    status: 'building',
    updatedAt: deps.clock.now().toISOString(),
    version: queued.version + 1,
  };
  await deps.exports.save(
    building,
    queued.version,
    auditEvent(actor, deps.clock.now(), 'export.started', entity, { exportId: queued.id }),
  );
  try {
    const bundle =
      queued.subject.kind === 'application'
        ? await gatherCase(deps, queued.subject.id)
        : await gatherPerson(deps, queued.subject.id);
    const objectKey = exportObjectKey(queued.id);
    const { sha256, sizeBytes } = await writer.write(objectKey, bundle);
    const ready: ExportJob = {
      ...building,
      status: 'ready',
      objectKey,
      sha256,
      sizeBytes,
      parts: bundle.parts.length,
      updatedAt: deps.clock.now().toISOString(),
      version: building.version + 1,
    };
    await deps.exports.save(
      ready,
      building.version,
      auditEvent(actor, deps.clock.now(), 'export.ready', entity, {
        exportId: queued.id,
        sha256,
        sizeBytes,
        parts: bundle.parts.length,
      }),
    );
    return ready;
  } catch (error) {
    const failure = error instanceof AppError ? error.code : 'BUILD_FAILED';
    await deps.exports.save(
      {
        ...building,
        status: 'failed',
        failure,
        updatedAt: deps.clock.now().toISOString(),
        version: building.version + 1,
      },
      building.version,
      auditEvent(actor, deps.clock.now(), 'export.failed', entity, { exportId: queued.id, failure }),
    );
    throw error;
  }
}

/** Builds the queued exports, oldest first, `limit` at a time (the local worker's drain). */
export async function drainExports(deps: CoreDeps, writer: ExportWriter, limit = 5): Promise<string[]> {
  const built: string[] = [];
  for (const job of await deps.exports.listQueued(limit)) {
    const done = await buildExport(deps, writer, job.id);
    if (done?.status === 'ready') built.push(job.id);
  }
  return built;
}

// ---- Gathering --------------------------------------------------------------------------------------------

/** Documents with bytes worth handing out: not refused, not infected, and completed. */
const hasBytes = (d: Document): boolean =>
  d.completedAt !== undefined && d.status !== 'rejected' && d.status !== 'infected';

const documentParts = (documents: readonly Document[], folder: string): ExportPart[] =>
  documents
    .filter(hasBytes)
    // In the order they were completed, then by name: the same ZIP paths however the store lists them.
    .sort((a, b) => `${a.completedAt}#${a.fileName}`.localeCompare(`${b.completedAt}#${b.fileName}`))
    .map((d, i) => ({
      path: `${folder}/${String(i + 1).padStart(3, '0')}-${safeName(d.fileName)}`,
      kind: 'document',
      date: d.completedAt ?? d.createdAt,
      content: { type: 'file', objectKey: d.objectKey },
    }));

const messageParts = (messages: readonly StoredMessage[]): ExportPart[] =>
  messages.map((m, i) => ({
    path: `messages/${String(i + 1).padStart(3, '0')}-${safeName(m.kind)}.txt`,
    kind: 'message',
    date: m.createdAt,
    content: { type: 'message', message: m },
  }));

/** Every event of a case's record, oldest first, read a page at a time. */
async function allEvents(deps: CoreDeps, ref: CaseRef): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.caseRecord.page(ref, { limit: READ_PAGE, ...(cursor ? { cursor } : {}) });
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

/**
 * The aktindsigt parts of an application's case: the application (JSON and PDF), its documents, the reviews
 * (internal working documents), the decision, the minutes' excerpts for it, the award case when there is one
 * (gatherAward), the messages about either and their audit events. People outside the case are named by user id
 * only.
 */
export async function gatherCase(deps: CoreDeps, applicationId: string): Promise<ExportBundle> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw notFound('application');
  const [call, members, documents, reviews, events, award] = await Promise.all([
    deps.calls.get(application.callId),
    deps.members.listMembers(applicationId),
    deps.documents.listByApplication(applicationId),
    deps.reviews.listByApplication(applicationId),
    allEvents(deps, { kind: 'application', id: applicationId }),
    deps.awards.get(applicationId),
  ]);
  const awardCase = award ? await gatherAward(deps, award) : undefined;
  const meetingId = application.decision?.meetingId;
  const [meeting, minutes] = meetingId
    ? await Promise.all([deps.decisions.getMeeting(meetingId), deps.minutes.list(meetingId)])
    : [undefined, []];
  const people: Record<string, NamedPerson> = { [application.ownerId]: { name: application.ownerName } };
  for (const m of members) people[m.userId] = { name: m.name };
  for (const r of reviews) people[r.reviewerId] = { name: r.reviewerName };
  for (const a of meeting?.attendees ?? []) people[a.userId] = { name: a.name };
  for (const d of documents) people[d.uploadedBy.userId] = { name: d.uploadedBy.name };

  const messageIds = [
    ...new Set(
      [...events, ...(awardCase?.events ?? [])]
        .map((e) => e.details.messageId)
        .filter((id): id is string => typeof id === 'string'),
    ),
  ];
  const messages = (await Promise.all(messageIds.map((id) => deps.messages.get(id)))).filter(
    (m): m is StoredMessage => m !== undefined,
  );
  const applicationDate = application.submittedAt ?? application.createdAt;
  const parts: ExportPart[] = [
    {
      path: 'application.json',
      kind: 'application',
      date: applicationDate,
      content: {
        type: 'json',
        value: { application, call: call ? { id: call.id, title: call.title } : null, members },
      },
    },
    {
      path: 'application.pdf',
      kind: 'application_pdf',
      date: applicationDate,
      content: { type: 'application_pdf', printout: { application, call, members, documents: [] } },
    },
    ...documentParts(documents, 'documents'),
    ...reviews.map(
      (r, i): ExportPart => ({
        path: `reviews/${String(i + 1).padStart(2, '0')}-${safeName(r.reviewerName)}.json`,
        kind: 'review',
        date: r.review.submittedAt ?? r.assignedAt,
        internal: true,
        content: {
          type: 'json',
          value: {
            internalWorkingDocument: 'offentlighedsloven § 23',
            reviewer: {
              userId: r.reviewerId,
              name: r.reviewerName,
              organisation: r.reviewerOrganisation ?? null,
            },
            assignedAt: r.assignedAt,
            conflict: r.conflict ?? null,
            review: r.review,
          },
        },
      }),
    ),
  ];
  if (application.decision) {
    const entry = meeting?.decisions.find((d) => d.applicationId === applicationId);
    parts.push({
      path: 'decision.json',
      kind: 'decision',
      date: application.decision.decidedAt,
      content: {
        type: 'json',
        value: {
          ...application.decision,
          justification: application.decision.justification ?? entry?.justification ?? null,
          conditions: application.decision.conditions ?? entry?.conditions ?? null,
          meeting: meeting ? { id: meeting.id, heldAt: meeting.heldAt, attendees: meeting.attendees } : null,
        },
      },
    });
  }
  for (const version of minutes) {
    const entry = version.decisions.find((d) => d.applicationId === applicationId);
    if (!entry) continue;
    parts.push({
      path: `minutes/${safeName(version.meetingId)}-v${version.number}.json`,
      kind: 'minutes',
      date: version.approvedAt ?? version.createdAt,
      content: {
        type: 'json',
        value: {
          meetingId: version.meetingId,
          version: version.number,
          status: version.status,
          approvedAt: version.approvedAt ?? null,
          reason: version.reason ?? null,
          excerpt: entry,
        },
      },
    });
  }
  parts.push(...(awardCase?.parts(people) ?? []), ...messageParts(messages), {
    path: 'audit-events.csv',
    kind: 'audit_events',
    date: events.at(-1)?.at ?? applicationDate,
    content: { type: 'events', events, people },
  });
  return {
    scope: 'case',
    title: application.reference ?? application.id,
    generatedAt: deps.clock.now().toISOString(),
    parts,
  };
}

/** Øre as kroner (`1234,50`), beside the øre they come from. */
const kroner = (ore: number | undefined): string | null => kronerText(ore) ?? null;

/**
 * The award case of an approved application, when its owner accepted it: the award (amounts in øre and in
 * kroner), its ledger entries (commitment, disbursements, refunds, the release), its reports and its own record's
 * events (the reports' events are kept there too). `parts` names actors as the application's case does.
 */
async function gatherAward(deps: CoreDeps, award: Award) {
  const id = award.applicationId;
  const [entries, reports, events] = await Promise.all([
    deps.awards.entries(id),
    deps.reports.listByAward(id),
    allEvents(deps, { kind: 'award', id }),
  ]);
  const parts = (people: Record<string, NamedPerson>): ExportPart[] => [
    {
      path: 'award/award.json',
      kind: 'award',
      date: award.updatedAt,
      content: {
        type: 'json',
        value: {
          award,
          kroner: {
            amount: kroner(award.amountOre),
            disbursed: kroner(award.disbursedOre),
            refunded: kroner(award.refundedOre),
            released: kroner(award.releasedOre ?? 0),
          },
        },
      },
    },
    {
      path: 'award/payments.csv',
      kind: 'award_payments',
      date:
        entries
          .map((e) => e.at)
          .sort()
          .at(-1) ?? award.committedAt,
      content: { type: 'payments', entries },
    },
    ...reports.map(
      (r): ExportPart => ({
        path: `award/reports/${safeName(r.reportId)}.json`,
        kind: 'award_report',
        date: r.decidedAt ?? r.submittedAt ?? r.createdAt,
        content: { type: 'json', value: { ...r, spentKr: kroner(r.spentOre) } },
      }),
    ),
    {
      path: 'award/audit-events.csv',
      kind: 'award_events',
      date: events.at(-1)?.at ?? award.committedAt,
      content: { type: 'events', events, people },
    },
  ];
  return { events, parts };
}

/** Every page of a person's events from one source, in its order. */
async function allPages(
  read: (page: { limit: number; cursor?: string }) => Promise<{ events: AuditEvent[]; cursor?: string }>,
): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: READ_PAGE, ...(cursor ? { cursor } : {}) });
    events.push(...page.events);
    cursor = page.cursor;
  } while (cursor);
  return events;
}

/**
 * The audit events about a person, oldest first, each once: every event they caused, whatever case it sits
 * under (the index by actor, a page at a time), the events of their own record whoever caused them (an admin's
 * change of their roles, the exporter's work for them), and those they caused in `cases` before the index
 * existed (events are never rewritten, so older ones have no index entry).
 */
async function personEvents(
  deps: CoreDeps,
  userId: string,
  cases: readonly MessageCase[],
): Promise<AuditEvent[]> {
  const [caused, about, older] = await Promise.all([
    allPages((page) => deps.exports.eventsByActor(userId, page)),
    allPages((page) => deps.exports.eventsAbout(userId, page)),
    deps.exports.eventsByActorBeforeIndex(userId, cases),
  ]);
  const byId = new Map([...caused, ...about, ...older].map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/**
 * "Mine data": the person's profile, the applications they own or co-own, the documents they uploaded, the
 * reviews they wrote, the messages to their address and the events about them (personEvents), as JSON per part
 * and one readable PDF. Nothing of others is added: other people's documents and reviews are left out, and the
 * events of others are only those of the person's own record.
 */
export async function gatherPerson(deps: CoreDeps, userId: string): Promise<ExportBundle> {
  const profile = await deps.users.get(userId);
  if (!profile) throw notFound('user');
  const [owned, membershipIds, open, ownOrganisation] = await Promise.all([
    deps.applications.listByOwner(userId),
    deps.members.listMemberships(userId),
    deps.reviews.listOpenByReviewer(userId),
    deps.profiles.get(userId),
  ]);
  const coOwned = await deps.applications.getMany(
    membershipIds.filter((id) => !owned.some((a) => a.id === id)),
  );
  const finished = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reviews.listFinishedByReviewer(userId, {
      limit: READ_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    finished.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const reviews = [...open, ...finished].filter((r) => r.reviewerId === userId);
  const applications: Application[] = [...owned, ...coOwned];
  const uploaded = (await Promise.all(applications.map((a) => deps.documents.listByApplication(a.id))))
    .flat()
    .filter((d) => d.uploadedBy.userId === userId);
  const messages = await messagesTo(deps, profile.email);
  const cases: MessageCase[] = [
    ...applications.map((a) => ({ kind: 'application' as const, id: a.id })),
    ...reviews.map((r) => ({ kind: 'application' as const, id: r.applicationId })),
  ];
  const unique = [...new Map(cases.map((c) => [c.id, c])).values()];
  const events = await personEvents(deps, userId, unique);
  const now = deps.clock.now().toISOString();
  const parts: ExportPart[] = [
    {
      path: 'profile.json',
      kind: 'profile',
      date: now,
      content: {
        type: 'json',
        // The organisation they picked on "Min profil", when they did (it wins over the directory's).
        value: ownOrganisation ? { ...profile, ownOrganisation } : profile,
      },
    },
    ...applications.map(
      (a): ExportPart => ({
        path: `applications/${safeName(a.reference ?? a.id)}.json`,
        kind: 'application',
        date: a.submittedAt ?? a.createdAt,
        content: {
          type: 'json',
          value: { role: a.ownerId === userId ? 'owner' : 'co-applicant', application: a },
        },
      }),
    ),
    ...documentParts(uploaded, 'documents'),
    ...reviews.map(
      (r, i): ExportPart => ({
        path: `reviews/${String(i + 1).padStart(2, '0')}-${safeName(r.applicationReference ?? r.applicationId)}.json`,
        kind: 'review',
        date: r.review.submittedAt ?? r.assignedAt,
        content: {
          type: 'json',
          value: {
            applicationId: r.applicationId,
            applicationReference: r.applicationReference ?? null,
            assignedAt: r.assignedAt,
            conflict: r.conflict ?? null,
            review: r.review,
          },
        },
      }),
    ),
    ...messageParts(messages),
    {
      path: 'audit-events.csv',
      kind: 'audit_events',
      date: events.at(-1)?.at ?? now,
      content: { type: 'events', events, people: { [userId]: { name: profile.name } } },
    },
    { path: 'mine-data.pdf', kind: 'readable_pdf', date: now, content: { type: 'readable_pdf' } },
  ];
  return { scope: 'person', title: profile.name, generatedAt: now, parts };
}
