import type { BudgetLine } from './application.schema.js';

/*
 * The application schemas' plain values and functions, in a module without zod, so that the scheduled jobs
 * (which validate nothing) bundle none of it (docs/infra.md "Cold start"). application.schema.ts re-exports them.
 */

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'withdrawn',
  'in_review',
  'approved',
  'rejected',
  'waiting_list',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const SECTORS = ['municipality', 'region', 'general_practice', 'research', 'other'] as const;
export type Sector = (typeof SECTORS)[number];
/** The sectors of the health agreement; a call's `minSectors` counts only these. */
export const AGREEMENT_SECTORS: readonly Sector[] = ['municipality', 'region', 'general_practice'];

export const sumBudgetOre = (lines: readonly BudgetLine[]): number =>
  lines.reduce((sum, line) => sum + (line.amountOre ?? 0), 0);
