import * as z from 'zod';
import { FOCUS_AREAS } from '../calls/call.schema.js';
import { text } from '../shared/validation.js';
import { APPLICATION_STATUSES, SECTORS } from './application.schema.js';

/** Rows of the secretariat's list per page (API and web). */
export const ADMIN_LIST_PAGE = 50;

/**
 * The secretariat's filters. Without a status the list is the submitted view: every application that has left
 * draft; drafts are listed only when asked for by `status=draft`. Text (`q`) is matched within the partitions
 * read, so it needs a call or a status to narrow them (docs/review.md: its cost).
 */
export const adminApplicationFilterSchema = z
  .strictObject({
    callId: z.uuid().optional(),
    status: z.enum(APPLICATION_STATUSES).optional(),
    q: text(100).optional(),
    focusArea: z.enum(FOCUS_AREAS).optional(),
    grantType: z
      .string()
      .regex(/^[A-Z0-9]{1,8}$/)
      .optional(),
    sector: z.enum(SECTORS).optional(),
    cursor: z.string().max(2_000).optional(),
  })
  .superRefine((filter, ctx) => {
    if (filter.q && !filter.callId && !filter.status)
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'q_needs_call_or_status' });
  });
export type AdminApplicationFilter = z.infer<typeof adminApplicationFilterSchema>;
