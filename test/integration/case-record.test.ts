import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../functions/core/audit/audit.js';
import { backfill } from '../../functions/db/backfill.js';
import * as keys from '../../functions/db/keys.js';
import { type Api, checkRoutes, expectOk, expectProblem, type RouteCase, rolesOf } from '../support/api.js';
import {
  ADMIN,
  createCall,
  EVERYONE,
  everyoneBut,
  RESEARCHER,
  submitApplication,
} from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { putItems } from '../support/table.js';
import { browserOf, type Expected, type PageCase, walkPages } from '../support/web.js';

/*
 * The case record (issue 12): audit events live in the audit table, are read as "Sagens forløb" by admins only,
 * a page at a time with filters, and every reading is itself recorded. Events stored in the single table
 * before are copied over by the backfill, without the e-mail.
 */

const MATRIX = rolesOf(EVERYONE);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

let h: Harness;
let client: Api;
const ids = { call: '', app: '' };

beforeAll(async () => {
  ({ h, client } = await harnessWithApi({ now: '2027-03-01T09:00:00Z' }));
  ids.call = (await createCall(client)).id;
  ids.app = await submitApplication(client, ids.call, RESEARCHER);
});

const eventsOf = (kind: string, id: string, query = '', who: string = ADMIN) =>
  client.get(`/api/cases/${kind}/${id}/events${query}`, who);

/** Events put straight into the audit table under an application, a millisecond apart. */
async function storeEvents(applicationId: string, count: number, start = Date.parse('2027-01-01T00:00:00Z')) {
  const actor = h.principal(RESEARCHER);
  const items = Array.from({ length: count }, (_, i) => {
    const event = auditEvent(actor, new Date(start + i), i % 2 ? 'application.updated' : 'review.saved', {
      type: 'application',
      id: applicationId,
    });
    return {
      ...keys.audit(keys.application(applicationId).pk, event.at, event.id),
      entity: 'audit',
      ...event,
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    await h.db.doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [h.db.auditTableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
}

describe('the audit table', () => {
  it('holds every event; the single table holds none', async () => {
    const pk = keys.application(ids.app).pk;
    const inData = await h.db.doc.send(
      new QueryCommand({
        TableName: h.db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': pk, ':a': 'AUDIT#' },
      }),
    );
    expect(inData.Items).toEqual([]);
    const inAudit = await h.db.doc.send(
      new QueryCommand({
        TableName: h.db.auditTableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    );
    expect(inAudit.Items?.map((e) => e.action).sort()).toEqual([
      'application.created',
      'application.submitted',
    ]);
    // Pseudonymous: the actor by id, no e-mail or name.
    expect(inAudit.Items?.map((e) => e.actor)).toEqual([
      { userId: 'demo-researcher' },
      { userId: 'demo-researcher' },
    ]);
  });

  it('backfill copies events stored in the single table, without the e-mail, once', async () => {
    const at = '2026-06-01T10:00:00.000Z';
    const old = {
      ...keys.audit('CALL#old-call', at, 'e1'),
      entity: 'audit',
      id: 'e1',
      at,
      actor: { userId: 'demo-admin', email: ADMIN },
      action: 'call.created',
      entityType: 'call',
      entityId: 'old-call',
      details: { version: 1 },
    };
    await putItems(h.db, [old]);
    const first = await backfill(h.db);
    expect(first.auditEvents).toBeGreaterThanOrEqual(1);
    const copied = await h.db.doc.send(
      new QueryCommand({
        TableName: h.db.auditTableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CALL#old-call' },
      }),
    );
    expect(copied.Items).toHaveLength(1);
    expect(copied.Items?.[0]).toMatchObject({ action: 'call.created', actor: { userId: 'demo-admin' } });
    expect(copied.Items?.[0]?.actor).not.toHaveProperty('email');
    expect((await backfill(h.db)).auditEvents).toBe(0);
  });
});

describe('GET /api/cases/{kind}/{id}/events', () => {
  it('lists a case’s events in time order with who did them, and records the reading', async () => {
    const page = expectOk(await eventsOf('application', ids.app));
    expect(page.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'application.created',
      'application.submitted',
    ]);
    expect(page.people['demo-researcher']).toEqual({ name: 'Sofie Andersen', email: RESEARCHER });
    const again = expectOk(await eventsOf('application', ids.app));
    const viewed = again.items.filter((e: { action: string }) => e.action === 'case.viewed');
    expect(viewed.length).toBeGreaterThanOrEqual(1);
    expect(viewed[0].actor).toEqual({ userId: 'demo-admin' });
  });

  it('reads every case kind: the call’s record too', async () => {
    const page = expectOk(await eventsOf('call', ids.call));
    expect(page.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'call.created',
      'call.opened',
    ]);
  });

  it('filters by kind of event and by person (id or e-mail)', async () => {
    const byKind = expectOk(await eventsOf('application', ids.app, '?kind=application.submitted'));
    expect(byKind.items.map((e: { action: string }) => e.action)).toEqual(['application.submitted']);
    const byEmail = expectOk(
      await eventsOf('application', ids.app, `?actor=${encodeURIComponent(RESEARCHER)}`),
    );
    expect(
      byEmail.items.every((e: { actor: { userId: string } }) => e.actor.userId === 'demo-researcher'),
    ).toBe(true);
    expect(byEmail.items).toHaveLength(2);
    const byId = expectOk(await eventsOf('application', ids.app, '?actor=demo-admin&kind=case.viewed'));
    expect(byId.items.length).toBeGreaterThanOrEqual(1);
  });

  it('pages by cursor, 50 at a time, each event once, in order', async () => {
    const other = await submitApplication(client, ids.call, RESEARCHER);
    await storeEvents(other, 120);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = expectOk(
        await eventsOf('application', other, cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''),
      );
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((e: { id: string; at: string }) => `${e.at}#${e.id}`));
      cursor = page.cursor;
    } while (cursor && pages < 10);
    // The 120 stored, the two of the submission, and the first page's reading (written after it was read).
    expect(seen.length).toBeGreaterThanOrEqual(122);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    // A filter reads on until the page is full.
    const filtered = expectOk(await eventsOf('application', other, '?kind=application.updated'));
    expect(filtered.items).toHaveLength(50);
    expect(filtered.cursor).toBeDefined();
  });

  it('refuses a cursor it did not make, an unknown kind, and answers 404 for a case that has no record', async () => {
    expectProblem(await eventsOf('application', ids.app, '?cursor=bm9wZQ'), 400);
    expectProblem(await eventsOf('application', ids.app, '?kind=DROP TABLE'), 400);
    expectProblem(await client.get(`/api/cases/person/${ids.app}/events`, ADMIN), 400);
    expectProblem(await eventsOf('application', crypto.randomUUID()), 404);
  });
});

const routes: RouteCase<Role>[] = [
  {
    route: 'GET /api/cases/application/{id}/events',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get(`/api/cases/application/${ids.app}/events`, who),
  },
  {
    route: 'GET /api/cases/call/{id}/events',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get(`/api/cases/call/${ids.call}/events`, who),
  },
];
checkRoutes(MATRIX, routes, ['Sofie Andersen', RESEARCHER]);

const ROLES = everyoneBut('otherApplicant');
type WebRole = keyof typeof ROLES;
const ADMINS = (ok: number): Expected<WebRole> => ({ anonymous: 303, admin: ok, others: 403 });
const pages: PageCase<WebRole>[] = [
  ['GET', () => `/admin/cases/application/${ids.app}`, ADMINS(200)],
  ['GET', () => `/admin/cases/call/${ids.call}?kind=call.opened`, ADMINS(200)],
  ['GET', () => `/admin/cases/application/${ids.app}?kind=nope`, ADMINS(400)],
];
walkPages(() => h, ROLES, pages);

describe('the "Sagens forløb" page', () => {
  const visit = browserOf(() => h, ROLES);
  it('words every event in Danish (or English): who, when, what', async () => {
    const page = await visit('admin', `/admin/cases/application/${ids.app}`);
    expect(page.html).toContain('Sagens forløb');
    expect(page.html).toContain('Ansøgningen blev indsendt');
    expect(page.html).toContain('Sofie Andersen');
    const english = await visit('admin', `/admin/cases/application/${ids.app}`, { lang: 'en' });
    expect(english.html).toContain('The application was submitted');
  });

  it('is linked from the case’s own page, for admins only', async () => {
    const link = `href="/admin/cases/application/${ids.app}"`;
    expect((await visit('admin', `/applications/${ids.app}`)).html).toContain(link);
    expect((await visit('applicant', `/applications/${ids.app}`)).html).not.toContain(link);
    expect((await visit('admin', `/admin/calls/${ids.call}`)).html).toContain(
      `href="/admin/cases/call/${ids.call}"`,
    );
  });
});
