import * as z from 'zod';

/*
 * Co-applicants: the people the owner invited by e-mail who accepted. An invitation waits for a person signed
 * in with that address; accepting it makes them a member of the application.
 */

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** At most this many co-applicants (and pending invitations) on one application. */
export const MAX_MEMBERS = 20;

/** `POST /api/applications/{id}/members`: whom to invite. */
export const inviteSchema = z.strictObject({ email: z.email().max(254) });
export type InviteInput = z.infer<typeof inviteSchema>;

/** Handing ownership over to a co-applicant (by their user id). */
export const handOverSchema = z.strictObject({ memberId: z.string().min(1).max(200) });
export type HandOverInput = z.infer<typeof handOverSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  /** Lower-cased: the address the person signs in with is compared without case. */
  email: z.string(),
  status: z.enum(INVITATION_STATUSES),
  invitedAt: z.string(),
  invitedBy: z.object({ userId: z.string(), name: z.string() }),
  /** The application's title when invited (the invitee may not read the application before joining). */
  title: z.string(),
  acceptedAt: z.string().optional(),
  acceptedBy: z.string().optional(),
  version: z.int(),
  updatedAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const memberSchema = z.object({
  applicationId: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  organisation: z.string().optional(),
  joinedAt: z.string(),
  /** The invitation it came of; absent for a former owner who handed the application over. */
  invitationId: z.string().optional(),
});
export type Member = z.infer<typeof memberSchema>;

/** Who is on an application: its owner, the co-applicants, and the invitations still waiting. */
export const membersSchema = z.object({
  owner: z.object({ userId: z.string(), email: z.string(), name: z.string() }),
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
});
export type Members = z.infer<typeof membersSchema>;
