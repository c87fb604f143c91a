import { auditEvent } from '../audit/audit.js';
import { isAdmin, type Principal } from '../auth/principal.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, forbidden, invalidField, notFound, signIn, versionConflict } from '../shared/errors.js';
import { parseDateTimeInput } from '../shared/time.js';
import { parseInput } from '../shared/validation.js';
import {
  type Call,
  type CallStatus,
  type CreateCallInput,
  type UpdateCallInput,
  wholeCallSchema,
} from './call.schema.js';

/** A time the schema has already accepted, as UTC; `pointer` names the field should it not be one after all. */
const utc = (value: string, pointer: string): string => {
  const iso = parseDateTimeInput(value);
  if (!iso) {
    throw invalidField(pointer, { code: 'not_a_datetime' });
  }
  return iso;
};

/** Who may administer calls (create, change, open, close, list drafts): admins. @throws AppError FORBIDDEN */
export function requireCallAdmin(actor: Principal): void {
  if (!isAdmin(actor)) throw forbidden();
}

const requireAdmin = (ctx: RequestContext): void => requireCallAdmin(ctx.actor);

/** Reads a call; drafts are seen by admins only. @throws AppError NOT_FOUND */
export async function getCall(deps: CoreDeps, actor: Principal | undefined, callId: string): Promise<Call> {
  const call = await deps.calls.get(callId);
  if (!call || (call.status === 'draft' && !isAdmin(actor))) throw notFound('call');
  return call;
}

/** Open calls for anyone, soonest deadline first; admins may ask for any status. @throws AppError FORBIDDEN */
export async function listCalls(
  deps: CoreDeps,
  actor: Principal | undefined,
  status: CallStatus = 'open',
): Promise<Call[]> {
  if (status !== 'open' && !actor) throw signIn();
  if (status !== 'open' && !isAdmin(actor)) throw forbidden();
  return deps.calls.listByStatus(status);
}

/** Creates a call in draft. @throws AppError FORBIDDEN */
export async function createCall(deps: CoreDeps, ctx: RequestContext, input: CreateCallInput): Promise<Call> {
  requireAdmin(ctx);
  const now = deps.clock.now().toISOString();
  const call: Call = {
    ...input,
    id: crypto.randomUUID(),
    status: 'draft',
    version: 1,
    opensAt: utc(input.opensAt, '/opensAt'),
    closesAt: utc(input.closesAt, '/closesAt'),
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.actor.userId,
  };
  await deps.calls.save(
    call,
    auditEvent(ctx.actor, deps.clock.now(), 'call.created', { type: 'call', id: call.id }, { version: 1 }),
  );
  return call;
}

/** A call that exists, whoever asks (the caller has decided who may). @throws AppError NOT_FOUND */
export async function loadCall(deps: CoreDeps, callId: string): Promise<Call> {
  const call = await deps.calls.get(callId);
  if (!call) throw notFound('call');
  return call;
}

async function loadForChange(
  deps: CoreDeps,
  callId: string,
  expectedVersion: number | undefined,
): Promise<Call> {
  const call = await loadCall(deps, callId);
  if (expectedVersion !== undefined && expectedVersion !== call.version) throw versionConflict();
  return call;
}

/**
 * Changes a call that is not closed; the merged call must still be whole and consistent.
 * @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, INVALID_STATE, VALIDATION_FAILED
 */
export async function updateCall(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  input: UpdateCallInput,
  expectedVersion: number,
): Promise<Call> {
  requireAdmin(ctx);
  const call = await loadForChange(deps, callId, expectedVersion);
  if (call.status === 'closed') {
    throw new AppError('INVALID_STATE', { code: 'CALL_CLOSED' });
  }
  const { id, status, version, createdAt, updatedAt, createdBy, openedAt, closedAt, ...current } = call;
  const merged = parseInput(wholeCallSchema, { ...current, ...input });
  const now = deps.clock.now();
  const next: Call = {
    ...call,
    ...merged,
    opensAt: utc(merged.opensAt, '/opensAt'),
    closesAt: utc(merged.closesAt, '/closesAt'),
    version: call.version + 1,
    updatedAt: now.toISOString(),
  };
  if (next.status === 'open' && Date.parse(next.closesAt) <= now.getTime()) {
    throw new AppError('INVALID_STATE', { code: 'OPEN_CALL_DEADLINE_PAST' });
  }
  await deps.calls.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      'call.updated',
      { type: 'call', id },
      {
        version: next.version,
        fields: Object.keys(input).sort().join(','),
      },
    ),
    call.version,
  );
  return next;
}

async function moveCall(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  expectedVersion: number | undefined,
  from: CallStatus,
  to: CallStatus,
): Promise<Call> {
  requireAdmin(ctx);
  const call = await loadForChange(deps, callId, expectedVersion);
  if (call.status !== from) {
    throw new AppError('INVALID_STATE', {
      code: 'CALL_STATUS_NOT',
      params: { callStatus: call.status, requiredStatus: from },
    });
  }
  const now = deps.clock.now();
  if (to === 'open' && Date.parse(call.closesAt) <= now.getTime()) {
    throw new AppError('INVALID_STATE', { code: 'CALL_DEADLINE_PASSED' });
  }
  const next: Call = {
    ...call,
    status: to,
    version: call.version + 1,
    updatedAt: now.toISOString(),
    ...(to === 'open' ? { openedAt: now.toISOString() } : { closedAt: now.toISOString() }),
  };
  await deps.calls.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      `call.${to === 'open' ? 'opened' : 'closed'}`,
      { type: 'call', id: call.id },
      {
        from,
        to,
        version: next.version,
      },
    ),
    call.version,
  );
  return next;
}

/** draft -> open. @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, INVALID_STATE */
export const openCall = (deps: CoreDeps, ctx: RequestContext, callId: string, expectedVersion?: number) =>
  moveCall(deps, ctx, callId, expectedVersion, 'draft', 'open');

/**
 * open -> closed, review starts: every submitted application of the call moves to in_review first, one
 * transaction each, and only then is the call marked closed. A crash in between leaves the call open and past
 * its deadline, so the next run finishes the job; applications already moved are skipped.
 * @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, INVALID_STATE
 */
export async function closeCall(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  expectedVersion?: number,
): Promise<Call> {
  requireAdmin(ctx);
  const call = await loadForChange(deps, callId, expectedVersion);
  if (call.status === 'open') await startReview(deps, ctx, call.id);
  return moveCall(deps, ctx, callId, expectedVersion, 'open', 'closed');
}

async function startReview(deps: CoreDeps, ctx: RequestContext, callId: string): Promise<void> {
  const applications = await deps.applications.listByCall(callId);
  for (const listed of applications) {
    if (listed.status !== 'submitted') continue;
    // Read again: a withdrawal may have won the race since the list was read.
    const application = await deps.applications.get(listed.id);
    if (application?.status !== 'submitted') continue;
    const now = deps.clock.now();
    try {
      await deps.applications.save(
        {
          ...application,
          status: 'in_review',
          version: application.version + 1,
          updatedAt: now.toISOString(),
          reviewStartedAt: now.toISOString(),
        },
        auditEvent(
          ctx.actor,
          now,
          'application.review_started',
          { type: 'application', id: application.id },
          {
            from: 'submitted',
            to: 'in_review',
            version: application.version + 1,
          },
        ),
        application.version,
      );
    } catch (error) {
      // Withdrawn or moved by a concurrent run in the meantime: either way nothing is left to do here.
      if (!(error instanceof AppError && error.code === 'VERSION_CONFLICT')) throw error;
      // A transaction cancelled by a clash writes nothing: still submitted, so the call must stay open for
      // the next run rather than close with it stranded.
      if ((await deps.applications.get(application.id))?.status === 'submitted') throw error;
    }
  }
}

/**
 * Closes every open call whose deadline has passed (the scheduled closer). Idempotent.
 * Returns the ids of the calls it closed.
 */
export async function closeDueCalls(deps: CoreDeps, ctx: RequestContext): Promise<string[]> {
  const now = deps.clock.now().getTime();
  const due = (await deps.calls.listByStatus('open')).filter((call) => Date.parse(call.closesAt) <= now);
  const closed: string[] = [];
  for (const call of due) {
    try {
      await closeCall(deps, ctx, call.id);
      closed.push(call.id);
    } catch (error) {
      // Closed by someone else meanwhile: done.
      if (
        !(error instanceof AppError && (error.code === 'INVALID_STATE' || error.code === 'VERSION_CONFLICT'))
      )
        throw error;
    }
  }
  return closed;
}
