import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import type { ConflictGround } from '../../functions/core/reviews/review.schema.js';
import { composeMail, texts } from '../../functions/texts/index.js';
import type { api } from '../support/api.js';
import {
  ADMIN,
  applicationBody,
  CLOSE_EARLY,
  callBody,
  RESEARCHER,
  RESEARCHER2,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { auditEvents, pendingOutbox } from '../support/table.js';

/*
 * The board's work end to end through the API: closing starts review, the chair assigns (no one conflicted),
 * a reviewer declares a conflict and the chair rules, reviews are scored (n/a left out), the ranking orders
 * them, a meeting decides within the budget, and the applicant reads the decision.
 */
const CHAIR = 'chair@fim.local'; // Region Midtjylland
const BOARD = 'board@fim.local'; // Aarhus Kommune

let h: Harness;
let client: ReturnType<typeof api>;
let callId = '';
const apps: Record<'randers' | 'aarhus' | 'silkeborg', string> = { randers: '', aarhus: '', silkeborg: '' };

const partner = (organisation: string, sector: string) => ({
  organisation,
  sector,
  contactName: 'K',
  contactEmail: 'k@example.dk',
  role: 'Partner',
});

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
  const call = await client.post(
    '/api/calls',
    callBody({ budgetOre: 60_000_000, reviewersPerApplication: 2 }),
    ADMIN,
  );
  callId = call.body.id;
  await client.act(`/api/calls/${callId}/open`, ADMIN);
  const submit = async (who: string, partners: unknown[], amountOre: number) => {
    const draft = await client.post(
      `/api/calls/${callId}/applications`,
      applicationBody({ partners, budgetLines: [{ category: 'Løn', year: 2027, amountOre }] }),
      who,
    );
    expect(draft.status, draft.text).toBe(201);
    const done = await client.act(`/api/applications/${draft.body.id}/submit`, who);
    expect(done.status, done.text).toBe(200);
    return draft.body.id as string;
  };
  apps.randers = await submit(
    RESEARCHER,
    [partner('Randers Kommune', 'municipality'), partner('Lægehuset Randers Nord', 'general_practice')],
    30_000_000,
  );
  apps.aarhus = await submit(
    RESEARCHER,
    [partner('Aarhus Kommune', 'municipality'), partner('Region Midtjylland', 'region')],
    40_000_000,
  );
  apps.silkeborg = await submit(
    RESEARCHER2,
    [partner('Silkeborg Kommune', 'municipality'), partner('Hospitalsenhed Midt', 'region')],
    25_000_000,
  );
});

describe('review and decision, end to end', () => {
  it('closing the call moves every submitted application to review, once', async () => {
    const closed = await client.post(`/api/calls/${callId}/close`, CLOSE_EARLY, ADMIN);
    expect(closed.status, closed.text).toBe(200);
    for (const id of Object.values(apps)) {
      expect((await client.get(`/api/applications/${id}`, ADMIN)).body.status).toBe('in_review');
    }
    expect((await client.post(`/api/calls/${callId}/close`, CLOSE_EARLY, ADMIN)).status).toBe(409);
    expect(
      (await auditEvents(h, `APP#${apps.aarhus}`)).filter((e) => e.action === 'application.review_started'),
    ).toHaveLength(1);
  });

  it('refuses to assign a reviewer whose organisation takes part, naming it', async () => {
    const res = await client.post(
      `/api/applications/${apps.randers}/assignments`,
      { reviewerIds: ['demo-reviewer2'] },
      CHAIR,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'CONFLICT_OF_INTEREST', pointer: '/reviewerIds/0' });
    expect(res.body.errors[0].detail).toContain('Randers Kommune');
    expect(
      (
        await client.post(
          `/api/applications/${apps.randers}/assignments`,
          { reviewerIds: ['demo-reviewer1'] },
          BOARD,
        )
      ).status,
    ).toBe(403);
  });

  it('suggests an assignment free of conflicts with balanced load; the chair confirms what they are free to handle', async () => {
    type Item = { applicationId: string; suggested: string[]; conflicted: boolean };
    const suggestion = await client.get(`/api/calls/${callId}/assignment-suggestion`, CHAIR);
    expect(suggestion.status, suggestion.text).toBe(200);
    const items = suggestion.body.items as Item[];
    // The chair (Region Midtjylland) is conflicted on the Aarhus application, which has the region as partner.
    expect(items.find((i) => i.applicationId === apps.aarhus)).toMatchObject({
      conflicted: true,
      suggested: [],
    });
    const free = items.filter((i) => !i.conflicted);
    expect(free.find((i) => i.applicationId === apps.randers)?.suggested).not.toContain('demo-reviewer2');
    for (const item of free) expect(item.suggested).toHaveLength(2);
    const plan = (list: Item[]) => ({
      assignments: list.map((i) => ({ applicationId: i.applicationId, reviewerIds: i.suggested })),
    });

    const refused = await client.post(
      `/api/calls/${callId}/assignments`,
      { assignments: [{ applicationId: apps.aarhus, reviewerIds: ['demo-reviewer1'] }] },
      CHAIR,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
    const confirm = await client.post(`/api/calls/${callId}/assignments`, plan(free), CHAIR);
    expect(confirm.status, confirm.text).toBe(200);
    expect(confirm.body.created).toBe(4);

    // An admin handles the application the chair may not touch.
    const forAdmin = (await client.get(`/api/calls/${callId}/assignment-suggestion`, ADMIN)).body
      .items as Item[];
    const aarhus = forAdmin.filter((i) => i.applicationId === apps.aarhus);
    expect(aarhus[0]?.suggested).toHaveLength(2);
    expect((await client.post(`/api/calls/${callId}/assignments`, plan(aarhus), ADMIN)).body.created).toBe(2);
  });

  it('lets a reviewer declare a conflict; the chair rules and the reviewer then sees the title only', async () => {
    // Whoever the suggestion put first on the Aarhus application declares the conflict.
    const first = (await client.get(`/api/applications/${apps.aarhus}/assignments`, ADMIN)).body.items[0];
    const who: string = first.reviewerEmail;
    const whoId: string = first.reviewerId;
    const queue = await client.get('/api/reviews', who);
    const onAarhus = queue.body.items.find((a: { applicationId: string }) => a.applicationId === apps.aarhus);
    expect(onAarhus).toBeDefined();
    const declared = await client.post(
      `/api/applications/${apps.aarhus}/review/conflict`,
      { reason: 'Min ægtefælle er projektleder i Aarhus Kommune' },
      who,
    );
    expect(declared.status, declared.text).toBe(200);
    const conflicts = await client.get(`/api/calls/${callId}/conflicts`, ADMIN);
    expect(conflicts.body.items.map((a: { reviewerId: string }) => a.reviewerId)).toEqual([whoId]);
    // Issue 11: the chair, conflicted with the application, is not shown who declared what on it.
    expect((await client.get(`/api/calls/${callId}/conflicts`, CHAIR)).body.items).toEqual([]);
    // The chair (Region Midtjylland) is a partner on the Aarhus application: they may not rule; an admin does.
    expect(
      (
        await client.post(
          `/api/applications/${apps.aarhus}/assignments/${whoId}/conflict-ruling`,
          { recused: true },
          CHAIR,
        )
      ).status,
    ).toBe(403);
    // Nor may the conflicted chair take reviewers off it.
    expect(
      (await client.send('DELETE', `/api/applications/${apps.aarhus}/assignments/${whoId}`, CHAIR)).status,
    ).toBe(403);
    const ruled = await client.post(
      `/api/applications/${apps.aarhus}/assignments/${whoId}/conflict-ruling`,
      { recused: true, note: 'Nærtstående' },
      ADMIN,
    );
    expect(ruled.status, ruled.text).toBe(200);
    expect(ruled.body.conflict.ruling).toMatchObject({ recused: true, byUserId: 'demo-admin' });
    const view = await client.get(`/api/applications/${apps.aarhus}/review`, who);
    expect(view.body.application).toBeUndefined();
    expect(view.body.assignment.applicationTitle).toBe('Faldforebyggelse i eget hjem');
    expect(
      (
        await client.send('PUT', `/api/applications/${apps.aarhus}/review`, who, {
          body: { scores: {} },
          headers: { 'if-match': '"3"' },
        })
      ).status,
    ).toBe(409);
  });

  it('scores reviews with n/a left out, and refuses an incomplete submit listing what is missing', async () => {
    const reviewers = async (appId: string) =>
      (await client.get(`/api/applications/${appId}/assignments`, ADMIN)).body.items
        .filter((a: { conflict?: unknown }) => !a.conflict)
        .map((a: { reviewerEmail: string }) => a.reviewerEmail) as string[];
    const score = async (appId: string, who: string, scores: Record<string, number | 'na'>) => {
      const view = await client.get(`/api/applications/${appId}/review`, who);
      const saved = await client.send('PUT', `/api/applications/${appId}/review`, who, {
        body: { scores, comments: { quality: 'Solid metode' }, recommendation: 'fund' },
        headers: { 'if-match': `"${view.body.assignment.version}"` },
      });
      expect(saved.status, saved.text).toBe(200);
      const submitted = await client.act(`/api/applications/${appId}/review/submit`, who);
      return submitted;
    };
    const [first, second] = await reviewers(apps.randers);
    const incomplete = await score(apps.randers, first as string, { relevance: 5 });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/scores/quality',
      '/scores/feasibility',
    ]);
    expect(
      (await score(apps.randers, first as string, { relevance: 5, quality: 5, feasibility: 'na' })).status,
    ).toBe(200);
    expect(
      (await score(apps.randers, second as string, { relevance: 4, quality: 4, feasibility: 4 })).status,
    ).toBe(200);
    for (const who of await reviewers(apps.silkeborg)) {
      expect((await score(apps.silkeborg, who, { relevance: 3, quality: 2, feasibility: 3 })).status).toBe(
        200,
      );
    }
    for (const who of await reviewers(apps.aarhus)) {
      expect((await score(apps.aarhus, who, { relevance: 4, quality: 'na', feasibility: 4 })).status).toBe(
        200,
      );
    }
  });

  it('ranks by mean score; a conflicted board member sees only the title', async () => {
    const ranking = await client.get(`/api/calls/${callId}/ranking`, CHAIR);
    expect(ranking.status, ranking.text).toBe(200);
    const rows = ranking.body.rows as {
      applicationId: string;
      conflicted: boolean;
      score?: { mean: number; count: number };
      runningTotalOre?: number;
    }[];
    // Randers: reviewer A (5,5,n/a) = 5, reviewer B = 4 -> 4.5. Aarhus: 4 (n/a left out). Silkeborg: (6+4+3)/5 = 2.6.
    const randers = rows.find((r) => r.applicationId === apps.randers);
    expect(randers?.score).toMatchObject({ count: 2, mean: 4.5, min: 4, max: 5, spread: 1 });
    const aarhus = rows.find((r) => r.applicationId === apps.aarhus);
    expect(aarhus).toMatchObject({ conflicted: true });
    expect(aarhus?.score).toBeUndefined();
    // The row the chair is conflicted on comes last, outside the order and the totals.
    expect(rows.map((r) => r.applicationId)).toEqual([apps.randers, apps.silkeborg, apps.aarhus]);
    expect(rows.map((r) => r.runningTotalOre)).toEqual([30_000_000, 55_000_000, undefined]);
    const asAdmin = (await client.get(`/api/calls/${callId}/ranking`, ADMIN)).body.rows as typeof rows;
    expect(asAdmin.find((r) => r.applicationId === apps.aarhus)?.score).toMatchObject({ mean: 4, count: 1 });
    expect(asAdmin.map((r) => r.runningTotalOre)).toEqual([30_000_000, 70_000_000, 95_000_000]);
  });

  it('refuses a meeting that would approve beyond the budget, with the figures, and writes nothing', async () => {
    const res = await client.post(
      `/api/calls/${callId}/meetings`,
      {
        heldAt: '2027-03-10T14:00:00+01:00',
        attendeeIds: ['demo-chair', 'demo-board'],
        decisions: [
          { applicationId: apps.randers, outcome: 'approved', amountOre: 30_000_000 },
          { applicationId: apps.silkeborg, outcome: 'approved', amountOre: 25_000_000 },
          { applicationId: apps.aarhus, outcome: 'approved', amountOre: 10_000_000 },
        ],
      },
      ADMIN,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      availableOre: 60_000_000,
      requestedOre: 65_000_000,
      detail: expect.stringMatching(/der er 600\.000,00\skr\. tilbage/),
    });
    expect((await client.get(`/api/applications/${apps.randers}`, ADMIN)).body.status).toBe('in_review');
  });

  it('requires a written justification for a rejection', async () => {
    const res = await client.post(
      `/api/applications/${apps.silkeborg}/decision`,
      { outcome: 'rejected' },
      CHAIR,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/decisions/0/justification',
    ]);
  });

  it('records a meeting: decisions, recusals in the minutes, letters, and the applicant reads the justification', async () => {
    const res = await client.post(
      `/api/calls/${callId}/meetings`,
      {
        heldAt: '2027-03-10T14:00:00+01:00',
        attendeeIds: ['demo-chair', 'demo-board'],
        decisions: [
          {
            applicationId: apps.randers,
            outcome: 'approved',
            amountOre: 30_000_000,
            conditions: 'Slutrapport senest 2029',
          },
          {
            applicationId: apps.silkeborg,
            outcome: 'rejected',
            justification: 'Projektet er ikke tilstrækkeligt forankret i almen praksis.',
          },
          { applicationId: apps.aarhus, outcome: 'waiting_list' },
        ],
      },
      ADMIN,
    );
    expect(res.status, res.text).toBe(201);
    const aarhusMinutes = res.body.decisions.find(
      (d: { applicationId: string }) => d.applicationId === apps.aarhus,
    );
    // Both attendees are conflicted on the Aarhus application: the chair (Region Midtjylland), the board member (Aarhus Kommune).
    expect(aarhusMinutes.recused.map((r: { userId: string }) => r.userId).sort()).toEqual([
      'demo-board',
      'demo-chair',
    ]);
    // The minutes show a member the decisions they took part in; where they were recused, the title only.
    const minutes = await client.get(`/api/meetings/${res.body.id}`, CHAIR);
    const aarhusForChair = minutes.body.decisions.find(
      (d: { applicationId: string }) => d.applicationId === apps.aarhus,
    );
    expect(aarhusForChair).toMatchObject({ conflicted: true });
    expect(aarhusForChair.outcome).toBeUndefined();
    expect(
      minutes.body.decisions.find((d: { applicationId: string }) => d.applicationId === apps.randers),
    ).toMatchObject({ outcome: 'approved', amountOre: 30_000_000 });
    const forAdmin = await client.get(`/api/calls/${callId}/meetings`, ADMIN);
    expect(
      forAdmin.body.items[0].decisions.find(
        (d: { applicationId: string }) => d.applicationId === apps.aarhus,
      ),
    ).toMatchObject({ outcome: 'waiting_list' });

    // The applicant reads who took no part, not their personal reasons: each is worded "conflict of interest".
    const waiting = await client.get(`/api/applications/${apps.aarhus}`, RESEARCHER);
    const recused = waiting.body.decision.recused as {
      userId: string;
      ground: ConflictGround;
      reason?: string;
    }[];
    expect(recused.map((r) => r.userId).sort()).toEqual(['demo-board', 'demo-chair']);
    expect(recused.map((r) => r.reason)).toEqual([undefined, undefined]);
    expect(recused.map((r) => texts.da.meeting.recusal(r.ground, r.reason))).toEqual(['Inhabil', 'Inhabil']);
    expect(recused.map((r) => texts.en.meeting.recusal(r.ground, r.reason))).toEqual([
      'Conflict of interest',
      'Conflict of interest',
    ]);
    const rejected = await client.get(`/api/applications/${apps.silkeborg}`, RESEARCHER2);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: {
        outcome: 'rejected',
        justification: 'Projektet er ikke tilstrækkeligt forankret i almen praksis.',
      },
    });
    // Decided when the board met, not when the minutes were typed in.
    expect(rejected.body.decision.decidedAt).toBe('2027-03-10T13:00:00.000Z');
    const letters = (await pendingOutbox(h)).filter((m) => m.kind === 'application.decision');
    expect(letters).toHaveLength(3);
    const silkeborgLetter = letters.find((l) => l.case.id === apps.silkeborg) as unknown as OutboxMessage;
    expect(composeMail(silkeborgLetter).body).toContain(
      'Begrundelse: Projektet er ikke tilstrækkeligt forankret',
    );
    const ranking = await client.get(`/api/calls/${callId}/ranking`, ADMIN);
    expect(ranking.body.approvedOre).toBe(30_000_000);
    // A second approval beyond what is left: refused.
    const over = await client.post(
      `/api/applications/${apps.aarhus}/decision`,
      { outcome: 'approved', amountOre: 30_000_001 },
      ADMIN,
    );
    expect(over.status).toBe(422);
    expect(
      (
        await client.post(
          `/api/applications/${apps.aarhus}/decision`,
          { outcome: 'approved', amountOre: 30_000_000 },
          ADMIN,
        )
      ).status,
    ).toBe(201);
  });

  it('exports scores and decisions as CSV for Danish Excel', async () => {
    const res = await h.app.request(`/api/calls/${callId}/exports/scores.csv`, {
      headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}` },
    });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // The byte-order mark tells Excel it is UTF-8 (Response.text() would hide it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Journalnr.;Titel;Bedømmer;')).toBe(true);
    expect(text).toContain(';i.r.;');
    const decisions = await (
      await h.app.request(`/api/calls/${callId}/exports/decisions.csv`, {
        headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}` },
      })
    ).text();
    expect(decisions).toContain(';300000,00;');
    expect(decisions).toContain('4,5');
  });
});
