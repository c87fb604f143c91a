import * as z from 'zod';
import { documentKindSchema } from '../documents/document.schema.js';
import { copenhagenDate, parseDateTimeInput } from '../shared/time.js';
import { text } from '../shared/validation.js';

export const CALL_STATUSES = ['draft', 'open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** The health agreement's focus areas (sundhedsaftalen). */
export const FOCUS_AREAS = ['prevention', 'older_citizens', 'near_psychiatry', 'other'] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

/** Days before the review due date when reviewers are reminded, unless the call says otherwise. */
export const DEFAULT_REVIEW_REMINDER_DAYS = 7;

/** Upper bound for any amount: 100 million kr, far above FIM's yearly 2.5 million. */
export const MAX_AMOUNT_ORE = 10_000_000_000;

const amountOre = z.int().min(1).max(MAX_AMOUNT_ORE);
const dateTimeInput = z
  .string()
  .max(40)
  .refine((v) => parseDateTimeInput(v) !== undefined, { message: 'not_a_datetime' });

export const grantTypeSchema = z.strictObject({
  id: z.string().regex(/^[A-Z0-9]{1,8}$/),
  name: text(120).min(1),
  nameEn: text(120).optional(),
  maxAmountOre: amountOre,
});
export type GrantType = z.infer<typeof grantTypeSchema>;

export const criterionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: text(160).min(1),
  nameEn: text(160).optional(),
  weight: z.int().min(1).max(10),
});
export type Criterion = z.infer<typeof criterionSchema>;

/**
 * A report the call asks of each award: `dueAfterMonths` counts from the award's acceptance (progress) or
 * from the project's end date (final; the acceptance date when the application has none); `dueDate` is a
 * fixed date. At most one of the two; neither means the default (progress 12, final 3 months).
 */
export const reportRuleSchema = z
  .strictObject({
    kind: z.enum(['progress', 'final']),
    dueAfterMonths: z.int().min(0).max(120).optional(),
    dueDate: z.iso.date().optional(),
  })
  .refine((r) => r.dueAfterMonths === undefined || r.dueDate === undefined, {
    message: 'due_months_or_date',
    path: ['dueDate'],
  });
export type ReportRule = z.infer<typeof reportRuleSchema>;

const callFields = {
  title: text(200).min(3),
  titleEn: text(200).optional(),
  description: text(10_000).min(1),
  descriptionEn: text(10_000).optional(),
  grantTypes: z.array(grantTypeSchema).min(1).max(10),
  budgetOre: amountOre,
  opensAt: dateTimeInput,
  closesAt: dateTimeInput,
  focusAreas: z.array(z.enum(FOCUS_AREAS)).min(1).max(FOCUS_AREAS.length),
  criteria: z.array(criterionSchema).min(1).max(12),
  minSectors: z.int().min(1).max(3),
  reviewersPerApplication: z.int().min(1).max(10),
  /** Reviewers do not see the applicant's and partners' names and contact details. */
  blindReview: z.boolean(),
  /** A reviewer may read the other reviews of an application once their own is submitted. */
  showReviewsToReviewers: z.boolean(),
  /** Spread of reviewer scores (max - min, on the 1-5 scale) above which reviewers disagree strongly. */
  disagreementThreshold: z.number().min(0).max(4),
  /** The reports each award owes; absent: one progress report at 12 months and a final report. */
  reports: z.array(reportRuleSchema).max(10).optional(),
  /** The date the reviews are due (a date in Copenhagen, after the deadline's); absent: none is set. */
  reviewDueAt: z.iso.date().optional(),
  /** How many days before the review due date the reviewers who have not submitted are reminded. */
  reviewReminderDays: z.int().min(1).max(60),
  /** The documents an application attaches (absent: none; the admin's form offers FIM's default). */
  documentKinds: z.array(documentKindSchema).max(12).optional(),
};

type CallFieldsOut = z.infer<z.ZodObject<typeof callFields>>;

/** Rules that span fields; run on a whole call (after a PATCH is merged, too). */
function checkCallConsistency(call: Partial<CallFieldsOut>, ctx: z.core.$RefinementCtx): void {
  const ids = new Set<string>();
  call.grantTypes?.forEach((g, i) => {
    if (ids.has(g.id))
      ctx.addIssue({ code: 'custom', path: ['grantTypes', i, 'id'], message: 'duplicate_id' });
    ids.add(g.id);
    if (call.budgetOre !== undefined && g.maxAmountOre > call.budgetOre) {
      ctx.addIssue({ code: 'custom', path: ['grantTypes', i, 'maxAmountOre'], message: 'grant_over_budget' });
    }
  });
  const kindIds = new Set<string>();
  call.documentKinds?.forEach((k, i) => {
    if (kindIds.has(k.id))
      ctx.addIssue({ code: 'custom', path: ['documentKinds', i, 'id'], message: 'duplicate_id' });
    kindIds.add(k.id);
  });
  const criterionIds = new Set<string>();
  call.criteria?.forEach((c, i) => {
    if (criterionIds.has(c.id))
      ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: 'duplicate_id' });
    criterionIds.add(c.id);
  });
  if (call.reports && call.reports.filter((r) => r.kind === 'final').length > 1) {
    ctx.addIssue({ code: 'custom', path: ['reports'], message: 'duplicate_value' });
  }
  if (call.focusAreas && new Set(call.focusAreas).size !== call.focusAreas.length) {
    ctx.addIssue({ code: 'custom', path: ['focusAreas'], message: 'duplicate_value' });
  }
  const opens = call.opensAt ? parseDateTimeInput(call.opensAt) : undefined;
  const closes = call.closesAt ? parseDateTimeInput(call.closesAt) : undefined;
  if (opens && closes && closes <= opens) {
    ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'closes_before_opens' });
  }
  const reviewDue =
    call.reviewDueAt && /^\d{4}-\d{2}-\d{2}$/.test(call.reviewDueAt) ? call.reviewDueAt : undefined;
  if (reviewDue && closes && reviewDue <= copenhagenDate(new Date(closes))) {
    ctx.addIssue({ code: 'custom', path: ['reviewDueAt'], message: 'review_due_before_closes' });
  }
}

/** POST /api/calls. */
export const createCallSchema = z
  .strictObject({
    ...callFields,
    minSectors: callFields.minSectors.default(2),
    reviewersPerApplication: callFields.reviewersPerApplication.default(2),
    blindReview: callFields.blindReview.default(false),
    showReviewsToReviewers: callFields.showReviewsToReviewers.default(false),
    disagreementThreshold: callFields.disagreementThreshold.default(1.5),
    reviewReminderDays: callFields.reviewReminderDays.default(DEFAULT_REVIEW_REMINDER_DAYS),
  })
  .superRefine(checkCallConsistency);
export type CreateCallInput = z.infer<typeof createCallSchema>;

/** PATCH /api/calls/{callId}: any subset; the merged call is checked again as a whole. */
export const updateCallSchema = z.strictObject(callFields).partial();
export type UpdateCallInput = z.infer<typeof updateCallSchema>;

export const wholeCallSchema = z.strictObject(callFields).superRefine(checkCallConsistency);

/** A call as the API returns it (also the OpenAPI response schema). */
export const callSchema = z.object({
  id: z.string(),
  status: z.enum(CALL_STATUSES),
  version: z.int(),
  title: z.string(),
  titleEn: z.string().optional(),
  description: z.string(),
  descriptionEn: z.string().optional(),
  grantTypes: z.array(grantTypeSchema),
  budgetOre: z.int(),
  opensAt: z.string(),
  closesAt: z.string(),
  focusAreas: z.array(z.enum(FOCUS_AREAS)),
  criteria: z.array(criterionSchema),
  minSectors: z.int(),
  reviewersPerApplication: z.int(),
  // Calls made before review settings existed read as the defaults.
  blindReview: z.boolean().default(false),
  showReviewsToReviewers: z.boolean().default(false),
  disagreementThreshold: z.number().default(1.5),
  reports: z.array(reportRuleSchema).optional(),
  reviewDueAt: z.string().optional(),
  reviewReminderDays: z.int().default(DEFAULT_REVIEW_REMINDER_DAYS),
  documentKinds: z.array(documentKindSchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  openedAt: z.string().optional(),
  closedAt: z.string().optional(),
  /** Why it was closed before its deadline (the deadline it had is in the audit event). */
  closeReason: z.string().optional(),
  /** When and why a closed call was opened again with a new deadline. */
  reopenedAt: z.string().optional(),
  reopenReason: z.string().optional(),
});
export type Call = z.infer<typeof callSchema>;

/** Closing a call: a reason, required while its deadline has not passed (the service says so). */
export const closeCallSchema = z.strictObject({ reason: text(1_000).min(1).optional() });
export type CloseCallInput = z.infer<typeof closeCallSchema>;

/** Opening a closed call again, before its review starts: a new deadline and why. */
export const reopenCallSchema = z.strictObject({ closesAt: dateTimeInput, reason: text(1_000).min(1) });
export type ReopenCallInput = z.infer<typeof reopenCallSchema>;
