import { beforeEach, describe, expect, it } from 'vitest';
import type { Call } from '../../functions/core/calls/call.schema.js';
import type { Api } from '../support/api.js';
import { ADMIN, applicationBody, createDraft, RESEARCHER, RESEARCHER2 } from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { browse, draftForm, type Visit } from '../support/web.js';

/*
 * The applicant's pages as a browser uses them: the application form through its one form action (typed
 * values read, the API's schema, the service, then a redirect or the form again with each error beside its
 * field), the read-only view, the list of one's own applications, the demo sign-in and the site's own pages.
 */

let h: Harness;
let client: Api;
let call: Call;

beforeEach(async () => {
  ({ h, client, call } = await harnessWithCall({ title: 'FIM 2027: praksisnær', titleEn: 'FIM 2027: near' }));
});

/** A page as `who` sees it (anonymous when undefined), or a form posted. */
const visit = (who: string | undefined, path: string, options: Visit = {}) => browse(h, who, path, options);

const stored = async (id: string) => {
  const application = await h.core.applications.get(id);
  if (!application) throw new Error(`No application ${id}`);
  return application;
};

describe('the application form', () => {
  it('saves what was typed (kroner read exactly) and says so', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const saved = await visit(RESEARCHER, `/applications/${draft.id}`, { form: draftForm(1) });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/applications/${draft.id}?saved=1`);
    expect(await stored(draft.id)).toMatchObject({
      version: 2,
      title: 'Faldforebyggelse',
      budgetLines: [{ category: 'Løn', year: 2027, amountOre: 125_050 }],
      requestedAmountOre: 125_050,
    });
    const page = await visit(RESEARCHER, saved.location ?? '');
    expect(page.html).toContain('<div class="notice" role="status">Kladden er gemt.</div>');
    expect(page.html).toContain('value="1.250,50"');
    // Field limits come from the draft schema.
    expect(page.html).toMatch(/name="title"[^>]*maxlength="300"/);
    expect(page.html).toMatch(/name="budgetLines\.0\.category"[^>]*maxlength="120"/);
  });

  it('shows amounts and years that are none beside their fields, keeps what was typed, and saves nothing', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const res = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(1, { 'budgetLines.0.amount': '12 kroner', 'budgetLines.0.year': 'to tusind' }),
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain(
      '<span class="error-message" id="f-budgetLines-0-amountOre-error">Skriv et beløb i kroner, fx 300.000 eller 1.250,50</span>',
    );
    expect(res.html).toContain(
      '<span class="error-message" id="f-budgetLines-0-year-error">Skal være et tal</span>',
    );
    expect(res.html).toContain('id="error-summary"');
    expect(res.html).toContain(
      'href="#f-budgetLines-0-amountOre">Budgetlinje 1, Beløb (kr.): Skriv et beløb',
    );
    expect(res.html).toContain('value="12 kroner"');
    expect((await stored(draft.id)).version).toBe(1);
  });

  it('words the errors in English for an English reader', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const res = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(1, { 'budgetLines.0.amount': 'abc' }),
      lang: 'en',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain(
      'Budget line 1, Amount (kr): Write an amount in kroner, e.g. 300.000 or 1.250,50',
    );
    expect(res.html).toContain('To the call: FIM 2027: near');
  });

  it('refuses what the API’s schema refuses, beside the field', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const res = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(1, {
        'partners.0.organisation': 'Aarhus Kommune',
        'partners.0.contactEmail': 'ikke-en-adresse',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('id="f-partners-0-contactEmail-error"');
    expect((await stored(draft.id)).version).toBe(1);
  });

  it('removes a row, its mistakes with it, and adds one, returning to the rows it changed', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const removed = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(1, {
        _action: 'remove-line-1',
        'budgetLines.1.category': 'Drift',
        'budgetLines.1.year': '2028',
        'budgetLines.1.amount': 'ikke et beløb',
      }),
    });
    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`/applications/${draft.id}#f-budgetLines`);
    expect((await stored(draft.id)).budgetLines).toEqual([
      { category: 'Løn', year: 2027, amountOre: 125_050 },
    ]);

    const added = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(2, { _action: 'add-partner' }),
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/applications/${draft.id}#f-partners`);
    expect((await stored(draft.id)).partners).toHaveLength(1);
  });

  it('submits a complete draft and goes to the receipt', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    const res = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: {
        ...draftForm(1, { _action: 'submit', title: draft.title, summary: draft.summary }),
        userInvolvement: draft.userInvolvement,
        startDate: draft.startDate,
        endDate: draft.endDate,
        ...Object.fromEntries(
          (draft.partners as Record<string, string>[]).flatMap((p, i) =>
            Object.entries(p).map(([k, v]) => [`partners.${i}.${k}`, v]),
          ),
        ),
      },
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/applications/${draft.id}/receipt`);
    expect(await stored(draft.id)).toMatchObject({ status: 'submitted', reference: 'FIM-2027-0001' });
    const receipt = await visit(RESEARCHER, res.location ?? '', { lang: 'en' });
    expect(receipt.html).toContain('<dd>FIM 2027: near</dd>');
  });

  it('shows every failed submission rule (422) with the draft saved and still a draft', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const res = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(1, { _action: 'submit' }),
    });
    expect(res.status).toBe(422);
    expect(res.html).toContain('id="error-summary"');
    expect(res.html).toMatch(/mindst 2 af sektorerne kommune, region og almen praksis \(nu 0\)/);
    expect(res.html).toContain('id="f-summary-error"');
    expect(await stored(draft.id)).toMatchObject({ status: 'draft', version: 2, title: 'Faldforebyggelse' });
    // The form carries the version saved, so the next save is not refused as stale.
    expect(res.html).toContain('name="_version" value="2"');
  });

  it('offers to load a draft changed elsewhere again (409), and changes nothing', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    await visit(RESEARCHER, `/applications/${draft.id}`, { form: draftForm(1) });
    const stale = await visit(RESEARCHER, `/applications/${draft.id}`, {
      form: draftForm(1, { title: 'Ældre udgave' }),
    });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('class="warning" role="alert"');
    expect(stale.html).toContain('value="Ældre udgave"');
    expect((await stored(draft.id)).title).toBe('Faldforebyggelse');
  });

  it('answers a body that is no form with a 400 page, and saves nothing', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER, {});
    const res = await visit(RESEARCHER, `/applications/${draft.id}`, {
      raw: { type: 'multipart/form-data; boundary=x', body: 'not multipart at all' },
    });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/^<!DOCTYPE html>/);
    expect((await stored(draft.id)).version).toBe(1);
  });

  it('shows a submitted application read-only; only its owner is offered withdrawal', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    expect((await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER)).status).toBe(200);
    const owner = await visit(RESEARCHER, `/applications/${draft.id}`);
    expect(owner.status).toBe(200);
    expect(owner.html).not.toContain('<form method="post" action="/applications/');
    expect(owner.html).toContain(`href="/applications/${draft.id}/withdraw"`);
    const admin = await visit(ADMIN, `/applications/${draft.id}`);
    expect(admin.status).toBe(200);
    expect(admin.html).not.toContain(`href="/applications/${draft.id}/withdraw"`);
    // A save posted to it is refused as the refusal it is, and changes nothing.
    const late = await visit(RESEARCHER, `/applications/${draft.id}`, { form: draftForm(2) });
    expect(late.status).toBe(409);
    expect(late.html).toContain('En indsendt ansøgning kan ikke ændres');
    expect((await stored(draft.id)).version).toBe(2);
  });

  it('confirms a withdrawal with the catalogue’s words', async () => {
    const draft = await createDraft(client, call.id, RESEARCHER);
    expect((await visit(RESEARCHER, `/applications/${draft.id}/withdraw`)).html).toContain('>Fortryd</a>');
    expect((await visit(RESEARCHER, `/applications/${draft.id}/withdraw`, { lang: 'en' })).html).toContain(
      '>Cancel</a>',
    );
  });
});

describe('my applications', () => {
  it('lists one’s own applications with their call’s title in the reader’s language', async () => {
    await createDraft(client, call.id, RESEARCHER, applicationBody({ title: 'Min egen' }));
    await createDraft(client, call.id, RESEARCHER2, applicationBody({ title: 'En andens' }));
    const danish = await visit(RESEARCHER, '/applications');
    expect(danish.html).toContain('Min egen');
    expect(danish.html).not.toContain('En andens');
    expect(danish.html).toContain('<td>FIM 2027: praksisnær</td>');
    expect((await visit(RESEARCHER, '/applications', { lang: 'en' })).html).toContain(
      '<td>FIM 2027: near</td>',
    );
  });
});

describe('the site', () => {
  it('shows the accessibility statement in Danish and in English', async () => {
    const danish = await visit(undefined, '/tilgaengelighed');
    expect(danish.html).toContain('<h1>Tilgængelighedserklæring</h1>');
    expect(danish.html).toContain('<h2>Sådan tjekker vi</h2>');
    const english = await visit(undefined, '/tilgaengelighed', { lang: 'en' });
    expect(english.html).toContain('<h1>Accessibility statement</h1>');
    expect(english.html).toContain('<h2>How we check</h2>');
    expect(english.html).not.toContain('Sådan tjekker vi');
  });

  it('names the demo users’ roles in the reader’s words, and refuses an unknown one', async () => {
    const danish = await visit(undefined, '/login');
    expect(danish.html).toMatch(/chair@fim\.local · ansøger, bestyrelse \(formand\)/);
    const english = await visit(undefined, '/login', { lang: 'en' });
    expect(english.html).toMatch(/chair@fim\.local · applicant, board \(chair\)/);
    const unknown = await visit(undefined, '/login', { form: { email: 'nobody@fim.local', next: '/' } });
    expect(unknown.status).toBe(303);
    expect(unknown.location).toMatch(/^\/login/);
  });
});
