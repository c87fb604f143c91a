import * as z from 'zod';
import { text } from '../shared/validation.js';

export const RECOMMENDATIONS = ['fund', 'fund_with_changes', 'do_not_fund'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** A criterion's score: 1-5, or "not applicable" (left out of every average, never counted as 0). */
export const scoreSchema = z.union([z.int().min(SCORE_MIN).max(SCORE_MAX), z.literal('na')]);
export type Score = z.infer<typeof scoreSchema>;

const criterionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** PUT of a review draft: the whole review as the reviewer sees it. */
export const reviewInputSchema = z.strictObject({
  scores: z.record(criterionId, scoreSchema).default({}),
  comments: z.record(criterionId, text(5_000)).default({}),
  recommendation: z.enum(RECOMMENDATIONS).optional(),
  overallComment: text(10_000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const REVIEW_STATUSES = ['not_started', 'draft', 'submitted'] as const;

export const reviewSchema = z.object({
  status: z.enum(REVIEW_STATUSES),
  scores: z.record(z.string(), scoreSchema),
  comments: z.record(z.string(), z.string()),
  recommendation: z.enum(RECOMMENDATIONS).optional(),
  overallComment: z.string().optional(),
  submittedAt: z.string().optional(),
  reopenedAt: z.string().optional(),
});
export type Review = z.infer<typeof reviewSchema>;

/**
 * Why a person takes no part in an application: their organisation takes part in it (found by the system),
 * or they declared a conflict themselves.
 */
export const CONFLICT_GROUNDS = ['organisation', 'declared'] as const;
export type ConflictGround = (typeof CONFLICT_GROUNDS)[number];

/** A person's conflict with an application: its ground, and the organisation or the person's own words. */
export interface PersonConflict {
  ground: ConflictGround;
  reason: string;
}

export const conflictSchema = z.object({
  declaredAt: z.string(),
  reason: z.string(),
  ruling: z
    .object({
      recused: z.boolean(),
      byUserId: z.string(),
      byName: z.string(),
      at: z.string(),
      note: z.string().optional(),
    })
    .optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;

/** A reviewer on an application: the assignment, any declared conflict and its ruling, and the review. */
export const assignmentSchema = z.object({
  applicationId: z.string(),
  callId: z.string(),
  /** Kept on the assignment so a reviewer's queue is one Query. */
  applicationTitle: z.string(),
  applicationReference: z.string().optional(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  reviewerEmail: z.string(),
  reviewerOrganisation: z.string().optional(),
  assignedAt: z.string(),
  assignedBy: z.string(),
  conflict: conflictSchema.optional(),
  review: reviewSchema,
  version: z.int(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/**
 * The chair's ruling that a conflict the system found by organisation is none (issue 11), with its written
 * reason: the person takes part in the application again. Declared conflicts are ruled on their assignment.
 */
export const foundConflictRulingSchema = z.object({
  applicationId: z.string(),
  callId: z.string(),
  userId: z.string(),
  /** The person's organisation and the application's organisation the registry related it to, when ruled. */
  organisation: z.string(),
  applicationOrganisation: z.string(),
  reason: z.string(),
  byUserId: z.string(),
  byName: z.string(),
  at: z.string(),
});
export type FoundConflictRuling = z.infer<typeof foundConflictRulingSchema>;

export const ruleFoundConflictSchema = z.strictObject({ reason: text(2_000).min(5) });

/** A conflict the system finds between a reviewer or board member and an application, and any ruling on it. */
export const foundConflictSchema = z.object({
  applicationId: z.string(),
  applicationTitle: z.string(),
  applicationReference: z.string().optional(),
  userId: z.string(),
  name: z.string(),
  organisation: z.string(),
  applicationOrganisation: z.string(),
  ruling: foundConflictRulingSchema.optional(),
});
export type FoundConflict = z.infer<typeof foundConflictSchema>;

export const declareConflictSchema = z.strictObject({ reason: text(2_000).min(5) });
export const ruleConflictSchema = z.strictObject({ recused: z.boolean(), note: text(2_000).optional() });
const reviewerId = z.string().min(1).max(128);
export const assignReviewersSchema = z.strictObject({
  reviewerIds: z.array(reviewerId).min(1).max(20),
});
/** A plan for a whole call (a suggestion as the chair edited it): reviewers per application. */
export const confirmAssignmentSchema = z.strictObject({
  assignments: z
    .array(z.strictObject({ applicationId: z.uuid(), reviewerIds: z.array(reviewerId).max(20) }))
    .min(1)
    .max(500),
});
export type AssignmentPlan = z.infer<typeof confirmAssignmentSchema>['assignments'];
