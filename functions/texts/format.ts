import { FIM_TIME_ZONE } from '../core/shared/time.js';
import type { Lang } from './lang.js';

const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

/** Intl formatters cost far more to build than to use: one of each kind per language, built on first use. */
function cached<T>(build: (lang: Lang) => T): (lang: Lang) => T {
  const made = new Map<Lang, T>();
  return (lang) => {
    let formatter = made.get(lang);
    if (!formatter) {
      formatter = build(lang);
      made.set(lang, formatter);
    }
    return formatter;
  };
}

const currency = cached(
  (lang) => new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'DKK' }),
);
const percent = cached(
  (lang) =>
    new Intl.NumberFormat(LOCALE[lang], {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
);
const integer = cached((lang) => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }));
const decimal = cached((lang) => new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 2 }));
const dateTime = cached(
  (lang) =>
    new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: FIM_TIME_ZONE }),
);
const date = cached((lang) => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }));
const month = cached(
  (lang) => new Intl.DateTimeFormat(LOCALE[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }),
);
const plurals = cached((lang) => new Intl.PluralRules(LOCALE[lang]));
// What a form's input shows, always in Danish (the parser reads it back).
const inputGrouping = cached(() => new Intl.NumberFormat('da-DK', { useGrouping: true }));

/** Øre as kroner, in the reader's format: 500.000,00 kr. */
export const formatKr = (ore: number, lang: Lang): string => currency(lang).format(ore / 100);

/** Basis points (1/10 000) as a percent with two decimals, in the reader's format: 5,27 % or 5.27%. */
export const formatBasisPoints = (basisPoints: number, lang: Lang): string =>
  percent(lang).format(basisPoints / 10_000);

/** A number rounded to a whole, with the reader's grouping: 1.272.240 or 1,272,240. */
export const formatInteger = (n: number, lang: Lang): string => integer(lang).format(n);

/** A number with at most two decimals, in the reader's format: 3,67 or 3.67. */
export const formatDecimal = (n: number, lang: Lang): string => decimal(lang).format(n);

/** A moment as Danish wall-clock time, in the reader's words: 1. september 2027 kl. 12.00. */
export const formatDateTime = (iso: string, lang: Lang): string => dateTime(lang).format(new Date(iso));

/** A calendar date (YYYY-MM-DD) in the reader's words: 1. september 2027. */
export const formatDate = (isoDate: string, lang: Lang): string =>
  date(lang).format(new Date(`${isoDate}T00:00:00Z`));

/** A month of a year (1 = January) in the reader's words: maj 2027 or May 2027. */
export const formatMonth = (monthOfYear: number, year: number, lang: Lang): string =>
  month(lang).format(Date.UTC(year, monthOfYear - 1, 1));

/** The form of a word for a count, by the language's plural rules: plural(2, 'da', {one: 'ansøgning', other: 'ansøgninger'}). */
export const plural = (n: number, lang: Lang, forms: { one: string; other: string }): string =>
  plurals(lang).select(n) === 'one' ? forms.one : forms.other;

/** Øre as the plain number a form field shows: 300.000 or 1.250,50 (Danish separators in both languages). */
export function formatKrInput(ore: number | undefined): string {
  if (ore === undefined) return '';
  const kroner = Math.trunc(ore / 100);
  const rest = ore % 100;
  const whole = inputGrouping('da').format(kroner);
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
