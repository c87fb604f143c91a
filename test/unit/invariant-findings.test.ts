import { describe, expect, it } from 'vitest';
import type { InvariantMessages } from '../../functions/core/finance/finance.messages.js';
import type { InvariantProblem } from '../../functions/core/finance/finance.schema.js';
import { formatKr, formatMonth } from '../../functions/texts/format.js';
import { type Lang, sayInvariantProblem } from '../../functions/texts/index.js';

/*
 * What the invariant check finds is shown to finance staff in their language, each finding with the figures
 * that disagree. One finding of every code (the type makes the list complete), with figures of their own, so
 * words that left a figure out, or showed another, fail.
 */
const FINDINGS: { [K in keyof InvariantMessages]: InvariantMessages[K] } = {
  AVAILABLE_MISMATCH: { availableOre: 10_001, expectedOre: 10_002 },
  GRANT_AVAILABLE_MISMATCH: { grantAvailableOre: 10_003, expectedOre: 10_004 },
  GRANT_SHARE_MISMATCH: { grantReceivedOre: 10_005, receivedOre: 10_006 },
  OVER_DISBURSED: { disbursedOre: 10_007, committedOre: 10_008 },
  OVER_REFUNDED: { refundedOre: 10_009, disbursedOre: 10_010 },
  POOL_MISMATCH: { counter: 'committedOre', pool: 10_011, sumOfYears: 10_012 },
  OVER_COMMITTED: { committedOre: 10_013, receivedOre: 10_014, refundedOre: 10_015 },
  NOT_WHOLE_ORE: { entryId: 'entry-1', amountOre: 12.5 },
  GRANT_SHARE_MISSING: { entryId: 'entry-2' },
  BALANCE_MISMATCH: { counter: 'refundedOre', balance: 10_016, sumOfEntries: 10_017 },
  ENTRY_COUNT_MISMATCH: { counter: 'entries', balance: 7, sumOfEntries: 9 },
  DAY_BALANCE_MISMATCH: { date: '2027-05-04', dayOre: 10_038, sumOfEntriesOre: 10_039 },
  ENTRY_WITHOUT_CONTRIBUTION: { entryId: 'entry-3', partyId: 'favrskov-kommune' },
  PAID_MISMATCH: { partyId: 'skive-kommune', paidOre: 10_018, sumOfPaymentsOre: 10_019 },
  ADJUSTMENTS_MISMATCH: { partyId: 'viborg-kommune', adjustmentsOre: -10_020, sumOfAdjustmentsOre: 10_021 },
  NEGATIVE_DEMAND: { partyId: 'lemvig-kommune', demandOre: 10_022, adjustmentsOre: -10_023 },
  ENTRY_WITHOUT_AWARD: { awardId: 'award-1' },
  AWARD_YEAR_MISMATCH: { awardId: 'award-2', awardYear: 2031 },
  COMMITTED_MISMATCH: { awardId: 'award-3', amountOre: 10_024, commitments: 2, sumOfCommitmentsOre: 10_025 },
  DISBURSED_MISMATCH: { awardId: 'award-4', disbursedOre: 10_026, sumOfDisbursementsOre: 10_027 },
  REFUNDED_MISMATCH: { awardId: 'award-5', refundedOre: 10_028, sumOfRefundsOre: 10_029 },
  AWARD_OVER_DISBURSED: { awardId: 'award-6', disbursedOre: 10_030, amountOre: 10_031 },
  AWARD_OVER_REFUNDED: { awardId: 'award-7', refundedOre: 10_032, disbursedOre: 10_033 },
  RELEASED_MISMATCH: { awardId: 'award-8', releasedOre: 10_034, sumOfReleasesOre: 10_035 },
  RELEASE_WRONG: { awardId: 'award-9', status: 'closed', releasedOre: 10_036, expectedOre: 10_037 },
};

const findings = Object.entries(FINDINGS).map(
  ([code, params]) => ({ code, params, year: 2027 }) as InvariantProblem,
);

/** How a figure reads in the words: amounts in kroner, counts and years as they are, names as they are. */
function figuresOf(problem: InvariantProblem, lang: Lang): string[] {
  const params = problem.params as Record<string, string | number>;
  const money = !('counter' in params) || params.counter !== 'entries';
  return Object.entries(params).flatMap(([key, value]) => {
    if (key === 'status') return [];
    if (typeof value === 'string') return [value];
    const amount =
      key.endsWith('Ore') || (money && ['balance', 'pool', 'sumOfEntries', 'sumOfYears'].includes(key));
    return [amount && problem.code !== 'NOT_WHOLE_ORE' ? formatKr(value, lang) : String(value)];
  });
}

describe('the invariant check’s findings in words', () => {
  it.each(findings)('$code names every figure, in Danish and in English', (problem) => {
    const da = sayInvariantProblem('da', problem);
    const en = sayInvariantProblem('en', problem);
    expect(da).not.toBe(en);
    for (const [lang, words] of [
      ['da', da],
      ['en', en],
    ] as const) {
      expect(words, lang).not.toMatch(/undefined|NaN|\[object/);
      for (const figure of figuresOf(problem, lang)) expect(words, `${lang}: ${figure}`).toContain(figure);
    }
  });

  it('says which of the pool’s guards was passed: the grants’ share, or all the pool received', () => {
    const grants = {
      code: 'OVER_COMMITTED',
      params: { committedOre: 500, grantReceivedOre: 300, refundedOre: 100 },
    };
    const all = { code: 'OVER_COMMITTED', params: { committedOre: 500, receivedOre: 300, refundedOre: 100 } };
    expect(sayInvariantProblem('da', grants as InvariantProblem)).toMatch(
      /^Puljen har bevilget 5,00\skr\., mere end modtaget til projektstøtte \(3,00\skr\.\) plus tilbagebetalt \(1,00\skr\.\)$/,
    );
    expect(sayInvariantProblem('en', all as InvariantProblem)).toMatch(
      /^The pool has committed DKK\s5\.00, more than received \(DKK\s3\.00\) plus refunded \(DKK\s1\.00\)$/,
    );
  });

  it('words a closed award’s status and a count of entries in the reader’s language', () => {
    expect(
      sayInvariantProblem('da', findings.find((p) => p.code === 'RELEASE_WRONG') as InvariantProblem),
    ).toContain('(lukket)');
    const count = findings.find((p) => p.code === 'ENTRY_COUNT_MISMATCH') as InvariantProblem;
    expect(sayInvariantProblem('da', count)).toBe(
      'Årets saldo tæller 7 posteringer (entries), men regnskabet har 9',
    );
    expect(sayInvariantProblem('en', count)).toBe(
      "The year's balance (entries) counts 7 entries, but the ledger has 9",
    );
  });
});

describe('months on a chart’s time axis', () => {
  it('are the reader’s month names', () => {
    expect(formatMonth(1, 2027, 'da')).toBe('januar 2027');
    expect(formatMonth(5, 2027, 'da')).toBe('maj 2027');
    expect(formatMonth(12, 2027, 'en')).toBe('December 2027');
  });
});
