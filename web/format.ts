import { FIM_TIME_ZONE } from '../functions/core/shared/time.js';
import type { Lang } from '../functions/core/shared/validation.js';

const locale = (lang: Lang) => (lang === 'da' ? 'da-DK' : 'en-GB');

/** Øre as kroner, in the reader's format: 500.000,00 kr. */
export const formatKr = (ore: number, lang: Lang): string =>
  new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'DKK' }).format(ore / 100);

/** Basis points (1/10 000) as a percent with two decimals, in the reader's format: 5,27 % or 5.27%. */
export const formatBasisPoints = (basisPoints: number, lang: Lang): string =>
  new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(basisPoints / 10_000);

/** Øre as the plain number a form field shows: 300.000 or 1.250,50 (Danish separators in both languages). */
export function formatKrInput(ore: number | undefined): string {
  if (ore === undefined) return '';
  const kroner = Math.trunc(ore / 100);
  const rest = ore % 100;
  const whole = new Intl.NumberFormat('da-DK', { useGrouping: true }).format(kroner);
  return rest === 0 ? whole : `${whole},${String(rest).padStart(2, '0')}`;
}

/**
 * Reads kroner as people write them in Denmark (300.000 · 300000 · 1.250,50 · 1250,5) into øre, exactly:
 * no floating point. Undefined when it is no amount.
 */
export function parseKrInput(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(/kr\.?$/i, '');
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(compact);
  if (!m?.[1]) return undefined;
  const kroner = Number(m[1].replaceAll('.', ''));
  const ore = Number((m[2] ?? '').padEnd(2, '0'));
  const total = kroner * 100 + ore;
  return Number.isSafeInteger(total) ? total : undefined;
}

export const formatDateTime = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: FIM_TIME_ZONE,
  }).format(new Date(iso));

export const formatDate = (isoDate: string, lang: Lang): string =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
