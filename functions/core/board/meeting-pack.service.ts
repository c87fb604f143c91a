import { createHash } from 'node:crypto';
import type { Application } from '../applications/application.schema.js';
import type { Member } from '../applications/members.schema.js';
import type { PrintoutDocument } from '../applications/printout.service.js';
import type { Principal } from '../auth/principal.js';
import type { Call } from '../calls/call.schema.js';
import { loadCall } from '../calls/call.service.js';
import type { Meeting } from '../decisions/decision.schema.js';
import { getMeeting } from '../decisions/decision.service.js';
import type { CoreDeps } from '../ports.js';
import { isRecusedOrPending } from '../reviews/access.js';
import { getRanking, type Ranking } from '../reviews/ranking.js';
import type { Assignment } from '../reviews/review.schema.js';
import { reviewerScore } from '../reviews/scoring.js';
import { AppError } from '../shared/errors.js';
import { getBoardApplication } from './board-application.service.js';

/*
 * The meeting pack (issue 11): for one meeting and one reader, the call's ranking and each application the
 * meeting decided on, with its reviews in short. What the reader is conflicted on is its title and "recused"
 * only, as everywhere on the board's pages (the ranking's rows, the minutes, the board's view).
 */

/** One reviewer's review in short: a submitted one with its weighted score; others by their status. */
export interface PackReview {
  reviewerName: string;
  status: Assignment['review']['status'];
  /** The reviewer is recused or their conflict declaration waits for a ruling: never counted. */
  recused: boolean;
  score?: number | undefined;
  recommendation?: Assignment['review']['recommendation'];
  overallComment?: string | undefined;
}

/** An application on the meeting's agenda, as the reader may see it. */
export type PackItem =
  | {
      conflicted: false;
      application: Application;
      members: Member[];
      /** Its documents as the board's view lists them (with their checksums: a changed one changes the key). */
      documents: PrintoutDocument[];
      reviews: PackReview[];
    }
  | { conflicted: true; applicationId: string; title: string };

export interface MeetingPack {
  meeting: Meeting;
  call: Call;
  /** Who the pack is for (it is theirs: what they are conflicted on is left out). */
  reader: { userId: string; name: string };
  ranking: Ranking;
  items: PackItem[];
}

/** The reviews as the board reads them, in short (only submitted, counted reviews carry a score). */
const summarise = (call: Call, reviews: readonly Assignment[]): PackReview[] =>
  reviews.map((a) => {
    const recused = isRecusedOrPending(a);
    const counted = a.review.status === 'submitted' && !recused;
    return {
      reviewerName: a.reviewerName,
      status: a.review.status,
      recused,
      ...(counted
        ? {
            score: reviewerScore(call.criteria, a.review.scores),
            recommendation: a.review.recommendation,
            overallComment: a.review.overallComment,
          }
        : {}),
    };
  });

/** Is this the board view's refusal of a conflicted reader? */
const isRecusal = (error: unknown): boolean =>
  error instanceof AppError && error.code === 'FORBIDDEN' && error.reason.code === 'RECUSED';

/**
 * A meeting's pack for its reader (board members, the chair, admins): the ranking of the meeting's call and
 * each application it decided on, in the minutes' order. @throws AppError FORBIDDEN, NOT_FOUND
 */
export async function getMeetingPack(
  deps: CoreDeps,
  actor: Principal,
  meetingId: string,
): Promise<MeetingPack> {
  const meeting = await getMeeting(deps, actor, meetingId);
  const ranking = await getRanking(deps, actor, meeting.callId);
  const items = await Promise.all(
    meeting.decisions.map(async (d): Promise<PackItem> => {
      const hidden: PackItem = { conflicted: true, applicationId: d.applicationId, title: d.title };
      if (d.conflicted) return hidden;
      try {
        const view = await getBoardApplication(deps, actor, d.applicationId);
        // The board reads the co-applicants' names on the board's view's terms (every field of the application).
        const members = await deps.members.listMembers(d.applicationId);
        return {
          conflicted: false,
          application: view.application,
          members,
          documents: view.documents,
          reviews: summarise(view.call, view.reviews),
        };
      } catch (error) {
        // A conflict found since the minutes were read (a declaration, the registry): the title only.
        if (isRecusal(error)) return hidden;
        throw error;
      }
    }),
  );
  const call = await loadCall(deps, meeting.callId);
  return { meeting, call, reader: { userId: actor.userId, name: actor.name }, ranking, items };
}

/**
 * The pack's cache key: a hash of everything the PDF shows (the meeting, the call, the ranking, each
 * application with its version and reviews, the reader) in its language and the PDF's format. Anything in it
 * that changes (an application's version, a review, a conflict found or ruled away, the reader's name) gives a
 * new key, and the same content the same key. The reader is part of it: one member's key never answers for
 * another's pack.
 */
export function meetingPackKey(pack: MeetingPack, lang: string, format: number): string {
  return createHash('sha256').update(JSON.stringify({ format, lang, pack })).digest('base64url');
}
