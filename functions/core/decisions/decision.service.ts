import type { Application } from '../applications/application.schema.js';
import { auditEvent, type OutboxMessage } from '../audit/audit.js';
import { hasRole, isAdmin, type Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import type { CoreDeps, DecisionWrite, RequestContext } from '../ports.js';
import { isBoardOrAdmin, personConflict } from '../reviews/review.service.js';
import { AppError, type FieldError, forbidden, notFound } from '../shared/errors.js';
import { budgetExceeded } from './budget.js';
import type { Decision, DecisionInput, Meeting, MeetingInput, Person } from './decision.schema.js';

const kr = (ore: number, locale = 'da-DK') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'DKK' }).format(ore / 100);

function decisionLetter(application: Application, call: Call, decision: Decision, now: Date): OutboxMessage {
  const da: Record<Decision['outcome'], string[]> = {
    approved: [
      `Bestyrelsen for Folkesundhed i Midten har bevilget ${kr(decision.amountOre ?? 0)} til projektet.`,
      ...(decision.conditions ? ['', `Vilkår: ${decision.conditions}`] : []),
    ],
    rejected: [
      'Bestyrelsen for Folkesundhed i Midten har desværre givet afslag på ansøgningen.',
      '',
      `Begrundelse: ${decision.justification ?? ''}`,
      '',
      'Afgørelsen er truffet efter forvaltningslovens §§ 22-24. Du kan bede om aktindsigt i sagens dokumenter.',
    ],
    waiting_list: [
      'Bestyrelsen har sat ansøgningen på venteliste. Du hører fra os, hvis der bliver midler til projektet.',
    ],
  };
  const en: Record<Decision['outcome'], string[]> = {
    approved: [
      `The board of Folkesundhed i Midten has granted ${kr(decision.amountOre ?? 0, 'en-GB')} to the project.`,
      ...(decision.conditions ? ['', `Conditions (in Danish): ${decision.conditions}`] : []),
    ],
    rejected: [
      'The board of Folkesundhed i Midten has unfortunately rejected the application.',
      '',
      `Justification (in Danish): ${decision.justification ?? ''}`,
      '',
      'You may ask for access to the documents of the case (aktindsigt).',
    ],
    waiting_list: [
      'The board has put the application on the waiting list. We will write if funds become available.',
    ],
  };
  return {
    id: crypto.randomUUID(),
    createdAt: now.toISOString(),
    kind: 'application.decision',
    to: application.ownerEmail,
    entityId: application.id,
    subject: `Afgørelse på ansøgning ${application.reference ?? ''} / Decision on application ${application.reference ?? ''}`,
    body: [
      `Kære ${application.ownerName}`,
      '',
      `Afgørelse på ansøgningen "${application.title ?? ''}" (${application.reference ?? ''}) til opslaget "${call.title}".`,
      '',
      ...da[decision.outcome],
      '',
      '---',
      '',
      `Dear ${application.ownerName}`,
      '',
      `Decision on the application "${application.title ?? ''}" (${application.reference ?? ''}) to the call "${call.titleEn ?? call.title}".`,
      '',
      ...en[decision.outcome],
      '',
      'Folkesundhed i Midten',
    ].join('\n'),
  };
}

const decidable = (a: Application) => a.status === 'in_review' || a.status === 'waiting_list';

async function people(deps: CoreDeps, ids: readonly string[], errors: FieldError[]): Promise<Person[]> {
  const found: Person[] = [];
  for (const [i, id] of ids.entries()) {
    const user = await deps.users.get(id);
    if (!user || !(user.roles.includes('board') || user.roles.includes('admin'))) {
      errors.push({
        pointer: `/attendeeIds/${i}`,
        code: 'NOT_BOARD',
        detail: `${id}: ikke medlem af bestyrelsen / not a board member`,
      });
    } else
      found.push({
        userId: user.userId,
        name: user.name,
        ...(user.organisation ? { organisation: user.organisation } : {}),
      });
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
  if (!isBoardOrAdmin(ctx.actor)) throw forbidden();
  const call = await deps.calls.get(callId);
  if (!call) throw notFound('call');
  const errors: FieldError[] = [];
  if (call.status !== 'closed') {
    errors.push({
      pointer: '',
      code: 'CALL_NOT_CLOSED',
      detail: 'Der træffes afgørelse, når opslaget er lukket / Decisions are made once the call is closed',
    });
  }
  const attendees = await people(deps, input.attendeeIds, errors);
  const now = deps.clock.now();
  const meetingId = crypto.randomUUID();
  const writes: DecisionWrite[] = [];
  const minutes: Meeting['decisions'] = [];
  let approvedDelta = 0;
  const seen = new Set<string>();
  for (const [i, d] of input.decisions.entries()) {
    const at = (field: string) => `/decisions/${i}/${field}`;
    if (seen.has(d.applicationId)) {
      errors.push({
        pointer: at('applicationId'),
        code: 'DUPLICATE',
        detail: 'Samme ansøgning to gange / The same application twice',
      });
      continue;
    }
    seen.add(d.applicationId);
    const application = await deps.applications.get(d.applicationId);
    if (!application || application.callId !== callId) {
      errors.push({
        pointer: at('applicationId'),
        code: 'NOT_IN_CALL',
        detail: 'Ansøgningen hører ikke til opslaget / Not an application of this call',
      });
      continue;
    }
    if (!decidable(application)) {
      errors.push({
        pointer: at('applicationId'),
        code: 'INVALID_STATE',
        detail: `Ansøgningen kan ikke afgøres i status "${application.status}" / Cannot be decided in status "${application.status}"`,
      });
      continue;
    }
    const assignments = await deps.reviews.listByApplication(application.id);
    if (!isAdmin(ctx.actor) && personConflict(ctx.actor, application, assignments)) {
      errors.push({
        pointer: at('applicationId'),
        code: 'CONFLICT_OF_INTEREST',
        detail: 'Du er inhabil i denne ansøgning / You are conflicted on this application',
      });
      continue;
    }
    errors.push(...checkDecision(d, application, at));
    const recused = attendees.flatMap((person) => {
      const reason = personConflict(person, application, assignments);
      return reason ? [{ ...person, reason }] : [];
    });
    if (hasRole(ctx.actor, 'board') && recused.length === attendees.length) {
      errors.push({
        pointer: at('applicationId'),
        code: 'NO_QUORUM',
        detail: 'Alle fremmødte er inhabile / Every attendee is conflicted',
      });
    }
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
      letter: decisionLetter(next, call, decision, now),
    });
    minutes.push({
      applicationId: application.id,
      ...(application.reference ? { reference: application.reference } : {}),
      title: application.title ?? '',
      outcome: d.outcome,
      ...(decision.amountOre !== undefined ? { amountOre: decision.amountOre } : {}),
      recused,
    });
  }
  if (errors.length > 0)
    throw new AppError(
      'RULES_FAILED',
      'Afgørelserne kan ikke registreres / The decisions cannot be recorded',
      { errors },
    );
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

function checkDecision(
  d: DecisionInput,
  application: Application,
  at: (field: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (d.outcome === 'approved') {
    if (d.amountOre === undefined)
      errors.push({
        pointer: at('amountOre'),
        code: 'REQUIRED',
        detail: 'Angiv det bevilgede beløb / Give the amount granted',
      });
    else if (d.amountOre > application.requestedAmountOre) {
      errors.push({
        pointer: at('amountOre'),
        code: 'OVER_REQUESTED',
        detail: `Højst det ansøgte ${kr(application.requestedAmountOre)} / At most the ${kr(application.requestedAmountOre, 'en-GB')} requested`,
      });
    }
  } else if (d.amountOre !== undefined) {
    errors.push({
      pointer: at('amountOre'),
      code: 'NOT_ALLOWED',
      detail: 'Kun en bevilling har et beløb / Only an approval has an amount',
    });
  }
  if (d.outcome === 'rejected' && !d.justification?.trim()) {
    errors.push({
      pointer: at('justification'),
      code: 'REQUIRED',
      detail:
        'Et afslag skal begrundes skriftligt (forvaltningsloven §§ 22-24) / A rejection needs a written justification',
    });
  }
  return errors;
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
async function minutesFor(deps: CoreDeps, actor: Principal, meeting: Meeting): Promise<Meeting> {
  if (isAdmin(actor)) return meeting;
  const decisions = await Promise.all(
    meeting.decisions.map(async (d) => {
      let conflicted = d.recused.some((r) => r.userId === actor.userId);
      if (!conflicted) {
        const application = await deps.applications.get(d.applicationId);
        conflicted =
          application !== undefined &&
          personConflict(actor, application, await deps.reviews.listByApplication(d.applicationId)) !==
            undefined;
      }
      if (!conflicted) return d;
      return {
        applicationId: d.applicationId,
        reference: d.reference,
        title: d.title,
        recused: d.recused,
        conflicted: true,
      };
    }),
  );
  return { ...meeting, decisions };
}

/** The minutes of a call's meetings (board, admins). @throws AppError FORBIDDEN */
export async function listMeetings(deps: CoreDeps, actor: Principal, callId: string): Promise<Meeting[]> {
  if (!isBoardOrAdmin(actor)) throw forbidden();
  return Promise.all((await deps.decisions.listMeetings(callId)).map((m) => minutesFor(deps, actor, m)));
}

/** @throws AppError FORBIDDEN, NOT_FOUND */
export async function getMeeting(deps: CoreDeps, actor: Principal, meetingId: string): Promise<Meeting> {
  if (!isBoardOrAdmin(actor)) throw forbidden();
  const meeting = await deps.decisions.getMeeting(meetingId);
  if (!meeting) throw notFound('meeting');
  return minutesFor(deps, actor, meeting);
}
