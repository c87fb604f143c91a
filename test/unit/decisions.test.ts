import { describe, expect, it } from 'vitest';
import { budgetExceeded } from '../../functions/core/decisions/budget.js';
import { checkDecision, withoutPersonalReasons } from '../../functions/core/decisions/decision.rules.js';
import type { Decision } from '../../functions/core/decisions/decision.schema.js';
import { problemOf } from '../../functions/http/problem.js';
import { decisionsCsv, scoresCsv } from '../../functions/http/review-exports.js';
import { composeMail } from '../../functions/texts/index.js';

const at = (field: string) => `/decisions/0/${field}`;
const requested = { requestedAmountOre: 30_000_000 };

describe('checkDecision', () => {
  it('asks an approval for an amount, at most the one applied for, with that amount as a value', () => {
    expect(checkDecision({ outcome: 'approved' }, requested, at)).toEqual([
      { pointer: '/decisions/0/amountOre', code: 'REQUIRED' },
    ]);
    expect(checkDecision({ outcome: 'approved', amountOre: 30_000_001 }, requested, at)).toEqual([
      { pointer: '/decisions/0/amountOre', code: 'OVER_REQUESTED', params: { requestedOre: 30_000_000 } },
    ]);
    expect(checkDecision({ outcome: 'approved', amountOre: 30_000_000 }, requested, at)).toEqual([]);
  });

  it('allows an amount on an approval only, and a rejection only with a written justification', () => {
    expect(checkDecision({ outcome: 'rejected', amountOre: 1, justification: '  ' }, requested, at)).toEqual([
      { pointer: '/decisions/0/amountOre', code: 'NOT_ALLOWED' },
      { pointer: '/decisions/0/justification', code: 'JUSTIFICATION_REQUIRED' },
    ]);
    expect(checkDecision({ outcome: 'rejected', justification: 'Ikke forankret' }, requested, at)).toEqual(
      [],
    );
    expect(checkDecision({ outcome: 'waiting_list' }, requested, at)).toEqual([]);
  });
});

describe('the budget refusal', () => {
  it('carries the figures as values, and the problem words them in the reader’s format', () => {
    const error = budgetExceeded(90_000_000, 20_000_000, 100_000_000);
    const figures = {
      approvedOre: 90_000_000,
      requestedOre: 20_000_000,
      budgetOre: 100_000_000,
      availableOre: 10_000_000,
    };
    expect(error.reason).toEqual({ code: 'BUDGET_EXCEEDED', params: figures });
    const da = problemOf('da', error);
    expect(da).toMatchObject({ status: 422, reason: 'BUDGET_EXCEEDED', ...figures });
    expect(da.detail).toMatch(
      /900\.000,00\skr\. er bevilget.*200\.000,00\skr\. mere.*100\.000,00\skr\. tilbage/,
    );
    expect(problemOf('en', error).detail).toMatch(/DKK\s900,000\.00 is approved.*DKK\s100,000\.00 is left/);
    // Nothing is left: never a negative figure.
    expect(budgetExceeded(120, 1, 100).reason).toMatchObject({ params: { availableOre: 0 } });
  });
});

describe('the decision letter', () => {
  const letter = (params: Record<string, unknown>) =>
    composeMail({
      id: 'm',
      createdAt: '2027-03-10T13:00:00.000Z',
      to: 'a@x.dk',
      case: { kind: 'application', id: 'app' },
      link: '/applications/app',
      kind: 'application.decision',
      params: {
        ownerName: 'Sofie Andersen',
        reference: 'FIM-2027-0001',
        title: 'Faldforebyggelse',
        callTitle: 'Praksisnær forskning',
        callTitleEn: 'Research in practice',
        outcome: 'approved',
        ...params,
      },
    } as Parameters<typeof composeMail>[0]);

  it('is written in Danish, then English, from the decision’s values', () => {
    const { subject, body } = letter({ amountOre: 30_000_000, conditions: 'Slutrapport i 2029' });
    expect(subject).toBe('Afgørelse på ansøgning FIM-2027-0001 / Decision on application FIM-2027-0001');
    expect(body.indexOf('Kære Sofie Andersen')).toBe(0);
    expect(body).toMatch(/har bevilget 300\.000,00\skr\. til projektet\.\n\nVilkår: Slutrapport i 2029/);
    expect(body).toMatch(
      /has granted DKK\s300,000\.00 to the project\.\n\nConditions \(in Danish\): Slutrapport/,
    );
    expect(body).toContain('til opslaget "Praksisnær forskning"');
    expect(body).toContain('to the call "Research in practice"');
  });

  it('names the meeting that decided: its date and title', () => {
    const { body } = letter({ amountOre: 30_000_000, decidedOn: '2027-03-10', meetingHeldOn: '2027-03-10' });
    expect(body).toContain('Mødet: Bestyrelsesmøde 10. marts 2027: Praksisnær forskning');
    expect(body).toContain('The meeting: Board meeting 10 March 2027: Research in practice');
    // A letter queued before meetings were named reads as before.
    expect(letter({ amountOre: 30_000_000 }).body).not.toContain('Mødet:');
  });

  it('gives a rejection its justification and the applicant’s rights', () => {
    const { body } = letter({
      outcome: 'rejected',
      justification: 'Ikke forankret.',
      callTitleEn: undefined,
    });
    expect(body).toContain('Begrundelse: Ikke forankret.');
    expect(body).toContain('forvaltningslovens §§ 22-24');
    expect(body).toContain('Justification (in Danish): Ikke forankret.');
    expect(body).toContain('to the call "Praksisnær forskning"');
  });
});

describe('withoutPersonalReasons', () => {
  it('keeps who stood aside and on what ground, not the words they gave', () => {
    const decision = {
      outcome: 'waiting_list',
      decidedAt: '2027-03-10T13:00:00.000Z',
      decidedBy: 'demo-chair',
      meetingId: 'm',
      recused: [
        { userId: 'b', name: 'Bo Nielsen', ground: 'organisation', reason: 'Aarhus Kommune' },
        { userId: 'r', name: 'Rikke Laursen', ground: 'declared', reason: 'Min ægtefælle er projektleder' },
      ],
    } satisfies Decision;
    expect(withoutPersonalReasons(decision).recused).toEqual([
      { userId: 'b', name: 'Bo Nielsen', ground: 'organisation' },
      { userId: 'r', name: 'Rikke Laursen', ground: 'declared' },
    ]);
    expect(withoutPersonalReasons(decision).outcome).toBe('waiting_list');
  });
});

describe('the CSV exports at the edge', () => {
  const criteria = [
    { id: 'relevance', name: 'Relevans', nameEn: 'Relevance', weight: 2 },
    { id: 'quality', name: 'Kvalitet', weight: 1 },
  ];
  const scores = {
    criteria,
    rows: [
      {
        reference: 'FIM-2027-0001',
        title: 'T',
        reviewerName: 'Rikke Laursen',
        scores: [5, 'na' as const],
        weightedScore: 5,
        recommendation: 'fund_with_changes' as const,
      },
    ],
  };

  it('words headers, n/a and recommendations in the reader’s language; the figures are the same', () => {
    const [daHeader, daRow] = scoresCsv('da', scores).replace('\uFEFF', '').split('\r\n');
    expect(daHeader).toBe(
      'Journalnr.;Titel;Bedømmer;Relevans (vægt 2);Kvalitet (vægt 1);Vægtet score;Indstilling',
    );
    expect(daRow).toBe('FIM-2027-0001;T;Rikke Laursen;5;i.r.;5;Bevilg med ændringer');
    const [enHeader, enRow] = scoresCsv('en', scores).replace('\uFEFF', '').split('\r\n');
    expect(enHeader).toBe(
      'Reference;Title;Reviewer;Relevance (weight 2);Kvalitet (weight 1);Weighted score;Recommendation',
    );
    expect(enRow).toBe('FIM-2027-0001;T;Rikke Laursen;5;n/a;5;Fund with changes');
  });

  it('words the outcome or status, and writes amounts in kroner exactly', () => {
    const row = {
      place: 1,
      reference: 'FIM-2027-0001',
      title: 'T',
      mean: 4.256,
      reviewCount: 2,
      spread: 0.5,
      requestedOre: 30_000_050,
      status: 'approved' as const,
      amountOre: 25_000_001,
      justification: undefined,
      recused: ['Bo Nielsen', 'Charlotte Bech'],
      conflicted: false,
    };
    const [, da] = decisionsCsv('da', [row]).replace('\uFEFF', '').split('\r\n');
    expect(da).toBe('1;FIM-2027-0001;T;4,26;2;0,5;300000,50;Bevilget;250000,01;;Bo Nielsen, Charlotte Bech');
    const [, en] = decisionsCsv('en', [{ ...row, status: 'in_review', amountOre: undefined, recused: [] }])
      .replace('\uFEFF', '')
      .split('\r\n');
    expect(en).toBe('1;FIM-2027-0001;T;4,26;2;0,5;300000,50;In review;;;');
  });
});
