import type { Application } from '../applications/application.schema.js';
import { letterSubject, toOwnerOf } from '../applications/letters.js';
import { auditEvent, type OutboxMessage } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { OrganisationTree } from '../organisations/tree.js';
import type { CoreDeps, DecisionWrite, RequestContext } from '../ports.js';
import { actorConflicted, personConflict, requireBoard } from '../reviews/access.js';
import { AppError, type FieldError, notFound } from '../shared/errors.js';
import { copenhagenDate } from '../shared/time.js';
import { budgetExceeded } from './budget.js';
import { checkDecision, decidable } from './decision.rules.js';
import type { Decision, DecisionInput, Meeting, MeetingInput, Person, Recusal } from './decision.schema.js';

/** The decision letter to the applicant: its words come from the catalogue when it is sent. */
function decisionLetter(
  application: Application,
  call: Call,
  decision: Decision,
  reviewsSubmitted: number,
  now: Date,
): OutboxMessage {
  return {
    ...toOwnerOf(application, now),
    kind: 'application.decision',
    params: {
      ownerName: application.ownerName,
      ...letterSubject(application, call),
      outcome: decision.outcome,
      ...(decision.amountOre !== undefined ? { amountOre: decision.amountOre } : {}),
      ...(decision.conditions ? { conditions: decision.conditions } : {}),
      ...(decision.justification ? { justification: decision.justification } : {}),
      decidedOn: copenhagenDate(new Date(decision.decidedAt)),
      reviewsSubmitted,
      // The meeting's date (decidedAt is when it was held); the letter names it with the call's title.
      meetingHeldOn: copenhagenDate(new Date(decision.decidedAt)),
    },
  };
}

/** The attendees, each with the organisation they are judged by (their own pick, else the identity provider's). */
async function people(
  deps: CoreDeps,
  ids: readonly string[],
  errors: FieldError[],
  tree: OrganisationTree,
): Promise<Person[]> {
  const found: Person[] = [];
  for (const [i, id] of ids.entries()) {
    const user = await deps.users.get(id);
    if (!user || !(user.roles.includes('board') || user.roles.includes('admin'))) {
      errors.push({ pointer: `/attendeeIds/${i}`, code: 'NOT_BOARD', params: { userId: id } });
      continue;
    }
    const organisation = tree.organisationOf(user);
    found.push({ userId: user.userId, name: user.name, ...(organisation ? { organisation } : {}) });
  }
  return found;
}

/**
 * Records a board meeting's decisions in one transaction: each application's decision, its audit event and
 * letter, the minutes, and the call's approved total, which may never pass the budget. Attendees with a
 * conflict take no part in that decision and the minutes say so; the recorder may not decide where they
 * are conflicted. @throws AppError FORBIDDEN, NOT_FOUND, RULES_FAILED (rules or budget, with the figures)
 */
export async function recordMeeting(
  deps: CoreDeps,
  ctx: RequestContext,
  callId: string,
  input: MeetingInput,
): Promise<Meeting> {
  requireBoard(ctx.actor);
  const call = await loadCall(deps, callId);
  const errors: FieldError[] = [];
  if (call.status !== 'closed') errors.push({ pointer: '', code: 'CALL_NOT_CLOSED' });
  const tree = await loadOrganisationTree(deps);
  const attendees = await people(deps, input.attendeeIds, errors, tree);
  const now = deps.clock.now();
  const meetingId = crypto.randomUUID();
  const writes: DecisionWrite[] = [];
  const minutes: Meeting['decisions'] = [];
  let approvedDelta = 0;
  const seen = new Set<string>();
  for (const [i, d] of input.decisions.entries()) {
    const at = (field: string) => `/decisions/${i}/${field}`;
    if (seen.has(d.applicationId)) {
      errors.push({ pointer: at('applicationId'), code: 'DUPLICATE' });
      continue;
    }
    seen.add(d.applicationId);
    const application = await deps.applications.get(d.applicationId);
    if (!application || application.callId !== callId) {
      errors.push({ pointer: at('applicationId'), code: 'NOT_IN_CALL' });
      continue;
    }
    if (!decidable(application)) {
      errors.push({
        pointer: at('applicationId'),
        code: 'INVALID_STATE',
        params: { applicationStatus: application.status },
      });
      continue;
    }
    const assignments = await deps.reviews.listByApplication(application.id);
    if (actorConflicted(ctx.actor, application, assignments, tree)) {
      errors.push({ pointer: at('applicationId'), code: 'CONFLICT_OF_INTEREST', params: {} });
      continue;
    }
    errors.push(...checkDecision(d, application, at));
    const recused = attendees.flatMap((person): Recusal[] => {
      const conflict = personConflict(person, application, assignments, tree);
      return conflict ? [{ ...person, ...conflict }] : [];
    });
    if (hasRole(ctx.actor, 'board') && recused.length === attendees.length)
      errors.push({ pointer: at('applicationId'), code: 'NO_QUORUM' });
    const decision: Decision = {
      outcome: d.outcome,
      ...(d.outcome === 'approved' && d.amountOre !== undefined ? { amountOre: d.amountOre } : {}),
      ...(d.conditions ? { conditions: d.conditions } : {}),
      ...(d.justification ? { justification: d.justification } : {}),
      // Decided when the board met; recorded (audit, minutes' recordedAt) when entered.
      decidedAt: new Date(input.heldAt).toISOString(),
      decidedBy: ctx.actor.userId,
      meetingId,
      recused,
    };
    if (d.outcome === 'approved') approvedDelta += d.amountOre ?? 0;
    const next: Application = {
      ...application,
      status: d.outcome,
      decision,
      version: application.version + 1,
      updatedAt: now.toISOString(),
    };
    writes.push({
      application: next,
      expectedVersion: application.version,
      audit: auditEvent(
        ctx.actor,
        now,
        'application.decided',
        { type: 'application', id: application.id },
        {
          from: application.status,
          to: d.outcome,
          amountOre: decision.amountOre ?? null,
          meetingId,
          recused: recused.map((r) => r.userId).join(','),
          version: next.version,
        },
      ),
      letter: decisionLetter(
        next,
        call,
        decision,
        assignments.filter((a) => a.review.status === 'submitted').length,
        now,
      ),
    });
    minutes.push({
      applicationId: application.id,
      ...(application.reference ? { reference: application.reference } : {}),
      title: application.title ?? '',
      outcome: d.outcome,
      ...(decision.amountOre !== undefined ? { amountOre: decision.amountOre } : {}),
      ...(decision.justification ? { justification: decision.justification } : {}),
      ...(decision.conditions ? { conditions: decision.conditions } : {}),
      recused,
    });
  }
  if (errors.length > 0) throw new AppError('RULES_FAILED', { code: 'DECISIONS_REFUSED' }, { errors });
  const meeting: Meeting = {
    id: meetingId,
    callId,
    heldAt: new Date(input.heldAt).toISOString(),
    attendees,
    ...(input.notes ? { notes: input.notes } : {}),
    decisions: minutes,
    recordedAt: now.toISOString(),
    recordedBy: ctx.actor.userId,
  };
  const approved = await deps.decisions.approvedOre(callId);
  if (approved + approvedDelta > call.budgetOre) {
    throw budgetExceeded(approved, approvedDelta, call.budgetOre);
  }
  await deps.decisions.recordMeeting(
    meeting,
    auditEvent(
      ctx.actor,
      now,
      'meeting.recorded',
      { type: 'meeting', id: meetingId },
      { callId, decisions: minutes.length, approvedOre: approvedDelta },
    ),
    writes,
    approvedDelta,
    call.budgetOre,
  );
  return meeting;
}

/** One decision outside a meeting: recorded as a meeting attended by the decider. */
export const decideApplication = async (
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: Omit<DecisionInput, 'applicationId'>,
) => {
  const application = await deps.applications.get(applicationId);
  if (!application || application.status === 'draft') throw notFound('application');
  return recordMeeting(deps, ctx, application.callId, {
    heldAt: deps.clock.now().toISOString(),
    attendeeIds: [ctx.actor.userId],
    decisions: [{ ...input, applicationId }],
  });
};

/**
 * The minutes as a reader may see them: where the reader is conflicted with an application (recused at the
 * meeting, or conflicted by organisation or declaration), its decision shows the title only.
 */
export async function minutesFor(deps: CoreDeps, actor: Principal, meeting: Meeting): Promise<Meeting> {
  if (isAdmin(actor)) return meeting;
  const tree = await loadOrganisationTree(deps);
  const decisions = await Promise.all(
    meeting.decisions.map(async (d) => {
      let conflicted = d.recused.some((r) => r.userId === actor.userId);
      if (!conflicted) {
        const application = await deps.applications.get(d.applicationId);
        conflicted =
          application !== undefined &&
          personConflict(actor, application, await deps.reviews.listByApplication(d.applicationId), tree) !==
            undefined;
      }
      if (!conflicted) return d;
      // The title and their own recusal only: the reference, outcome, amount and who else stood aside (and
      // why: an organisation of the case) tell them about it.
      return {
        applicationId: d.applicationId,
        title: d.title,
        recused: d.recused.filter((r) => r.userId === actor.userId),
        conflicted: true,
      };
    }),
  );
  return { ...meeting, decisions };
}

/** The minutes of a call's meetings (board, admins). @throws AppError FORBIDDEN */
export async function listMeetings(deps: CoreDeps, actor: Principal, callId: string): Promise<Meeting[]> {
  requireBoard(actor);
  return Promise.all((await deps.decisions.listMeetings(callId)).map((m) => minutesFor(deps, actor, m)));
}

/** @throws AppError FORBIDDEN, NOT_FOUND */
export async function getMeeting(deps: CoreDeps, actor: Principal, meetingId: string): Promise<Meeting> {
  requireBoard(actor);
  const meeting = await deps.decisions.getMeeting(meetingId);
  if (!meeting) throw notFound('meeting');
  return minutesFor(deps, actor, meeting);
}
