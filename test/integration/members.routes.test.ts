import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { formatKr } from '../../functions/texts/format.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, expectOk, expectProblem, pointers } from '../support/api.js';
import {
  ADMIN,
  applicationBody,
  createDraft,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
} from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { compact, pdfText } from '../support/pdf-text.js';
import { auditActions, pendingOutbox } from '../support/table.js';

let h: Harness;
let client: Api;
let call: Call;

beforeEach(async () => {
  ({ h, client, call } = await harnessWithCall());
});

/** The researcher's draft with Mads Poulsen (researcher2) invited; the invitation as answered. */
async function draftWithInvitation(email = RESEARCHER2) {
  const draft = await createDraft(client, call.id, RESEARCHER);
  const invitation = expectOk(
    await client.post(`/api/applications/${draft.id}/members`, { email }, RESEARCHER),
    201,
  );
  return { draft, invitation };
}

/** …and accepted: researcher2 is a co-applicant. */
async function draftWithMember() {
  const { draft, invitation } = await draftWithInvitation();
  expectOk(await client.act(`/api/invitations/${invitation.id}/accept`, RESEARCHER2));
  return { draft, invitation };
}

describe('inviting, accepting, editing, submitting', () => {
  it('invites by e-mail through the outbox; only the address invited may accept', async () => {
    const { draft, invitation } = await draftWithInvitation('Researcher2@FIM.local');
    expect(invitation).toMatchObject({ applicationId: draft.id, email: RESEARCHER2, status: 'pending' });

    const message = (await pendingOutbox(h)).find((m) => m.kind === 'application.invitation');
    expect(message).toMatchObject({
      to: RESEARCHER2,
      link: `/invitations/${invitation.id}`,
      case: { kind: 'application', id: draft.id },
    });
    const mail = composeMail(message as unknown as OutboxMessage, 'http://localhost:3000');
    expect(mail.body).toContain('Sofie Andersen har inviteret dig som medansøger');
    expect(mail.body).toContain(`http://localhost:3000/invitations/${invitation.id}`);

    // The invitee sees it on their pages; nobody else does.
    expect(
      expectOk(await client.get('/api/me/invitations', RESEARCHER2)).items.map((i: { id: string }) => i.id),
    ).toEqual([invitation.id]);
    expect(expectOk(await client.get('/api/me/invitations', REVIEWER)).items).toEqual([]);

    // Signed in with another address: the same 404 as an unknown invitation.
    expectProblem(await client.act(`/api/invitations/${invitation.id}/accept`, REVIEWER), 404, 'NOT_FOUND');
    expectProblem(await client.act(`/api/invitations/${crypto.randomUUID()}/accept`, RESEARCHER2), 404);
    expectProblem(await client.get(`/api/applications/${draft.id}`, RESEARCHER2), 404);

    const member = expectOk(await client.act(`/api/invitations/${invitation.id}/accept`, RESEARCHER2));
    expect(member).toMatchObject({ applicationId: draft.id, userId: 'demo-researcher2', email: RESEARCHER2 });
    const again = expectProblem(
      await client.act(`/api/invitations/${invitation.id}/accept`, RESEARCHER2),
      409,
    );
    expect(again.reason).toBe('INVITATION_NOT_PENDING');
    expect(expectOk(await client.get('/api/me/invitations', RESEARCHER2)).items).toEqual([]);

    const members = expectOk(await client.get(`/api/applications/${draft.id}/members`, RESEARCHER2));
    expect(members.owner).toMatchObject({ userId: 'demo-researcher', email: RESEARCHER });
    expect(members.members.map((m: { userId: string }) => m.userId)).toEqual(['demo-researcher2']);
    expect(members.invitations).toEqual([]);
    expect(await auditActions(h, `APP#${draft.id}`)).toEqual(
      expect.arrayContaining(['application.member_invited', 'application.member_joined']),
    );
  });

  it('lets the co-applicant edit (a stale save is 409) but only the owner submit and withdraw', async () => {
    const { draft } = await draftWithMember();
    const mine = expectOk(await client.get('/api/applications?mine=true', RESEARCHER2));
    expect(mine.items.map((a: { id: string }) => a.id)).toEqual([draft.id]);

    const saved = await client.patch(
      `/api/applications/${draft.id}`,
      { title: 'Fælles titel' },
      RESEARCHER2,
      draft.version,
    );
    expect(expectOk(saved)).toMatchObject({
      title: 'Fælles titel',
      version: draft.version + 1,
      ownerId: 'demo-researcher',
    });
    // The owner saves on the version read before: refused, nothing overwritten.
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'Gammel' }, RESEARCHER, draft.version),
      409,
      'VERSION_CONFLICT',
    );
    expectProblem(
      await client.patch(
        `/api/applications/${draft.id}`,
        { title: 'Også gammel' },
        RESEARCHER2,
        draft.version,
      ),
      409,
    );

    expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER2), 403, 'FORBIDDEN');
    expectProblem(await client.act(`/api/applications/${draft.id}/withdraw`, RESEARCHER2), 403, 'FORBIDDEN');
    expectProblem(
      await client.post(`/api/applications/${draft.id}/members`, { email: REVIEWER }, RESEARCHER2),
      403,
    );
    const submitted = expectOk(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER));
    expect(submitted).toMatchObject({ status: 'submitted', title: 'Fælles titel' });
    // The co-applicant follows its status, and can no longer edit it.
    expect(expectOk(await client.get(`/api/applications/${draft.id}`, RESEARCHER2)).status).toBe('submitted');
    expectProblem(
      await client.patch(`/api/applications/${draft.id}`, { title: 'x' }, RESEARCHER2, submitted.version),
      409,
      'INVALID_STATE',
    );
  });

  it('refuses a second invitation, the owner, a member, and a malformed address beside the field', async () => {
    const { draft } = await draftWithMember();
    for (const [email, reason] of [
      [RESEARCHER, 'ALREADY_MEMBER'],
      [RESEARCHER2.toUpperCase(), 'ALREADY_MEMBER'],
    ] as const) {
      const problem = expectProblem(
        await client.post(`/api/applications/${draft.id}/members`, { email }, RESEARCHER),
        422,
        'RULES_FAILED',
      );
      expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/email', code: reason })]);
    }
    expectOk(
      await client.post(`/api/applications/${draft.id}/members`, { email: REVIEWER }, RESEARCHER),
      201,
    );
    const twice = expectProblem(
      await client.post(`/api/applications/${draft.id}/members`, { email: REVIEWER }, RESEARCHER),
      422,
    );
    expect(twice.errors[0].code).toBe('ALREADY_INVITED');
    const bad = expectProblem(
      await client.post(`/api/applications/${draft.id}/members`, { email: 'nope' }, RESEARCHER),
      400,
    );
    expect(pointers(bad)).toEqual(['/email']);
  });
});

describe('removing, leaving, handing over', () => {
  it('lets a member leave and the owner remove; the owner cannot leave; others learn nothing', async () => {
    const { draft } = await draftWithMember();
    const left = expectProblem(
      await client.send('DELETE', `/api/applications/${draft.id}/members/demo-researcher`, RESEARCHER),
      409,
    );
    expect(left.reason).toBe('OWNER_CANNOT_LEAVE');
    expectProblem(
      await client.send('DELETE', `/api/applications/${draft.id}/members/demo-researcher2`, REVIEWER),
      404,
    );
    expect(
      (await client.send('DELETE', `/api/applications/${draft.id}/members/demo-researcher2`, RESEARCHER2))
        .status,
    ).toBe(204);
    expectProblem(await client.get(`/api/applications/${draft.id}`, RESEARCHER2), 404);
    expect(expectOk(await client.get('/api/applications?mine=true', RESEARCHER2)).items).toEqual([]);

    // Invited again and removed by the owner; a waiting invitation revoked by its id.
    const again = expectOk(
      await client.post(`/api/applications/${draft.id}/members`, { email: RESEARCHER2 }, RESEARCHER),
      201,
    );
    expectOk(await client.act(`/api/invitations/${again.id}/accept`, RESEARCHER2));
    expect(
      (await client.send('DELETE', `/api/applications/${draft.id}/members/demo-researcher2`, RESEARCHER))
        .status,
    ).toBe(204);
    const waiting = expectOk(
      await client.post(`/api/applications/${draft.id}/members`, { email: REVIEWER }, RESEARCHER),
      201,
    );
    expect(
      (await client.send('DELETE', `/api/applications/${draft.id}/members/${waiting.id}`, RESEARCHER)).status,
    ).toBe(204);
    expectProblem(await client.act(`/api/invitations/${waiting.id}/accept`, REVIEWER), 409);
    expect(expectOk(await client.get(`/api/applications/${draft.id}/members`, RESEARCHER))).toMatchObject({
      members: [],
      invitations: [],
    });
    expect(await auditActions(h, `APP#${draft.id}`)).toEqual(
      expect.arrayContaining([
        'application.member_left',
        'application.member_removed',
        'application.invitation_revoked',
      ]),
    );
  });

  it('hands the application over to a co-applicant, who then submits; the former owner stays on', async () => {
    const { draft } = await draftWithMember();
    const notMember = expectProblem(
      await client.post(`/api/applications/${draft.id}/owner`, { memberId: 'demo-reviewer1' }, RESEARCHER),
      422,
    );
    expect(notMember.errors).toEqual([
      expect.objectContaining({ pointer: '/memberId', code: 'NOT_A_MEMBER' }),
    ]);
    expectProblem(
      await client.post(`/api/applications/${draft.id}/owner`, { memberId: 'demo-researcher2' }, RESEARCHER2),
      403,
    );
    expectProblem(
      await client.send('POST', `/api/applications/${draft.id}/owner`, RESEARCHER, {
        body: { memberId: 'demo-researcher2' },
        headers: { 'if-match': '"99"' },
      }),
      409,
    );

    const handed = expectOk(
      await client.post(`/api/applications/${draft.id}/owner`, { memberId: 'demo-researcher2' }, RESEARCHER),
    );
    expect(handed).toMatchObject({
      ownerId: 'demo-researcher2',
      ownerEmail: RESEARCHER2,
      ownerName: 'Mads Poulsen',
      version: draft.version + 1,
    });
    const members = expectOk(await client.get(`/api/applications/${draft.id}/members`, RESEARCHER));
    expect(members.owner.userId).toBe('demo-researcher2');
    expect(members.members.map((m: { userId: string }) => m.userId)).toEqual(['demo-researcher']);
    for (const who of [RESEARCHER, RESEARCHER2]) {
      expect(
        expectOk(await client.get('/api/applications?mine=true', who)).items.map((a: { id: string }) => a.id),
      ).toEqual([draft.id]);
    }
    expectProblem(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER), 403);
    expect(expectOk(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER2)).status).toBe(
      'submitted',
    );
    expect(await auditActions(h, `APP#${draft.id}`)).toContain('application.handed_over');
    // The new owner is told, in the same transaction as the hand-over.
    const told = (await pendingOutbox(h)).find(
      (m) => m.kind === 'application.handed_over' && m.case.id === draft.id,
    );
    expect(told).toMatchObject({ to: RESEARCHER2, link: `/applications/${draft.id}` });
  });
});

describe('GET /api/applications/{id}/pdf', () => {
  const pdfOf = async (path: string, who: string, headers: Record<string, string> = {}) => {
    const res = await h.app.request(path, {
      headers: { authorization: `Bearer ${await h.tokenFor(who)}`, ...headers },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, text: compact(pdfText(bytes)) };
  };

  it('is the application as a PDF: title, reference, budget total in kroner, for its readers only', async () => {
    const draft = await createDraft(
      client,
      call.id,
      RESEARCHER,
      applicationBody({ title: 'Rygestop på Ærø og Læsø' }),
    );
    const submitted = expectOk(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER));
    const { res, bytes, text } = await pdfOf(`/api/applications/${draft.id}/pdf`, RESEARCHER);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`${submitted.reference}.pdf`);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(text).toContain(compact('Rygestop på Ærø og Læsø'));
    expect(text).toContain(submitted.reference);
    expect(text).toContain(compact(`I alt${formatKr(submitted.requestedAmountOre, 'da')}`));
    expect(text).toContain(compact('Ingen dokumenter'));
    expect(text).toContain(compact('Sofie Andersen, Aarhus Universitetshospital'));

    const en = await pdfOf(`/api/applications/${draft.id}/pdf?lang=en`, ADMIN);
    expect(en.res.status).toBe(200);
    expect(en.text).toContain(compact(`Total${formatKr(submitted.requestedAmountOre, 'en')}`));
    expect(en.text).toContain(compact('No documents'));
    const asked = await pdfOf(`/api/applications/${draft.id}/pdf`, RESEARCHER, { 'accept-language': 'en' });
    expect(asked.text).toContain('Reference');

    const other = await h.app.request(`/api/applications/${draft.id}/pdf`, {
      headers: { authorization: `Bearer ${await h.tokenFor(RESEARCHER2)}` },
    });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
