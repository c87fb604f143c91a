/*
 * The minutes of a board meeting: each decision with its justification and conditions, who attended, who was
 * recused; the chair approves them and they are locked; a correction is a new version with its reason, both
 * kept and audited. A member conflicted with an application reads its title only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, api, expectOk, expectProblem } from '../support/api.js';
import {
  ADMIN,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  partnersWith,
  RESEARCHER,
  RESEARCHER2,
  submitApplication,
  submitFreeOfConflict,
} from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { auditEvents } from '../support/table.js';
import { browse } from '../support/web.js';

let h: Harness;
let client: Api;
let meetingId: string;
let approvedId: string;
let rejectedId: string;

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
  const call = await createCall(client);
  approvedId = await submitFreeOfConflict(client, call.id, RESEARCHER, { title: 'Røgfri unge' });
  // Aarhus Kommune takes part: the board member (Aarhus Kommune) is recused on it.
  rejectedId = await submitApplication(client, call.id, RESEARCHER2, {
    title: 'Aarhus-projektet',
    partners: partnersWith('Aarhus Kommune'),
  });
  await closeCallNow(client, call.id);
  const meeting = expectOk(
    await client.post(
      `/api/calls/${call.id}/meetings`,
      {
        heldAt: '2027-03-10T14:00:00+01:00',
        attendeeIds: ['demo-chair', 'demo-board'],
        notes: 'Mødet blev holdt i Viborg.',
        decisions: [
          {
            applicationId: approvedId,
            outcome: 'approved',
            amountOre: 1_000_000,
            conditions: 'Halvårlig status.',
          },
          { applicationId: rejectedId, outcome: 'rejected', justification: 'Uden for puljens formål.' },
        ],
      },
      CHAIR,
    ),
    201,
  );
  meetingId = meeting.id;
}, 90_000);

describe('the minutes', () => {
  it('carry each decision’s justification and conditions, the attendees and the recusals', async () => {
    const minutes = expectOk(await client.get(`/api/meetings/${meetingId}/minutes`, ADMIN));
    expect(minutes.meeting.attendees.map((a: { userId: string }) => a.userId).sort()).toEqual([
      'demo-board',
      'demo-chair',
    ]);
    const rejected = minutes.meeting.decisions.find(
      (d: { applicationId: string }) => d.applicationId === rejectedId,
    );
    expect(rejected).toMatchObject({ justification: 'Uden for puljens formål.' });
    expect(rejected.recused.map((r: { userId: string }) => r.userId)).toEqual(['demo-board']);
    expect(minutes.versions).toEqual([
      expect.objectContaining({ number: 1, status: 'draft', notes: 'Mødet blev holdt i Viborg.' }),
    ]);
    expect(minutes.versions[0].decisions).toContainEqual({
      applicationId: approvedId,
      conditions: 'Halvårlig status.',
    });
  });

  it('show a conflicted member the title only, not the words', async () => {
    const minutes = expectOk(await client.get(`/api/meetings/${meetingId}/minutes`, BOARD));
    const rejected = minutes.meeting.decisions.find(
      (d: { applicationId: string }) => d.applicationId === rejectedId,
    );
    expect(rejected).toEqual(expect.objectContaining({ title: 'Aarhus-projektet', conflicted: true }));
    expect(JSON.stringify(minutes)).not.toContain('Uden for puljens formål');
    expectProblem(await client.get(`/api/meetings/${meetingId}/minutes`, RESEARCHER), 403);
  });

  it('are approved by the chair and then locked; a correction is a new version with its reason', async () => {
    expectProblem(await client.act(`/api/meetings/${meetingId}/minutes/approve`, BOARD), 403);
    expectProblem(await client.act(`/api/meetings/${meetingId}/minutes/approve`, ADMIN), 403);
    expectProblem(
      await client.post(`/api/meetings/${meetingId}/minutes/corrections`, { reason: 'For tidligt' }, CHAIR),
      409,
    );
    const approved = expectOk(await client.act(`/api/meetings/${meetingId}/minutes/approve`, CHAIR));
    expect(approved.versions).toEqual([
      expect.objectContaining({ number: 1, status: 'approved', approvedBy: 'demo-chair' }),
    ]);
    expectProblem(
      await client.act(`/api/meetings/${meetingId}/minutes/approve`, CHAIR),
      409,
      'INVALID_STATE',
    );

    const corrected = expectOk(
      await client.post(
        `/api/meetings/${meetingId}/minutes/corrections`,
        {
          reason: 'Betingelsen var skrevet forkert',
          decisions: [{ applicationId: approvedId, conditions: 'Kvartalsvis status.' }],
        },
        ADMIN,
      ),
      201,
    );
    expect(corrected.versions).toHaveLength(2);
    expect(corrected.versions[0].decisions).toContainEqual({
      applicationId: approvedId,
      conditions: 'Halvårlig status.',
    });
    expect(corrected.versions[1]).toMatchObject({
      number: 2,
      status: 'draft',
      reason: 'Betingelsen var skrevet forkert',
    });
    expect(corrected.versions[1].decisions).toContainEqual({
      applicationId: approvedId,
      conditions: 'Kvartalsvis status.',
    });
    h.clock.advance(60_000);
    expectOk(await client.act(`/api/meetings/${meetingId}/minutes/approve`, CHAIR));
    const actions = (await auditEvents(h, `MEETING#${meetingId}`)).map((e) => e.action);
    expect(actions.filter((a) => String(a).startsWith('minutes.')).sort()).toEqual([
      'minutes.approved',
      'minutes.approved',
      'minutes.corrected',
    ]);
  });

  it('keep the words of a decision the approving chair is conflicted on', async () => {
    // The demo chair (Region Midtjylland) is conflicted on the demo researcher's applications (the tree).
    const call = await createCall(client);
    const theirs = await submitApplication(client, call.id, RESEARCHER, { title: 'Regionens projekt' });
    await closeCallNow(client, call.id);
    const meeting = expectOk(
      await client.post(
        `/api/calls/${call.id}/meetings`,
        {
          heldAt: '2027-04-10T14:00:00+02:00',
          attendeeIds: ['demo-chair', 'demo-board'],
          decisions: [
            { applicationId: theirs, outcome: 'rejected', justification: 'Budgettet hænger ikke sammen.' },
          ],
        },
        ADMIN,
      ),
      201,
    );
    const approved = expectOk(await client.act(`/api/meetings/${meeting.id}/minutes/approve`, CHAIR));
    expect(JSON.stringify(approved)).not.toContain('Budgettet hænger ikke sammen');
    const minutes = expectOk(await client.get(`/api/meetings/${meeting.id}/minutes`, ADMIN));
    expect(minutes.versions).toEqual([expect.objectContaining({ number: 1, status: 'approved' })]);
    expect(minutes.versions[0].decisions).toEqual([
      { applicationId: theirs, justification: 'Budgettet hænger ikke sammen.' },
    ]);
  });

  it('refuse a correction of a decision the reader may not see', async () => {
    expectProblem(
      await client.post(
        `/api/meetings/${meetingId}/minutes/corrections`,
        { reason: 'x', decisions: [{ applicationId: crypto.randomUUID(), conditions: 'y' }] },
        CHAIR,
      ),
      409,
    );
  });

  it('have a page, printable, with the approval for the chair', async () => {
    const page = await browse(h, CHAIR, `/board/meetings/${meetingId}/minutes`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Uden for puljens formål.');
    expect(page.html).toContain('Betingelsen var skrevet forkert');
    const print = await browse(h, CHAIR, `/board/meetings/${meetingId}/minutes?print=1`);
    expect(print.status).toBe(200);
    expect(print.html).toContain('Kvartalsvis status.');
    expect((await browse(h, RESEARCHER, `/board/meetings/${meetingId}/minutes`)).status).toBe(403);
  });
});
