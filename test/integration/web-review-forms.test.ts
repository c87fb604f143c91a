import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../functions/texts/lang.js';
import { type Api, expectOk } from '../support/api.js';
import {
  ADMIN,
  askingFor,
  BOARD,
  CHAIR,
  closeCallNow,
  createCall,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  submitFreeOfConflict,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browse, type Form, textOf } from '../support/web.js';

/*
 * The review and board forms through the web: each refusal comes back beside its field in the reader's
 * language, with the figures the core gave as values (no text parsed back), and a body that is no form is a
 * 400 page, never a 500.
 */

let h: Harness;
let client: Api;
const ids = { call: '', first: '', second: '' };

/** A form posted as `who`, in Danish unless told. */
const post = (who: string, path: string, form: Form, lang: Lang = 'da') =>
  browse(h, who, path, { form, lang });

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
  ids.call = (await createCall(client, { overrides: { title: 'Formularer', budgetOre: 50_000_000 } })).id;
  ids.first = await submitFreeOfConflict(client, ids.call, RESEARCHER, askingFor(30_000_000));
  ids.second = await submitFreeOfConflict(client, ids.call, RESEARCHER2, askingFor(30_000_000));
  await closeCallNow(client, ids.call);
  expectOk(
    await client.post(
      `/api/applications/${ids.first}/assignments`,
      { reviewerIds: ['demo-reviewer1'] },
      ADMIN,
    ),
  );
});

describe('the meeting form', () => {
  const meeting = (decisions: Record<string, string>, lang: Lang = 'da') =>
    post(
      ADMIN,
      `/board/calls/${ids.call}/meetings`,
      {
        heldAt: '2027-03-10T14:00',
        attendeeIds: ['demo-chair', 'demo-board'],
        apps: `${ids.first},${ids.second}`,
        ...decisions,
      },
      lang,
    );

  it('refuses approvals beyond the pool with the figures beside the decisions, in Danish and in English', async () => {
    const over = {
      [`d.${ids.first}.outcome`]: 'approved',
      [`d.${ids.first}.amount`]: '300.000',
      [`d.${ids.second}.outcome`]: 'approved',
      [`d.${ids.second}.amount`]: '250.000',
    };
    const da = await meeting(over);
    expect(da.status).toBe(422);
    expect(textOf(da.html, 'f-decisions-error')).toMatch(
      /^Afgørelserne ville overstige puljen: 0,00\skr\. er bevilget, disse afgørelser bevilger 550\.000,00\skr\. mere, puljen er 500\.000,00\skr\., og der er 500\.000,00\skr\. tilbage\.$/,
    );
    // What was typed comes back as typed.
    expect(da.html).toContain('value="250.000"');
    const en = await meeting(over, 'en');
    expect(en.status).toBe(422);
    expect(textOf(en.html, 'f-decisions-error')).toMatch(
      /^The decisions would exceed the pool: DKK\s0\.00 is approved, these decisions approve DKK\s550,000\.00 more, the pool is DKK\s500,000\.00 and DKK\s500,000\.00 is left\.$/,
    );
    expect((await client.get(`/api/calls/${ids.call}/meetings`, ADMIN)).body.items).toEqual([]);
  });

  it('puts each decision’s error beside its own field, named by the application', async () => {
    const res = await meeting({
      [`d.${ids.second}.outcome`]: 'rejected',
      [`d.${ids.first}.outcome`]: 'approved',
      [`d.${ids.first}.amount`]: '0',
    });
    expect(res.status).toBe(400);
    // The first decided application is decision 0: its amount of 0 kr is too small.
    expect(textOf(res.html, 'f-decisions-0-amountOre-error')).toBe('Skal være mindst 1');
    const rejected = await meeting({ [`d.${ids.second}.outcome`]: 'rejected' });
    expect(rejected.status).toBe(422);
    expect(textOf(rejected.html, 'f-decisions-0-justification-error')).toBe(
      'Et afslag skal begrundes skriftligt (forvaltningsloven §§ 22-24)',
    );
    const summary = textOf(rejected.html, 'error-summary');
    expect(summary).toMatch(
      /FIM-\d{4}-\d{4} Faldforebyggelse i eget hjem: Begrundelse \(på dansk\): Et afslag/,
    );
  });

  it('asks for a time, an attendee and a decision, each beside its field', async () => {
    const res = await post(ADMIN, `/board/calls/${ids.call}/meetings`, { heldAt: '', apps: ids.first });
    expect(res.status).toBe(400);
    expect(textOf(res.html, 'f-heldAt-error')).toBe('Skal udfyldes');
    expect(textOf(res.html, 'f-attendeeIds-error')).toBe('Vælg mindst én deltager');
    expect(textOf(res.html, 'f-decisions-error')).toBe('Træf mindst én afgørelse');
  });

  it('answers a body that is no form with a 400 page', async () => {
    const res = await browse(h, BOARD, `/board/calls/${ids.call}/meetings`, {
      raw: { type: 'multipart/form-data; boundary=x', body: '--x\r\nnot a part' },
    });
    expect(res.status).toBe(400);
  });
});

describe('the chair’s forms and the reviewer’s', () => {
  it('asks the chair to choose a reviewer, and names one who does not review', async () => {
    const none = await post(CHAIR, `/board/calls/${ids.call}/assignment/add`, {
      applicationId: ids.second,
      reviewerId: '',
    });
    expect(none.status).toBe(400);
    expect(textOf(none.html, `f-assign-${ids.second}-error`)).toBe('Vælg en bedømmer');
    const notReviewer = await post(
      CHAIR,
      `/board/calls/${ids.call}/assignment/add`,
      { applicationId: ids.second, reviewerId: 'demo-board' },
      'en',
    );
    expect(notReviewer.status).toBe(422);
    expect(textOf(notReviewer.html, `f-assign-${ids.second}-error`)).toBe('demo-board is not a reviewer');
    const added = await post(CHAIR, `/board/calls/${ids.call}/assignment/add`, {
      applicationId: ids.second,
      reviewerId: 'demo-reviewer1',
    });
    expect([added.status, added.location]).toEqual([303, `/board/calls/${ids.call}/assignment?assigned=1`]);
  });

  it('lists what a submission lacks without repeating each label, and keeps the draft', async () => {
    const res = await post(REVIEWER, `/reviews/${ids.first}`, {
      _version: '1',
      _action: 'submit',
      'score.relevance': '4',
    });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Kladden er gemt, men bedømmelsen kan ikke indsendes endnu.');
    const summary = textOf(res.html, 'error-summary');
    expect(summary).toContain('Videnskabelig kvalitet: Skal udfyldes');
    expect(summary).toContain('Indstilling: Skal udfyldes');
    expect(summary).not.toContain('Videnskabelig kvalitet: Videnskabelig kvalitet');
    const saved = await client.get(`/api/applications/${ids.first}/review`, REVIEWER);
    expect(saved.body.assignment.review).toMatchObject({ status: 'draft', scores: { relevance: 4 } });
  });

  it('asks the chair to choose a ruling, beside the declaration', async () => {
    const declared = await post(REVIEWER, `/reviews/${ids.second}/conflict`, {
      reason: 'Jeg har vejledt ansøgeren',
    });
    expect([declared.status, declared.location]).toEqual([303, `/reviews/${ids.second}?declared=1`]);
    const res = await post(CHAIR, `/board/calls/${ids.call}/conflicts`, {
      applicationId: ids.second,
      reviewerId: 'demo-reviewer1',
      note: 'Nærtstående',
    });
    expect(res.status).toBe(400);
    expect(textOf(res.html, 'f-recused-error')).toBe('Vælg, om bedømmeren er inhabil');
    // What was typed stays in the form it was typed in.
    expect(res.html).toContain('Nærtstående</textarea>');
    const ruled = await post(CHAIR, `/board/calls/${ids.call}/conflicts`, {
      applicationId: ids.second,
      reviewerId: 'demo-reviewer1',
      recused: 'yes',
    });
    expect([ruled.status, ruled.location]).toEqual([303, `/board/calls/${ids.call}/conflicts?ruled=1`]);
  });
});
