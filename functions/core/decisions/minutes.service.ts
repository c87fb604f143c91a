import { auditEvent } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { isChairOrAdmin, requireBoard } from '../reviews/access.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import type { Meeting } from './decision.schema.js';
import { getMeeting } from './decision.service.js';
import { type MinutesEntry, type MinutesVersion, minutesCorrectionSchema } from './minutes.schema.js';

/*
 * The minutes of a board meeting: every decision with its justification and conditions, who attended, who was
 * recused and why. Version 1 is the meeting as recorded; the chair approves it, and approved minutes are
 * locked: a correction is a new version with its reason, approved in turn, and every version is kept
 * (one item each under the meeting, audited there).
 */

export interface Minutes {
  meeting: Meeting;
  call: Call | undefined;
  /** Every version, oldest first; the last is the current one. */
  versions: MinutesVersion[];
}

/** Version 1 as the meeting recorded it (before anyone approved it, nothing is stored but the meeting). */
const firstVersion = (meeting: Meeting): MinutesVersion => ({
  meetingId: meeting.id,
  number: 1,
  status: 'draft',
  ...(meeting.notes ? { notes: meeting.notes } : {}),
  decisions: meeting.decisions.map((d) => ({
    applicationId: d.applicationId,
    ...(d.justification ? { justification: d.justification } : {}),
    ...(d.conditions ? { conditions: d.conditions } : {}),
  })),
  createdAt: meeting.recordedAt,
  createdBy: meeting.recordedBy,
  version: 0,
  updatedAt: meeting.recordedAt,
});

const versionsOf = async (deps: CoreDeps, meeting: Meeting): Promise<MinutesVersion[]> => {
  const stored = await deps.minutes.list(meeting.id);
  return stored.length > 0 ? stored : [firstVersion(meeting)];
};

/** The meeting as recorded, every decision's words included: for what is stored, never for a reader. */
const recordedMeeting = async (deps: CoreDeps, meetingId: string): Promise<Meeting> => {
  const meeting = await deps.decisions.getMeeting(meetingId);
  if (!meeting) throw notFound('meeting');
  return meeting;
};

/** Leaves out the words of the decisions the reader is conflicted with (their minutes show the title only). */
const forReader = (meeting: Meeting, versions: MinutesVersion[]): MinutesVersion[] => {
  const hidden = new Set(meeting.decisions.filter((d) => d.conflicted).map((d) => d.applicationId));
  return versions.map((v) => ({ ...v, decisions: v.decisions.filter((d) => !hidden.has(d.applicationId)) }));
};

/** A meeting's minutes and every version of them (board, admins). @throws AppError FORBIDDEN, NOT_FOUND */
export async function getMeetingMinutes(
  deps: CoreDeps,
  actor: Principal,
  meetingId: string,
): Promise<Minutes> {
  const meeting = await getMeeting(deps, actor, meetingId);
  const [versions, call] = await Promise.all([versionsOf(deps, meeting), deps.calls.get(meeting.callId)]);
  return { meeting, call, versions: forReader(meeting, versions) };
}

/**
 * The chair approves the current version of the minutes; approved, they are locked.
 * @throws AppError FORBIDDEN (not the chair), NOT_FOUND, INVALID_STATE (already approved), VERSION_CONFLICT
 */
export async function approveMinutes(
  deps: CoreDeps,
  ctx: RequestContext,
  meetingId: string,
): Promise<Minutes> {
  requireBoard(ctx.actor);
  if (!ctx.actor.chair) throw forbidden();
  await getMeeting(deps, ctx.actor, meetingId);
  // What is stored is the meeting as recorded, not as this reader may see it: a chair conflicted on a decision
  // approves minutes that keep its words (they read its title only).
  const versions = await versionsOf(deps, await recordedMeeting(deps, meetingId));
  const current = versions.at(-1) as MinutesVersion;
  if (current.status === 'approved') throw new AppError('INVALID_STATE', { code: 'MINUTES_APPROVED' });
  const now = deps.clock.now().toISOString();
  const approved: MinutesVersion = {
    ...current,
    status: 'approved',
    approvedAt: now,
    approvedBy: ctx.actor.userId,
    version: current.version + 1,
    updatedAt: now,
  };
  await deps.minutes.save(
    approved,
    auditEvent(
      ctx.actor,
      new Date(now),
      'minutes.approved',
      { type: 'meeting', id: meetingId },
      {
        number: approved.number,
      },
    ),
    current.version === 0 ? undefined : current.version,
  );
  return getMeetingMinutes(deps, ctx.actor, meetingId);
}

/**
 * A correction of approved minutes: a new version with its reason and the words that change, for the chair to
 * approve (the chair, or the secretariat, writes it). The approved version stays as it was.
 * @throws AppError FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, INVALID_STATE (the current version is not approved,
 *   or names a decision the meeting did not make), VERSION_CONFLICT
 */
export async function correctMinutes(
  deps: CoreDeps,
  ctx: RequestContext,
  meetingId: string,
  input: unknown,
): Promise<Minutes> {
  requireBoard(ctx.actor);
  if (!isChairOrAdmin(ctx.actor)) throw forbidden();
  const correction = parseInput(minutesCorrectionSchema, input);
  const meeting = await getMeeting(deps, ctx.actor, meetingId);
  const versions = await versionsOf(deps, await recordedMeeting(deps, meetingId));
  const current = versions.at(-1) as MinutesVersion;
  if (current.status !== 'approved') throw new AppError('INVALID_STATE', { code: 'MINUTES_NOT_APPROVED' });
  const changes = new Map((correction.decisions ?? []).map((d) => [d.applicationId, d]));
  const errors = [...changes.keys()].flatMap((id, i) =>
    current.decisions.some((d) => d.applicationId === id) &&
    !meeting.decisions.some((d) => d.applicationId === id && d.conflicted)
      ? []
      : [{ pointer: `/decisions/${i}/applicationId`, code: 'NOT_IN_MEETING' as const }],
  );
  if (errors.length > 0) throw new AppError('INVALID_STATE', { code: 'MINUTES_NOT_APPROVED' }, { errors });
  const now = deps.clock.now().toISOString();
  const { approvedAt: _at, approvedBy: _by, reason: _reason, ...base } = current;
  const next: MinutesVersion = {
    ...base,
    number: current.number + 1,
    status: 'draft',
    ...(correction.notes !== undefined ? { notes: correction.notes } : {}),
    decisions: current.decisions.map((d): MinutesEntry => ({ ...d, ...changes.get(d.applicationId) })),
    reason: correction.reason,
    createdAt: now,
    createdBy: ctx.actor.userId,
    version: 1,
    updatedAt: now,
  };
  await deps.minutes.save(
    next,
    auditEvent(
      ctx.actor,
      new Date(now),
      'minutes.corrected',
      { type: 'meeting', id: meetingId },
      {
        number: next.number,
        reason: correction.reason,
      },
    ),
  );
  return getMeetingMinutes(deps, ctx.actor, meetingId);
}
