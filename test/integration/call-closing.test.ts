/*
 * Closing a call safely: before its deadline a reason is required (API and the confirm page), it is kept on
 * the call and in its audit event, and the owners of the call's drafts are told once; a closed call can be
 * reopened with a new deadline and a reason until its review starts, its applications back to submitted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, api, expectOk, expectProblem, pointers } from '../support/api.js';
import {
  ADMIN,
  applicationBody,
  CHAIR,
  createCall,
  createDraft,
  neutralPartners,
  RESEARCHER,
  RESEARCHER2,
  submitApplication,
} from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { auditEvents, itemsWithPkPrefix } from '../support/table.js';
import { browse, fieldError } from '../support/web.js';

let h: Harness;
let client: Api;

const outboxOf = async (kind: string) =>
  (await itemsWithPkPrefix(h, 'OUTBOX#')).filter((m) => m.kind === kind) as unknown as Parameters<
    typeof composeMail
  >[0][];

beforeAll(async () => {
  h = await createHarness();
  client = api(h);
}, 60_000);

describe('closing a call before its deadline', () => {
  it('asks for a reason, keeps it, and tells each owner of a draft once', async () => {
    const call = await createCall(client);
    const submitted = await submitApplication(client, call.id, RESEARCHER);
    const draft = await createDraft(client, call.id, RESEARCHER2, applicationBody({ title: 'Mit udkast' }));

    const refused = expectProblem(await client.act(`/api/calls/${call.id}/close`, ADMIN), 400);
    expect(refused.reason).toBe('CLOSE_REASON_REQUIRED');
    expect(refused.closesAt).toBe(call.closesAt);
    expect(pointers(refused)).toEqual(['/reason']);
    expect((await h.core.calls.get(call.id))?.status).toBe('open');

    const closed = expectOk(
      await client.post(`/api/calls/${call.id}/close`, { reason: 'Puljen er opbrugt.' }, ADMIN),
    );
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'Puljen er opbrugt.' });
    expect((await h.core.applications.get(submitted))?.status).toBe('in_review');
    const events = await auditEvents(h, `CALL#${call.id}`);
    expect(events.at(-1)).toMatchObject({
      action: 'call.closed',
      details: { reason: 'Puljen er opbrugt.', deadline: call.closesAt },
    });

    const notices = await outboxOf('application.call_closed_early');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: RESEARCHER2, case: { kind: 'application', id: draft.id } });
    const mail = composeMail(notices[0] as Parameters<typeof composeMail>[0]);
    expect(mail.body).toContain('Begrundelse: Puljen er opbrugt.');
    expect(mail.body).toContain('Mit udkast');
    expect((await auditEvents(h, `APP#${draft.id}`)).map((e) => e.action)).toContain(
      'application.call_closed_notice',
    );
  });

  it('needs no reason once the deadline has passed, and tells nobody', async () => {
    const call = await createCall(client);
    await createDraft(client, call.id, RESEARCHER);
    const before = (await outboxOf('application.call_closed_early')).length;
    h.clock.set('2027-09-02T00:00:00Z');
    try {
      expect(expectOk(await client.act(`/api/calls/${call.id}/close`, ADMIN)).status).toBe('closed');
    } finally {
      h.clock.set('2027-03-01T09:00:00Z');
    }
    expect(await outboxOf('application.call_closed_early')).toHaveLength(before);
  });
});

describe('reopening a closed call', () => {
  it('takes a new deadline and a reason; the applications in review go back to submitted', async () => {
    const call = await createCall(client);
    const id = await submitApplication(client, call.id, RESEARCHER, { partners: neutralPartners() });
    expectOk(await client.post(`/api/calls/${call.id}/close`, { reason: 'For tidligt?' }, ADMIN));

    const noReason = expectProblem(
      await client.post(`/api/calls/${call.id}/reopen`, { closesAt: '2027-10-01T12:00' }, ADMIN),
      400,
    );
    expect(pointers(noReason)).toEqual(['/reason']);
    expectProblem(
      await client.post(
        `/api/calls/${call.id}/reopen`,
        { closesAt: '2027-01-01T12:00', reason: 'Ved en fejl' },
        ADMIN,
      ),
      409,
    );
    expectProblem(
      await client.post(
        `/api/calls/${call.id}/reopen`,
        { closesAt: '2027-10-01T12:00', reason: 'Ved en fejl' },
        RESEARCHER,
      ),
      403,
    );

    const reopened = expectOk(
      await client.post(
        `/api/calls/${call.id}/reopen`,
        { closesAt: '2027-10-01T12:00', reason: 'Lukket ved en fejl' },
        ADMIN,
      ),
    );
    expect(reopened).toMatchObject({
      status: 'open',
      closesAt: '2027-10-01T10:00:00.000Z',
      reopenReason: 'Lukket ved en fejl',
    });
    expect((await h.core.applications.get(id))?.status).toBe('submitted');
    expect((await auditEvents(h, `CALL#${call.id}`)).at(-1)).toMatchObject({
      action: 'call.reopened',
      details: { reason: 'Lukket ved en fejl', deadline: '2027-10-01T10:00:00.000Z' },
    });
    expectProblem(
      await client.post(
        `/api/calls/${call.id}/reopen`,
        { closesAt: '2027-11-01T12:00', reason: 'Igen' },
        ADMIN,
      ),
      409,
      'INVALID_STATE',
    );
  });

  it('is refused once a reviewer is assigned', async () => {
    const call = await createCall(client);
    const id = await submitApplication(client, call.id, RESEARCHER, { partners: neutralPartners() });
    expectOk(await client.post(`/api/calls/${call.id}/close`, { reason: 'Nok ansøgninger' }, ADMIN));
    expectOk(
      await client.post(`/api/applications/${id}/assignments`, { reviewerIds: ['demo-reviewer1'] }, CHAIR),
    );
    const refused = expectProblem(
      await client.post(
        `/api/calls/${call.id}/reopen`,
        { closesAt: '2027-10-01T12:00', reason: 'For sent' },
        ADMIN,
      ),
      409,
    );
    expect(refused.reason).toBe('CALL_REVIEW_STARTED');
  });
});

describe('the confirm pages', () => {
  it('says until when the call is open and asks for the reason beside the field', async () => {
    const call = await createCall(client);
    const confirm = await browse(h, ADMIN, `/admin/calls/${call.id}/close`);
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('er åbent til');
    const refused = await browse(h, ADMIN, `/admin/calls/${call.id}/close`, {
      form: { _version: String(call.version), reason: '' },
    });
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'f-reason')).toBeTruthy();
    expect(refused.html).toContain('id="error-summary"');
    const done = await browse(h, ADMIN, `/admin/calls/${call.id}/close`, {
      form: { _version: String(call.version), reason: 'Puljen er opbrugt' },
    });
    expect(done.status).toBe(303);
    const shown = await browse(h, ADMIN, `/admin/calls/${call.id}`);
    expect(shown.html).toContain('Lukket før fristen. Begrundelse: Puljen er opbrugt');
    expect(shown.html).toContain(`href="/admin/calls/${call.id}/reopen"`);

    const reopen = await browse(h, ADMIN, `/admin/calls/${call.id}/reopen`, {
      form: { _version: String(call.version + 1), closesAt: '2027-10-01T12:00', reason: 'Fejl' },
    });
    expect(reopen.status, reopen.html.slice(0, 500)).toBe(303);
    expect((await h.core.calls.get(call.id))?.status).toBe('open');
    expect((await browse(h, RESEARCHER, `/admin/calls/${call.id}/close`)).status).toBe(403);
  });
});
