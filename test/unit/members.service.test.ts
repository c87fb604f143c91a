import { describe, expect, it } from 'vitest';
import { accessOf } from '../../functions/core/applications/access.js';
import { applicationDraftSchema } from '../../functions/core/applications/application.schema.js';
import {
  createDraft,
  listMyApplications,
  submitApplication,
  updateDraft,
} from '../../functions/core/applications/application.service.js';
import { MAX_MEMBERS } from '../../functions/core/applications/members.schema.js';
import {
  acceptInvitation,
  handOverApplication,
  inviteMember,
  listMembers,
  removeMember,
} from '../../functions/core/applications/members.service.js';
import { createFakes } from '../support/fakes.js';
import { applicationBody } from '../support/fixtures.js';
import { ACTORS, as, openedCall } from '../support/services.js';

/*
 * The co-applicants' rules against the ports faked in memory: who invites, who may accept, what a co-applicant
 * may do, leaving, removing, handing over; each change with its audit event, nothing written on a refusal.
 */

const owner = as(ACTORS.applicant);
const colleague = as(ACTORS.otherApplicant);
const admin = as(ACTORS.admin);
const stranger = as(ACTORS.finance);

async function setUp() {
  const fakes = createFakes();
  const call = await openedCall(fakes.deps);
  const draft = await createDraft(
    fakes.deps,
    owner,
    call.id,
    applicationDraftSchema.parse(applicationBody()),
  );
  return { ...fakes, draft };
}

async function withColleague() {
  const s = await setUp();
  const invitation = await inviteMember(s.deps, owner, s.draft.id, { email: 'APPLICANT2@fim.local' });
  await acceptInvitation(s.deps, colleague, invitation.id);
  return { ...s, invitation };
}

describe('inviting', () => {
  it('is the owner’s: a co-applicant is refused, anyone else learns nothing', async () => {
    const { deps, draft, store } = await withColleague();
    await expect(inviteMember(deps, colleague, draft.id, { email: 'x@fim.local' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(inviteMember(deps, stranger, draft.id, { email: 'x@fim.local' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(store.outbox.filter((m) => m.kind === 'application.invitation').map((m) => m.to)).toEqual([
      'applicant2@fim.local',
    ]);
  });

  it('refuses the owner, a member, a second invitation and more than the limit, beside the address', async () => {
    const { deps, draft, store } = await withColleague();
    const refused = (email: string) => inviteMember(deps, owner, draft.id, { email });
    await expect(refused('Applicant@FIM.local')).rejects.toMatchObject({
      errors: [{ pointer: '/email', code: 'ALREADY_MEMBER' }],
    });
    await expect(refused('applicant2@fim.local')).rejects.toMatchObject({
      errors: [{ code: 'ALREADY_MEMBER' }],
    });
    await refused('one@fim.local');
    await expect(refused('ONE@fim.local')).rejects.toMatchObject({ errors: [{ code: 'ALREADY_INVITED' }] });
    for (let i = 2; i < MAX_MEMBERS; i++) await refused(`p${i}@fim.local`);
    await expect(refused('last@fim.local')).rejects.toMatchObject({
      errors: [{ code: 'TOO_MANY_MEMBERS', params: { max: MAX_MEMBERS } }],
    });
    expect(store.invitations.size).toBe(MAX_MEMBERS);
  });
});

describe('accepting', () => {
  it('is for the address invited only; once', async () => {
    const { deps, draft, store } = await setUp();
    const invitation = await inviteMember(deps, owner, draft.id, { email: 'applicant2@fim.local' });
    await expect(acceptInvitation(deps, stranger, invitation.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(store.members.size).toBe(0);
    const member = await acceptInvitation(deps, colleague, invitation.id);
    expect(member).toMatchObject({
      applicationId: draft.id,
      userId: ACTORS.otherApplicant.userId,
      invitationId: invitation.id,
    });
    await expect(acceptInvitation(deps, colleague, invitation.id)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      reason: { code: 'INVITATION_NOT_PENDING' },
    });
    expect(store.eventsOf(draft.id).map((e) => e.action)).toEqual(
      expect.arrayContaining(['application.member_invited', 'application.member_joined']),
    );
  });
});

describe('a co-applicant', () => {
  it('reads and edits the draft, sees it among theirs, but does not submit', async () => {
    const { deps, draft } = await withColleague();
    const application = draft;
    expect(await accessOf(deps, colleague.actor, application)).toEqual({
      role: 'member',
      edit: true,
      own: false,
    });
    expect(await accessOf(deps, owner.actor, application)).toEqual({ role: 'owner', edit: true, own: true });
    expect(await accessOf(deps, admin.actor, application)).toBeUndefined();
    expect(await accessOf(deps, stranger.actor, application)).toBeUndefined();

    const saved = await updateDraft(deps, colleague, draft.id, { title: 'Sammen' }, draft.version);
    expect(saved).toMatchObject({ title: 'Sammen', ownerId: ACTORS.applicant.userId });
    await expect(
      updateDraft(deps, owner, draft.id, { title: 'Gammel' }, draft.version),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(submitApplication(deps, colleague, draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await listMyApplications(deps, colleague.actor)).map((a) => a.id)).toEqual([draft.id]);

    const submitted = await submitApplication(deps, owner, draft.id);
    expect(await accessOf(deps, admin.actor, submitted)).toEqual({ role: 'admin', edit: false, own: false });
  });
});

describe('leaving, removing, handing over', () => {
  it('lets a member leave and the owner remove; the owner stays; a member removes no one else', async () => {
    const { deps, draft, store } = await withColleague();
    await expect(removeMember(deps, owner, draft.id, ACTORS.applicant.userId)).rejects.toMatchObject({
      reason: { code: 'OWNER_CANNOT_LEAVE' },
    });
    await expect(removeMember(deps, colleague, draft.id, 'demo-someone')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await removeMember(deps, colleague, draft.id, ACTORS.otherApplicant.userId);
    expect(store.members.size).toBe(0);
    await expect(listMembers(deps, colleague.actor, draft.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.eventsOf(draft.id).map((e) => e.action)).toContain('application.member_left');
  });

  it('hands over to a member only; the former owner stays on as one', async () => {
    const { deps, draft, store } = await withColleague();
    await expect(
      handOverApplication(deps, owner, draft.id, { memberId: 'demo-nobody' }),
    ).rejects.toMatchObject({
      errors: [{ pointer: '/memberId', code: 'NOT_A_MEMBER' }],
    });
    await expect(
      handOverApplication(deps, colleague, draft.id, { memberId: ACTORS.otherApplicant.userId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const handed = await handOverApplication(
      deps,
      owner,
      draft.id,
      { memberId: ACTORS.otherApplicant.userId },
      draft.version,
    );
    expect(handed).toMatchObject({
      ownerId: ACTORS.otherApplicant.userId,
      ownerEmail: 'applicant2@fim.local',
      ownerOrganisation: 'Silkeborg Kommune',
      version: draft.version + 1,
    });
    const members = await listMembers(deps, owner.actor, draft.id);
    expect(members.owner.userId).toBe(ACTORS.otherApplicant.userId);
    expect(members.members.map((m) => m.userId)).toEqual([ACTORS.applicant.userId]);
    await expect(submitApplication(deps, owner, draft.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(store.eventsOf(draft.id).map((e) => e.action)).toContain('application.handed_over');
  });
});
