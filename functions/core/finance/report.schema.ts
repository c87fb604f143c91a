import * as z from 'zod';
import { MAX_AMOUNT_ORE } from '../calls/call.schema.js';
import { ofApplication, ownedBy, versioned } from '../shared/fields.schema.js';
import { text } from '../shared/validation.js';

/*
 * Project reports: the obligations an award gets when its owner accepts it (from the call's `reports`, or the
 * defaults), submitted by the project lead and approved or returned by the board or an admin.
 */

export const REPORT_KINDS = ['progress', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['due', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A report id: `progress-<n>` (numbered in the call's order) or `final`. */
export const REPORT_ID = /^(progress-[1-9][0-9]?|final)$/;

export const reportSchema = z.object({
  ...ofApplication,
  reportId: z.string(),
  kind: z.enum(REPORT_KINDS),
  /** The Copenhagen date it is due. */
  dueDate: z.string(),
  status: z.enum(REPORT_STATUSES),
  ...ownedBy,
  text: z.string().optional(),
  spentOre: z.int().optional(),
  submittedAt: z.string().optional(),
  submittedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  /** Why the board returned it (kept until it is approved). */
  returnReason: z.string().optional(),
  /** When its one reminder went into the outbox. */
  reminderQueuedAt: z.string().optional(),
  createdAt: z.string(),
  ...versioned,
});
export type Report = z.infer<typeof reportSchema>;

export const reportSubmitInputSchema = z.strictObject({
  text: text(20_000).min(1),
  /** What the project has spent so far, in øre. */
  spentOre: z.int().min(0).max(MAX_AMOUNT_ORE).optional(),
});
export type ReportSubmitInput = z.infer<typeof reportSubmitInputSchema>;

export const reportReturnInputSchema = z.strictObject({
  reason: text(4_000).min(1),
});
export type ReportReturnInput = z.infer<typeof reportReturnInputSchema>;
