import * as z from 'zod';

/*
 * The fields several stored records share, declared once and spread into each record's schema, so a record
 * cannot carry them another way.
 */

/** A record written at a version: each write moves `version` on (and is conditioned on the one read). */
export const versioned = { version: z.int(), updatedAt: z.string() };

/** The applicant a record belongs to: the application's owner, and so its award's and reports'. */
export const ownedBy = { ownerId: z.string(), ownerEmail: z.string() };

/** A record that comes of an application (an award, its reports): the application, its call, its reference. */
export const ofApplication = {
  applicationId: z.string(),
  callId: z.string(),
  reference: z.string().optional(),
};
