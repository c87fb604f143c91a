import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  recordPayment,
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../../functions/core/finance/contribution.service.js';
import { yearSettingsInputSchema } from '../../functions/core/finance/finance.schema.js';
import {
  DEMO_PAYMENT_DETAILS,
  DEMO_WITHOUT_EMAIL,
  demoInvoicingDetails,
} from '../../functions/core/finance/parties.demo.js';
import { PARTIES } from '../../functions/core/finance/parties.js';
import {
  eanCheckDigit,
  partyDetailsInputSchema,
  validCvr,
  validEan,
} from '../../functions/core/finance/parties.schema.js';
import { getPartyDetails, updatePartyDetails } from '../../functions/core/finance/parties.service.js';
import { applyPopulationImport } from '../../functions/core/finance/population.service.js';
import { composeMail, say } from '../../functions/texts/index.js';
import { createFakes } from '../support/fakes.js';
import { populationsCsv } from '../support/fixtures.js';
import { ACTORS, as } from '../support/services.js';

/*
 * The parties' invoicing details: the number checks (GS1, modulus 11), the change rules (merge patch, version,
 * audit with before and after, finance only), and where they are used (the demand's and the receipt's address).
 */

describe('the number checks', () => {
  it('accepts a GLN whose 13th digit is its GS1 check digit, and no other', () => {
    expect(validEan('5790000000005')).toBe(true);
    expect(validEan('5798000410008')).toBe(true);
    expect(validEan('5798000410009')).toBe(false);
    expect(validEan('579800041000')).toBe(false);
    expect(validEan('57980004100a8')).toBe(false);
  });

  it('catches every single wrong digit of a GLN', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.nat(12),
        fc.integer({ min: 1, max: 9 }),
        (first12, at, by) => {
          const ean = `${first12}${eanCheckDigit(first12)}`;
          expect(validEan(ean)).toBe(true);
          const wrong = `${ean.slice(0, at)}${(Number(ean[at]) + by) % 10}${ean.slice(at + 1)}`;
          expect(validEan(wrong)).toBe(false);
        },
      ),
    );
  });

  it('accepts a CVR number whose weighted digits sum to a multiple of 11', () => {
    // Region Midtjylland's and Aarhus Kommune's CVR numbers.
    expect(validCvr('29190925')).toBe(true);
    expect(validCvr('55133018')).toBe(true);
    expect(validCvr('55133019')).toBe(false);
    expect(validCvr('5513301')).toBe(false);
  });

  it('names one error per field: the length first, the check digit once the length is right', () => {
    const result = partyDetailsInputSchema.safeParse({ ean: '12', cvr: '55133019' });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('/'), i.code, i.message]);
    expect(issues).toEqual([
      ['ean', 'invalid_format', expect.any(String)],
      ['cvr', 'custom', 'cvr_check_digit'],
    ]);
    expect(say('da', { code: 'ean_check_digit' })).toBe('Kontrolcifferet passer ikke: tjek EAN-nummeret');
    expect(say('en', { code: 'cvr_check_digit' })).toBe('Not a valid CVR number: check the digits');
  });

  it('gives the demo parties valid numbers under example.dk, two of them without an e-mail', () => {
    const details = PARTIES.map(demoInvoicingDetails);
    expect(details.every((d) => validEan(d.ean ?? '') && validCvr(d.cvr ?? ''))).toBe(true);
    expect(new Set(details.map((d) => d.ean)).size).toBe(20);
    expect(details.filter((d) => !d.invoiceEmail)).toHaveLength(DEMO_WITHOUT_EMAIL.length);
    expect(details.flatMap((d) => d.invoiceEmail ?? []).every((e) => e.endsWith('.example.dk'))).toBe(true);
  });
});

describe('changing the details', () => {
  it('is for finance and admins only', async () => {
    const { deps, store } = createFakes();
    await expect(
      updatePartyDetails(deps, as(ACTORS.applicant), 'skive-kommune', { cvr: '55133018' }, 0),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getPartyDetails(deps, ACTORS.applicant, 'skive-kommune')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(store.commits).toBe(0);
  });

  it('writes only a change, at the version read, audited with each field before and after', async () => {
    const { deps, store } = createFakes();
    const ctx = as(ACTORS.finance);
    const saved = await updatePartyDetails(
      deps,
      ctx,
      'skive-kommune',
      { invoiceEmail: 'a@skive.example.dk' },
      0,
    );
    expect(saved).toMatchObject({ version: 1, invoiceEmail: 'a@skive.example.dk', name: 'Skive Kommune' });
    // The same again, or nothing at all, is no change.
    await updatePartyDetails(
      deps,
      ctx,
      'skive-kommune',
      { invoiceEmail: 'a@skive.example.dk', cvr: null },
      1,
    );
    expect(store.commits).toBe(1);
    await expect(
      updatePartyDetails(deps, ctx, 'skive-kommune', { invoiceEmail: null }, 0),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const cleared = await updatePartyDetails(deps, ctx, 'skive-kommune', { invoiceEmail: null }, 1);
    expect(cleared.invoiceEmail).toBeUndefined();
    expect(store.eventsOf('party-skive-kommune').map((e) => e.details)).toEqual([
      {
        invoiceEmailBefore: null,
        invoiceEmailAfter: 'a@skive.example.dk',
        fields: 'invoiceEmail',
        version: 1,
      },
      {
        invoiceEmailBefore: 'a@skive.example.dk',
        invoiceEmailAfter: null,
        fields: 'invoiceEmail',
        version: 2,
      },
    ]);
    const { history } = await getPartyDetails(deps, ACTORS.finance, 'skive-kommune');
    expect(history.map((c) => [c.version, c.changes[0]?.after])).toEqual([
      [2, null],
      [1, 'a@skive.example.dk'],
    ]);
    await expect(updatePartyDetails(deps, ctx, 'nowhere', { cvr: null }, 0)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('the demand and the receipt go to the invoicing e-mail', () => {
  async function sentYear() {
    const fakes = createFakes();
    const ctx = as(ACTORS.finance);
    await updatePartyDetails(fakes.deps, ctx, 'aarhus-kommune', { invoiceEmail: 'f@aarhus.example.dk' }, 0);
    await applyPopulationImport(fakes.deps, ctx, populationsCsv(2013));
    const settings = yearSettingsInputSchema.parse({
      referenceYear: 2013,
      dueDate: '2027-03-31',
      paymentDetails: DEMO_PAYMENT_DETAILS,
    });
    await saveYearSettings(fakes.deps, ctx, 2027, settings, undefined);
    await runContributions(fakes.deps, ctx, 2027);
    return { ...fakes, sent: await sendContributions(fakes.deps, ctx, 2027) };
  }

  it('names the parties a demand cannot reach, and writes theirs with no address', async () => {
    const { store, sent } = await sentYear();
    expect(sent.sent).toHaveLength(20);
    expect(sent.noAddress).toHaveLength(19);
    expect(sent.noAddress).not.toContain('aarhus-kommune');
    const demands = store.outbox.filter((m) => m.kind === 'contribution.demand');
    expect(demands.find((m) => m.case.id === 'aarhus-kommune')?.to).toBe('f@aarhus.example.dk');
    expect(demands.filter((m) => m.to === '')).toHaveLength(19);
  });

  it('sends a receipt for a payment, and none for a payment replayed by its key', async () => {
    const { deps, store } = await sentYear();
    const payment = { amountOre: 31_909_400, paidOn: '2027-02-01', reference: 'Bank' };
    await recordPayment(deps, as(ACTORS.finance), 2027, 'aarhus-kommune', payment, 'key-1');
    await recordPayment(deps, as(ACTORS.finance), 2027, 'aarhus-kommune', payment, 'key-1');
    const receipts = store.outbox.filter((m) => m.kind === 'contribution.payment_received');
    expect(receipts).toHaveLength(1);
    const receipt = receipts[0];
    expect(receipt?.to).toBe('f@aarhus.example.dk');
    expect(receipt?.params).toMatchObject({ outstandingOre: 0, paidOre: 31_909_400 });
    const words = composeMail(receipt as NonNullable<typeof receipt>).body;
    expect(words).toContain('Bidraget for 2027 er betalt. Tak.');
    expect(words).toContain('The contribution for 2027 is paid. Thank you.');
  });
});
