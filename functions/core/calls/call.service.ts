import { callNamed, toOwnerOf } from '../applications/letters.js';
import type { OutboxMessage } from '../audit/audit.js';
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
  closeCallSchema,
  reopenCallSchema,
  type UpdateCallInput,
  wholeCallSchema,
} from './call.schema.js';

/** What closing a call takes: the closer wires only these (handlers/close-calls.handler.ts). */
export type ClosingDeps = Pick<CoreDeps, 'calls' | 'applications' | 'reminders' | 'clock'>;

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
export async function loadCall(deps: ClosingDeps, callId: string): Promise<Call> {
  const call = await deps.calls.get(callId);
  if (!call) throw notFound('call');
  return call;
}

async function loadForChange(
  deps: ClosingDeps,
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
  deps: ClosingDeps,
  ctx: RequestContext,
  callId: string,
  expectedVersion: number | undefined,
  from: CallStatus,
  to: CallStatus,
  /** What the move records beside the status: a reason, a new deadline (kept on the call and audited). */
  extra: Partial<Pick<Call, 'closeReason' | 'closesAt' | 'reopenReason'>> = {},
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
  if (to === 'open' && Date.parse(extra.closesAt ?? call.closesAt) <= now.getTime()) {
    throw new AppError('INVALID_STATE', { code: 'CALL_DEADLINE_PASSED' });
  }
  const reopened = from === 'closed';
  const next: Call = {
    ...call,
    ...extra,
    status: to,
    version: call.version + 1,
    updatedAt: now.toISOString(),
    ...(reopened
      ? { reopenedAt: now.toISOString() }
      : to === 'open'
        ? { openedAt: now.toISOString() }
        : { closedAt: now.toISOString() }),
  };
  await deps.calls.save(
    next,
    auditEvent(
      ctx.actor,
      now,
      `call.${reopened ? 'reopened' : to === 'open' ? 'opened' : 'closed'}`,
      { type: 'call', id: call.id },
      {
        from,
        to,
        version: next.version,
        ...(extra.closeReason ? { reason: extra.closeReason, deadline: call.closesAt } : {}),
        ...(extra.reopenReason
          ? { reason: extra.reopenReason, deadline: next.closesAt, previousDeadline: call.closesAt }
          : {}),
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
 * its deadline, so the next run finishes the job; applications already moved are skipped. Closing before the
 * deadline needs a reason (kept on the call and audited), and the owners of the call's drafts are told.
 * @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, INVALID_STATE, VALIDATION_FAILED (no reason)
 */
export async function closeCall(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  expectedVersion?: number,
  input: unknown = {},
): Promise<Call> {
  requireAdmin(ctx);
  const { reason } = parseInput(closeCallSchema, input);
  return closeCallWith(deps, ctx, callId, expectedVersion, reason);
}

/** closeCall on input already read: the closer's path, which parses nothing (no zod in its bundle). */
async function closeCallWith(
  deps: ClosingDeps,
  ctx: RequestContext,
  callId: string,
  expectedVersion: number | undefined,
  reason: string | undefined,
): Promise<Call> {
  const call = await loadForChange(deps, callId, expectedVersion);
  const early = call.status === 'open' && Date.parse(call.closesAt) > deps.clock.now().getTime();
  if (early && !reason)
    throw new AppError(
      'VALIDATION_FAILED',
      { code: 'CLOSE_REASON_REQUIRED', params: { closesAt: call.closesAt } },
      { errors: [{ pointer: '/reason', code: 'REQUIRED' }] },
    );
  if (call.status === 'open') await startReview(deps, ctx, call.id);
  const closed = await moveCall(
    deps,
    ctx,
    callId,
    expectedVersion,
    'open',
    'closed',
    early && reason ? { closeReason: reason } : {},
  );
  if (early && reason) await tellDraftOwners(deps, ctx, closed, reason);
  return closed;
}

/**
 * Each owner of a draft under a call closed early is told, once (a marker per draft and closing), with an audit
 * event under the draft. Queued after the call is closed: a crash in between leaves some untold (the call's
 * audit event says it was closed early; the drafts are listed by `status=draft` in the secretariat's list).
 */
async function tellDraftOwners(deps: ClosingDeps, ctx: RequestContext, call: Call, reason: string) {
  const closedAt = call.closedAt ?? deps.clock.now().toISOString();
  for (const draft of await deps.applications.listDraftsByCall(call.id)) {
    const now = deps.clock.now();
    const message: OutboxMessage = {
      ...toOwnerOf(draft, now),
      kind: 'application.call_closed_early',
      params: { name: draft.ownerName, title: draft.title ?? '', ...callNamed(call), closedAt, reason },
    };
    await deps.reminders.queueOnce(
      `call-closed#${call.id}#${closedAt}#${draft.id}`,
      message,
      auditEvent(
        ctx.actor,
        now,
        'application.call_closed_notice',
        { type: 'application', id: draft.id },
        {
          callId: call.id,
          outboxId: message.id,
        },
      ),
    );
  }
}

/**
 * closed -> open with a new deadline and a reason, until review starts (no reviewer assigned, nothing
 * decided): the applications moved to review by the close move back to submitted first (one transaction
 * each), then the call opens. A crash in between leaves the call closed, and reopening again finishes.
 * @throws AppError FORBIDDEN, NOT_FOUND, VERSION_CONFLICT, INVALID_STATE (not closed, review started,
 *   deadline not in the future), VALIDATION_FAILED
 */
export async function reopenCall(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  input: unknown,
  expectedVersion?: number,
): Promise<Call> {
  requireAdmin(ctx);
  const parsed = parseInput(reopenCallSchema, input);
  const closesAt = utc(parsed.closesAt, '/closesAt');
  const call = await loadForChange(deps, callId, expectedVersion);
  if (call.status !== 'closed')
    throw new AppError('INVALID_STATE', {
      code: 'CALL_STATUS_NOT',
      params: { callStatus: call.status, requiredStatus: 'closed' },
    });
  if (Date.parse(closesAt) <= deps.clock.now().getTime())
    throw new AppError(
      'INVALID_STATE',
      { code: 'OPEN_CALL_DEADLINE_PAST' },
      { errors: [{ pointer: '/closesAt', code: 'OPEN_CALL_DEADLINE_PAST' }] },
    );
  const [applications, assignments] = await Promise.all([
    deps.applications.listByCall(callId),
    deps.reviews.listByCall(callId),
  ]);
  if (assignments.length > 0 || applications.some((a) => a.decision !== undefined))
    throw new AppError('INVALID_STATE', { code: 'CALL_REVIEW_STARTED' });
  for (const listed of applications) {
    if (listed.status !== 'in_review') continue;
    const now = deps.clock.now();
    const { reviewStartedAt: _started, ...application } = listed;
    await deps.applications.save(
      { ...application, status: 'submitted', version: listed.version + 1, updatedAt: now.toISOString() },
      auditEvent(
        ctx.actor,
        now,
        'application.review_undone',
        { type: 'application', id: listed.id },
        { from: 'in_review', to: 'submitted', version: listed.version + 1, reason: parsed.reason },
      ),
      listed.version,
    );
  }
  return moveCall(deps, ctx, callId, expectedVersion, 'closed', 'open', {
    closesAt,
    reopenReason: parsed.reason,
  });
}

async function startReview(deps: ClosingDeps, ctx: RequestContext, callId: string): Promise<void> {
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
export async function closeDueCalls(deps: ClosingDeps, ctx: RequestContext): Promise<string[]> {
  const now = deps.clock.now().getTime();
  const due = (await deps.calls.listByStatus('open')).filter((call) => Date.parse(call.closesAt) <= now);
  const closed: string[] = [];
  for (const call of due) {
    try {
      requireAdmin(ctx);
      await closeCallWith(deps, ctx, call.id, undefined, undefined);
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
