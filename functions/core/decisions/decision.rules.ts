import type { Application } from '../applications/application.schema.js';
import type { FieldError } from '../shared/errors.js';
import type { Decision, DecisionInput } from './decision.schema.js';

/** Applications a decision may be made on: in review, or on the waiting list. */
export const decidable = (a: Pick<Application, 'status'>): boolean =>
  a.status === 'in_review' || a.status === 'waiting_list';

/**
 * The rules of one decision: an approval has an amount, at most the amount applied for; nothing else has an
 * amount; a rejection is justified in writing (forvaltningsloven §§ 22-24).
 */
export function checkDecision(
  d: Omit<DecisionInput, 'applicationId'>,
  application: Pick<Application, 'requestedAmountOre'>,
  at: (field: string) => string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (d.outcome === 'approved') {
    if (d.amountOre === undefined) errors.push({ pointer: at('amountOre'), code: 'REQUIRED' });
    else if (d.amountOre > application.requestedAmountOre)
      errors.push({
        pointer: at('amountOre'),
        code: 'OVER_REQUESTED',
        params: { requestedOre: application.requestedAmountOre },
      });
  } else if (d.amountOre !== undefined) {
    errors.push({ pointer: at('amountOre'), code: 'NOT_ALLOWED' });
  }
  if (d.outcome === 'rejected' && !d.justification?.trim())
    errors.push({ pointer: at('justification'), code: 'JUSTIFICATION_REQUIRED' });
  return errors;
}

/** A decision as the applicant reads it: who took no part, but not the reasons they gave. */
export const withoutPersonalReasons = (decision: Decision): Decision => ({
  ...decision,
  recused: decision.recused.map(({ reason: _personal, ...person }) => person),
});
