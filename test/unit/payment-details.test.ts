import { describe, expect, it } from 'vitest';
import {
  runContributions,
  saveYearSettings,
  sendContributions,
} from '../../functions/core/finance/contribution.service.js';
import {
  paymentDetailsSchema,
  yearSettingsInputSchema,
} from '../../functions/core/finance/finance.schema.js';
import { DEMO_PAYMENT_DETAILS } from '../../functions/core/finance/parties.demo.js';
import { applyPopulationImport } from '../../functions/core/finance/population.service.js';
import { AppError, errorsOf } from '../../functions/core/shared/errors.js';
import { parseInput } from '../../functions/core/shared/validation.js';
import { say } from '../../functions/texts/index.js';
import { createFakes } from '../support/fakes.js';
import { populationsCsv } from '../support/fixtures.js';
import { ACTORS, as } from '../support/services.js';

/*
 * The pool's payment details on a year's settings: the account's digits (reg.nr. 4, account number up to 10),
 * the refusal to send demands without them, and their words in both languages.
 */

/** The field errors a payment details input gets, as pointer and code. */
function faults(input: unknown): [string, string][] {
  try {
    parseInput(paymentDetailsSchema, input);
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return errorsOf(error).map((e) => [e.pointer, e.code]);
  }
}

describe('the account’s digits', () => {
  it('takes a 4-digit reg.nr. and an account number of 1 to 10 digits, leading zeros kept', () => {
    expect(faults(DEMO_PAYMENT_DETAILS)).toEqual([]);
    const parsed = paymentDetailsSchema.parse({
      payee: '  FIM  ',
      registrationNumber: '0040',
      accountNumber: '7',
    });
    expect(parsed).toEqual({ payee: 'FIM', registrationNumber: '0040', accountNumber: '7' });
    expect(faults({ ...DEMO_PAYMENT_DETAILS, accountNumber: '1234567890' })).toEqual([]);
  });

  it('names each number that is not its digits, with its own code', () => {
    for (const registrationNumber of ['123', '12345', '12 4', '12a4', '', '-123']) {
      expect(faults({ ...DEMO_PAYMENT_DETAILS, registrationNumber })).toEqual([
        ['/registrationNumber', 'registration_number_digits'],
      ]);
    }
    for (const accountNumber of ['', '12345678901', '1234-5678', '１２３']) {
      expect(faults({ ...DEMO_PAYMENT_DETAILS, accountNumber })).toEqual([
        ['/accountNumber', 'account_number_digits'],
      ]);
    }
    expect(faults({ payee: ' ', registrationNumber: '1', accountNumber: 'x' })).toEqual([
      ['/payee', 'too_small'],
      ['/registrationNumber', 'registration_number_digits'],
      ['/accountNumber', 'account_number_digits'],
    ]);
    expect(faults({ ...DEMO_PAYMENT_DETAILS, iban: 'DK50' })).toEqual([['/iban', 'unknown_field']]);
  });

  it('is optional on the year’s settings, but whole when given', () => {
    expect(yearSettingsInputSchema.parse({ referenceYear: 2013, dueDate: '2027-03-31' }).paymentDetails).toBe(
      undefined,
    );
    const partial = yearSettingsInputSchema.safeParse({
      referenceYear: 2013,
      dueDate: '2027-03-31',
      paymentDetails: { payee: 'FIM' },
    });
    expect(partial.success).toBe(false);
  });
});

describe('sending without them', () => {
  async function computedYear(paymentDetails?: typeof DEMO_PAYMENT_DETAILS) {
    const fakes = createFakes();
    const ctx = as(ACTORS.finance);
    await applyPopulationImport(fakes.deps, ctx, populationsCsv(2013));
    const settings = yearSettingsInputSchema.parse({
      referenceYear: 2013,
      dueDate: '2027-03-31',
      paymentDetails,
    });
    await saveYearSettings(fakes.deps, ctx, 2027, settings, undefined);
    await runContributions(fakes.deps, ctx, 2027);
    return { ...fakes, ctx };
  }

  it('is refused by name, and nothing is sent or changed', async () => {
    const { deps, store, ctx } = await computedYear();
    const error = await sendContributions(deps, ctx, 2027).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'RULES_FAILED',
      reason: { code: 'PAYMENT_DETAILS_MISSING', params: { year: 2027 } },
    });
    expect(errorsOf(error as AppError).map((e) => e.pointer)).toEqual(['/paymentDetails']);
    expect(store.outbox).toEqual([]);
    expect([...store.contributions.values()].every((c) => c.state === 'computed')).toBe(true);
  });

  it('goes ahead once finance adds them, each demand naming the account and its reference', async () => {
    const { deps, store, ctx } = await computedYear();
    const current = await deps.finance.getYear(2027);
    const input = yearSettingsInputSchema.parse({
      referenceYear: 2013,
      dueDate: '2027-03-31',
      paymentDetails: DEMO_PAYMENT_DETAILS,
    });
    const { settings } = await saveYearSettings(deps, ctx, 2027, input, current?.version);
    expect(settings.paymentDetails).toEqual(DEMO_PAYMENT_DETAILS);
    // The same settings again write nothing; a changed account is a new version.
    expect((await saveYearSettings(deps, ctx, 2027, input, settings.version)).settings.version).toBe(
      settings.version,
    );
    const sent = await sendContributions(deps, ctx, 2027);
    expect(sent.sent).toHaveLength(20);
    const favrskov = store.outbox.find((m) => m.case.id === 'favrskov-kommune');
    expect(favrskov?.params).toMatchObject({
      ...DEMO_PAYMENT_DETAILS,
      paymentReference: 'FIM 2027 favrskov-kommune',
      dueDate: '2027-03-31',
    });
  });
});

describe('their words', () => {
  it('say what is missing and what a number must be, in Danish and in English', () => {
    expect(say('da', { code: 'PAYMENT_DETAILS_MISSING', params: { year: 2027 } })).toBe(
      'Opkrævningerne for 2027 kan ikke sendes: årets betalingsoplysninger (betalingsmodtager, reg.nr. og kontonummer) mangler. Udfyld dem i årets opsætning; intet er sendt.',
    );
    expect(say('en', { code: 'PAYMENT_DETAILS_MISSING', params: { year: 2027 } })).toBe(
      "The demands of 2027 cannot be sent: the year's payment details (payee, reg. no. and account number) are missing. Fill them in in the year's settings; nothing was sent.",
    );
    expect(say('da', { code: 'registration_number_digits' })).toBe('Reg.nr. skal være 4 cifre');
    expect(say('en', { code: 'registration_number_digits' })).toBe('The reg. no. must be 4 digits');
    expect(say('da', { code: 'account_number_digits' })).toBe('Kontonummeret skal være 1 til 10 cifre');
    expect(say('en', { code: 'account_number_digits' })).toBe('The account number must be 1 to 10 digits');
  });
});
