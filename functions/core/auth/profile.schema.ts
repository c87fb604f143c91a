import * as z from 'zod';
import { text } from '../shared/validation.js';

/**
 * The organisation a person picked as their own on "Min profil" (issue 11). It stands before the identity
 * provider's (Cognito's `custom:organisation`, the seed's locally), which the sign-in keeps writing to the user
 * directory: conflicts of interest, a new draft's owner organisation and the people lists read this one.
 */
export const ownOrganisationSchema = z.object({
  userId: z.string(),
  /** As picked or typed (the registry's spelling once it knows the name). */
  organisation: z.string(),
  /** The registry's id for it, when the registry knows it. */
  organisationId: z.string().optional(),
  version: z.int(),
  updatedAt: z.string(),
});
export type OwnOrganisation = z.infer<typeof ownOrganisationSchema>;

/** What the person sends: the organisation by name (from the registry's suggestions, or a new one). */
export const profilePatchSchema = z.strictObject({
  organisation: text(200).min(2),
});
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/** A person's profile as they read it. */
export interface Profile {
  userId: string;
  name: string;
  email: string;
  /** The organisation conflicts are judged by: their own pick, else the identity provider's. */
  organisation?: string | undefined;
  /** Where `organisation` comes from. */
  source: 'profile' | 'identity' | 'none';
  /** What the identity provider says, shown beside the pick. */
  identityOrganisation?: string | undefined;
  /** The registry's id for the organisation, when it knows the name. */
  organisationId?: string | undefined;
  /** The name is not in the registry: the secretariat is asked to place it. */
  flagged: boolean;
  /** The profile's version (0 before the first pick): sent back as If-Match. */
  version: number;
}
