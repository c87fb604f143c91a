import * as z from 'zod';
import { text } from '../shared/validation.js';
import { MAX_DECISIONS_PER_MEETING } from './decision.schema.js';

/** A decision's words in the minutes: its justification and conditions. */
export const minutesEntrySchema = z.object({
  applicationId: z.string(),
  justification: z.string().optional(),
  conditions: z.string().optional(),
});
export type MinutesEntry = z.infer<typeof minutesEntrySchema>;

export const MINUTES_STATUSES = ['draft', 'approved'] as const;

/**
 * One version of a meeting's minutes. Version 1 is the meeting as recorded; the chair approves it, and then it
 * is locked: a correction is a new version (with its reason) for the chair to approve, and every version is
 * kept. `version` is the item's own revision (a draft, then approved).
 */
export const minutesVersionSchema = z.object({
  meetingId: z.string(),
  number: z.int().min(1),
  status: z.enum(MINUTES_STATUSES),
  notes: z.string().optional(),
  decisions: z.array(minutesEntrySchema),
  /** Why this version corrects the one before (absent for version 1). */
  reason: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  version: z.int(),
  updatedAt: z.string(),
});
export type MinutesVersion = z.infer<typeof minutesVersionSchema>;

/** A correction of approved minutes: why, and the words that change (outcomes and amounts are decisions). */
export const minutesCorrectionSchema = z.strictObject({
  reason: text(2_000).min(1),
  notes: text(20_000).optional(),
  decisions: z
    .array(
      z.strictObject({
        applicationId: z.uuid(),
        justification: text(10_000).optional(),
        conditions: text(5_000).optional(),
      }),
    )
    .max(MAX_DECISIONS_PER_MEETING)
    .optional(),
});
export type MinutesCorrection = z.infer<typeof minutesCorrectionSchema>;
