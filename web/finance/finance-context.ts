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

/** A count a redirect put in the address for its notice (`?created=20`); undefined when absent or no count. */
export function countOf(c: WebContext, name: string): number | undefined {
  const value = c.req.query(name);
  return value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : undefined;
}
