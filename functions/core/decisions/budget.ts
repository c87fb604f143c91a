import { type AppError, refusal } from '../shared/errors.js';

/**
 * Refusal of decisions that would approve beyond the call's budget, with the figures as values: what is
 * approved, what these decisions ask for, the budget and what is left of it.
 */
export function budgetExceeded(approvedOre: number, deltaOre: number, budgetOre: number): AppError {
  const params = {
    approvedOre,
    requestedOre: deltaOre,
    budgetOre,
    availableOre: Math.max(0, budgetOre - approvedOre),
  };
  return refusal('RULES_FAILED', '/decisions', { code: 'BUDGET_EXCEEDED', params });
}
