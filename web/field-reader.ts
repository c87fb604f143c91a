import type { FieldError } from '../functions/core/shared/errors.js';
import { parseDateTimeInput } from '../functions/core/shared/time.js';
import { parseKrInput } from '../functions/texts/format.js';

const blank = (text: string): boolean => text.trim() === '';

/**
 * Reads what people type into numbers, amounts and times, and notes each field that is none of them as an
 * error beside it (the schema then checks the rest). Blank is left to the schema: `undefined`.
 */
export class FieldReader {
  readonly errors: FieldError[] = [];

  /** Kroner as Danes write them (300.000 · 1.250,50) into øre. */
  kroner(text: string, pointer: string): number | undefined {
    if (blank(text)) return undefined;
    const ore = parseKrInput(text);
    if (ore === undefined) this.errors.push({ pointer, code: 'not_an_amount' });
    return ore;
  }

  /** A signed amount in kroner (-1.000 · +250,50 · 300) into øre. */
  signedKroner(text: string, pointer: string): number | undefined {
    const m = /^\s*([-+−])?\s*(.*)$/.exec(text);
    const sign = m?.[1] === '-' || m?.[1] === '−' ? -1 : 1;
    const ore = this.kroner(m?.[2] ?? '', pointer);
    return ore === undefined ? undefined : sign * ore;
  }

  /** A whole number of at most `digits` digits. */
  whole(text: string, pointer: string, digits = 9): number | undefined {
    if (blank(text)) return undefined;
    if (!new RegExp(`^\\d{1,${digits}}$`).test(text.trim())) {
      this.errors.push({ pointer, code: 'not_a_number' });
      return undefined;
    }
    return Number(text.trim());
  }

  /** A number with a decimal comma or point (1,5 · 1.5 · 2), at most two digits either side. */
  decimal(text: string, pointer: string): number | undefined {
    if (blank(text)) return undefined;
    const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(text.trim());
    if (!m) {
      this.errors.push({ pointer, code: 'not_a_number' });
      return undefined;
    }
    return Number(`${m[1]}.${m[2] ?? '0'}`);
  }

  /** A size in megabytes (20 · 2,5), at most three digits before the comma and two after, as bytes. */
  megabytes(text: string, pointer: string): number | undefined {
    if (blank(text)) return undefined;
    const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
    if (!m) {
      this.errors.push({ pointer, code: 'not_a_number' });
      return undefined;
    }
    return Math.round(Number(`${m[1]}.${m[2] ?? '0'}`) * 1024 * 1024);
  }

  /** A date and time typed in Danish wall-clock time, as a UTC ISO string. */
  dateTime(text: string, pointer: string): string | undefined {
    if (blank(text)) return undefined;
    const iso = parseDateTimeInput(text);
    if (iso === undefined) this.errors.push({ pointer, code: 'not_a_datetime' });
    return iso;
  }

  /** Text, or undefined when blank (an optional field left empty). */
  optional(text: string): string | undefined {
    return blank(text) ? undefined : text;
  }
}
