import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { getCall } from '../calls/call.service.js';
import type { CoreDeps, UserProfile } from '../ports.js';
import { isChairOrAdmin, requireBoard } from '../reviews/access.js';
import { getRanking, type RankingRow } from '../reviews/ranking.js';
import { decidable } from './decision.rules.js';
import type { Meeting } from './decision.schema.js';
import { getMeeting } from './decision.service.js';

/*
 * What the board's pages read besides the ranking and the minutes: the calls it works on, who may attend a
 * meeting, and the minutes with their call. Board members and admins only.
 */

/**
 * The calls the board works on: the open ones (their applications come into review when they close) and the
 * closed ones (in review and decided). @throws AppError FORBIDDEN
 */
export async function listBoardCalls(
  deps: CoreDeps,
  actor: Principal,
): Promise<{ open: Call[]; closed: Call[] }> {
  requireBoard(actor);
  const [open, closed] = await Promise.all([
    deps.calls.listByStatus('open'),
    deps.calls.listByStatus('closed'),
  ]);
  return { open, closed };
}

/**
 * A call as the board's page shows it, and whether the reader may assign reviewers and rule on conflicts
 * (the chair and admins). @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getBoardCall(
  deps: CoreDeps,
  actor: Principal,
  callId: string,
): Promise<{ call: Call; chair: boolean }> {
  requireBoard(actor);
  return { call: await getCall(deps, actor, callId), chair: isChairOrAdmin(actor) };
}

/** Who may attend a board meeting: board members and administrators, by name. */
const attendeesOf = (users: readonly UserProfile[]): UserProfile[] =>
  users
    .filter((u) => u.roles.includes('board') || u.roles.includes('admin'))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));

/**
 * What the meeting form needs: the call, its applications waiting for a decision in ranking order, and the
 * people who may attend. Where the reader is conflicted the form lists every such application, title only,
 * whatever its status: listing only the undecided ones would tell them which are decided.
 * @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getMeetingForm(
  deps: CoreDeps,
  actor: Principal,
  callId: string,
): Promise<{ call: Call; rows: RankingRow[]; attendees: UserProfile[] }> {
  requireBoard(actor);
  const call = await getCall(deps, actor, callId);
  const [ranking, users] = await Promise.all([getRanking(deps, actor, callId), deps.users.listAll()]);
  return {
    call,
    rows: ranking.rows.filter(
      (r) => r.conflicted || (r.status !== undefined && decidable({ status: r.status })),
    ),
    attendees: attendeesOf(users),
  };
}

/** One meeting's minutes as the reader may see them, with their call. @throws AppError FORBIDDEN, NOT_FOUND */
export async function getMinutes(
  deps: CoreDeps,
  actor: Principal,
  meetingId: string,
): Promise<{ meeting: Meeting; call: Call | undefined }> {
  const meeting = await getMeeting(deps, actor, meetingId);
  return { meeting, call: await deps.calls.get(meeting.callId) };
}
