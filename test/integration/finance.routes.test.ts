import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '../../functions/core/audit/audit.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { seedDemoData } from '../../functions/local/seed.js';
import { composeMail } from '../../functions/texts/index.js';
import { type Api, api, expectOk, expectProblem, pointers } from '../support/api.js';
import { ADMIN, FINANCE, MUNICIPALITIES_2013 } from '../support/fixtures.js';
import { createHarness, type Harness, harnessWithApi } from '../support/harness.js';
import { auditEvents, itemsWithPkPrefix } from '../support/table.js';

/*
 * Money in, end to end through the API against DynamoDB Local: population imports (the project's CSV and
 * FOLK1A), the year's settings, the contribution run and its sending, adjustments, idempotent payments,
 * status by the Copenhagen date, the overview to the øre, the ledger and its invariants.
 */

const SEED_2013 = MUNICIPALITIES_2013;

const folk1a = (rows: readonly { name: string; population: number | string }[], period = '2013K1') =>
  [
    'Folketal den 1. i kvartalet efter område og tid',
    '"område";"tid";"indhold"',
    ...rows.map((r) => `"${r.name}";"${period}";${r.population}`),
    '',
  ].join('\r\n');

const YEAR = 2027;
const Y = `/api/finance/years/${YEAR}`;
/** The pool's account as finance types it (a leading zero kept). */
const ACCOUNT = {
  payee: 'Region Midtjylland, Folkesundhed i Midten',
  registrationNumber: '0400',
  accountNumber: '4010123456',
};

let h: Harness;
let client: Api;

const postCsv = (path: string, csv: string, who: string | undefined = FINANCE, type = 'text/csv') =>
  client.postCsv(path, csv, who, type);
const put = (path: string, body: unknown, who: string, ifMatch?: string) =>
  client.put(path, body, who, ifMatch);
const pay = (partyId: string, body: unknown, key: string | undefined, who = FINANCE) =>
  client.post(
    `${Y}/contributions/${partyId}/payments`,
    body,
    who,
    key === undefined ? {} : { 'idempotency-key': key },
  );
const overview = async () => {
  const res = await client.get(`${Y}/overview`, FINANCE);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const row = (o: { rows: { partyId: string }[] }, partyId: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON
  o.rows.find((r) => r.partyId === partyId) as any;
const contribution = async (partyId: string) => {
  const res = await client.get(`${Y}/contributions/${partyId}`, FINANCE);
  expect(res.status, res.text).toBe(200);
  return res.body;
};

beforeAll(async () => {
  ({ h, client } = await harnessWithApi());
});

describe('parties and population imports', () => {
  it('lists the 20 parties to anyone, without figures before an import', async () => {
    const res = await client.get('/api/parties');
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toHaveLength(20);
    expect(res.body.items.filter((p: { kind: string }) => p.kind === 'region')).toHaveLength(1);
    expect(res.body.items.every((p: { latestPopulation: unknown }) => p.latestPopulation === null)).toBe(
      true,
    );
  });

  it('previews a FOLK1A export line by line and writes nothing', async () => {
    const res = await postCsv('/api/populations/imports/preview', folk1a(SEED_2013));
    const preview = expectOk(res);
    expect(preview.format).toBe('folk1a');
    expect(preview.summary).toEqual({ new: 19, changed: 0, unchanged: 0 });
    expect(preview.rows[0]).toEqual({
      line: 3,
      partyId: 'favrskov-kommune',
      partyName: 'Favrskov Kommune',
      year: 2013,
      population: 47_156,
      currentPopulation: null,
      change: null,
      outcome: 'new',
    });
    const figures = expectOk(await client.get('/api/populations?year=2013', FINANCE));
    expect(figures.missing).toHaveLength(20);
  });

  it('reads a Windows-1252 FOLK1A file as well (Danish letters intact)', async () => {
    const bytes = Buffer.from(folk1a([{ name: 'Ringkøbing-Skjern', population: 57_259 }]), 'latin1');
    const res = await h.app.request('/api/populations/imports/preview', {
      method: 'POST',
      headers: {
        'content-type': 'text/csv; charset=windows-1252',
        authorization: `Bearer ${await h.tokenFor(FINANCE)}`,
      },
      body: bytes,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { partyId: string }[] };
    expect(body.rows.map((r) => r.partyId)).toEqual(['ringkoebing-skjern-kommune']);
  });

  it('refuses a malformed FOLK1A file with every failing line, and changes nothing', async () => {
    const rows = [
      ...SEED_2013.slice(0, 3),
      { name: 'Odense', population: 204_895 },
      { name: 'Horsens', population: 'mange' },
      ...SEED_2013.slice(5),
    ];
    const file = folk1a(rows);
    for (const path of ['/api/populations/imports/preview', '/api/populations/imports']) {
      const problem = expectProblem(await postCsv(path, file), 422, 'RULES_FAILED');
      expect(problem.errors).toEqual([
        {
          pointer: '/lines/6',
          code: 'UNKNOWN_PARTY',
          line: 6,
          value: 'Odense',
          detail: expect.stringContaining('ukendt part "Odense"'),
        },
        {
          pointer: '/lines/7',
          code: 'INVALID_POPULATION',
          line: 7,
          value: 'mange',
          detail: expect.stringContaining('ugyldigt folketal "mange"'),
        },
      ]);
      expect(problem).toMatchObject({
        reason: 'IMPORT_HAS_ERRORS',
        lines: 2,
        detail: 'Filen har fejl i 2 linjer; intet er gemt',
      });
    }
    const english = await client.send('POST', '/api/populations/imports/preview', FINANCE, {
      raw: file,
      headers: { 'content-type': 'text/csv', 'accept-language': 'en' },
    });
    const englishProblem = expectProblem(english, 422, 'RULES_FAILED');
    expect(englishProblem.errors).toEqual([
      expect.objectContaining({ detail: expect.stringContaining('unknown party "Odense"') }),
      expect.objectContaining({ detail: expect.stringContaining('invalid population "mange"') }),
    ]);
    expect(englishProblem.detail).toBe('The file has errors on 2 lines; nothing was saved');
    expect(english.headers.get('content-language')).toBe('en');
    const figures = expectOk(await client.get('/api/populations?year=2013', FINANCE));
    expect(figures.missing).toHaveLength(20);
    expect(await auditEvents(h, 'POPULATION_IMPORTS')).toHaveLength(0);
  });

  it('applies a FOLK1A file all at once with one audit event; the region is the sum of its municipalities', async () => {
    const applied = expectOk(await postCsv('/api/populations/imports', folk1a(SEED_2013)));
    expect(applied).toMatchObject({ format: 'folk1a', written: 19, summary: { new: 19 } });

    const figures = expectOk(await client.get('/api/populations?year=2013', ADMIN));
    expect(figures.missing).toEqual([]);
    const favrskov = figures.items.find((i: { partyId: string }) => i.partyId === 'favrskov-kommune');
    expect(favrskov).toMatchObject({
      population: 47_156,
      derived: false,
      version: 1,
      source: 'Danmarks Statistik, FOLK1A',
    });
    const region = figures.items.find((i: { partyId: string }) => i.partyId === 'region-midtjylland');
    expect(region).toMatchObject({ population: 1_272_240, derived: true, version: null });

    const parties = expectOk(await client.get('/api/parties'));
    expect(parties.items.find((p: { id: string }) => p.id === 'region-midtjylland').latestPopulation).toEqual(
      { year: 2013, population: 1_272_240, derived: true },
    );
    expect(parties.items.find((p: { id: string }) => p.id === 'aarhus-kommune').latestPopulation).toEqual({
      year: 2013,
      population: 319_094,
      derived: false,
    });

    const audit = await auditEvents(h, 'POPULATION_IMPORTS');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'populations.imported',
      entityType: 'finance',
      actor: { userId: 'demo-finance' },
      details: { format: 'folk1a', figures: 19, created: 19, changed: 0, years: '2013' },
    });
  });

  it('re-importing the same figures changes nothing: no new versions, no audit event', async () => {
    const again = expectOk(await postCsv('/api/populations/imports', folk1a(SEED_2013)));
    expect(again).toMatchObject({ written: 0, summary: { new: 0, changed: 0, unchanged: 19 } });
    const figures = expectOk(await client.get('/api/populations?year=2013', FINANCE));
    expect(
      figures.items.filter((i: { version: number | null }) => i.version !== null && i.version !== 1),
    ).toEqual([]);
    expect(await auditEvents(h, 'POPULATION_IMPORTS')).toHaveLength(1);
  });

  it('takes the project’s own CSV as JSON {csv} too, and shows each change against the current figure', async () => {
    const res = await client.post(
      '/api/populations/imports/preview',
      { csv: 'party,year,population\nFavrskov,2013,47157\nregion-midtjylland,2014,1300000\n' },
      FINANCE,
    );
    const preview = expectOk(res);
    expect(preview.format).toBe('fim');
    expect(preview.rows).toEqual([
      expect.objectContaining({ line: 2, currentPopulation: 47_156, change: 1, outcome: 'changed' }),
      expect.objectContaining({ line: 3, currentPopulation: null, change: null, outcome: 'new' }),
    ]);
  });

  it('refuses more than 90 figures in one file, and bodies that are no CSV', async () => {
    const lines = ['party,year,population'];
    for (let year = 2000; lines.length <= 91; year++) {
      for (const { name } of SEED_2013) lines.push(`${name},${year},1000`);
    }
    const problem = expectProblem(await postCsv('/api/populations/imports', lines.join('\n')), 422);
    expect(pointers(problem)).toEqual(['/lines']);
    expect(problem.errors[0].code).toBe('TOO_MANY_FIGURES');
    expectProblem(await postCsv('/api/populations/imports', '<xml/>', FINANCE, 'application/xml'), 415);
    expectProblem(await postCsv('/api/populations/imports', '', FINANCE), 422);
  });
});

describe('the year’s settings', () => {
  it('are created with FIM’s defaults: 1 kr per citizen for both kinds, 4/5 to grants', async () => {
    expectProblem(await client.get(Y, FINANCE), 404, 'NOT_FOUND');
    const bad = expectProblem(await put(Y, { dueDate: '2027-02-30' }, FINANCE), 400, 'VALIDATION_FAILED');
    expect(pointers(bad)).toEqual(expect.arrayContaining(['/referenceYear', '/dueDate']));

    const res = await put(Y, { referenceYear: 2013, dueDate: '2027-03-31' }, FINANCE);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      year: YEAR,
      referenceYear: 2013,
      dueDate: '2027-03-31',
      rates: { municipalityOre: 100, regionOre: 100 },
      grantShare: { numerator: 4, denominator: 5 },
      version: 1,
      updatedBy: 'demo-finance',
    });
    expect(expectOk(await client.get(Y, ADMIN))).toEqual(res.body);
  });

  it('change only with the version read (428 without, 409 stale); the same settings write nothing', async () => {
    const body = { referenceYear: 2013, dueDate: '2027-03-31' };
    expectProblem(await put(Y, body, FINANCE), 428, 'PRECONDITION_REQUIRED');
    const same = await put(Y, body, FINANCE, '"1"');
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    const share = expectProblem(
      await put(Y, { ...body, grantShare: { numerator: 6, denominator: 5 } }, FINANCE, '"1"'),
      400,
    );
    expect(pointers(share)).toEqual(['/grantShare/numerator']);

    const changed = await put(Y, { ...body, dueDate: '2027-04-30' }, ADMIN, '"1"');
    expect(changed.status, changed.text).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expectProblem(await put(Y, body, FINANCE, '"1"'), 409, 'VERSION_CONFLICT');
    expect(expectOk(await put(Y, body, FINANCE, '"2"')).version).toBe(3);
    expect((await auditEvents(h, `FINYEAR#${YEAR}`)).map((e) => e.action)).toEqual([
      'finance_year.created',
      'finance_year.updated',
      'finance_year.updated',
    ]);
  });
});

describe('the contribution run', () => {
  it('refuses a year that is not set up, and names every party without a population', async () => {
    const notSet = expectProblem(await client.act('/api/finance/years/2028/contributions/run', FINANCE), 422);
    expect(notSet.errors[0].code).toBe('YEAR_NOT_SET');

    expect(
      (await put('/api/finance/years/2025', { referenceYear: 2012, dueDate: '2025-03-31' }, FINANCE)).status,
    ).toBe(201);
    const missing = expectProblem(
      await client.act('/api/finance/years/2025/contributions/run', FINANCE),
      422,
    );
    expect(missing.errors).toHaveLength(20);
    expect(pointers(missing)).toContain('/populations/favrskov-kommune');
    expect(pointers(missing)).toContain('/populations/region-midtjylland');
    expect(missing.errors.every((e: { code: string }) => e.code === 'POPULATION_MISSING')).toBe(true);
  });

  it('demands 2 544 480 kr for 2013’s 1 272 240 citizens: 1 kr from each municipality and 1 kr from the region', async () => {
    const run = expectOk(await client.act(`${Y}/contributions/run`, FINANCE));
    expect(run.created).toHaveLength(20);
    expect(run.recomputed).toEqual([]);
    const byId = new Map(run.contributions.map((c: { partyId: string }) => [c.partyId, c]));
    expect(byId.get('favrskov-kommune')).toMatchObject({
      population: 47_156,
      rateOre: 100,
      demandOre: 4_715_600,
      state: 'computed',
      status: 'due',
      version: 1,
    });
    expect(byId.get('region-midtjylland')).toMatchObject({
      population: 1_272_240,
      populationDerived: true,
      demandOre: 127_224_000,
    });
    const municipal = run.contributions
      .filter((c: { kind: string }) => c.kind === 'municipality')
      .reduce((sum: number, c: { demandOre: number }) => sum + c.demandOre, 0);
    expect(municipal).toBe(127_224_000);
    const o = await overview();
    expect(o.totals).toMatchObject({ population: 1_272_240, demandOre: 254_448_000, paidOre: 0 });
  });

  it('running again on the same figures changes nothing: no new versions, no audit event', async () => {
    const auditBefore = (await auditEvents(h, `FINYEAR#${YEAR}`)).length;
    const again = expectOk(await client.act(`${Y}/contributions/run`, ADMIN));
    expect(again.created).toEqual([]);
    expect(again.recomputed).toEqual([]);
    expect(again.unchanged).toHaveLength(20);
    expect(again.contributions.every((c: { version: number }) => c.version === 1)).toBe(true);
    expect(await auditEvents(h, `FINYEAR#${YEAR}`)).toHaveLength(auditBefore);
  });

  it('follows a corrected population while the demand is not sent (the region’s sum with it)', async () => {
    const fix = (population: number) =>
      client.post(
        '/api/populations/imports',
        { csv: `party,year,population\nFavrskov,2013,${population}` },
        FINANCE,
      );
    expect(expectOk(await fix(47_157)).written).toBe(1);
    const rerun = expectOk(await client.act(`${Y}/contributions/run`, FINANCE));
    expect(rerun.recomputed.sort()).toEqual(['favrskov-kommune', 'region-midtjylland']);
    expect((await contribution('favrskov-kommune')).contribution).toMatchObject({
      demandOre: 4_715_700,
      version: 2,
    });
    expect((await overview()).totals.demandOre).toBe(254_448_200);

    expect(expectOk(await fix(47_156)).written).toBe(1);
    expectOk(await client.act(`${Y}/contributions/run`, FINANCE));
    expect((await overview()).totals.demandOre).toBe(254_448_000);
    const computed = (await auditEvents(h, `FINYEAR#${YEAR}`)).filter(
      (e) => e.action === 'contributions.computed',
    );
    expect(computed).toHaveLength(3);
  });
});

describe('sending, and corrections after it', () => {
  it('refuses to send without the pool’s payment details, naming them; nothing is sent', async () => {
    const refused = expectProblem(await client.act(`${Y}/contributions/send`, FINANCE), 422, 'RULES_FAILED');
    expect(refused).toMatchObject({ reason: 'PAYMENT_DETAILS_MISSING', year: YEAR });
    expect(pointers(refused)).toEqual(['/paymentDetails']);
    expect(refused.detail).toContain(
      'betalingsoplysninger (betalingsmodtager, reg.nr. og kontonummer) mangler',
    );
    expect(
      (await itemsWithPkPrefix(h, 'OUTBOX#')).filter((m) => m.kind === 'contribution.demand'),
    ).toHaveLength(0);
    expect((await overview()).rows.every((r: { state: string }) => r.state === 'computed')).toBe(true);

    const current = expectOk(await client.get(Y, FINANCE));
    expect(current.paymentDetails).toBeUndefined();
    const settings = { referenceYear: current.referenceYear, dueDate: current.dueDate };
    const version = `"${current.version}"`;
    const bad = expectProblem(
      await put(
        Y,
        {
          ...settings,
          paymentDetails: { payee: ' ', registrationNumber: '123', accountNumber: '12345678901' },
        },
        FINANCE,
        version,
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(bad.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/paymentDetails/payee', 'too_small'],
      ['/paymentDetails/registrationNumber', 'registration_number_digits'],
      ['/paymentDetails/accountNumber', 'account_number_digits'],
    ]);
    const english = expectProblem(
      await client.send('PUT', Y, FINANCE, {
        body: {
          ...settings,
          paymentDetails: { payee: 'FIM', registrationNumber: '12a4', accountNumber: '1' },
        },
        headers: { 'if-match': version, 'accept-language': 'en' },
      }),
      400,
    );
    expect(english.errors).toEqual([
      expect.objectContaining({
        pointer: '/paymentDetails/registrationNumber',
        detail: 'The reg. no. must be 4 digits',
      }),
    ]);
    const missingOne = expectProblem(
      await put(Y, { ...settings, paymentDetails: { payee: 'FIM', accountNumber: '1' } }, FINANCE, version),
      400,
    );
    expect(pointers(missingOne)).toEqual(['/paymentDetails/registrationNumber']);

    const saved = expectOk(await put(Y, { ...settings, paymentDetails: ACCOUNT }, FINANCE, version));
    expect(saved).toMatchObject({ paymentDetails: ACCOUNT, version: current.version + 1 });
    const event = (await auditEvents(h, `FINYEAR#${YEAR}`)).at(-1);
    expect(event?.details).toMatchObject({ payee: ACCOUNT.payee, registrationNumber: '0400' });
  });

  it('sends every demand once, with one demand message per party in the outbox', async () => {
    const invoicing = { invoiceEmail: 'faktura@aarhus.example.dk' };
    expectOk(await client.patch('/api/finance/parties/aarhus-kommune', invoicing, FINANCE, 0));
    const sent = expectOk(await client.act(`${Y}/contributions/send`, FINANCE));
    expect(sent.sent).toHaveLength(20);
    // The parties without an invoicing e-mail are named: their demand cannot reach them.
    expect(sent.noAddress).toHaveLength(19);
    expect(sent.noAddress).not.toContain('aarhus-kommune');
    const messages = (await itemsWithPkPrefix(h, 'OUTBOX#')).filter((m) => m.kind === 'contribution.demand');
    expect(messages).toHaveLength(20);
    expect(messages.filter((m) => m.to === '')).toHaveLength(19);
    const aarhus = messages.find((m) => m.to === 'faktura@aarhus.example.dk');
    expect(aarhus).toMatchObject({
      case: { kind: 'party', id: 'aarhus-kommune' },
      link: `/finance/years/${YEAR}/parties/aarhus-kommune`,
    });
    // The outbox keeps the figures; the catalogue words them when the message is composed.
    expect(aarhus?.params).toEqual({
      year: YEAR,
      partyId: 'aarhus-kommune',
      partyName: 'Aarhus Kommune',
      demandOre: 31_909_400,
      population: 319_094,
      referenceYear: 2013,
      rateOre: 100,
      dueDate: '2027-03-31',
      ...ACCOUNT,
      paymentReference: 'FIM 2027 aarhus-kommune',
    });
    const mail = composeMail(aarhus as unknown as OutboxMessage);
    const text = mail.body.replaceAll('\u00a0', ' ');
    expect(text).toContain('319.094,00 kr. (319.094 borgere pr. 1. januar 2013 à 1,00 kr.)');
    expect(text).toContain('Betales senest 31. marts 2027 til Region Midtjylland, Folkesundhed i Midten');
    expect(text).toContain('Reg.nr. 0400, kontonr. 4010123456');
    expect(text).toContain('Due by 31 March 2027');
    expect(text).toContain('Contribution to Folkesundhed i Midten for 2027: DKK 319,094.00');
    expect(mail.subject).toBe(
      'Opkrævning: bidrag til Folkesundhed i Midten 2027 / Contribution to Folkesundhed i Midten 2027',
    );

    const again = expectOk(await client.act(`${Y}/contributions/send`, FINANCE));
    expect(again).toMatchObject({ sent: [], alreadySent: expect.any(Array) });
    expect(
      (await itemsWithPkPrefix(h, 'OUTBOX#')).filter((m) => m.kind === 'contribution.demand'),
    ).toHaveLength(20);
  });

  it('a run after sending never edits a sent demand: it reports the difference instead', async () => {
    const before = (await contribution('favrskov-kommune')).contribution;
    expect(
      expectOk(
        await client.post(
          '/api/populations/imports',
          { csv: 'party,year,population\nFavrskov,2013,47200' },
          FINANCE,
        ),
      ).written,
    ).toBe(1);
    const run = expectOk(await client.act(`${Y}/contributions/run`, FINANCE));
    expect(run.recomputed).toEqual([]);
    expect(run.sentDiffering).toEqual([
      {
        partyId: 'favrskov-kommune',
        demandOre: 4_715_600,
        recomputedDemandOre: 4_720_000,
        differenceOre: 4_400,
      },
      {
        partyId: 'region-midtjylland',
        demandOre: 127_224_000,
        recomputedDemandOre: 127_228_400,
        differenceOre: 4_400,
      },
    ]);
    expect((await contribution('favrskov-kommune')).contribution).toEqual(before);
  });

  it('corrects a sent demand by a separate adjustment entry, audited, the demand untouched', async () => {
    for (const partyId of ['favrskov-kommune', 'region-midtjylland']) {
      const res = await client.post(
        `${Y}/contributions/${partyId}/adjustments`,
        { amountOre: 4_400, reason: 'Rettet folketal for Favrskov pr. 1. januar 2013' },
        FINANCE,
      );
      const body = expectOk(res, 201);
      expect(body.adjustment).toMatchObject({ kind: 'adjustment', amountOre: 4_400, partyId, year: YEAR });
    }
    const favrskov = await contribution('favrskov-kommune');
    expect(favrskov.contribution).toMatchObject({
      demandOre: 4_715_600,
      adjustmentsOre: 4_400,
      totalDueOre: 4_720_000,
      outstandingOre: 4_720_000,
    });
    expect(favrskov.entries).toEqual([expect.objectContaining({ kind: 'adjustment', amountOre: 4_400 })]);
    const audit = await auditEvents(h, `CONTRIB#${YEAR}#favrskov-kommune`);
    expect(audit.map((e) => e.action)).toEqual(['contribution.adjusted']);
  });

  it('refuses a zero adjustment, one that would take the demand below zero, and one before sending', async () => {
    const zero = expectProblem(
      await client.post(
        `${Y}/contributions/samsoe-kommune/adjustments`,
        { amountOre: 0, reason: 'Nul' },
        FINANCE,
      ),
      400,
    );
    expect(pointers(zero)).toEqual(['/amountOre']);
    const below = expectProblem(
      await client.post(
        `${Y}/contributions/samsoe-kommune/adjustments`,
        { amountOre: -380_601, reason: 'For meget' },
        FINANCE,
      ),
      422,
    );
    expect(below.errors[0].code).toBe('BELOW_ZERO');
    expect(below).toMatchObject({
      reason: 'BELOW_ZERO',
      demandOre: 380_600,
      adjustmentsOre: 0,
      amountOre: -380_601,
    });

    expect(
      (await put('/api/finance/years/2026', { referenceYear: 2013, dueDate: '2026-03-31' }, FINANCE)).status,
    ).toBe(201);
    expectOk(await client.act('/api/finance/years/2026/contributions/run', FINANCE));
    expectProblem(
      await client.post(
        '/api/finance/years/2026/contributions/samsoe-kommune/adjustments',
        { amountOre: 100, reason: 'Før afsendelse' },
        FINANCE,
      ),
      409,
      'INVALID_STATE',
    );
  });
});

describe('refusals in the reader’s language', () => {
  const samsoe = `${Y}/contributions/samsoe-kommune/adjustments`;
  const below = { amountOre: -380_601, reason: 'For meget' };

  it('answers the same refusal in Danish without Accept-Language and in English when asked, with its figures', async () => {
    const danish = expectProblem(await client.post(samsoe, below, FINANCE), 422, 'RULES_FAILED');
    const english = expectProblem(
      await client.post(samsoe, below, FINANCE, { 'accept-language': 'en' }),
      422,
      'RULES_FAILED',
    );
    const figures = { demandOre: 380_600, adjustmentsOre: 0, amountOre: -380_601 };
    for (const problem of [danish, english]) {
      expect(problem).toMatchObject({ reason: 'BELOW_ZERO', ...figures });
      expect(problem.errors).toEqual([
        expect.objectContaining({ pointer: '/amountOre', code: 'BELOW_ZERO', ...figures }),
      ]);
    }
    const plain = (text: string) => text.replaceAll('\u00a0', ' ');
    expect(plain(danish.detail)).toBe(
      'Bidraget kan ikke blive negativt: skyldigt nu 3.806,00 kr., reguleringen -3.806,01 kr.',
    );
    expect(plain(english.detail)).toBe(
      'The contribution cannot go below zero: owed now DKK 3,806.00, the adjustment -DKK 3,806.01',
    );
    expect(english.title).not.toBe(danish.title);
  });

  it('names every party without a population, in Danish and in English', async () => {
    await put('/api/finance/years/2024', { referenceYear: 1999, dueDate: '2024-03-31' }, FINANCE);
    const run = '/api/finance/years/2024/contributions/run';
    const danish = expectProblem(await client.act(run, FINANCE), 422);
    const english = expectProblem(await client.act(run, FINANCE, { 'accept-language': 'en' }), 422);
    expect(danish).toMatchObject({ reason: 'POPULATIONS_MISSING', referenceYear: 1999 });
    expect(danish.parties).toHaveLength(20);
    expect(danish.detail).toMatch(/^Folketal pr\. 1\. januar 1999 mangler for 20 parter: Favrskov Kommune, /);
    expect(english.detail).toMatch(
      /^Population on 1 January 1999 missing for 20 parties: Favrskov Kommune, /,
    );
    expect(danish.errors[0]).toEqual({
      pointer: '/populations/favrskov-kommune',
      code: 'POPULATION_MISSING',
      partyId: 'favrskov-kommune',
      party: 'Favrskov Kommune',
      referenceYear: 1999,
      detail: 'Favrskov Kommune: intet folketal for 1999',
    });
    expect(english.errors[0].detail).toBe('Favrskov Kommune: no population for 1999');
  });
});

describe('payments', () => {
  const aarhus = 'aarhus-kommune'; // demand 31 909 400 øre
  let first: { id: string } | undefined;

  it('needs an Idempotency-Key (428), whole øre above zero and a date not in the future', async () => {
    const body = { amountOre: 10_000_000, paidOn: '2027-02-27', reference: 'Bankoverførsel 1' };
    const noKey = expectProblem(await pay(aarhus, body, undefined), 428, 'PRECONDITION_REQUIRED');
    // The core takes the key as a value; the API says where it goes: its header.
    expect(noKey).toMatchObject({
      reason: 'IDEMPOTENCY_KEY_REQUIRED',
      movement: 'payment',
      detail: 'Send en Idempotency-Key, så betalingen kun bogføres én gang',
    });
    expect(noKey.errors).toEqual([
      expect.objectContaining({ pointer: '/headers/idempotency-key', code: 'IDEMPOTENCY_KEY_REQUIRED' }),
    ]);
    const noKeyEnglish = expectProblem(
      await client.post(`${Y}/contributions/${aarhus}/payments`, body, FINANCE, { 'accept-language': 'en' }),
      428,
    );
    expect(noKeyEnglish.detail).toBe('Send an Idempotency-Key so the payment is recorded once');
    const badKey = expectProblem(await pay(aarhus, body, 'with space'), 400, 'VALIDATION_FAILED');
    expect(pointers(badKey)).toEqual(['/headers/idempotency-key']);
    expect(badKey.errors[0]).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', maxLength: 200 });
    const fractions = expectProblem(await pay(aarhus, { ...body, amountOre: 10.5 }, 'k-frac'), 400);
    expect(pointers(fractions)).toEqual(['/amountOre']);
    expectProblem(await pay(aarhus, { ...body, amountOre: 0 }, 'k-zero'), 400);
    const future = expectProblem(await pay(aarhus, { ...body, paidOn: '2027-03-02' }, 'k-future'), 422);
    expect(pointers(future)).toEqual(['/paidOn']);
    expectProblem(await pay('odense-kommune', body, 'k-odense'), 404);
  });

  it('records a partial payment: ledger entry, paid amount, balance and audit event together', async () => {
    const res = await pay(
      aarhus,
      { amountOre: 10_000_000, paidOn: '2027-02-27', reference: 'Bankoverførsel 1' },
      'k1',
    );
    const body = expectOk(res, 201);
    first = body.payment;
    expect(body.payment).toMatchObject({
      kind: 'contribution_received',
      amountOre: 10_000_000,
      paidOn: '2027-02-27',
      partyId: aarhus,
      idempotencyKey: 'k1',
      recordedBy: { userId: 'demo-finance', email: FINANCE },
    });
    expect(body.replayed).toBe(false);
    expect(body.contribution).toMatchObject({
      paidOre: 10_000_000,
      outstandingOre: 21_909_400,
      status: 'partly_paid',
    });
    expect((await auditEvents(h, `CONTRIB#${YEAR}#${aarhus}`)).map((e) => e.action)).toEqual([
      'contribution.payment_recorded',
    ]);
  });

  it('records the same Idempotency-Key once: the second answers 200 with the same payment', async () => {
    const again = await pay(
      aarhus,
      { amountOre: 10_000_000, paidOn: '2027-02-27', reference: 'Bankoverførsel 1' },
      'k1',
    );
    const body = expectOk(again, 200);
    expect(body.replayed).toBe(true);
    expect(body.payment).toEqual(first);
    expect(body.contribution.paidOre).toBe(10_000_000);
    const reused = expectProblem(
      await pay(aarhus, { amountOre: 9_999_999, paidOn: '2027-02-27', reference: 'Bankoverførsel 1' }, 'k1'),
      422,
    );
    expect(reused.errors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.errors[0]).toMatchObject({
      pointer: '/headers/idempotency-key',
      key: 'k1',
      movement: 'payment',
    });
    expect(reused.detail).toBe(
      'Idempotency-Key "k1" er allerede brugt til en anden betaling; send igen med en ny nøgle',
    );
    expect((await contribution(aarhus)).entries).toHaveLength(1);
  });

  it('two requests with one key at the same moment record one payment (a 409 retried is a replay)', async () => {
    const body = { amountOre: 1_000_000, paidOn: '2027-03-01', reference: 'Skive rate 1' };
    const results = await Promise.all([
      pay('skive-kommune', body, 'k-skive'),
      pay('skive-kommune', body, 'k-skive'),
    ]);
    expect(
      results.every((r) => [200, 201, 409].includes(r.status)),
      results.map((r) => r.text).join(),
    ).toBe(true);
    // A client retries a conflict with the same key, one at a time, as it would after a timeout.
    const statuses: number[] = [];
    for (const r of results)
      statuses.push(r.status === 409 ? (await pay('skive-kommune', body, 'k-skive')).status : r.status);
    expect(statuses.sort()).toEqual([200, 201]);
    const skive = await contribution('skive-kommune');
    expect(skive.entries).toHaveLength(1);
    expect(skive.contribution.paidOre).toBe(1_000_000);
  });

  it('a payment in full makes it paid; an overpayment is paid and flagged, not lost', async () => {
    const rest = expectOk(
      await pay(aarhus, { amountOre: 21_909_400, paidOn: '2027-03-01', reference: 'Bankoverførsel 2' }, 'k2'),
      201,
    );
    expect(rest.contribution).toMatchObject({
      paidOre: 31_909_400,
      outstandingOre: 0,
      status: 'paid',
      overpaidOre: 0,
    });
    const samsoe = expectOk(
      await pay('samsoe-kommune', { amountOre: 400_000, paidOn: '2027-03-01', reference: 'Samsø' }, 'k3'),
      201,
    );
    expect(samsoe.contribution).toMatchObject({
      demandOre: 380_600,
      paidOre: 400_000,
      outstandingOre: 0,
      overpaidOre: 19_400,
      status: 'paid',
    });
  });
});

describe('status by the due date, judged on the Copenhagen date', () => {
  it('is due until the end of 31 March in Denmark, then overdue; paid stays paid', async () => {
    h.clock.set('2027-03-31T21:30:00Z'); // 23:30 in Copenhagen (summer time)
    expect(row(await overview(), 'favrskov-kommune').status).toBe('due');
    expect(row(await overview(), 'skive-kommune').status).toBe('partly_paid');
    h.clock.set('2027-03-31T22:30:00Z'); // 00:30 on 1 April in Copenhagen
    const o = await overview();
    expect(o.today).toBe('2027-04-01');
    expect(row(o, 'favrskov-kommune').status).toBe('overdue');
    expect(row(o, 'skive-kommune').status).toBe('overdue');
    expect(row(o, 'aarhus-kommune').status).toBe('paid');
    expect(row(o, 'samsoe-kommune')).toMatchObject({ status: 'paid', overpaidOre: 19_400 });
  });
});

describe('the overview, the ledger and the invariants', () => {
  it('adds up to the øre: rows, totals and the pool’s balances', async () => {
    const o = await overview();
    expect(o.rows).toHaveLength(20);
    expect(row(o, 'favrskov-kommune')).toEqual({
      partyId: 'favrskov-kommune',
      name: 'Favrskov Kommune',
      kind: 'municipality',
      state: 'sent',
      population: 47_156,
      rateOre: 100,
      demandOre: 4_715_600,
      adjustmentsOre: 4_400,
      totalDueOre: 4_720_000,
      paidOre: 0,
      outstandingOre: 4_720_000,
      overpaidOre: 0,
      status: 'overdue',
    });
    expect(o.totals).toEqual({
      population: 1_272_240,
      demandOre: 254_448_000,
      adjustmentsOre: 8_800,
      totalDueOre: 254_456_800,
      paidOre: 33_309_400,
      // everything due minus what was paid toward it (Samsø's 19 400 øre too much counts nowhere)
      outstandingOre: 254_456_800 - (33_309_400 - 19_400),
      overpaidOre: 19_400,
    });
    // Each payment's grant share (4/5, rounded down) is fixed when it is booked: 8 000 000 + 800 000 +
    // 17 527 520 + 320 000 øre of the payments 10 000 000, 1 000 000, 21 909 400 and 400 000.
    const year = {
      receivedOre: 33_309_400,
      grantReceivedOre: 26_647_520,
      committedOre: 0,
      disbursedOre: 0,
      refundedOre: 0,
      releasedOre: 0,
      adjustmentsOre: 8_800,
      entries: 6,
      availableOre: 33_309_400,
      grantAvailableOre: 26_647_520,
    };
    expect(o.balances).toEqual({ year: YEAR, ...year, grantShareOre: 26_647_520, otherShareOre: 6_661_880 });
    // Nothing was booked in any other year, so the pool overall is this year.
    expect(o.pool).toEqual(year);
  });

  it('costs two requests whatever the size of the ledger: a Query and a BatchGet, never a Scan', async () => {
    const send = vi.spyOn(h.db.doc, 'send');
    try {
      await overview();
      const names = send.mock.calls.map(([command]) => command.constructor.name);
      expect(names.sort()).toEqual(['BatchGetCommand', 'QueryCommand']);
      // The one BatchGet reads the settings, the year's balance and the pool's.
      const batch = send.mock.calls.find(
        ([command]) => command instanceof BatchGetCommand,
      )?.[0] as BatchGetCommand;
      expect(Object.values(batch.input.RequestItems ?? {})[0]?.Keys).toHaveLength(3);
      const query = send.mock.calls.find(([command]) => command instanceof QueryCommand)?.[0] as QueryCommand;
      expect(query.input.IndexName).toBe('gsi2');
    } finally {
      send.mockRestore();
    }
  });

  it('pages through the ledger with a cursor, oldest first; a made-up cursor is refused', async () => {
    const seen: { id: string; kind: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = expectOk(
        await client.get(
          `${Y}/ledger?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          FINANCE,
        ),
      );
      seen.push(...res.items);
      cursor = res.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((e) => e.id)).size).toBe(6);
    expect(seen.filter((e) => e.kind === 'contribution_received')).toHaveLength(4);
    expect(seen.filter((e) => e.kind === 'adjustment')).toHaveLength(2);
    const bad = expectProblem(await client.get(`${Y}/ledger?cursor=not-ours`, FINANCE), 400);
    expect(pointers(bad)).toEqual(['/query/cursor']);
  });

  it('the grant share is fixed once the year has received money; other settings still change', async () => {
    const current = expectOk(await client.get(Y, FINANCE));
    const body = {
      referenceYear: current.referenceYear,
      dueDate: current.dueDate,
      rates: current.rates,
    };
    const version = `"${current.version}"`;
    const locked = expectProblem(
      await put(Y, { ...body, grantShare: { numerator: 3, denominator: 4 } }, FINANCE, version),
      409,
      'INVALID_STATE',
    );
    expect(locked.errors).toEqual([
      expect.objectContaining({ pointer: '/grantShare', code: 'GRANT_SHARE_LOCKED' }),
    ]);
    expect(expectOk(await client.get(Y, FINANCE)).grantShare).toEqual({ numerator: 4, denominator: 5 });
    // The share as it is, with another due date, is fine.
    const moved = await put(
      Y,
      { ...body, dueDate: '2027-04-15', grantShare: current.grantShare },
      FINANCE,
      version,
    );
    expect(moved.status, moved.text).toBe(200);
    const back = await put(
      Y,
      { ...body, grantShare: current.grantShare },
      FINANCE,
      `"${current.version + 1}"`,
    );
    expect(back.status, back.text).toBe(200);
    // A year that has received nothing may change its share.
    const empty = expectOk(await client.get('/api/finance/years/2025', FINANCE));
    const changed = await put(
      '/api/finance/years/2025',
      {
        referenceYear: empty.referenceYear,
        dueDate: empty.dueDate,
        grantShare: { numerator: 3, denominator: 4 },
      },
      FINANCE,
      `"${empty.version}"`,
    );
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.grantShare).toEqual({ numerator: 3, denominator: 4 });
  });

  it('shows the pool over the years: each year with what it carried in and out, and the pool overall', async () => {
    const res = expectOk(await client.get('/api/finance/balances', FINANCE));
    const year = await overview();
    expect(res.years).toEqual([
      {
        year: YEAR,
        balance: expect.objectContaining({
          year: YEAR,
          receivedOre: 33_309_400,
          grantReceivedOre: 26_647_520,
        }),
        openingAvailableOre: 0,
        openingGrantAvailableOre: 0,
        closingAvailableOre: 33_309_400,
        closingGrantAvailableOre: 26_647_520,
      },
    ]);
    expect(res.pool).toEqual(year.pool);
  });

  it('the invariant check finds the balances equal to the sums of the entries', async () => {
    const res = expectOk(await client.post('/api/finance/invariants/check', { year: YEAR }, FINANCE));
    expect(res).toEqual({ year: YEAR, years: [YEAR], ok: true, entries: 6, problems: [] });
    // Without a year: every year that has a balance, and the pool.
    const all = expectOk(await client.post('/api/finance/invariants/check', {}, FINANCE));
    expect(all).toEqual({ years: [YEAR], ok: true, entries: 6, problems: [] });
  });

  it('the invariant check names a balance that drifted from its entries', async () => {
    const drifted = 2026;
    const out = await h.db.doc.send(
      new QueryCommand({
        TableName: h.db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `FINYEAR#${drifted}` },
      }),
    );
    expect(out.Items?.some((i) => i.sk === 'BALANCE')).toBe(false);
    // A balance that no entry explains: as if someone had edited the table by hand.
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    await h.db.doc.send(
      new PutCommand({
        TableName: h.db.tableName,
        Item: { pk: `FINYEAR#${drifted}`, sk: 'BALANCE', year: drifted, receivedOre: 100, entries: 0 },
      }),
    );
    const check = (headers?: Record<string, string>) =>
      client.post('/api/finance/invariants/check', { year: drifted }, FINANCE, headers);
    const res = expectOk(await check());
    expect(res.ok).toBe(false);
    // Each finding is a code with its figures as members, worded in the reader's language (Danish by default).
    const figures = [
      { code: 'BALANCE_MISMATCH', counter: 'receivedOre', balance: 100, sumOfEntries: 0, year: drifted },
      // The counters of its own it lacks (0) do not agree with the 100 either.
      { code: 'AVAILABLE_MISMATCH', availableOre: 0, expectedOre: 100, year: drifted },
    ];
    expect(res.problems).toEqual([
      {
        ...figures[0],
        detail: expect.stringMatching(
          /^Årets "modtaget" \(receivedOre\) er 1,00\skr\., men posteringerne summer til 0,00\skr\.$/,
        ),
      },
      {
        ...figures[1],
        detail: expect.stringMatching(
          /^Til rådighed \(availableOre\) er 0,00\skr\., men modtaget \+ tilbagebetalt − bevilget er 1,00\skr\.$/,
        ),
      },
    ]);
    expect(expectOk(await check({ 'accept-language': 'en' })).problems).toEqual([
      {
        ...figures[0],
        detail: expect.stringMatching(
          /^The year's "received" \(receivedOre\) is DKK\s1\.00, but its entries sum to DKK\s0\.00$/,
        ),
      },
      {
        ...figures[1],
        detail: expect.stringMatching(
          /^Available \(availableOre\) is DKK\s0\.00, but received \+ refunded − committed is DKK\s1\.00$/,
        ),
      },
    ]);
  });
});

describe('the local seed', () => {
  it('builds the 20 parties and imports the 2013 figures through the same service', async () => {
    const seeded = await createHarness();
    expect(await seedDemoData(seeded.db, seeded.core)).toBe(true);
    const res = await seeded.app.request('/api/parties');
    const body = (await res.json()) as {
      items: { id: string; latestPopulation: { population: number } | null }[];
    };
    expect(body.items).toHaveLength(20);
    expect(body.items.find((p) => p.id === 'region-midtjylland')?.latestPopulation?.population).toBe(
      1_272_240,
    );
    expect(body.items.find((p) => p.id === 'ringkoebing-skjern-kommune')?.latestPopulation?.population).toBe(
      57_259,
    );
    expect(await auditEvents(seeded, 'POPULATION_IMPORTS')).toHaveLength(1);
  });

  it('sets up this year with the pool’s account, so the demo’s demands carry it', async () => {
    const seeded = await createHarness();
    expect(await seedDemoData(seeded.db, seeded.core)).toBe(true);
    const demo = api(seeded);
    const year = `/api/finance/years/${YEAR}`;
    expect(expectOk(await demo.get(year, FINANCE))).toMatchObject({
      referenceYear: 2013,
      paymentDetails: DEMO_PAYMENT_DETAILS,
    });
    expectOk(await demo.act(`${year}/contributions/run`, FINANCE));
    expect(expectOk(await demo.act(`${year}/contributions/send`, FINANCE)).sent).toHaveLength(20);
    const demands = (await itemsWithPkPrefix(seeded, 'OUTBOX#')).filter(
      (m) => m.kind === 'contribution.demand',
    );
    expect(demands).toHaveLength(20);
    expect(
      demands.every(
        (m) => (m.params as { accountNumber: string }).accountNumber === DEMO_PAYMENT_DETAILS.accountNumber,
      ),
    ).toBe(true);
  });
});
