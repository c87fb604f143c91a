import { type AuditEvent, auditEvent, type OutboxMessage } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import { withoutPersonalReasons } from '../decisions/decision.rules.js';
import { loadOrganisationTree, unknownOrganisations } from '../organisations/organisation.service.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, type FieldError, forbidden, notFound } from '../shared/errors.js';
import { copenhagenWallClock } from '../shared/time.js';
import { type ApplicationRole, applicationFor, readApplication } from './access.js';
import {
  type Application,
  type ApplicationDraftInput,
  type Receipt,
  sumBudgetOre,
} from './application.schema.js';
import { letterSubject, toOwnerOf } from './letters.js';
import { callAcceptsDrafts, checkSubmission } from './submission.rules.js';

const loadReadable = async (deps: CoreDeps, actor: Principal, applicationId: string): Promise<Application> =>
  (await readApplication(deps, actor, applicationId)).application;

/** The owner's application at the version read (access.ts decides). */
const loadOwned = async (
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
  expectedVersion: number | undefined,
): Promise<Application> =>
  (await applicationFor(deps, actor, applicationId, 'own', expectedVersion)).application;

function withDraftFields(application: Application, input: ApplicationDraftInput): Application {
  const next: Record<string, unknown> = { ...application };
  for (const [field, value] of Object.entries(input)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  const merged = next as Application;
  return { ...merged, requestedAmountOre: sumBudgetOre(merged.budgetLines) };
}

/** The application as this reader may see it: the personal reasons of a recusal are for the board and admins. */
function asSeenBy(actor: Principal, application: Application): Application {
  if (!application.decision || isAdmin(actor) || hasRole(actor, 'board')) return application;
  return { ...application, decision: withoutPersonalReasons(application.decision) };
}

/**
 * Reads an application its reader may see. The applicant sees who took no part in the decision, but not the
 * personal reasons a board member or reviewer gave for it. @throws AppError NOT_FOUND
 */
export async function getApplication(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<Application> {
  return asSeenBy(actor, await loadReadable(deps, actor, applicationId));
}

/** An application with its call, and what this reader may do with it. */
export interface ApplicationWithCall {
  application: Application;
  call: Call | undefined;
  /** A draft its owner or a co-applicant may edit: the form, not the read-only view. */
  editable: boolean;
  /** The owner may withdraw it: a draft or a submitted application, before review starts. */
  withdrawable: boolean;
  /** The reader is its owner: submits, withdraws, invites and hands over. */
  owner: boolean;
  /** The reader's part in it (owner, co-applicant, admin). */
  role: ApplicationRole;
}

/** An application its reader may see, with its call and what the reader may do. @throws AppError NOT_FOUND */
export async function getApplicationWithCall(
  deps: CoreDeps,
  actor: Principal,
  applicationId: string,
): Promise<ApplicationWithCall> {
  const { application, access } = await readApplication(deps, actor, applicationId);
  const call = await deps.calls.get(application.callId);
  return {
    application: asSeenBy(actor, application),
    call,
    editable: access.edit && application.status === 'draft' && call !== undefined,
    withdrawable: access.own && (application.status === 'draft' || application.status === 'submitted'),
    owner: access.own,
    role: access.role,
  };
}

/** The actor's applications, owned and joined as a co-applicant, newest first. */
export async function listMyApplications(deps: CoreDeps, actor: Principal): Promise<Application[]> {
  const [owned, memberships] = await Promise.all([
    deps.applications.listByOwner(actor.userId),
    deps.members.listMemberships(actor.userId),
  ]);
  const ownedIds = new Set(owned.map((a) => a.id));
  const joined = await deps.applications.getMany(memberships.filter((id) => !ownedIds.has(id)));
  return [...owned, ...joined]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .map((a) => asSeenBy(actor, a));
}

/** The actor's own applications, newest first, each with its call (for the call's title). */
export async function listMyApplicationsWithCalls(
  deps: CoreDeps,
  actor: Principal,
): Promise<{ application: Application; call: Call | undefined }[]> {
  const applications = await listMyApplications(deps, actor);
  const callIds = [...new Set(applications.map((a) => a.callId))];
  const calls = new Map(
    (await Promise.all(callIds.map((id) => deps.calls.get(id)))).flatMap((call) =>
      call ? [[call.id, call] as const] : [],
    ),
  );
  return applications.map((application) => ({ application, call: calls.get(application.callId) }));
}

/** Whether a call takes new applications now (open, before its deadline). */
export const acceptsApplications = (deps: CoreDeps, call: Call): boolean =>
  callAcceptsDrafts(call, deps.clock.now());

/** Every application of a call that has left draft (admins). @throws AppError FORBIDDEN */
export async function listCallApplications(deps: CoreDeps, actor: Principal, callId: string) {
  if (!isAdmin(actor)) throw forbidden();
  const all = await deps.applications.listByCall(callId);
  return all.filter((a) => a.status !== 'draft');
}

/**
 * Starts a draft under an open call; anyone signed in may apply.
 * @throws AppError NOT_FOUND, RULES_FAILED (call not open or past its deadline)
 */
export async function createDraft(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  input: ApplicationDraftInput,
): Promise<Application> {
  const call = await deps.calls.get(callId);
  if (!call || call.status === 'draft') throw notFound('call');
  const now = deps.clock.now();
  if (!callAcceptsDrafts(call, now)) {
    const failure: FieldError =
      call.status === 'open'
        ? { code: 'DEADLINE_PASSED', pointer: '' }
        : { code: 'CALL_NOT_OPEN', pointer: '' };
    throw new AppError('RULES_FAILED', { code: 'CALL_TAKES_NO_APPLICATIONS' }, { errors: [failure] });
  }
  // The owner's own pick ("Min profil") before the identity provider's.
  const ownerOrganisation = (await loadOrganisationTree(deps)).organisationOf(ctx.actor);
  const application = withDraftFields(
    {
      id: crypto.randomUUID(),
      callId,
      status: 'draft',
      version: 1,
      ownerId: ctx.actor.userId,
      ownerEmail: ctx.actor.email,
      ownerName: ctx.actor.name,
      ...(ownerOrganisation ? { ownerOrganisation } : {}),
      partners: [],
      budgetLines: [],
      requestedAmountOre: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    input,
  );
  await deps.applications.save(
    application,
    auditEvent(ctx.actor, now, 'application.created', applicationEntity(application), { callId, version: 1 }),
  );
  return application;
}

const applicationEntity = (application: Application) => ({
  type: 'application' as const,
  id: application.id,
});

/**
 * Writes the owner's change to an application (`changed`, given the time, from `current` at the version read)
 * as its next version, with its audit event `application.<action>` (`details` and the new version).
 */
async function saveChange(
  deps: CoreDeps,
  ctx: RequestContext,
  current: Application,
  changed: (at: string) => Application,
  action: 'updated' | 'withdrawn',
  details: AuditEvent['details'],
  outbox?: (next: Application, now: Date) => Promise<OutboxMessage[]>,
): Promise<Application> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: Application = { ...changed(at), version: current.version + 1, updatedAt: at };
  await deps.applications.save(
    next,
    auditEvent(ctx.actor, now, `application.${action}`, applicationEntity(current), {
      ...details,
      version: next.version,
    }),
    current.version,
    outbox ? await outbox(next, now) : undefined,
  );
  return next;
}

/**
 * Saves changes to a draft, by its owner or a co-applicant.
 * @throws AppError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_STATE
 */
export async function updateDraft(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: ApplicationDraftInput,
  expectedVersion: number,
): Promise<Application> {
  const { application: current } = await applicationFor(
    deps,
    ctx.actor,
    applicationId,
    'edit',
    expectedVersion,
  );
  if (current.status !== 'draft') {
    throw new AppError('INVALID_STATE', { code: 'APPLICATION_NOT_DRAFT' });
  }
  // Nothing to change is no change: no new version to make a concurrent editor's save fail.
  if (Object.values(input).every((value) => value === undefined)) return current;
  return saveChange(deps, ctx, current, () => withDraftFields(current, input), 'updated', {
    fields: Object.keys(input).sort().join(','),
  });
}

/** The applicant's confirmation of a submission (the receipt) or of a withdrawal. */
function confirmation(
  application: Application,
  call: Call,
  now: Date,
  kind: 'application.receipt' | 'application.withdrawn',
): OutboxMessage {
  const about = { name: application.ownerName, ...letterSubject(application, call) };
  const at = now.toISOString();
  return {
    ...toOwnerOf(application, now),
    ...(kind === 'application.receipt'
      ? {
          kind,
          params: {
            ...about,
            requestedOre: application.requestedAmountOre,
            submittedAt: application.submittedAt ?? at,
          },
        }
      : { kind, params: { ...about, withdrawnAt: application.withdrawnAt ?? at } }),
  };
}

/**
 * Submits the owner's draft if every rule holds; otherwise nothing changes and every failed rule is listed.
 * @throws AppError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_STATE, RULES_FAILED
 */
export async function submitApplication(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  expectedVersion?: number,
): Promise<Application> {
  const current = await loadOwned(deps, ctx.actor, applicationId, expectedVersion);
  if (current.status !== 'draft') {
    throw new AppError('INVALID_STATE', { code: 'APPLICATION_ALREADY_SUBMITTED' });
  }
  const call = await loadCall(deps, current.callId);
  const now = deps.clock.now();
  const tree = await loadOrganisationTree(deps);
  const failures = checkSubmission(
    current,
    call,
    now,
    await deps.documents.listByApplication(current.id),
    tree,
  );
  if (failures.length > 0) {
    throw new AppError('RULES_FAILED', { code: 'APPLICATION_INCOMPLETE' }, { errors: failures });
  }
  return deps.applications.submit(copenhagenWallClock(now).year, current.version, (reference) => {
    const application: Application = {
      ...current,
      status: 'submitted',
      version: current.version + 1,
      reference,
      submittedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    return {
      application,
      audit: auditEvent(ctx.actor, now, 'application.submitted', applicationEntity(current), {
        from: 'draft',
        to: 'submitted',
        reference,
        version: application.version,
        requestedAmountOre: application.requestedAmountOre,
      }),
      outbox: confirmation(application, call, now, 'application.receipt'),
      flags: unknownOrganisations(tree, application, now),
    };
  });
}

/** Withdraws a draft or a submitted application before review starts. @throws AppError NOT_FOUND, FORBIDDEN, VERSION_CONFLICT, INVALID_STATE */
export async function withdrawApplication(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  expectedVersion?: number,
): Promise<Application> {
  const current = await loadOwned(deps, ctx.actor, applicationId, expectedVersion);
  if (current.status !== 'draft' && current.status !== 'submitted') {
    throw new AppError('INVALID_STATE', { code: 'APPLICATION_NOT_WITHDRAWABLE' });
  }
  const withdrawn = (at: string): Application => ({ ...current, status: 'withdrawn', withdrawnAt: at });
  return saveChange(
    deps,
    ctx,
    current,
    withdrawn,
    'withdrawn',
    { from: current.status, to: 'withdrawn' },
    async (next, now) => [
      confirmation(next, await loadCall(deps, next.callId), now, 'application.withdrawn'),
    ],
  );
}

/** The receipt of a submitted application. @throws AppError NOT_FOUND, INVALID_STATE */
export async function getReceipt(deps: CoreDeps, actor: Principal, applicationId: string): Promise<Receipt> {
  const application = await loadReadable(deps, actor, applicationId);
  if (!application.reference || !application.submittedAt) {
    throw new AppError('INVALID_STATE', { code: 'APPLICATION_NOT_SUBMITTED' });
  }
  const call = await deps.calls.get(application.callId);
  return {
    applicationId: application.id,
    reference: application.reference,
    submittedAt: application.submittedAt,
    callId: application.callId,
    callTitle: call?.title ?? '',
    ...(call?.titleEn ? { callTitleEn: call.titleEn } : {}),
    title: application.title ?? '',
    grantTypeId: application.grantTypeId ?? '',
    requestedAmountOre: application.requestedAmountOre,
    applicant: {
      name: application.ownerName,
      email: application.ownerEmail,
      ...(application.ownerOrganisation ? { organisation: application.ownerOrganisation } : {}),
    },
    partners: application.partners.flatMap((p) =>
      p.organisation && p.sector ? [{ organisation: p.organisation, sector: p.sector }] : [],
    ),
  };
}
