import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contributionStatus,
  demandOre,
  grantShareOre,
  populationsForYear,
  regionPopulation,
} from '../../functions/core/finance/contributions.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { findParty, PARTIES } from '../../functions/core/finance/parties.js';
import {
  decodeImport,
  type ImportProblem,
  parsePopulationImport,
} from '../../functions/core/finance/population-import.js';
import { composeMail, say, texts } from '../../functions/texts/index.js';

const seedFile = readFileSync(
  new URL('../../functions/local/seed-data/folk1a-2013-region-midtjylland.csv', import.meta.url),
  'utf8',
);

describe('contribution arithmetic, to the øre', () => {
  it('gives the pool 2 544 480 kr for 2013: 1 kr per citizen from each municipality and from the region', () => {
    const municipalities = seedFile
      .split('\n')
      .filter((l) => /^[^#m].*,\d+$/.test(l))
      .map((l) => Number(l.split(',')[1]));
    expect(municipalities).toHaveLength(19);
    const fromMunicipalities = municipalities.reduce((sum, p) => sum + demandOre(p, 100), 0);
    const fromRegion = demandOre(regionPopulation(municipalities), 100);
    expect(fromMunicipalities).toBe(127_224_000);
    expect(fromRegion).toBe(127_224_000);
    expect(fromMunicipalities + fromRegion).toBe(254_448_000);
  });

  it('resolves a reference year’s populations: the region’s own figure, else the sum, else missing', () => {
    const municipal = new Map(
      PARTIES.filter((p) => p.kind === 'municipality').map((p, i) => [p.id, 1000 + i] as const),
    );
    const summed = populationsForYear(PARTIES, municipal);
    expect(summed.missing).toEqual([]);
    expect(summed.populations.get('region-midtjylland')).toEqual({
      population: 19 * 1000 + (18 * 19) / 2,
      derived: true,
    });
    const own = populationsForYear(PARTIES, new Map([...municipal, ['region-midtjylland', 5]]));
    expect(own.populations.get('region-midtjylland')).toEqual({ population: 5, derived: false });
    const gap = new Map(municipal);
    gap.delete('samsoe-kommune');
    expect(populationsForYear(PARTIES, gap).missing.map((p) => p.id)).toEqual([
      'samsoe-kommune',
      'region-midtjylland',
    ]);
  });

  it('uses the region’s own figure when one is given', () => {
    expect(regionPopulation([100, 200], 350)).toBe(350);
    expect(regionPopulation([100, 200])).toBe(300);
  });

  it('splits an income into the grant share and the rest without losing an øre', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 9 }),
        (income, numerator) => {
          const share = grantShareOre(income, { numerator, denominator: 10 });
          expect(Number.isInteger(share)).toBe(true);
          expect(share).toBeLessThanOrEqual(income);
          expect(income - share).toBeGreaterThanOrEqual(0);
          expect(share * 10).toBeLessThanOrEqual(income * numerator);
        },
      ),
    );
    expect(grantShareOre(254_448_000)).toBe(203_558_400);
    expect(grantShareOre(3)).toBe(2);
  });

  it('refuses fractions and negatives instead of rounding them away', () => {
    expect(() => demandOre(1.5, 100)).toThrow(RangeError);
    expect(() => demandOre(10, -1)).toThrow(RangeError);
  });

  it('tells due, partly paid, paid (overpayment flagged) and overdue apart', () => {
    expect(contributionStatus(1000, 0, '2027-03-31', '2027-03-01')).toEqual({
      status: 'due',
      outstandingOre: 1000,
      overpaidOre: 0,
    });
    expect(contributionStatus(1000, 400, '2027-03-31', '2027-03-01').status).toBe('partly_paid');
    expect(contributionStatus(1000, 400, '2027-03-31', '2027-04-01').status).toBe('overdue');
    expect(contributionStatus(1000, 1000, '2027-03-31', '2027-04-01').status).toBe('paid');
    expect(contributionStatus(1000, 1200, '2027-03-31', '2027-03-01')).toEqual({
      status: 'paid',
      outstandingOre: 0,
      overpaidOre: 200,
    });
  });
});

describe('the 20 parties', () => {
  it('are the 19 municipalities and the region, found however their names are written', () => {
    expect(PARTIES).toHaveLength(20);
    expect(findParty('Favrskov')?.id).toBe('favrskov-kommune');
    expect(findParty('Ringkøbing-Skjern Kommune')?.id).toBe('ringkoebing-skjern-kommune');
    expect(findParty('ikast brande')?.id).toBe('ikast-brande-kommune');
    expect(findParty('Region Midtjylland')?.kind).toBe('region');
    expect(findParty('samsø-kommune')?.name).toBe('Samsø Kommune');
    expect(findParty('Odense')).toBeUndefined();
  });
});

describe('population import', () => {
  it('reads the project’s own CSV', () => {
    const parsed = parsePopulationImport(
      'party,year,population\nFavrskov,2024,48900\nregion-midtjylland,2024,1350000\n',
    );
    expect(parsed.format).toBe('fim');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, partyId: 'favrskov-kommune', year: 2024, population: 48_900 },
      { line: 3, partyId: 'region-midtjylland', year: 2024, population: 1_350_000 },
    ]);
  });

  it('reads a FOLK1A export: title line, quoted cells, Danish letters, 1 January quarters', () => {
    const folk1a = [
      'Folketal den 1. i kvartalet efter område og tid',
      '"område";"tid";"indhold"',
      '"Ringkøbing-Skjern";"2024K1";56423',
      '"Samsø";"2024K1";3640',
      '"Region Midtjylland";"2024K1";1361472',
      '',
    ].join('\r\n');
    const parsed = parsePopulationImport(folk1a);
    expect(parsed.format).toBe('folk1a');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.partyId, r.year, r.population])).toEqual([
      ['ringkoebing-skjern-kommune', 2024, 56_423],
      ['samsoe-kommune', 2024, 3_640],
      ['region-midtjylland', 2024, 1_361_472],
    ]);
  });

  it('reads a Windows-1252 file as well as UTF-8', () => {
    const latin1 = Uint8Array.from(Buffer.from('"Samsø";"2024K1";3640\n', 'latin1'));
    expect(parsePopulationImport(decodeImport(latin1)).rows[0]).toMatchObject({
      partyId: 'samsoe-kommune',
      population: 3640,
    });
  });

  it('reports every line it cannot use, by number, and keeps nothing back silently', () => {
    const parsed = parsePopulationImport(
      [
        '"område";"tid";"indhold"',
        '"Odense";"2024K1";200000',
        '"Favrskov";"2024K2";48000',
        '"Favrskov";"2024K1";"mange"',
        '"Aarhus";"2024K1";367095',
        '"Aarhus";"2024K1";367096',
        '"Horsens";"2024K1"',
      ].join('\n'),
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([5]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4, 6, 7]);
    expect(parsed.problems.map((p) => p.code)).toEqual([
      'UNKNOWN_PARTY',
      'NOT_JANUARY',
      'INVALID_POPULATION',
      'DUPLICATE',
      'COLUMNS',
    ]);
    const [unknown, notJanuary, population, duplicate] = parsed.problems.map((p) => say('en', p));
    expect(unknown).toContain('unknown party "Odense"');
    expect(notJanuary).toContain('not 1 January');
    expect(population).toContain('invalid population "mange"');
    expect(duplicate).toContain('also on line 5');
    // The values are the problem's own, for the API's members and the pages' words alike.
    expect(parsed.problems[0]).toEqual({
      line: 2,
      code: 'UNKNOWN_PARTY',
      params: { line: 2, value: 'Odense' },
    });
    expect(say('da', parsed.problems[3] as ImportProblem)).toBe(
      'Linje 6: Aarhus Kommune 2024 står også i linje 5',
    );
  });

  it('names every fault of a line, each with the line', () => {
    const parsed = parsePopulationImport('party,year,population\nOdense,2024K3,mange\n');
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'UNKNOWN_PARTY'],
      [2, 'NOT_JANUARY'],
      [2, 'INVALID_POPULATION'],
    ]);
    expect(parsed.problems.map((p) => say('da', p))).toEqual([
      'Linje 2: ukendt part "Odense"',
      'Linje 2: "2024K3" er ikke 1. januar (brug K1)',
      'Linje 2: ugyldigt folketal "mange"',
    ]);
  });

  it('says so when a file holds nothing', () => {
    const { problems } = parsePopulationImport('');
    expect(problems).toEqual([{ line: 0, code: 'EMPTY' }]);
    const [empty] = problems as [ImportProblem];
    expect(say('da', empty)).toBe('Filen indeholder ingen tal');
    expect(say('en', empty)).toBe('The file holds no figures');
  });
});

describe('finance in words', () => {
  it('gives each count the form of its noun, in Danish and in English', () => {
    expect(texts.da.finance.sentNotice(1, 0, 0)).toBe('1 opkrævning sendes nu; 0 var sendt i forvejen.');
    expect(texts.da.finance.sentNotice(20, 0, 1)).toBe(
      '19 opkrævninger sendes nu; 0 var sendt i forvejen. 1 part har ingen faktura-e-mail og kan ikke modtage sin opkrævning.',
    );
    expect(texts.da.finance.sentNotice(20, 0, 2)).toContain(
      '2 parter har ingen faktura-e-mail og kan ikke modtage deres opkrævninger.',
    );
    expect(texts.en.finance.sentNotice(1, 19, 0)).toBe('1 demand is being sent; 19 had been sent before.');
    expect(texts.da.finance.previewSummary(1, 2, 0)).toBe(
      '1 nyt, 2 ændrede, 0 uændrede. Intet er gemt endnu.',
    );
    expect(texts.en.finance.applied(1, 1)).toBe('Imported: 1 of 1 figure is new or changed and is saved.');
    expect(texts.da.finance.ran(0, 1, 19, 1)).toBe(
      'Bidragene er beregnet: 0 nye, 1 genberegnet, 19 uændrede. 1 sendt opkrævning afviger fra de nye tal: ret den med en regulering.',
    );
    expect(say('da', { code: 'IMPORT_HAS_ERRORS', params: { lines: 1 } })).toBe(
      'Filen har fejl i 1 linje; intet er gemt',
    );
    expect(
      say('en', { code: 'POPULATIONS_MISSING', params: { referenceYear: 2026, parties: ['Samsø Kommune'] } }),
    ).toBe('Population on 1 January 2026 missing for 1 party: Samsø Kommune');
  });

  it('words the demand e-mail from its figures, Danish first', () => {
    const { subject, body } = composeMail({
      id: 'm',
      createdAt: '2027-03-01T09:00:00.000Z',
      to: 'party:samsoe-kommune',
      case: { kind: 'party', id: 'samsoe-kommune' },
      link: '/finance/years/2027/parties/samsoe-kommune',
      kind: 'contribution.demand',
      params: {
        year: 2027,
        partyId: 'samsoe-kommune',
        partyName: 'Samsø Kommune',
        demandOre: 380_600,
        population: 3_806,
        referenceYear: 2026,
        rateOre: 100,
        dueDate: '2027-06-30',
        ...DEMO_PAYMENT_DETAILS,
        paymentReference: 'FIM 2027 samsoe-kommune',
      },
    });
    expect(subject).toBe(
      'Opkrævning: bidrag til Folkesundhed i Midten 2027 / Contribution to Folkesundhed i Midten 2027',
    );
    const text = body.replaceAll('\u00a0', ' ');
    expect(text.indexOf('Til Samsø Kommune')).toBeLessThan(text.indexOf('To Samsø Kommune'));
    expect(text).toContain('3.806,00 kr. (3.806 borgere pr. 1. januar 2026 à 1,00 kr.)');
    expect(text).toContain('DKK 3,806.00 (3,806 citizens on 1 January 2026 at DKK 1.00 each)');
    expect(text).toContain('Betales senest 30. juni 2027 til Region Midtjylland, Folkesundhed i Midten');
    expect(text).toContain('Reg.nr. 7244, kontonr. 0001234567');
    expect(text).toContain('Angiv referencen "FIM 2027 samsoe-kommune" ved betaling.');
    expect(text).toContain('Due by 30 June 2027, payable to Region Midtjylland, Folkesundhed i Midten');
    expect(text).toContain('Reg. no. 7244, account no. 0001234567');
    expect(text).toContain('Please quote the reference "FIM 2027 samsoe-kommune" with the payment.');
    expect(text).not.toContain('2027-06-30');
  });
});
