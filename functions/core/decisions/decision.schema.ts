import * as z from 'zod';
import { MAX_AMOUNT_ORE } from '../calls/call.schema.js';
import { CONFLICT_GROUNDS } from '../reviews/review.schema.js';
import { text } from '../shared/validation.js';

export const OUTCOMES = ['approved', 'rejected', 'waiting_list'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Most decisions one meeting may record: they are written in one transaction (100 items at most). */
export const MAX_DECISIONS_PER_MEETING = 30;

export const decisionInputSchema = z.strictObject({
  applicationId: z.uuid(),
  outcome: z.enum(OUTCOMES),
  amountOre: z.int().min(1).max(MAX_AMOUNT_ORE).optional(),
  conditions: text(5_000).optional(),
  /** Required for a rejection (forvaltningsloven §§ 22-24), in Danish. */
  justification: text(10_000).optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const meetingInputSchema = z.strictObject({
  heldAt: z.iso.datetime({ offset: true }),
  attendeeIds: z.array(z.string().min(1).max(128)).min(1).max(30),
  notes: text(20_000).optional(),
  decisions: z.array(decisionInputSchema).min(1).max(MAX_DECISIONS_PER_MEETING),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const personSchema = z.object({
  userId: z.string(),
  name: z.string(),
  organisation: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;

/**
 * A board member present who took no part in a decision: on what ground, and the organisation or their own
 * words. The applicant reads who stood aside, not the words (`withoutPersonalReasons`).
 */
export const recusalSchema = personSchema.extend({
  ground: z.enum(CONFLICT_GROUNDS),
  reason: z.string().optional(),
});
export type Recusal = z.infer<typeof recusalSchema>;

export const decisionSchema = z.object({
  outcome: z.enum(OUTCOMES),
  amountOre: z.int().optional(),
  conditions: z.string().optional(),
  justification: z.string().optional(),
  decidedAt: z.string(),
  decidedBy: z.string(),
  meetingId: z.string(),
  /** Board members present who took no part in this decision, and why. */
  recused: z.array(recusalSchema),
});
export type Decision = z.infer<typeof decisionSchema>;

export const meetingSchema = z.object({
  id: z.string(),
  callId: z.string(),
  heldAt: z.string(),
  attendees: z.array(personSchema),
  notes: z.string().optional(),
  decisions: z.array(
    z.object({
      applicationId: z.string(),
      reference: z.string().optional(),
      title: z.string(),
      /** Absent for a reader who is conflicted with the application: they see its title only. */
      outcome: z.enum(OUTCOMES).optional(),
      amountOre: z.int().optional(),
      /** The decision's words (absent for a conflicted reader, and in meetings recorded before they were kept). */
      justification: z.string().optional(),
      conditions: z.string().optional(),
      recused: z.array(recusalSchema),
      conflicted: z.boolean().optional(),
    }),
  ),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;
