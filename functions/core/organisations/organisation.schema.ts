import * as z from 'zod';
import { SECTORS } from '../applications/application.schema.js';
import { validCvr } from '../finance/parties.schema.js';
import { text } from '../shared/validation.js';

/** A CVR number: eight digits with a valid check digit (the Danish business register). */
const cvr = z
  .string()
  .regex(/^\d{8}$/)
  .refine((v) => !/^\d{8}$/.test(v) || validCvr(v), 'cvr_check_digit');

/**
 * An organisation of the registry (issue 11): the 20 parties, their hospitals and departments, research
 * institutions. `parentId` places it in the tree (Regionshospitalet Silkeborg under Region Midtjylland); the
 * tree decides conflicts of interest and the sector rule.
 */
export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  cvr: z.string().optional(),
  sector: z.enum(SECTORS),
  parentId: z.string().optional(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationInputSchema = z.strictObject({
  name: text(200).min(2),
  cvr: cvr.optional(),
  sector: z.enum(SECTORS),
  parentId: z.string().min(1).max(64).optional(),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

/** A merge patch: a field sent replaces, `null` clears (CVR, parent), absent leaves it. */
export const organisationPatchSchema = z.strictObject({
  name: text(200).min(2).optional(),
  cvr: cvr.nullable().optional(),
  sector: z.enum(SECTORS).optional(),
  parentId: z.string().min(1).max(64).nullable().optional(),
});
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>;

export const organisationSearchSchema = z.object({
  q: z.string().max(200).default(''),
});

/** The admins' list of the registry: a name prefix and the cursor of the page. */
export const organisationListSchema = z.object({
  q: z.string().max(200).optional(),
  cursor: z.string().min(1).max(600).optional(),
});
export type OrganisationListQuery = z.infer<typeof organisationListSchema>;

/**
 * A name the registry does not know (issue 11), typed on an application or picked by a person as their own
 * organisation ("Min profil"): kept as typed there and flagged here for the secretariat to place (create it,
 * or map it to an organisation of the registry). Each flag names where it came from: an application or a person.
 */
export const organisationFlagSchema = z.object({
  /** The name as compared (normaliseOrganisation): one flag per name and application (or person). */
  key: z.string(),
  name: z.string(),
  applicationId: z.string().optional(),
  applicationTitle: z.string().optional(),
  /** A person's own organisation (their profile): their user id and name. */
  userId: z.string().optional(),
  userName: z.string().optional(),
  flaggedAt: z.string(),
});
export type OrganisationFlag = z.infer<typeof organisationFlagSchema>;

export { flagSource } from './organisation.values.js';

/** Place a flagged name: map it to an organisation of the registry, or create one by that name. */
export const placeFlagSchema = z.union([
  z.strictObject({ key: z.string().min(1).max(300), organisationId: z.string().min(1).max(64) }),
  z.strictObject({ key: z.string().min(1).max(300), create: organisationInputSchema }),
]);
export type PlaceFlag = z.infer<typeof placeFlagSchema>;

/** One change to an organisation, from its audit event: each field before and after. */
export interface OrganisationChange {
  at: string;
  /** The user id of who made the change, and their name as the user directory knows it now. */
  by: string;
  byName?: string;
  version: number;
  action: string;
  changes: { field: string; before: string | null; after: string | null }[];
}
