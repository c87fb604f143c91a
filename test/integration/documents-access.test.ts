import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, checkRoutes, expectOk, rolesOf } from '../support/api.js';
import { pdf, TEST_KINDS, uploadDocument } from '../support/documents.js';
import {
  ADMIN,
  applicationBody,
  BOARD,
  closeCallNow,
  createDraft,
  FINANCE,
  neutralPartners,
  partnersWith,
  RESEARCHER,
  RESEARCHER2,
  REVIEWER,
  REVIEWER2,
} from '../support/fixtures.js';
import { type Harness, harnessWithCall } from '../support/harness.js';
import { browse } from '../support/web.js';

/*
 * Who reads an application's documents, over every new route and every role: the owner; an assigned reviewer
 * free of conflict, minus the kinds hidden under blind review; board members free of conflict; admins. Everyone
 * else gets the same 404 as an unknown id. Once submitted nothing changes. And the web's upload without
 * JavaScript: the start form, the plain form to the store, the return that completes it.
 */

let h: Harness;
let client: Api;
const ids = { app: '', conflicted: '', cv: '', budget: '', conflictedCv: '' };

/** A draft with every required document (and the optional budget), submitted; returns the ids. */
async function submitWithDocuments(callId: string, partners: unknown) {
  const draft = await createDraft(client, callId, RESEARCHER, applicationBody({ partners }));
  const cv = await uploadDocument(client, draft.id, RESEARCHER, { kind: 'cv_project_lead', bytes: pdf() });
  const budget = await uploadDocument(client, draft.id, RESEARCHER, { kind: 'budget_note', bytes: pdf() });
  for (const partnerIndex of [0, 1])
    await uploadDocument(client, draft.id, RESEARCHER, {
      kind: 'management_declaration',
      bytes: pdf(),
      partnerIndex,
    });
  expectOk(await client.act(`/api/applications/${draft.id}/submit`, RESEARCHER));
  return { app: draft.id as string, cv: cv.id, budget: budget.id };
}

beforeAll(async () => {
  const setUp = await harnessWithCall({ documentKinds: TEST_KINDS, blindReview: true });
  ({ h, client } = setUp);
  const free = await submitWithDocuments(setUp.call.id, neutralPartners());
  const withAarhus = await submitWithDocuments(setUp.call.id, partnersWith('Aarhus Kommune'));
  Object.assign(ids, free, { conflicted: withAarhus.app, conflictedCv: withAarhus.cv });
  await closeCallNow(client, setUp.call.id);
  expectOk(
    await client.post(`/api/applications/${ids.app}/assignments`, { reviewerIds: ['demo-reviewer1'] }, ADMIN),
  );
});

const MATRIX = rolesOf({
  anonymous: undefined,
  owner: RESEARCHER,
  otherApplicant: RESEARCHER2,
  reviewer: REVIEWER,
  unassignedReviewer: REVIEWER2,
  board: BOARD,
  finance: FINANCE,
  admin: ADMIN,
});
const { all } = MATRIX;
const upload = { kind: 'budget_note', fileName: 'b.pdf', contentType: 'application/pdf', sizeBytes: 100 };

describe('the documents routes, by role', () => {
  checkRoutes(
    MATRIX,
    [
      {
        route: 'GET /api/applications/{id}/documents',
        expected: all(404, { anonymous: 401, owner: 200, reviewer: 200, board: 200, admin: 200 }),
        run: (who) => client.get(`/api/applications/${ids.app}/documents`, who),
      },
      {
        route: 'GET /api/documents/{cv}/download (hidden under blind review)',
        expected: all(404, { anonymous: 401, owner: 302, board: 302, admin: 302 }),
        run: (who) => client.get(`/api/documents/${ids.cv}/download`, who),
      },
      {
        route: 'GET /api/documents/{budget}/download',
        expected: all(404, { anonymous: 401, owner: 302, reviewer: 302, board: 302, admin: 302 }),
        run: (who) => client.get(`/api/documents/${ids.budget}/download`, who),
      },
      {
        route: 'GET /api/documents/{cv}/download, the board member conflicted',
        expected: all(404, { anonymous: 401, owner: 302, admin: 302 }),
        run: (who) => client.get(`/api/documents/${ids.conflictedCv}/download`, who),
      },
      {
        route: 'POST /api/applications/{id}/documents (submitted)',
        expected: all(404, { anonymous: 401, owner: 409 }),
        run: (who) => client.post(`/api/applications/${ids.app}/documents`, upload, who),
      },
      {
        route: 'POST /api/applications/{id}/documents/{documentId}/complete (submitted)',
        expected: all(404, { anonymous: 401, owner: 409 }),
        run: (who) => client.act(`/api/applications/${ids.app}/documents/${ids.budget}/complete`, who),
      },
      {
        route: 'DELETE /api/applications/{id}/documents/{documentId} (submitted)',
        expected: all(404, { anonymous: 401, owner: 409 }),
        run: (who) => client.send('DELETE', `/api/applications/${ids.app}/documents/${ids.budget}`, who),
      },
    ],
    ['cv_project_lead.pdf', 'Aarhus Kommune'],
  );
});

describe('blind review', () => {
  it('hides the kinds marked hidden from the assigned reviewer, and shows them to the board', async () => {
    const seen = expectOk(await client.get(`/api/applications/${ids.app}/documents`, REVIEWER));
    expect(seen.items.map((d: { kind: string }) => d.kind)).toEqual(['budget_note']);
    expect(seen.kinds.map((k: { id: string }) => k.id)).toEqual(['budget_note']);
    const board = expectOk(await client.get(`/api/applications/${ids.app}/documents`, BOARD));
    expect(board.items.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'budget_note',
      'cv_project_lead',
      'management_declaration',
      'management_declaration',
    ]);
  });

  it('lists the same on the reviewer’s documents page, linked from the review', async () => {
    const page = await browse(h, REVIEWER, `/applications/${ids.app}/documents`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Budget og budgetnotat');
    expect(page.html).not.toContain('CV for projektleder');
    expect((await browse(h, REVIEWER, `/reviews/${ids.app}`)).html).toContain(
      `/applications/${ids.app}/documents`,
    );
  });
});

describe('the upload on the web, without JavaScript', () => {
  it('starts an upload, posts the plain form straight to the store, and completes on the way back', async () => {
    const draft = await createDraft(
      client,
      (await h.core.applications.get(ids.app))?.callId as string,
      RESEARCHER,
    ).catch(() => undefined);
    // The call is closed: a draft of its own call for this test.
    const call = expectOk(
      await client.post(
        '/api/calls',
        { ...(await import('../support/fixtures.js')).callBody({ documentKinds: TEST_KINDS }) },
        ADMIN,
      ),
      201,
    );
    expectOk(await client.act(`/api/calls/${call.id}/open`, ADMIN));
    expect(draft).toBeUndefined();
    const appId = (await createDraft(client, call.id, RESEARCHER)).id as string;

    const form = await browse(h, RESEARCHER, `/applications/${appId}`);
    expect(form.html).toContain(`action="/applications/${appId}/documents/new"`);
    const started = await browse(h, RESEARCHER, `/applications/${appId}/documents/new`, {
      form: { kind: 'cv_project_lead' },
    });
    expect(started.status).toBe(200);
    // The page's form posts multipart to the store with every presigned field; send it as the browser would.
    const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(
      started.html,
    )?.[1];
    expect(action).toMatch(/^http:\/\/localhost:\d+\/fim-documents$/);
    const hidden = [...started.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
      ([, name, value]) => [name as string, (value as string).replaceAll('&amp;', '&')] as const,
    );
    const body = new FormData();
    for (const [name, value] of hidden) body.append(name, value);
    body.append('file', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), 'cv.pdf');
    const stored = await fetch(action as string, { method: 'POST', body, redirect: 'manual' });
    expect(stored.status).toBe(303);
    const back = new URL(stored.headers.get('location') as string);
    expect(back.pathname).toMatch(new RegExp(`^/applications/${appId}/documents/[0-9a-f-]{36}/uploaded$`));

    // The page's script posts with XMLHttpRequest, which follows the redirect by itself (a CORS request, no
    // name): that visit completes nothing; the script's own visit with the file's name does.
    const followed = await browse(h, RESEARCHER, `${back.pathname}${back.search}`, {
      headers: { 'sec-fetch-mode': 'cors' },
    });
    expect(followed.status).toBe(204);
    expect((await h.core.documents.listByApplication(appId)).map((d) => d.status)).toEqual(['pending']);

    const completed = await browse(h, RESEARCHER, `${back.pathname}${back.search}`);
    expect(completed.status).toBe(303);
    expect(completed.location).toBe(`/applications/${appId}?document=uploaded#documents`);
    const listed = await browse(h, RESEARCHER, `/applications/${appId}?document=uploaded`);
    expect(listed.html).toContain('Bilaget er uploadet.');
    expect(listed.html).toContain('CV for projektleder.pdf');
    expect(listed.html).toContain('ikke virusscannet (lokal udgave)');
    expect(listed.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${new URL(action as string).origin}`,
    );

    // Deleting it through its button.
    const id = /action="\/applications\/[^/]+\/documents\/([0-9a-f-]{36})\/delete"/.exec(listed.html)?.[1];
    const deleted = await browse(h, RESEARCHER, `/applications/${appId}/documents/${id}/delete`, {
      form: {},
    });
    expect(deleted.location).toBe(`/applications/${appId}?document=deleted#documents`);
    expect(expectOk(await client.get(`/api/applications/${appId}/documents`, RESEARCHER)).items).toEqual([]);
  });

  it('shows a refused upload’s reason on the way back', async () => {
    const ticketPage = await browse(h, RESEARCHER, `/applications/${ids.app}/documents/new`, {
      form: { kind: 'cv_project_lead' },
    });
    // The application is submitted: its documents are fixed.
    expect(ticketPage.status).toBe(409);
  });
});
