import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../functions/core/applications/application.schema.js';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { auditEvent } from '../../functions/core/audit/audit.js';
import type { Call } from '../../functions/core/calls/call.schema.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, type ApiResponse, api, expectProblem } from '../support/api.js';
import { dbMocks } from '../support/db-faults.js';
import {
  ADMIN,
  askingFor,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  partnersWith,
  person,
  RESEARCHER,
  RESEARCHER2,
  submitFreeOfConflict,
} from '../support/fixtures.js';
import { createHarness, type Harness, withUsers } from '../support/harness.js';
import { auditEvents, pendingOutbox, storedItem } from '../support/table.js';

/*
 * Board meetings and single decisions through the API: the rules of each outcome, who may attend and who
 * must stand aside, the minutes, the letters, and the budget guard, which must hold when approvals race.
 */

/** On the board and a reviewer too: the one who declares a conflict and then sits in the meeting. */
const BOARD_REVIEWER = person('boardrev', ['applicant', 'board', 'reviewer'], 'Favrskov Kommune', {
  name: 'Birgitte Rask',
});

const faults = dbMocks();
let h: Harness;
let client: Api;

beforeAll(async () => {
  h = await withUsers(await createHarness(), [BOARD_REVIEWER]);
  client = api(h);
});

const submit = (callId: string, who: string, overrides: Record<string, unknown> = {}) =>
  submitFreeOfConflict(client, callId, who, overrides);
const meeting = (callId: string, body: Record<string, unknown>, who = ADMIN) =>
  client.post(
    `/api/calls/${callId}/meetings`,
    { heldAt: '2027-03-10T14:00:00+01:00', attendeeIds: ['demo-chair', 'demo-board'], ...body },
    who,
  );
const decide = (applicationId: string, body: Record<string, unknown>, who = ADMIN) =>
  client.post(`/api/applications/${applicationId}/decision`, body, who);
const errorsOf = (res: ApiResponse) =>
  (res.body.errors as { pointer: string; code: string }[]).map((e) => [e.pointer, e.code]);
/** A 422 refusal naming exactly these `[pointer, code]` rules at fault, in order. */
const expectRulesFailed = (res: ApiResponse, errors: [string, string][]) => {
  expectProblem(res, 422, 'RULES_FAILED');
  expect(errorsOf(res)).toEqual(errors);
};
const counter = async (callId: string) =>
  (await storedItem(h, { pk: `CALL#${callId}`, sk: 'BUDGET' }))?.approvedOre as number | undefined;
const letters = async (applicationId?: string) =>
  (await pendingOutbox(h)).filter(
    (m) => m.kind === 'application.decision' && (applicationId === undefined || m.case.id === applicationId),
  );
/** A letter as it is sent: its subject and body worded by the catalogue. */
const worded = (letter: Record<string, unknown> | undefined) =>
  composeMail(letter as unknown as OutboxMessage);
/** A board page as a signed-in person reads it, in Danish or (with the language cookie) English. */
const webPage = async (path: string, who: string, lang: 'da' | 'en' = 'da') =>
  (
    await h.app.request(path, {
      headers: { cookie: `fim_session=${await h.sessionFor(who)}${lang === 'en' ? '; fim_lang=en' : ''}` },
    })
  ).text();

describe('recording decisions', () => {
  let callId = '';
  let otherCallApp = '';
  let openCallId = '';
  let stillSubmitted = '';
  const d: Record<'a' | 'rejected' | 'waiting' | 'aarhus' | 'declared' | 'b', string> = {
    a: '',
    rejected: '',
    waiting: '',
    aarhus: '',
    declared: '',
    b: '',
  };
  const REQUESTED = 35_000_000; // applicationBody's budget lines, 350.000 kr.
  const JUSTIFICATION = 'Projektet er ikke tilstrækkeligt forankret i almen praksis.';
  const DECLARED_REASON = 'Min ægtefælle er ansat i projektet';

  beforeAll(async () => {
    callId = (await createCall(client, { overrides: { title: 'Afgørelser', budgetOre: 100_000_000 } })).id;
    d.a = await submit(callId, RESEARCHER);
    d.rejected = await submit(callId, RESEARCHER2);
    d.waiting = await submit(callId, RESEARCHER);
    // The board member (Bo Nielsen) works for Aarhus Kommune, a partner here.
    d.aarhus = await submit(callId, RESEARCHER, {
      partners: partnersWith('Aarhus Kommune'),
    });
    d.declared = await submit(callId, RESEARCHER2);
    d.b = await submit(callId, RESEARCHER2);
    await closeCallNow(client, callId);
    const other = (await createCall(client, { overrides: { title: 'Et andet opslag' } })).id;
    otherCallApp = await submit(other, RESEARCHER);
    await closeCallNow(client, other);
    openCallId = (await createCall(client, { overrides: { title: 'Stadig åbent' } })).id;
    stillSubmitted = await submit(openCallId, RESEARCHER);
    // The board member who also reviews declares a conflict on `declared` (not ruled: it counts).
    const assigned = await client.post(
      `/api/applications/${d.declared}/assignments`,
      { reviewerIds: [BOARD_REVIEWER.userId] },
      ADMIN,
    );
    expect(assigned.status, assigned.text).toBe(200);
    const declared = await client.post(
      `/api/applications/${d.declared}/review/conflict`,
      { reason: DECLARED_REASON },
      BOARD_REVIEWER.email,
    );
    expect(declared.status, declared.text).toBe(200);
  });

  const nothingDecided = async () => {
    for (const id of Object.values(d)) {
      expect(await h.core.applications.get(id)).toMatchObject({ status: 'in_review', version: 3 });
    }
    expect((await client.get(`/api/calls/${callId}/meetings`, ADMIN)).body.items).toEqual([]);
    expect(await letters()).toEqual([]);
    expect(await counter(callId)).toBeUndefined();
  };

  it('refuses an approval above the requested amount or without one, and an amount or no reason on a rejection', async () => {
    const res = await meeting(callId, {
      decisions: [
        { applicationId: d.a, outcome: 'approved', amountOre: REQUESTED + 1 },
        { applicationId: d.rejected, outcome: 'approved' },
        { applicationId: d.waiting, outcome: 'rejected', amountOre: 100, justification: '   ' },
        { applicationId: d.b, outcome: 'waiting_list', amountOre: 100 },
      ],
    });
    expectRulesFailed(res, [
      ['/decisions/0/amountOre', 'OVER_REQUESTED'],
      ['/decisions/1/amountOre', 'REQUIRED'],
      ['/decisions/2/amountOre', 'NOT_ALLOWED'],
      ['/decisions/2/justification', 'JUSTIFICATION_REQUIRED'],
      ['/decisions/3/amountOre', 'NOT_ALLOWED'],
    ]);
    expect(res.body.errors[0].detail).toContain('350.000,00');
    expect(res.body.errors[0]).toMatchObject({ requestedOre: REQUESTED });
    expect(res.body.errors[3].detail).toContain('forvaltningsloven §§ 22-24');
    await nothingDecided();
  });

  it('accepts only board members and admins as attendees', async () => {
    const res = await meeting(callId, {
      attendeeIds: ['demo-board', 'demo-reviewer1', 'demo-finance', 'nobody', 'demo-admin'],
      decisions: [{ applicationId: d.a, outcome: 'waiting_list' }],
    });
    expectRulesFailed(res, [
      ['/attendeeIds/1', 'NOT_BOARD'],
      ['/attendeeIds/2', 'NOT_BOARD'],
      ['/attendeeIds/3', 'NOT_BOARD'],
    ]);
    await nothingDecided();
  });

  it('decides only applications of this call, each once', async () => {
    const res = await meeting(callId, {
      decisions: [
        { applicationId: otherCallApp, outcome: 'waiting_list' },
        { applicationId: d.a, outcome: 'waiting_list' },
        { applicationId: d.a, outcome: 'rejected', justification: JUSTIFICATION },
        { applicationId: crypto.randomUUID(), outcome: 'waiting_list' },
      ],
    });
    expectRulesFailed(res, [
      ['/decisions/0/applicationId', 'NOT_IN_CALL'],
      ['/decisions/2/applicationId', 'DUPLICATE'],
      ['/decisions/3/applicationId', 'NOT_IN_CALL'],
    ]);
    await nothingDecided();
    expect((await h.core.applications.get(otherCallApp))?.status).toBe('in_review');
  });

  it('decides nothing while the call is open', async () => {
    const res = await meeting(openCallId, {
      decisions: [{ applicationId: stillSubmitted, outcome: 'waiting_list' }],
    });
    expectRulesFailed(res, [
      ['', 'CALL_NOT_CLOSED'],
      ['/decisions/0/applicationId', 'INVALID_STATE'],
    ]);
    expectProblem(await decide(stillSubmitted, { outcome: 'waiting_list' }), 422, 'RULES_FAILED');
    expect((await h.core.applications.get(stillSubmitted))?.status).toBe('submitted');
  });

  it('refuses a recorder who is conflicted, by organisation or by a declared conflict, and a meeting with no one left to decide', async () => {
    const byOrganisation = await decide(d.aarhus, { outcome: 'waiting_list' }, BOARD);
    expectRulesFailed(byOrganisation, [['/decisions/0/applicationId', 'CONFLICT_OF_INTEREST']]);
    const byDeclaration = await decide(d.declared, { outcome: 'waiting_list' }, BOARD_REVIEWER.email);
    expect(errorsOf(byDeclaration)).toEqual([['/decisions/0/applicationId', 'CONFLICT_OF_INTEREST']]);
    // The chair may decide it, but not in a meeting whose only attendee is conflicted.
    const noQuorum = await meeting(
      callId,
      { attendeeIds: ['demo-board'], decisions: [{ applicationId: d.aarhus, outcome: 'waiting_list' }] },
      CHAIR,
    );
    expect(errorsOf(noQuorum)).toEqual([['/decisions/0/applicationId', 'NO_QUORUM']]);
    await nothingDecided();
  });

  it('rejects with a justification the applicant reads, and writes the letter in Danish, then English', async () => {
    const res = await decide(d.rejected, { outcome: 'rejected', justification: JUSTIFICATION }, CHAIR);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      callId,
      attendees: [{ userId: 'demo-chair', name: 'Charlotte Bech', organisation: 'Region Midtjylland' }],
      decisions: [{ applicationId: d.rejected, outcome: 'rejected', recused: [] }],
      recordedBy: 'demo-chair',
    });
    const read = await client.get(`/api/applications/${d.rejected}`, RESEARCHER2);
    expect(read.body).toMatchObject({
      status: 'rejected',
      version: 4,
      decision: {
        outcome: 'rejected',
        justification: JUSTIFICATION,
        decidedBy: 'demo-chair',
        decidedAt: h.clock.now().toISOString(),
        meetingId: res.body.id,
      },
    });
    expect(read.body.decision.amountOre).toBeUndefined();
    expectProblem(await client.get(`/api/applications/${d.rejected}`, RESEARCHER), 404);

    const [letter, ...more] = await letters(d.rejected);
    expect(more).toEqual([]);
    const reference = read.body.reference as string;
    expect(letter).toMatchObject({ to: 'researcher2@fim.local' });
    expect(worded(letter).subject).toContain(reference);
    const body = worded(letter).body;
    const da = body.indexOf('Kære Mads Poulsen');
    const en = body.indexOf('Dear Mads Poulsen');
    expect(da).toBe(0);
    expect(en).toBeGreaterThan(da);
    expect(body.indexOf(`Begrundelse: ${JUSTIFICATION}`)).toBeGreaterThan(da);
    expect(body.indexOf(`Begrundelse: ${JUSTIFICATION}`)).toBeLessThan(en);
    expect(body.indexOf(`Justification (in Danish): ${JUSTIFICATION}`)).toBeGreaterThan(en);
    expect(body).toContain('forvaltningslovens §§ 22-24');
    expect(await counter(callId)).toBe(0);
  });

  it('will not decide an application twice: the second decision is 422 (its status has moved on), not 409', async () => {
    const again = await decide(d.rejected, { outcome: 'approved', amountOre: 1_000 });
    expectRulesFailed(again, [['/decisions/0/applicationId', 'INVALID_STATE']]);
    expect(again.body.errors[0]).toMatchObject({ applicationStatus: 'rejected' });
    expect(again.body.errors[0].detail).toContain('"Afslået"');
    expect(await h.core.applications.get(d.rejected)).toMatchObject({ status: 'rejected', version: 4 });
    expect(await letters(d.rejected)).toHaveLength(1);
  });

  it('puts an application on the waiting list, and approves it later within the budget', async () => {
    const waiting = await decide(d.waiting, { outcome: 'waiting_list' });
    expect(waiting.status, waiting.text).toBe(201);
    expect(await h.core.applications.get(d.waiting)).toMatchObject({
      status: 'waiting_list',
      decision: { outcome: 'waiting_list' },
    });
    expect(worded((await letters(d.waiting))[0]).body).toContain('venteliste');
    expect((await client.get(`/api/calls/${callId}/ranking`, ADMIN)).body.approvedOre).toBe(0);

    h.clock.advance(86_400_000);
    const approved = await decide(d.waiting, { outcome: 'approved', amountOre: REQUESTED });
    expect(approved.status, approved.text).toBe(201);
    expect(await h.core.applications.get(d.waiting)).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approved', amountOre: REQUESTED, meetingId: approved.body.id },
    });
    expect(
      (await auditEvents(h, `APP#${d.waiting}`))
        .filter((e) => e.action === 'application.decided')
        .map((e) => [(e.details as { from: string }).from, (e.details as { to: string }).to]),
    ).toEqual([
      ['in_review', 'waiting_list'],
      ['waiting_list', 'approved'],
    ]);
    expect(await letters(d.waiting)).toHaveLength(2);
    expect(await counter(callId)).toBe(REQUESTED);
  });

  it('records a meeting: recusals by organisation and by declared conflict in the minutes and on each decision', async () => {
    const res = await meeting(callId, {
      attendeeIds: ['demo-chair', 'demo-board', BOARD_REVIEWER.userId],
      notes: 'Mødet blev holdt i Viborg.',
      decisions: [
        {
          applicationId: d.aarhus,
          outcome: 'approved',
          amountOre: 30_000_000,
          conditions: 'Slutrapport i 2029',
        },
        { applicationId: d.declared, outcome: 'waiting_list' },
        // 35 + 30 + 35 million øre: the budget to the øre.
        { applicationId: d.a, outcome: 'approved', amountOre: REQUESTED },
      ],
    });
    expect(res.status, res.text).toBe(201);
    const bo = { userId: 'demo-board', name: 'Bo Nielsen', organisation: 'Aarhus Kommune' };
    const birgitte = {
      userId: BOARD_REVIEWER.userId,
      name: 'Birgitte Rask',
      organisation: 'Favrskov Kommune',
    };
    const expectedRecusals = {
      [d.aarhus]: [{ ...bo, ground: 'organisation', reason: 'Aarhus Kommune' }],
      [d.declared]: [{ ...birgitte, ground: 'declared', reason: DECLARED_REASON }],
      [d.a]: [],
    };
    expect(res.body.notes).toBe('Mødet blev holdt i Viborg.');
    expect(res.body.attendees.map((a: { userId: string }) => a.userId)).toEqual([
      'demo-chair',
      'demo-board',
      BOARD_REVIEWER.userId,
    ]);
    for (const minute of res.body.decisions as { applicationId: string; recused: unknown }[]) {
      expect(minute.recused).toEqual(expectedRecusals[minute.applicationId]);
      expect((await h.core.applications.get(minute.applicationId))?.decision?.recused).toEqual(
        expectedRecusals[minute.applicationId],
      );
    }
    const [decided] = (await auditEvents(h, `APP#${d.aarhus}`)).filter(
      (e) => e.action === 'application.decided',
    );
    expect(decided?.details).toMatchObject({
      recused: 'demo-board',
      amountOre: 30_000_000,
      meetingId: res.body.id,
    });
    const [recorded] = await auditEvents(h, `MEETING#${res.body.id}`);
    expect(recorded).toMatchObject({
      action: 'meeting.recorded',
      details: { callId, decisions: 3, approvedOre: 65_000_000 },
    });
    expect(await counter(callId)).toBe(100_000_000);
    // The minutes word each ground in the reader's language, with the organisation or the member's own words.
    const minutesDa = await webPage(`/board/meetings/${res.body.id}`, ADMIN);
    expect(minutesDa).toContain('Bo Nielsen, Aarhus Kommune: Organisation: Aarhus Kommune');
    expect(minutesDa).toContain(`Birgitte Rask, Favrskov Kommune: Erklæret inhabil: ${DECLARED_REASON}`);
    const minutesEn = await webPage(`/board/meetings/${res.body.id}`, ADMIN, 'en');
    expect(minutesEn).toContain('Bo Nielsen, Aarhus Kommune: Organisation: Aarhus Kommune');
    expect(minutesEn).toContain(`Birgitte Rask, Favrskov Kommune: Declared conflict: ${DECLARED_REASON}`);

    const letter = worded((await letters(d.aarhus))[0]).body;
    expect(letter).toMatch(/bevilget 300\.000,00\s*kr\./);
    expect(letter).toContain('Vilkår: Slutrapport i 2029');
    expect(letter).toMatch(/granted DKK\s*300,000\.00/);
    expect(letter.indexOf('Vilkår:')).toBeLessThan(
      letter.indexOf('Conditions (in Danish): Slutrapport i 2029'),
    );
  });

  it('words the same budget refusal in Danish by default and in English when asked, with the figures as members', async () => {
    const figures = { approvedOre: 100_000_000, requestedOre: 1, budgetOre: 100_000_000, availableOre: 0 };
    const asked = { outcome: 'approved', amountOre: 1 };
    const da = await decide(d.b, asked);
    expectProblem(da, 422, 'RULES_FAILED');
    expect(da.headers.get('content-language')).toBe('da');
    expect(da.body).toMatchObject({
      title: 'Reglerne er ikke opfyldt',
      reason: 'BUDGET_EXCEEDED',
      ...figures,
    });
    expect(da.body.detail).toMatch(
      /^Afgørelserne ville overstige puljen: 1\.000\.000,00\skr\. er bevilget, disse afgørelser bevilger 0,01\skr\. mere, puljen er 1\.000\.000,00\skr\., og der er 0,00\skr\. tilbage\.$/,
    );
    const en = await client.post(`/api/applications/${d.b}/decision`, asked, ADMIN, {
      'accept-language': 'en',
    });
    expectProblem(en, 422, 'RULES_FAILED');
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body).toMatchObject({ title: 'Rules not met', reason: 'BUDGET_EXCEEDED', ...figures });
    expect(en.body.detail).toMatch(
      /^The decisions would exceed the pool: DKK\s1,000,000\.00 is approved, these decisions approve DKK\s0\.01 more, the pool is DKK\s1,000,000\.00 and DKK\s0\.00 is left\.$/,
    );
    for (const res of [da, en])
      expect(res.body.errors[0]).toMatchObject({ code: 'BUDGET_EXCEEDED', ...figures });
    expect(en.body.errors[0].detail).toBe(en.body.detail);
    expect((await h.core.applications.get(d.b))?.status).toBe('in_review');
  });

  it('refuses any further approval once the budget is spent, with the figures', async () => {
    const res = await decide(d.b, { outcome: 'approved', amountOre: 1 });
    expectProblem(res, 422, 'RULES_FAILED');
    const figures = { approvedOre: 100_000_000, requestedOre: 1, budgetOre: 100_000_000, availableOre: 0 };
    expect(res.body.errors[0]).toMatchObject({ code: 'BUDGET_EXCEEDED', ...figures });
    expect(res.body).toMatchObject({ reason: 'BUDGET_EXCEEDED', ...figures });
    expect((await h.core.applications.get(d.b))?.status).toBe('in_review');
    // A rejection spends nothing and still goes through.
    expect((await decide(d.b, { outcome: 'rejected', justification: JUSTIFICATION })).status).toBe(201);
    expect(await counter(callId)).toBe(100_000_000);
  });

  it('writes exactly one letter per decision', async () => {
    const all = await letters();
    for (const id of Object.values(d)) {
      const decisions = (await auditEvents(h, `APP#${id}`)).filter((e) => e.action === 'application.decided');
      expect(
        all.filter((l) => l.case.id === id),
        id,
      ).toHaveLength(decisions.length);
    }
    expect(all).toHaveLength(7);
  });

  it('lists the call’s meetings and reads one', async () => {
    const list = await client.get(`/api/calls/${callId}/meetings`, BOARD);
    expect(list.status, list.text).toBe(200);
    const items = list.body.items as { id: string; heldAt: string; decisions: { applicationId: string }[] }[];
    expect(items).toHaveLength(5);
    expect(items.flatMap((m) => m.decisions.map((x) => x.applicationId)).sort()).toEqual(
      [d.rejected, d.waiting, d.waiting, d.aarhus, d.declared, d.a, d.b].sort(),
    );
    const full = items.find((m) => m.decisions.length === 3) as { id: string };
    const one = await client.get(`/api/meetings/${full.id}`, BOARD);
    expect(one.status, one.text).toBe(200);
    expect(one.body).toEqual(full);
    expectProblem(await client.get(`/api/meetings/${crypto.randomUUID()}`, CHAIR), 404);
    expect((await client.get(`/api/calls/${openCallId}/meetings`, BOARD)).body.items).toEqual([]);
  });
});

describe('the budget guard', () => {
  it('eight approvals racing for a budget of three: exactly three win, and the total is the budget to the øre', async () => {
    const share = 30_000_001;
    const budget = 3 * share;
    const callId = (await createCall(client, { overrides: { title: 'Kapløb', budgetOre: budget } })).id;
    const apps: string[] = [];
    for (let i = 0; i < 8; i++)
      apps.push(await submit(callId, i % 2 ? RESEARCHER2 : RESEARCHER, askingFor(share)));
    await closeCallNow(client, callId);
    await client.get('/api/me', ADMIN);

    const approve = (id: string) => decide(id, { outcome: 'approved', amountOre: share });
    const first = await Promise.all(apps.map(approve));
    const final = [...first];
    // A transaction clash is a 409 the client resolves by trying again; the answer must then be final.
    for (let attempt = 0; attempt < 5 && final.some((r) => r.status === 409); attempt++) {
      for (const [i, res] of final.entries())
        if (res.status === 409) final[i] = await approve(apps[i] as string);
    }

    for (const res of first) expect([201, 409, 422], res.text).toContain(res.status);
    expect(final.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = final.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(5);
    for (const res of refused) {
      expectProblem(res, 422, 'RULES_FAILED');
      expect(res.body.errors[0].code).toBe('BUDGET_EXCEEDED');
    }
    const approved = (await h.core.applications.listByCall(callId)).filter((a) => a.status === 'approved');
    expect(approved).toHaveLength(3);
    const sum = approved.reduce((total, a) => total + (a.decision?.amountOre ?? 0), 0);
    expect(sum).toBe(budget);
    expect(await counter(callId)).toBe(sum);
    for (const id of apps) {
      const won = approved.some((a) => a.id === id);
      expect(await letters(id), id).toHaveLength(won ? 1 : 0);
      expect((await h.core.applications.get(id))?.status).toBe(won ? 'approved' : 'in_review');
    }
  });

  it('the transaction refuses beyond the budget even when every request read the total before any approval', async () => {
    const share = 25_000_000;
    const callId = (
      await createCall(client, { overrides: { title: 'Forældet læsning', budgetOre: 2 * share } })
    ).id;
    const apps: string[] = [];
    for (let i = 0; i < 4; i++) apps.push(await submit(callId, RESEARCHER, askingFor(share)));
    await closeCallNow(client, callId);
    await client.get('/api/me', ADMIN);
    // Every read of the approved total answers "nothing approved yet", as a read just before the others' writes
    // would: only the condition in the decision's transaction stands between them and the budget.
    const { stub: db, realSend } = faults.mock(h.db);
    db.on(GetCommand).callsFake((input) =>
      input.Key?.sk === 'BUDGET' ? Promise.resolve({}) : realSend(new GetCommand(input)),
    );

    const results = await Promise.all(
      apps.map((id) => decide(id, { outcome: 'approved', amountOre: share })),
    );

    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422]);
    for (const res of results.filter((r) => r.status === 422)) {
      expect(res.body.errors[0].code).toBe('BUDGET_EXCEEDED');
    }
    // All four reached the transaction.
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(4);
    faults.restore();
    expect(await counter(callId)).toBe(2 * share);
    const approved = (await h.core.applications.listByCall(callId)).filter((a) => a.status === 'approved');
    expect(approved.map((a) => a.decision?.amountOre)).toEqual([share, share]);
  });

  /*
   * Each run needs a closed call of its own with applications in review. Going through create, submit and close
   * for every run would dominate the time, so runs copy a call and an application made that way once, with
   * fresh ids, the run's budget and amounts (each stored with its audit event, as the repositories require).
   */
  let template: { call: Call; application: Application } | undefined;
  async function seedClosedCall(budget: number, requested: number[]) {
    if (!template) {
      const callId = (await createCall(client, { overrides: { title: 'Skabelon' } })).id as string;
      const applicationId = await submit(callId, RESEARCHER);
      await closeCallNow(client, callId);
      const call = await h.core.calls.get(callId);
      const application = await h.core.applications.get(applicationId);
      if (!call || !application) throw new Error('The template was not stored');
      template = { call, application };
    }
    const now = h.clock.now();
    const seeded = (type: 'call' | 'application', id: string) =>
      auditEvent(h.principal(ADMIN), now, 'demo.seeded', { type, id });
    const call: Call = {
      ...template.call,
      id: crypto.randomUUID(),
      title: 'Egenskab',
      budgetOre: budget,
      grantTypes: [{ id: 'A', name: 'Projekt', maxAmountOre: budget }],
      version: 1,
    };
    await h.core.calls.save(call, seeded('call', call.id));
    const apps: string[] = [];
    for (const [i, ore] of requested.entries()) {
      const application: Application = {
        ...template.application,
        id: crypto.randomUUID(),
        callId: call.id,
        reference: `FIM-2027-P${String(i + 1).padStart(3, '0')}`,
        budgetLines: [{ category: 'Løn', year: 2027, amountOre: ore }],
        requestedAmountOre: ore,
        version: 1,
      };
      await h.core.applications.save(application, seeded('application', application.id));
      apps.push(application.id);
    }
    return { callId: call.id, apps };
  }

  it('property: whatever the budget and the meetings, approvals succeed exactly while they fit, and the total matches the approved applications', async () => {
    const scenario = fc.integer({ min: 100, max: 50_000_000 }).chain((budget) =>
      fc.record({
        budget: fc.constant(budget),
        decisions: fc.array(
          fc.record({
            requested: fc.integer({ min: 1, max: budget }),
            outcome: fc.constantFrom('approved', 'approved', 'approved', 'rejected', 'waiting_list'),
            share: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
            newMeeting: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ budget, decisions }) => {
        const { callId, apps } = await seedClosedCall(
          budget,
          decisions.map((x) => x.requested),
        );

        // Decisions in order, grouped into meetings; a meeting stands or falls as a whole.
        const meetings: {
          applicationId: string;
          outcome: string;
          amountOre?: number;
          justification?: string;
        }[][] = [];
        for (const [i, x] of decisions.entries()) {
          const entry = {
            applicationId: apps[i] as string,
            outcome: x.outcome,
            ...(x.outcome === 'approved'
              ? { amountOre: Math.max(1, Math.min(x.requested, Math.round(x.requested * x.share))) }
              : {}),
            ...(x.outcome === 'rejected' ? { justification: 'Ikke prioriteret.' } : {}),
          };
          const last = meetings.at(-1);
          if (!last || x.newMeeting) meetings.push([entry]);
          else last.push(entry);
        }
        let modelApproved = 0;
        for (const decided of meetings) {
          const delta = decided.reduce((sum, x) => sum + (x.amountOre ?? 0), 0);
          const res = await meeting(callId, { decisions: decided });
          if (modelApproved + delta <= budget) {
            expect(res.status, res.text).toBe(201);
            modelApproved += delta;
          } else {
            expect(res.status, res.text).toBe(422);
            expect(res.body.errors[0].code).toBe('BUDGET_EXCEEDED');
          }
        }
        const stored = (await h.core.applications.listByCall(callId))
          .filter((a) => a.status === 'approved')
          .reduce((sum, a) => sum + (a.decision?.amountOre ?? 0), 0);
        expect(stored).toBe(modelApproved);
        expect((await counter(callId)) ?? 0).toBe(modelApproved);
        expect(modelApproved).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 15 },
    );
  });
});
