import { beforeAll, describe, expect, it } from 'vitest';
import { checkRoutes, expectOk, type RouteCase, rolesOf } from '../support/api.js';
import { ADMIN, applicationsIn, EVERYONE, RESEARCHER } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';
import { browse, walkPages } from '../support/web.js';

/*
 * Every erasure and retention route and page walked by every role (docs/cases.md "Erasure", "Retention"): each
 * signed-in person may erase their own data from "Mine data"; only admins see the requests, the schedule and its
 * dry run. Erasing is walked in a harness of its own, since it closes every account that does it.
 */

const MATRIX = rolesOf(EVERYONE);
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;

let h: Harness;
let eraser: Harness;
let client: Awaited<ReturnType<typeof harnessWithApi>>['client'];
let eraserClient: Awaited<ReturnType<typeof harnessWithApi>>['client'];

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
  await applicationsIn(client, [{ status: 'rejected' }]);
  ({ h: eraser, client: eraserClient } = await harnessWithApi());
  // One request on the admins' list.
  expectOk(await client.act('/api/me/erasure', RESEARCHER), 202);
}, 120_000);

const routes: RouteCase<Role>[] = [
  {
    route: 'GET /api/admin/erasures',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.get('/api/admin/erasures', who),
  },
  {
    route: 'POST /api/admin/retention/dry-run',
    expected: all(403, { anonymous: 401, admin: 200 }),
    run: (who) => client.act('/api/admin/retention/dry-run', who),
  },
  {
    route: 'POST /api/me/erasure',
    expected: all(202, { anonymous: 401 }),
    run: (who) => eraserClient.act('/api/me/erasure', who),
  },
];

// The refusals name nobody: not the person who asked, nor their address.
checkRoutes(MATRIX, routes, [RESEARCHER, 'Sofie Andersen']);

describe('the erasure pages', () => {
  walkPages<Role>(() => h, EVERYONE, [
    ['GET', '/me/data', { anonymous: 303, others: 200 }],
    ['GET', '/me/data/erase', { anonymous: 303, others: 200 }],
    ['GET', '/me/data/erased', 200],
    ['GET', '/admin/erasures', { anonymous: 303, admin: 200, others: 403 }],
    ['GET', '/admin/retention', { anonymous: 303, admin: 200, others: 403 }],
    ['GET', '/admin/retention?dryRun=1', { anonymous: 303, admin: 200, others: 403 }],
  ]);
  walkPages<Role>(() => eraser, EVERYONE, [['POST', '/me/data/erase', 303, {}]]);
});

describe('the pages say what they should', () => {
  it('"Mine data" links to the data export and asks before erasing', async () => {
    const page = await browse(h, ADMIN, '/me/data');
    expect(page.html).toContain('href="/me/data-export"');
    expect(page.html).toContain('href="/me/data/erase"');
    const confirm = await browse(h, ADMIN, '/me/data/erase');
    expect(confirm.html).toContain('action="/me/data/erase"');
    expect(confirm.html).toContain('Ja, slet mine oplysninger');
  });

  it('the confirm step erases, signs the person out and says so', async () => {
    const { h: own } = await harnessWithApi();
    const done = await browse(own, ADMIN, '/me/data/erase', { method: 'POST', form: {} });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/me/data/erased');
    expect((await own.core.erasures.get(own.user(ADMIN).userId))?.state).toBe('done');
    expect(await own.core.sessions.listOfUser(own.user(ADMIN).userId)).toEqual([]);
  });

  it('the admins’ list shows the request and its state; the retention page its dry run', async () => {
    const list = await browse(h, ADMIN, '/admin/erasures');
    expect(list.html).toContain(h.user(RESEARCHER).userId);
    expect(list.html).toContain('Venter på opbevaringsperioden');
    const retention = await browse(h, ADMIN, '/admin/retention?dryRun=1');
    expect(retention.html).toContain('Det ville en kørsel gøre nu');
  });
});
