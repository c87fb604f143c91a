import { MAX_YEAR, MIN_YEAR } from '../../functions/core/finance/finance.schema.js';
import { notFound } from '../../functions/core/shared/errors.js';
import type { WebContext } from '../render.js';

/** The year a finance address names (`/finance/years/2027/…`); anything else is a page that does not exist. */
export function yearOf(c: WebContext, text = c.req.param('year') ?? ''): number {
  if (!/^\d{4}$/.test(text)) throw notFound('year');
  const year = Number(text);
  if (year < MIN_YEAR || year > MAX_YEAR) throw notFound('year');
  return year;
}

/**
 * The counts a redirect put in the address for its notice (`?sent=20&already=0`), in the order named;
 * undefined unless every one is there and a count.
 */
export function countsOf<N extends readonly string[]>(
  c: WebContext,
  ...names: N
): { [K in keyof N]: number } | undefined {
  const values = names.map((name) => c.req.query(name));
  if (!values.every((v) => v !== undefined && /^\d{1,3}$/.test(v))) return undefined;
  return values.map(Number) as { [K in keyof N]: number };
}
