import type { Application, Partner } from '../applications/application.schema.js';
import { toOwnerOf } from '../applications/letters.js';
import type { Member } from '../applications/members.schema.js';
import { auditEvent } from '../audit/audit.js';
import { isAdmin } from '../auth/principal.js';
import { SCHEDULER } from '../auth/system.js';
import type { Award } from '../finance/award.schema.js';
import type { StoredMessage } from '../messages/message.schema.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { forbidden } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import { anonymiseMessages, caseMessagesToAnonymise, messagesToAnonymise } from './case-messages.js';
import { anonymisedProfile, deleteDraft } from './erasure.service.js';
import type { ErasureRecord, RetentionRun } from './erasure.values.js';
import {
  ANONYMISED,
  anonymiseAt,
  closedAt,
  closedCaseBound,
  draftAction,
  draftDeletionAt,
  draftReminderBound,
  type RetentionSchedule,
  settled,
} from './retention.js';

/*
 * The retention job (docs/cases.md "Retention"): reminds the owners of drafts long untouched, deletes them when
 * their time is up, anonymises closed cases after the retention period, and completes erasures whose kept cases
 * are all anonymised. Every read goes by index (drafts by updatedAt, cases by status and creation, waiting
 * erasures by date). Idempotent by construction: it acts on what the data still shows (a reminder once by its
 * marker, a deleted draft is gone, an anonymised case is marked), so a second run finds nothing to do.
 */

/** The statuses a case can close in; the others are open (or drafts, handled apart). */
const CLOSING_STATUSES = ['rejected', 'withdrawn', 'waiting_list', 'approved'] as const;

const entity = (id: string) => ({ type: 'application' as const, id });

/** A reminder's marker: per draft and its last write, so a draft touched again and left again is reminded again. */
const reminderMarker = (draft: Application) => `retention-draft#${draft.id}#${draft.updatedAt}`;

const partnerAnonymised = (p: Partner): Partner => ({
  ...p,
  ...(p.contactName ? { contactName: ANONYMISED } : {}),
  ...(p.contactEmail ? { contactEmail: ANONYMISED } : {}),
  ...(p.role ? { role: ANONYMISED } : {}),
});

/**
 * A case as kept after its retention: names, addresses and free text that may name people replaced; amounts,
 * references, dates, statuses, the title and the decision's outcome and amount kept (the ledger is not touched).
 */
export function anonymisedApplication(a: Application, at: string): Application {
  const decision = a.decision && {
    ...a.decision,
    ...(a.decision.justification ? { justification: ANONYMISED } : {}),
    ...(a.decision.conditions ? { conditions: ANONYMISED } : {}),
  };
  return {
    ...a,
    ownerName: ANONYMISED,
    ownerEmail: ANONYMISED,
    ...(a.summary ? { summary: ANONYMISED } : {}),
    ...(a.userInvolvement ? { userInvolvement: ANONYMISED } : {}),
    partners: a.partners.map(partnerAnonymised),
    ...(decision ? { decision } : {}),
    anonymisedAt: at,
    version: a.version + 1,
    updatedAt: at,
  };
}

const awardAnonymised = (award: Award, at: string): Award => ({
  ...award,
  ownerName: ANONYMISED,
  ownerEmail: ANONYMISED,
  version: award.version + 1,
  updatedAt: at,
});

const memberAnonymised = (m: Member): Member => {
  const { organisation: _, ...rest } = m;
  return { ...rest, name: ANONYMISED, email: ANONYMISED };
};

/**
 * Runs the schedule at the clock's now; with `dryRun`, answers what it would do and writes nothing (no report
 * either). Rethrows a failure (the job's retries and dead-letter queue); what was done stays done.
 */
export async function runRetention(
  deps: CoreDeps,
  schedule: RetentionSchedule,
  options: { dryRun: boolean },
): Promise<RetentionRun> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const { dryRun } = options;
  const run: RetentionRun = {
    id: crypto.randomUUID(),
    at,
    dryRun,
    reminded: [],
    deleted: [],
    anonymised: [],
    erasuresCompleted: [],
    messagesAnonymised: [],
  };
  const messagesAnonymised = run.messagesAnonymised ?? [];

  for (const draft of await deps.erasures.draftsUntouchedSince(draftReminderBound(now, schedule))) {
    const action = draftAction(draft, now, schedule);
    if (action === 'delete') {
      // One of its messages still being sent: the next run deletes it (deleteDraft checks again).
      const messages = await caseMessagesToAnonymise(deps, [{ kind: 'application', id: draft.id }]);
      if (!messages.every(settled)) continue;
      if (dryRun) messagesAnonymised.push(...messages.map((m) => m.id));
      else {
        const deleted = await deleteDraft(deps, SCHEDULER, draft, now, 'retention.deleted');
        if (!deleted) continue;
        messagesAnonymised.push(...deleted.messagesAnonymised);
      }
      run.deleted.push(draft.id);
    } else if (action === 'remind') {
      const marker = reminderMarker(draft);
      const deleteOn = copenhagenDate(draftDeletionAt(draft, schedule));
      if (dryRun) {
        if (!(await deps.erasures.reminded(marker))) run.reminded.push({ applicationId: draft.id, deleteOn });
        continue;
      }
      const queued = await deps.reminders.queueOnce(
        marker,
        {
          ...toOwnerOf(draft, now),
          kind: 'retention.draft_reminder',
          params: {
            name: draft.ownerName,
            title: draft.title ?? '',
            untouchedMonths: schedule.draftUntouchedMonths,
            deleteOn,
          },
        },
        auditEvent(SCHEDULER, now, 'retention.reminded', entity(draft.id), { marker, deleteOn }),
      );
      if (queued) run.reminded.push({ applicationId: draft.id, deleteOn });
    }
  }

  const bound = closedCaseBound(now, schedule);
  for (const status of CLOSING_STATUSES) {
    for (const a of await deps.erasures.createdBefore(status, bound)) {
      if (a.anonymisedAt) continue;
      const award = a.status === 'approved' ? await deps.awards.get(a.id) : undefined;
      const closed = closedAt(a, award);
      if (!closed || anonymiseAt(closed, schedule).getTime() > now.getTime()) continue;
      const messages = await caseMessagesToAnonymise(deps, [
        { kind: 'application', id: a.id },
        ...(award ? [{ kind: 'award' as const, id: a.id }] : []),
      ]);
      // One of its messages still being sent: the next run anonymises the case.
      if (!messages.every(settled)) continue;
      if (dryRun) messagesAnonymised.push(...messages.map((m) => m.id));
      else messagesAnonymised.push(...(await anonymiseCase(deps, a, award, messages, closed, now)));
      run.anonymised.push(a.id);
    }
  }

  for (const erasure of await deps.erasures.listWaitingUntil(at)) {
    // Its messages once sent, whether or not its kept cases are anonymised yet (as the request now stands).
    const completed =
      erasure.state === 'done' ? erasure : await completeErasure(deps, erasure, run, now, dryRun);
    await anonymiseMessagesLeft(deps, completed ?? erasure, messagesAnonymised, now, dryRun);
  }

  if (!dryRun) await deps.erasures.saveRun(run);
  return run;
}

/**
 * Completes an erasure once every case kept for the person is anonymised: the directory entry anonymised too.
 * Answers the request as now stored (in a dry run, as it would be), or undefined while a case still waits.
 */
async function completeErasure(
  deps: CoreDeps,
  erasure: ErasureRecord,
  run: RetentionRun,
  now: Date,
  dryRun: boolean,
): Promise<ErasureRecord | undefined> {
  const at = now.toISOString();
  const cases = await deps.applications.getMany(erasure.keptCases.map((k) => k.applicationId));
  const waiting = cases.filter((c) => !c.anonymisedAt && !run.anonymised.includes(c.id));
  if (waiting.length > 0) return undefined;
  const completed: ErasureRecord = {
    ...erasure,
    state: 'done',
    completedAt: at,
    version: erasure.version + 1,
    updatedAt: at,
  };
  if (!dryRun) {
    const stored = await deps.users.get(erasure.userId);
    const profile = anonymisedProfile(
      stored ?? { userId: erasure.userId, email: '', name: '', roles: [], chair: false },
    );
    await deps.erasures.complete(
      completed,
      erasure.version,
      profile,
      auditEvent(
        SCHEDULER,
        now,
        'erasure.completed',
        { type: 'user', id: erasure.userId },
        {
          keptCases: erasure.keptCases.length,
        },
      ),
    );
  }
  run.erasuresCompleted.push(erasure.userId);
  return completed;
}

/**
 * The messages left after an erasure (its confirmation, those still being sent when the person asked):
 * anonymised once the sender is done with them, and the request stored without them (then it leaves the
 * waiting partition). Idempotent: a message anonymised or gone is not left any more.
 */
async function anonymiseMessagesLeft(
  deps: CoreDeps,
  erasure: ErasureRecord,
  anonymisedIds: string[],
  now: Date,
  dryRun: boolean,
): Promise<void> {
  const left = erasure.messagesLeft ?? [];
  if (left.length === 0) return;
  const messages = await messagesToAnonymise(deps, left);
  if (dryRun) {
    anonymisedIds.push(...messages.filter(settled).map((m) => m.id));
    return;
  }
  const { anonymised, left: still } = await anonymiseMessages(deps, SCHEDULER, now, messages);
  anonymisedIds.push(...anonymised);
  if (still.length === left.length) return;
  const at = now.toISOString();
  const { messagesLeft: _, ...rest } = erasure;
  await deps.erasures.save(
    {
      ...rest,
      ...(still.length > 0 ? { messagesLeft: still } : {}),
      version: erasure.version + 1,
      updatedAt: at,
    },
    erasure.version,
    auditEvent(
      SCHEDULER,
      now,
      'erasure.messages_anonymised',
      { type: 'user', id: erasure.userId },
      {
        messages: anonymised.length,
        left: still.length,
      },
    ),
  );
}

/**
 * Anonymises a closed case: first its messages (the application's and the award's, to anyone, each settled),
 * then the case itself. Answers the messages anonymised.
 */
async function anonymiseCase(
  deps: CoreDeps,
  a: Application,
  award: Award | undefined,
  messages: readonly StoredMessage[],
  closed: string,
  now: Date,
): Promise<string[]> {
  const { anonymised } = await anonymiseMessages(deps, SCHEDULER, now, messages);
  const at = now.toISOString();
  const members = await deps.members.listMembers(a.id);
  const documents = await deps.documents.listByApplication(a.id);
  await deps.erasures.anonymise({
    application: anonymisedApplication(a, at),
    expectedVersion: a.version,
    ...(award ? { award: { award: awardAnonymised(award, at), expectedVersion: award.version } } : {}),
    members: members.map(memberAnonymised),
    documents,
    audit: auditEvent(SCHEDULER, now, 'retention.anonymised', entity(a.id), {
      closedAt: closed,
      version: a.version + 1,
      members: members.length,
      documents: documents.length,
      award: award !== undefined,
    }),
  });
  await Promise.all(documents.map((d) => deps.files.delete(d.objectKey)));
  return anonymised;
}

/** What a run would do now, writing nothing (admins). @throws AppError FORBIDDEN */
export async function dryRunRetention(
  deps: CoreDeps,
  ctx: RequestContext,
  schedule: RetentionSchedule,
): Promise<RetentionRun> {
  if (!isAdmin(ctx.actor)) throw forbidden();
  return runRetention(deps, schedule, { dryRun: true });
}

/** The latest runs' reports (admins). @throws AppError FORBIDDEN */
export async function listRetentionRuns(deps: CoreDeps, ctx: RequestContext): Promise<RetentionRun[]> {
  if (!isAdmin(ctx.actor)) throw forbidden();
  return deps.erasures.listRuns(20);
}
