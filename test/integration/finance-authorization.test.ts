import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { type Api, checkRoutes, expectSignInFirst, type RouteCase, rolesOf } from '../support/api.js';
import { ADMIN, everyoneBut, FINANCE, populationsCsv, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';

/*
 * Every finance route against every role: the parties are public; only finance staff and administrators
 * move money, import figures or see the pool's accounts. Anonymous callers are asked to sign in (401),
 * everyone else is refused (403) before anything is read or written.
 */

const MATRIX = rolesOf(everyoneBut('otherApplicant'));
type Role = (typeof MATRIX.roles)[number];
const { all } = MATRIX;
/** Finance and admins get `status`; anonymous 401; every other role 403. */
const financeOnly = (status: number, adminStatus = status) =>
  all(403, { anonymous: 401, finance: status, admin: adminStatus });

const YEAR = 2027;
const Y = `/api/finance/years/${YEAR}`;
const FIGURES = populationsCsv(2013);

let h: Harness;
let client: Api;
let keyCounter = 0;

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
  await setUpYear(client, YEAR);
});

/** A read only finance staff and administrators may make: `path` asked by each role. */
const financeRead = (route: string, path: string): RouteCase<Role> => ({
  route,
  expected: financeOnly(200),
  run: (who) => client.get(path, who),
});

const payment = { amountOre: 1_000, paidOn: '2027-02-01', reference: 'Test' };

const matrix: RouteCase<Role>[] = [
  { route: 'GET /api/parties', expected: all(200), run: (who) => client.get('/api/parties', who) },
  financeRead('GET /api/finance/parties', '/api/finance/parties'),
  financeRead('GET /api/finance/parties/skive-kommune', '/api/finance/parties/skive-kommune'),
  {
    // The same change again writes nothing, so every role that may make it gets 200 at version 0.
    route: 'PATCH /api/finance/parties/skive-kommune',
    expected: financeOnly(200),
    run: (who) => client.patch('/api/finance/parties/skive-kommune', { cvr: null }, who, 0),
  },
  financeRead('GET /api/populations?year=2013', '/api/populations?year=2013'),
  {
    route: 'POST /api/populations/imports/preview',
    expected: financeOnly(200),
    run: (who) => client.post('/api/populations/imports/preview', { csv: FIGURES }, who),
  },
  {
    route: 'POST /api/populations/imports',
    expected: financeOnly(200),
    run: (who) => client.post('/api/populations/imports', { csv: FIGURES }, who),
  },
  financeRead('GET /api/finance/years/{year}', Y),
  {
    route: 'PUT /api/finance/years/{year} (new year)',
    expected: financeOnly(201),
    run: (who, role) =>
      client.send('PUT', `/api/finance/years/${2040 + MATRIX.roles.indexOf(role)}`, who, {
        body: { referenceYear: 2013, dueDate: '2040-03-31' },
      }),
  },
  {
    route: 'PUT /api/finance/years/{year} (If-Match)',
    expected: financeOnly(200),
    run: async (who) => {
      const current = await client.get(Y, FINANCE);
      return client.send('PUT', Y, who, {
        body: {
          referenceYear: 2013,
          dueDate: '2027-03-31',
          grantShare: { numerator: 4, denominator: 5 },
          paymentDetails: DEMO_PAYMENT_DETAILS,
        },
        headers: { 'if-match': `"${current.body.version}"` },
      });
    },
  },
  {
    route: 'POST /api/finance/years/{year}/contributions/run',
    expected: financeOnly(200),
    run: (who) => client.act(`${Y}/contributions/run`, who),
  },
  {
    route: 'POST /api/finance/years/{year}/contributions/send',
    expected: financeOnly(200),
    run: (who) => client.act(`${Y}/contributions/send`, who),
  },
  financeRead('GET /api/finance/years/{year}/contributions/{partyId}', `${Y}/contributions/aarhus-kommune`),
  {
    route: 'POST /api/finance/years/{year}/contributions/{partyId}/payments',
    expected: financeOnly(201),
    run: (who) =>
      client.post(`${Y}/contributions/aarhus-kommune/payments`, payment, who, {
        'idempotency-key': `authz-${++keyCounter}`,
      }),
  },
  {
    // Refused before the missing key is even mentioned: 428 is for those who may pay.
    route: 'POST …/payments without Idempotency-Key',
    expected: financeOnly(428),
    run: (who) => client.post(`${Y}/contributions/aarhus-kommune/payments`, payment, who),
  },
  {
    route: 'POST /api/finance/years/{year}/contributions/{partyId}/adjustments',
    expected: financeOnly(201),
    run: (who) =>
      client.post(
        `${Y}/contributions/aarhus-kommune/adjustments`,
        { amountOre: 100, reason: 'Rettelse' },
        who,
      ),
  },
  financeRead('GET /api/finance/years/{year}/overview', `${Y}/overview`),
  financeRead('GET /api/finance/years/{year}/ledger', `${Y}/ledger`),
  financeRead('GET /api/finance/balances', '/api/finance/balances'),
  {
    route: 'POST /api/finance/invariants/check',
    expected: financeOnly(200),
    run: (who) => client.post('/api/finance/invariants/check', { year: YEAR }, who),
  },
  {
    route: 'POST /api/finance/invariants/check (every year)',
    expected: financeOnly(200),
    run: (who) => client.post('/api/finance/invariants/check', {}, who),
  },
];

checkRoutes(MATRIX, matrix);

describe('refused callers leave no trace', () => {
  it('the money moved only by finance and admins: the ledger and the invariants agree', async () => {
    const ledger = await client.get(`${Y}/ledger?limit=200`, ADMIN);
    const kinds = ledger.body.items.map((e: { kind: string; recordedBy: { email: string } }) => [
      e.kind,
      e.recordedBy.email,
    ]);
    expect(kinds.sort()).toEqual(
      [
        ['adjustment', ADMIN],
        ['adjustment', FINANCE],
        ['contribution_received', ADMIN],
        ['contribution_received', FINANCE],
      ].sort(),
    );
    const check = await client.post('/api/finance/invariants/check', { year: YEAR }, FINANCE);
    expect(check.body).toMatchObject({ ok: true, entries: 4 });
  });

  it('asks an anonymous caller to sign in before reading any input', async () => {
    await expectSignInFirst(h, [
      ['POST', '/api/populations/imports'],
      ['PUT', Y],
      ['POST', `${Y}/contributions/aarhus-kommune/payments`],
      ['GET', '/api/populations?year=nonsense'],
    ]);
  });
});
