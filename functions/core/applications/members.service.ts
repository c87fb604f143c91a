import { auditEvent, envelope } from '../audit/audit.js';
import type { Principal } from '../auth/principal.js';
import { loadCall } from '../calls/call.service.js';
import { loadOrganisationTree } from '../organisations/organisation.service.js';
import type { CoreDeps, RequestContext } from '../ports.js';
import { AppError, forbidden, notFound, refusal } from '../shared/errors.js';
import { applicationFor, readApplication } from './access.js';
import type { Application } from './application.schema.js';
import { callNamed } from './letters.js';
import {
  type HandOverInput,
  type Invitation,
  type InviteInput,
  MAX_MEMBERS,
  type Member,
  type Members,
} from './members.schema.js';

/*
 * Co-applicants. The owner invites by e-mail; the invitation is e-mailed (the outbox) and shown on the pages of
 * whoever signs in with that address; accepting it makes them a member, who edits the draft and reads the
 * application (access.ts). The owner removes members and may hand the application over to one; a member may
 * leave. Every step is one transaction with its audit event under the application.
 */

const entity = (applicationId: string) => ({ type: 'application' as const, id: applicationId });
const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Who is on an application: owner, co-applicants, invitations waiting (any reader). @throws AppError NOT_FOUND */
export async function listMembers(deps: CoreDeps, actor: Principal, applicationId: string): Promise<Members> {
  const { application } = await readApplication(deps, actor, applicationId);
  const [members, invitations] = await Promise.all([
    deps.members.listMembers(application.id),
    deps.members.listPendingInvitations(application.id),
  ]);
  return {
    owner: { userId: application.ownerId, email: application.ownerEmail, name: application.ownerName },
    members,
    invitations,
  };
}

/**
 * The owner invites a person by e-mail; the invitation goes out through the outbox.
 * @throws AppError NOT_FOUND, FORBIDDEN, RULES_FAILED (ALREADY_MEMBER, ALREADY_INVITED, TOO_MANY_MEMBERS)
 */
export async function inviteMember(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: InviteInput,
): Promise<Invitation> {
  const { application } = await applicationFor(deps, ctx.actor, applicationId, 'own');
  const email = input.email.trim().toLowerCase();
  const { members, invitations } = await listMembers(deps, ctx.actor, application.id);
  if (sameAddress(application.ownerEmail, email) || members.some((m) => sameAddress(m.email, email))) {
    throw refusal('RULES_FAILED', '/email', { code: 'ALREADY_MEMBER' });
  }
  if (invitations.some((i) => i.email === email)) {
    throw refusal('RULES_FAILED', '/email', { code: 'ALREADY_INVITED' });
  }
  if (members.length + invitations.length >= MAX_MEMBERS) {
    throw refusal('RULES_FAILED', '/email', { code: 'TOO_MANY_MEMBERS', params: { max: MAX_MEMBERS } });
  }
  const call = await loadCall(deps, application.callId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const invitation: Invitation = {
    id: crypto.randomUUID(),
    applicationId: application.id,
    email,
    status: 'pending',
    invitedAt: at,
    invitedBy: { userId: ctx.actor.userId, name: ctx.actor.name },
    title: application.title ?? '',
    version: 1,
    updatedAt: at,
  };
  await deps.members.invite(
    invitation,
    auditEvent(ctx.actor, now, 'application.member_invited', entity(application.id), {
      invitationId: invitation.id,
      email,
    }),
    [
      {
        ...envelope(now, email, { kind: 'application', id: application.id }, `/invitations/${invitation.id}`),
        kind: 'application.invitation',
        params: { inviterName: ctx.actor.name, title: invitation.title, ...callNamed(call) },
      },
    ],
  );
  return invitation;
}

/** The invitations waiting for the signed-in person's e-mail address, newest first. */
export const listMyInvitations = (deps: CoreDeps, actor: Principal): Promise<Invitation[]> =>
  actor.email ? deps.members.listInvitationsFor(actor.email) : Promise.resolve([]);

/**
 * An invitation, to the person it was sent to (signed in with that address); anyone else is told it does not
 * exist. @throws AppError NOT_FOUND
 */
export async function getInvitation(
  deps: CoreDeps,
  actor: Principal,
  invitationId: string,
): Promise<Invitation> {
  const invitation = await deps.members.getInvitation(invitationId);
  if (!invitation || !actor.email || !sameAddress(invitation.email, actor.email))
    throw notFound('invitation');
  return invitation;
}

/**
 * Joins the application as a co-applicant: only a person signed in with the address invited.
 * @throws AppError NOT_FOUND, INVALID_STATE (INVITATION_NOT_PENDING, ALREADY_MEMBER), VERSION_CONFLICT
 */
export async function acceptInvitation(
  deps: CoreDeps,
  ctx: RequestContext,
  invitationId: string,
): Promise<Member> {
  const invitation = await getInvitation(deps, ctx.actor, invitationId);
  if (invitation.status !== 'pending') {
    throw new AppError('INVALID_STATE', { code: 'INVITATION_NOT_PENDING' });
  }
  const application = await deps.applications.get(invitation.applicationId);
  if (!application) throw notFound('invitation');
  if (
    application.ownerId === ctx.actor.userId ||
    (await deps.members.getMember(application.id, ctx.actor.userId))
  ) {
    throw new AppError('INVALID_STATE', { code: 'ALREADY_MEMBER' });
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  // Their own pick ("Min profil") before the identity provider's.
  const organisation = (await loadOrganisationTree(deps)).organisationOf(ctx.actor);
  const member: Member = {
    applicationId: application.id,
    userId: ctx.actor.userId,
    email: ctx.actor.email,
    name: ctx.actor.name,
    ...(organisation ? { organisation } : {}),
    joinedAt: at,
    invitationId: invitation.id,
  };
  await deps.members.accept(
    {
      ...invitation,
      status: 'accepted',
      acceptedAt: at,
      acceptedBy: ctx.actor.userId,
      version: invitation.version + 1,
      updatedAt: at,
    },
    invitation.version,
    member,
    auditEvent(ctx.actor, now, 'application.member_joined', entity(application.id), {
      invitationId: invitation.id,
      memberId: member.userId,
    }),
  );
  return member;
}

/**
 * Removes a co-applicant (the owner removes anyone; a member may leave), or revokes a waiting invitation (the
 * owner; `memberId` is then the invitation's id).
 * @throws AppError NOT_FOUND, FORBIDDEN, INVALID_STATE (OWNER_CANNOT_LEAVE), VERSION_CONFLICT
 */
export async function removeMember(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  memberId: string,
): Promise<void> {
  const { application, access } = await readApplication(deps, ctx.actor, applicationId);
  if (memberId === application.ownerId) {
    throw new AppError('INVALID_STATE', { code: 'OWNER_CANNOT_LEAVE' });
  }
  const self = memberId === ctx.actor.userId;
  if (!access.own && !self) throw forbidden();
  const now = deps.clock.now();
  const member = await deps.members.getMember(application.id, memberId);
  if (member) {
    await deps.members.remove(
      member,
      auditEvent(
        ctx.actor,
        now,
        self ? 'application.member_left' : 'application.member_removed',
        entity(application.id),
        {
          memberId,
        },
      ),
    );
    return;
  }
  const invitation = access.own ? await deps.members.getInvitation(memberId) : undefined;
  if (!invitation || invitation.applicationId !== application.id || invitation.status !== 'pending') {
    throw notFound('member');
  }
  const at = now.toISOString();
  await deps.members.revoke(
    { ...invitation, status: 'revoked', version: invitation.version + 1, updatedAt: at },
    invitation.version,
    auditEvent(ctx.actor, now, 'application.invitation_revoked', entity(application.id), {
      invitationId: invitation.id,
    }),
  );
}

/**
 * The owner hands the application over to a co-applicant, who becomes its owner; the former owner stays on as
 * a co-applicant. @throws AppError NOT_FOUND, FORBIDDEN, RULES_FAILED (NOT_A_MEMBER), VERSION_CONFLICT
 */
export async function handOverApplication(
  deps: CoreDeps,
  ctx: RequestContext,
  applicationId: string,
  input: HandOverInput,
  expectedVersion?: number,
): Promise<Application> {
  const { application } = await applicationFor(deps, ctx.actor, applicationId, 'own', expectedVersion);
  const member = await deps.members.getMember(application.id, input.memberId);
  if (!member) throw refusal('RULES_FAILED', '/memberId', { code: 'NOT_A_MEMBER' });
  const now = deps.clock.now();
  const at = now.toISOString();
  const { ownerOrganisation: _, ...rest } = application;
  const next: Application = {
    ...rest,
    ownerId: member.userId,
    ownerEmail: member.email,
    ownerName: member.name,
    ...(member.organisation ? { ownerOrganisation: member.organisation } : {}),
    version: application.version + 1,
    updatedAt: at,
  };
  const formerOwner: Member = {
    applicationId: application.id,
    userId: application.ownerId,
    email: application.ownerEmail,
    name: application.ownerName,
    ...(application.ownerOrganisation ? { organisation: application.ownerOrganisation } : {}),
    joinedAt: at,
  };
  await deps.members.handOver(
    next,
    application.version,
    member,
    formerOwner,
    auditEvent(ctx.actor, now, 'application.handed_over', entity(application.id), {
      from: application.ownerId,
      to: member.userId,
      version: next.version,
    }),
    [
      {
        ...envelope(
          now,
          member.email,
          { kind: 'application', id: application.id },
          `/applications/${application.id}`,
        ),
        kind: 'application.handed_over',
        params: { formerOwnerName: application.ownerName, title: application.title ?? '' },
      },
    ],
  );
  return next;
}
