import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { caseEntity, MailError, type StoredMessage } from '../../functions/core/messages/message.schema.js';
import { sendMessage } from '../../functions/core/messages/sender.service.js';
import type { Mailer } from '../../functions/core/ports.js';
import { type Api, checkRoutes, expectOk, expectProblem, type RouteCase, rolesOf } from '../support/api.js';
import {
  ADMIN,
  createCall,
  EVERYONE,
  everyoneBut,
  FINANCE,
  RESEARCHER,
  setUpYear,
  submitApplication,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { acceptingMailer, outboxMessage, recordBounce, uniqueAddress } from '../support/mail.js';
import { ACTORS } from '../support/services.js';
import { browserOf, type Expected, fieldError, type PageCase, walkPages } from '../support/web.js';

/*
 * Every message route and page walked by every role: each reads their own messages; admins every message and
 * finance the parties' (others are not told a message exists); only they list and resend. A message that did
 * not arrive says why, on "Mine beskeder", the receipt and the application alike.
 */

const MATRIX = rolesOf(EVERYONE);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

/** A mail service that refuses every message for good, as SES refuses an invalid address. */
const refusing: Mailer = {
  send: async () => {
    throw new MailError('REJECTED', '550 5.1.1 mailbox unavailable');
  },
};

let h: Harness;
let client: Api;
const ids = {
  truthApp: '',
  truth: '',
  failedApp: '',
  pendingApp: '',
  failed: '',
  pending: '',
  party: '',
  partyFailed: '',
};

const receiptOf = async (applicationId: string): Promise<StoredMessage> => {
  const page = await h.core.messages.listByRecipient(RESEARCHER, { limit: 100 });
  const found = page.items.find((m) => m.case.id === applicationId && m.kind === 'application.receipt');
  if (!found) throw new Error(`no receipt for ${applicationId}`);
  return found;
};

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
  const call = await createCall(client);
  ids.failedApp = await submitApplication(client, call.id, RESEARCHER);
  ids.pendingApp = await submitApplication(client, call.id, RESEARCHER);
  ids.truthApp = await submitApplication(client, call.id, RESEARCHER);
  ids.truth = (await receiptOf(ids.truthApp)).id;
  expect(await sendMessage(h.core, refusing, ids.truth)).toBe('failed');
  ids.failed = (await receiptOf(ids.failedApp)).id;
  ids.pending = (await receiptOf(ids.pendingApp)).id;
  expect(await sendMessage(h.core, refusing, ids.failed)).toBe('failed');
  // Two parties with an invoicing e-mail, so their demands wait to be sent (the others fail NO_ADDRESS).
  for (const party of ['aarhus-kommune', 'horsens-kommune']) {
    expectOk(
      await client.patch(
        `/api/finance/parties/${party}`,
        { invoiceEmail: `faktura@${party}.example.dk` },
        FINANCE,
        0,
      ),
    );
  }
  await setUpYear(client, 2027, { referenceYear: 2026, dueDate: '2027-06-30' });
  const demands = await h.core.messages.list({ caseKind: 'party', status: 'pending' }, { limit: 100 });
  expect(demands.items.length).toBeGreaterThan(1);
  ids.party = demands.items[0]?.id ?? '';
  ids.partyFailed = demands.items[1]?.id ?? '';
  expect(await sendMessage(h.core, refusing, ids.partyFailed)).toBe('failed');
}, 60_000);

const versionOf = async (id: string) => (await h.core.messages.get(id))?.version ?? -1;

/**
 * A message is sent again once: the newest of the resends from `id`, failed (the mail service refuses it, as it
 * did the first) so that it may be sent again now.
 */
async function resendable(id: string): Promise<string> {
  let message = await h.core.messages.get(id);
  while (message?.resentAs) message = await h.core.messages.get(message.resentAs);
  if (!message) throw new Error(`no message ${id}`);
  if (message.status === 'pending') expect(await sendMessage(h.core, refusing, message.id)).toBe('failed');
  return message.id;
}

const routes: RouteCase<Role>[] = [
  {
    route: 'GET /api/me/messages',
    expected: all(200, { anonymous: 401 }),
    run: (who) => client.get('/api/me/messages', who),
  },
  {
    route: 'GET /api/me/messages/{own}',
    expected: all(404, { anonymous: 401, applicant: 200, admin: 200 }),
    run: (who) => client.get(`/api/me/messages/${ids.failed}`, who),
  },
  {
    route: 'GET /api/me/messages/{party’s}',
    expected: all(404, { anonymous: 401, finance: 200, admin: 200 }),
    run: (who) => client.get(`/api/me/messages/${ids.party}`, who),
  },
  {
    route: 'GET /api/admin/messages',
    expected: all(403, { anonymous: 401, finance: 200, admin: 200 }),
    run: (who) => client.get('/api/admin/messages?status=failed', who),
  },
  {
    route: 'GET /api/admin/messages?recipient=',
    expected: all(403, { anonymous: 401, finance: 200, admin: 200 }),
    run: (who) => client.get(`/api/admin/messages?recipient=${encodeURIComponent(RESEARCHER)}`, who),
  },
  {
    route: 'POST /api/admin/messages/{failed receipt}/resend',
    expected: all(404, { anonymous: 401, applicant: 403, admin: 201 }),
    run: async (who) => {
      const id = await resendable(ids.failed);
      return client.act(`/api/admin/messages/${id}/resend`, who, { 'if-match': `"${await versionOf(id)}"` });
    },
  },
  {
    route: 'POST /api/admin/messages/{failed party’s}/resend',
    expected: all(404, { anonymous: 401, finance: 201, admin: 201 }),
    run: async (who) => {
      const id = await resendable(ids.partyFailed);
      return client.act(`/api/admin/messages/${id}/resend`, who, { 'if-match': `"${await versionOf(id)}"` });
    },
  },
];

checkRoutes(MATRIX, routes, ['Projekt', RESEARCHER]);

describe('the message API', () => {
  it('lists the reader’s messages newest first, and shows one in full in both languages', async () => {
    const mine = expectOk(await client.get('/api/me/messages', RESEARCHER));
    const receipts = mine.items.filter((m: StoredMessage) => m.kind === 'application.receipt');
    expect(receipts.map((m: StoredMessage) => m.createdAt)).toEqual(
      receipts
        .map((m: StoredMessage) => m.createdAt)
        .sort()
        .reverse(),
    );
    expect(mine.items[0]).not.toHaveProperty('leaseToken');
    const res = await client.get(`/api/me/messages/${ids.failed}`, RESEARCHER);
    const one = expectOk(res);
    expect(res.headers.get('etag')).toBe(`"${one.version}"`);
    expect(one).toMatchObject({
      status: 'failed',
      failure: { reason: 'REJECTED' },
      link: `/applications/${ids.failedApp}`,
    });
    expect(one.mail.subject).toMatch(/Kvittering.* \/ .*[Rr]eceipt/);
    expect(one.mail.body).toContain('---');
  });

  it('filters by status and kind, finance seeing the parties’ only', async () => {
    const failed = expectOk(await client.get('/api/admin/messages?status=failed', ADMIN));
    expect(failed.items.every((m: StoredMessage) => m.status === 'failed')).toBe(true);
    expect(failed.items.map((m: StoredMessage) => m.id)).toEqual(
      expect.arrayContaining([ids.failed, ids.partyFailed]),
    );
    const receipts = expectOk(await client.get('/api/admin/messages?kind=application.receipt', ADMIN));
    expect(receipts.items.every((m: StoredMessage) => m.kind === 'application.receipt')).toBe(true);
    const finance = expectOk(await client.get('/api/admin/messages', FINANCE));
    expect(finance.items.length).toBeGreaterThan(0);
    expect(finance.items.every((m: StoredMessage) => m.case.kind === 'party')).toBe(true);
  });

  it('filters by recipient, with status and kind within the page; finance only the parties’', async () => {
    const query = (q: string, who = ADMIN) => client.get(`/api/admin/messages?${q}`, who);
    const mine = expectOk(await query(`recipient=${encodeURIComponent(RESEARCHER.toUpperCase())}`));
    expect(mine.items.map((m: StoredMessage) => m.id)).toEqual(
      expect.arrayContaining([ids.failed, ids.pending]),
    );
    expect(mine.items.every((m: StoredMessage) => m.to === RESEARCHER)).toBe(true);
    const failed = expectOk(await query(`recipient=${RESEARCHER}&status=failed&kind=application.receipt`));
    expect(failed.items.length).toBeGreaterThan(0);
    expect(
      failed.items.every((m: StoredMessage) => m.status === 'failed' && m.kind === 'application.receipt'),
    ).toBe(true);
    expect(failed.items.map((m: StoredMessage) => m.id)).not.toContain(ids.pending);
    // A page holds what passed the filter among the recipient's newest: fewer than the limit, and a cursor on.
    const paged = expectOk(await query(`recipient=${RESEARCHER}&status=sent&limit=1`));
    expect(paged.items.length).toBeLessThanOrEqual(1);
    expect(paged.cursor).toBeDefined();
    expect(expectOk(await query(`recipient=${RESEARCHER}`, FINANCE)).items).toEqual([]);
    const partyAddress = (await h.core.messages.get(ids.party))?.to ?? '';
    const party = expectOk(await query(`recipient=${partyAddress}`, FINANCE));
    expect(party.items.map((m: StoredMessage) => m.id)).toContain(ids.party);
    const bad = expectProblem(await query('recipient=not-an-address'), 400);
    expect(bad.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/query/recipient']);
  });

  it('refuses bad input, naming each field', async () => {
    const res = await client.get('/api/admin/messages?status=lost&limit=0', ADMIN);
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/query/limit',
      '/query/status',
    ]);
    expectProblem(await client.get('/api/me/messages/not-a-uuid', RESEARCHER), 400);
    expectProblem(await client.get('/api/me/messages?cursor=bm9wZQ', RESEARCHER), 400);
  });

  it('resends only with the version read, and only a message that did not arrive', async () => {
    const failed = await resendable(ids.failed);
    const path = `/api/admin/messages/${failed}/resend`;
    expect(expectProblem(await client.act(path, ADMIN), 428).reason).toBe('IF_MATCH_REQUIRED');
    const version = await versionOf(failed);
    expectProblem(await client.act(path, ADMIN, { 'if-match': `"${version + 1}"` }), 409);
    const pending = await client.act(`/api/admin/messages/${ids.pending}/resend`, ADMIN, {
      'if-match': `"${await versionOf(ids.pending)}"`,
    });
    expect(expectProblem(pending, 409)).toMatchObject({
      reason: 'MESSAGE_NOT_RESENDABLE',
      messageStatus: 'pending',
    });
    const copy = expectOk(await client.act(path, ADMIN, { 'if-match': `"${version}"` }), 201);
    expect(copy).toMatchObject({
      resendOf: failed,
      status: 'pending',
      kind: 'application.receipt',
      to: RESEARCHER,
    });
    expect(expectOk(await client.get(`/api/me/messages/${copy.id}`, RESEARCHER)).resendOf).toBe(failed);
    // Sent again once: a second resend of the same message, even at its version now, names the copy.
    const again = await client.act(path, ADMIN, { 'if-match': `"${await versionOf(failed)}"` });
    expect(expectProblem(again, 409)).toMatchObject({ reason: 'MESSAGE_ALREADY_RESENT', resendId: copy.id });
    expect(expectOk(await client.get(`/api/me/messages/${failed}`, ADMIN)).resentAs).toBe(copy.id);
  });
});

const ROLES = everyoneBut('otherApplicant');
type WebRole = keyof typeof ROLES;
const S = 303;
const ADMINS = (ok: number): Expected<WebRole> => ({ anonymous: S, admin: ok, others: 403 });
const OVERSEERS = (ok: number): Expected<WebRole> => ({ anonymous: S, finance: ok, admin: ok, others: 403 });
const pages: PageCase<WebRole>[] = [
  ['GET', '/messages', { anonymous: S, others: 200 }],
  ['GET', () => `/messages/${ids.failed}`, { anonymous: S, applicant: 200, admin: 200, others: 404 }],
  ['GET', () => `/messages/${ids.party}`, { anonymous: S, finance: 200, admin: 200, others: 404 }],
  ['GET', '/admin/messages', ADMINS(200)],
  ['GET', '/finance/messages', OVERSEERS(200)],
  ['GET', '/admin/messages?status=lost', ADMINS(400)],
  ['GET', `/admin/messages?recipient=${encodeURIComponent(RESEARCHER)}`, ADMINS(200)],
  ['GET', '/finance/messages?recipient=nope', OVERSEERS(400)],
  ['GET', '/finance/messages?kind=NOPE', OVERSEERS(400)],
  ['POST', () => `/admin/messages/${ids.failed}/resend`, ADMINS(409), { _version: '999' }],
  [
    'POST',
    () => `/finance/messages/${ids.failed}/resend`,
    { anonymous: S, admin: 409, finance: 404, others: 403 },
    { _version: '999' },
  ],
  ['POST', () => `/finance/messages/${ids.party}/resend`, OVERSEERS(409), { _version: '1' }],
];

walkPages(() => h, ROLES, pages);

describe('the message pages', () => {
  const visit = browserOf(() => h, ROLES);

  it('say of each message whether it is being sent, was sent, or why not', async () => {
    const list = await visit('applicant', '/messages');
    expect(list.html).toContain('kunne ikke sendes: mailtjenesten afviste den');
    expect(list.html).toContain('>sendes<');
    expect(list.html).toContain(`href="/messages/${ids.failed}"`);
    const english = await visit('applicant', '/messages', { lang: 'en' });
    expect(english.html).toContain('could not be sent: the mail service refused it');
    const one = await visit('applicant', `/messages/${ids.failed}`);
    expect(one.html).toContain(`href="/applications/${ids.failedApp}"`);
    expect(one.html).toMatch(/<section class="card" lang="da">/);
    expect(one.html).toMatch(/<section class="card" lang="en">/);
  });

  it('tell the truth about the receipt: being sent, sent, or not with its reason', async () => {
    const failed = await visit('applicant', `/applications/${ids.truthApp}/receipt`);
    expect(failed.html).toContain(
      'Kvitteringen kunne ikke sendes til din e-mail: mailtjenesten afviste den.',
    );
    expect(failed.html).not.toContain('er også sendt');
    const pending = await visit('applicant', `/applications/${ids.pendingApp}`);
    expect(pending.html).toContain('En kvittering sendes til din e-mail.');
    expect(await sendMessage(h.core, acceptingMailer, ids.pending)).toBe('sent');
    const sent = await visit('applicant', `/applications/${ids.pendingApp}/receipt`);
    expect(sent.html).toMatch(/En kvittering er sendt til din e-mail \d/);
  });

  it('list a person whose message bounced among the recipients to fix, for the admin only', async () => {
    const to = uniqueAddress('bedoemmer');
    const assigned = outboxMessage('review.assigned', { to, at: h.clock.now() });
    const audit = auditEvent(ACTORS.admin, h.clock.now(), 'demo.seeded', caseEntity(assigned.case));
    expect(await h.core.reminders.queueOnce(`test#${assigned.id}`, assigned, audit)).toBe(true);
    expect(await sendMessage(h.core, acceptingMailer, assigned.id)).toBe('sent');
    await recordBounce(h.core, assigned.id, h.clock.now().toISOString());
    const recipients = (await visit('admin', '/admin/messages')).html.split('id="recipients"')[1] ?? '';
    expect(recipients).toMatch(
      new RegExp(
        `<td>${to}</td><td>Ansøgning [^<]+</td><td>1 besked</td><td><a href="/messages/${assigned.id}">`,
      ),
    );
    expect(recipients).toContain('kunne ikke sendes: modtagerens mailserver afviste den');
    expect((await visit('finance', '/finance/messages')).html).not.toContain(to);
  });

  it('let the admin filter, see who to fix, and resend with the version read', async () => {
    const partyFailed = await resendable(ids.partyFailed);
    const filtered = await visit('admin', '/admin/messages?status=failed');
    expect(filtered.html).toContain(`action="/admin/messages/${partyFailed}/resend"`);
    // One resent already: no button, a link to the message sent in its place.
    const resent = (await h.core.messages.get(ids.partyFailed)) as StoredMessage;
    expect(filtered.html).not.toContain(`action="/admin/messages/${ids.partyFailed}/resend"`);
    expect(filtered.html).toContain(`<a href="/messages/${resent.resentAs}">Sendt igen som</a>`);
    expect(filtered.html).not.toContain(`href="/messages/${ids.pending}"`);
    expect(filtered.html).toContain('Modtagere, der ikke fik deres beskeder');
    expect(filtered.html).toContain((await h.core.messages.get(partyFailed))?.to);
    expect(filtered.html).toMatch(/faktura@(aarhus|horsens)-kommune\.example\.dk/);
    const mine = await visit('admin', `/admin/messages?recipient=${encodeURIComponent(RESEARCHER)}`);
    expect(mine.html).toMatch(/id="f-recipient"[^>]*value="researcher@fim.local"/);
    expect(mine.html).toContain(`href="/messages/${ids.pending}"`);
    expect(mine.html.split('id="recipients"')[0]).not.toContain(`href="/messages/${partyFailed}"`);
    const wrong = await visit('admin', '/admin/messages?recipient=nope');
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.html, 'f-recipient')).toBeDefined();
    const bad = await visit('admin', '/admin/messages?status=lost&kind=Nope');
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'f-status')).toBe('Vælg en af de mulige værdier');
    expect(fieldError(bad.html, 'f-kind')).toBeDefined();
    const version = String(await versionOf(partyFailed));
    const done = await visit('finance', `/finance/messages/${partyFailed}/resend`, {
      form: { _version: version },
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/finance/messages?resent=1');
    expect((await visit('finance', '/finance/messages?resent=1')).html).toContain(
      'Beskeden er lagt til afsendelse igen.',
    );
    const sentOne = await visit('admin', `/admin/messages/${ids.pending}/resend`, {
      form: { _version: String(await versionOf(ids.pending)) },
    });
    expect(sentOne.status).toBe(409);
    expect(sentOne.html).toContain('Kun en besked, der ikke nåede frem, kan sendes igen (denne er: sendt)');
  });
});
