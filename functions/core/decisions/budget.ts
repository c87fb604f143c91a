import { AppError } from '../shared/errors.js';

/** Refusal of decisions that would approve beyond the call's budget, with the figures. */
export function budgetExceeded(approvedOre: number, deltaOre: number, budgetOre: number): AppError {
  const kr = (ore: number) =>
    new Intl.NumberFormat('da-DK', { style: 'currency', currency: 'DKK' }).format(ore / 100);
  return new AppError(
    'RULES_FAILED',
    `Bevillingerne ville overstige puljen: ${kr(approvedOre)} bevilget, ${kr(deltaOre)} mere, pulje ${kr(budgetOre)} / ` +
      `Approvals would exceed the budget: ${kr(approvedOre)} approved, ${kr(deltaOre)} more, budget ${kr(budgetOre)}`,
    {
      errors: [
        {
          pointer: '/decisions',
          code: 'BUDGET_EXCEEDED',
          detail: `approvedOre=${approvedOre} requestedOre=${deltaOre} budgetOre=${budgetOre} availableOre=${Math.max(0, budgetOre - approvedOre)}`,
        },
      ],
    },
  );
}
