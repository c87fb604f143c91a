import * as z from 'zod';
import { FOCUS_AREAS, MAX_AMOUNT_ORE } from '../calls/call.schema.js';
import { decisionSchema } from '../decisions/decision.schema.js';
import { ownedBy, versioned } from '../shared/fields.schema.js';
import { text } from '../shared/validation.js';
import { APPLICATION_STATUSES, SECTORS } from './application.values.js';

export {
  AGREEMENT_SECTORS,
  APPLICATION_STATUSES,
  type ApplicationStatus,
  SECTORS,
  type Sector,
  sumBudgetOre,
} from './application.values.js';

/*
 * A draft may be incomplete: every field is optional, but each one given must be well-formed. Completeness
 * is a submission rule (submission.rules.ts), so a failed submit can list everything that is missing.
 */
export const partnerSchema = z.strictObject({
  organisation: text(200).optional(),
  sector: z.enum(SECTORS).optional(),
  contactName: text(200).optional(),
  contactEmail: z.union([z.literal(''), z.email().max(254)]).optional(),
  role: text(1_000).optional(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const budgetLineSchema = z.strictObject({
  category: text(120).optional(),
  year: z.int().min(2000).max(2100).optional(),
  amountOre: z.int().min(0).max(MAX_AMOUNT_ORE).optional(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

/** A draft's fields; as in JSON merge patch, `null` clears a field and an absent one is left as it was. */
export const applicationDraftSchema = z.strictObject({
  grantTypeId: z
    .string()
    .regex(/^[A-Z0-9]{1,8}$/)
    .nullable()
    .optional(),
  title: text(300).nullable().optional(),
  summary: text(5_000).nullable().optional(),
  focusArea: z.enum(FOCUS_AREAS).nullable().optional(),
  userInvolvement: text(5_000).nullable().optional(),
  partners: z.array(partnerSchema).max(30).optional(),
  budgetLines: z.array(budgetLineSchema).max(100).optional(),
  startDate: z.iso.date().nullable().optional(),
  endDate: z.iso.date().nullable().optional(),
});
export type ApplicationDraftInput = z.infer<typeof applicationDraftSchema>;

export const applicationSchema = z.object({
  id: z.string(),
  callId: z.string(),
  status: z.enum(APPLICATION_STATUSES),
  ...ownedBy,
  ownerName: z.string(),
  ownerOrganisation: z.string().optional(),
  grantTypeId: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  focusArea: z.enum(FOCUS_AREAS).optional(),
  userInvolvement: z.string().optional(),
  partners: z.array(partnerSchema),
  budgetLines: z.array(budgetLineSchema),
  requestedAmountOre: z.int().describe('The sum of the budget lines, in øre'),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  createdAt: z.string(),
  ...versioned,
  reference: z.string().optional(),
  submittedAt: z.string().optional(),
  withdrawnAt: z.string().optional(),
  reviewStartedAt: z.string().optional(),
  decision: decisionSchema.optional(),
  /** When the retention job anonymised the case (docs/cases.md "Retention"). */
  anonymisedAt: z.string().optional(),
});
export type Application = z.infer<typeof applicationSchema>;

export const receiptSchema = z.object({
  applicationId: z.string(),
  reference: z.string(),
  submittedAt: z.string(),
  callId: z.string(),
  callTitle: z.string(),
  callTitleEn: z.string().optional(),
  title: z.string(),
  grantTypeId: z.string(),
  requestedAmountOre: z.int(),
  applicant: z.object({ name: z.string(), email: z.string(), organisation: z.string().optional() }),
  partners: z.array(z.object({ organisation: z.string(), sector: z.enum(SECTORS) })),
});
export type Receipt = z.infer<typeof receiptSchema>;
