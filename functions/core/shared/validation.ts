import { z } from 'zod';
import { AppError, type FieldError } from './errors.js';

export type Lang = 'da' | 'en';

/** Messages of our own refinements (`custom` issues carry one of these keys as their message). */
const customMessages: Record<string, Record<Lang, string>> = {
  closes_before_opens: {
    da: 'Fristen skal ligge efter åbningstidspunktet',
    en: 'The deadline must come after the opening time',
  },
  not_a_datetime: {
    da: 'Angiv dato og klokkeslæt (fx 2027-09-01T12:00)',
    en: 'Give a date and time (e.g. 2027-09-01T12:00)',
  },
  duplicate_id: { da: 'Id er brugt to gange', en: 'Id used twice' },
  duplicate_value: { da: 'Værdien er valgt to gange', en: 'Value chosen twice' },
  grant_over_budget: {
    da: 'Maksimumsbeløbet må ikke overstige puljens samlede budget',
    en: 'The maximum may not exceed the call’s total budget',
  },
  not_a_number: { da: 'Skal være et tal', en: 'Must be a number' },
  not_an_amount: {
    da: 'Skriv et beløb i kroner, fx 300.000 eller 1.250,50',
    en: 'Write an amount in kroner, e.g. 300.000 or 1.250,50',
  },
  malformed_body: { da: 'Forespørgslen er ikke gyldig JSON', en: 'The request body is not valid JSON' },
};

export const customMessage = (key: string, lang: Lang): string => customMessages[key]?.[lang] ?? key;

type Issue = z.core.$ZodIssue;

/**
 * One message per issue, worded for people filling in a form. Written here rather than taken from zod's
 * locales because those need the rejected input, which the HTTP validator does not keep.
 */
function issueMessage(issue: Issue, lang: Lang): string {
  const da = lang === 'da';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int' || issue.expected === 'number')
        return da ? 'Skal være et helt tal' : 'Must be a whole number';
      if (issue.expected === 'array') return da ? 'Skal være en liste' : 'Must be a list';
      if (issue.expected === 'object') return da ? 'Skal være et objekt' : 'Must be an object';
      return da ? 'Skal udfyldes med tekst' : 'Must be text';
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? da
            ? 'Skal udfyldes'
            : 'Required'
          : da
            ? `Skal være mindst ${issue.minimum} tegn`
            : `Must be at least ${issue.minimum} characters`;
      }
      if (issue.origin === 'array')
        return da ? `Skal have mindst ${issue.minimum}` : `Needs at least ${issue.minimum}`;
      return da ? `Skal være mindst ${issue.minimum}` : `Must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string')
        return da ? `Højst ${issue.maximum} tegn` : `At most ${issue.maximum} characters`;
      if (issue.origin === 'array') return da ? `Højst ${issue.maximum}` : `At most ${issue.maximum}`;
      return da ? `Må højst være ${issue.maximum}` : `Must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return da ? 'Ugyldig e-mailadresse' : 'Invalid e-mail address';
      if (issue.format === 'date') return da ? 'Ugyldig dato (ÅÅÅÅ-MM-DD)' : 'Invalid date (YYYY-MM-DD)';
      if (issue.format === 'regex' && issue.pattern?.includes('\\u0000')) {
        return da ? 'Indeholder ugyldige tegn' : 'Contains characters that are not allowed';
      }
      return da ? 'Ugyldigt format' : 'Invalid format';
    case 'invalid_value':
      return da ? 'Vælg en af de mulige værdier' : 'Choose one of the allowed values';
    case 'invalid_union':
      return da ? 'Ugyldig værdi' : 'Invalid value';
    case 'custom':
      return customMessage(issue.message, lang);
    default:
      return da ? 'Ugyldig værdi' : 'Invalid value';
  }
}

export const toPointer = (path: readonly PropertyKey[]): string =>
  `/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** Zod issues as field errors; unknown keys are named one by one so each gets its own pointer. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], lang: Lang): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pointer: toPointer([...issue.path, key]),
        code: 'unknown_field',
        detail: lang === 'da' ? `Ukendt felt: "${key}"` : `Unknown field: "${key}"`,
      }));
    }
    return [{ pointer: toPointer(issue.path), code: issue.code, detail: issueMessage(issue, lang) }];
  });
}

/** Parses with messages in the reader's language; throws VALIDATION_FAILED naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, lang: Lang = 'da'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', lang === 'da' ? 'Ugyldige oplysninger' : 'Invalid input', {
    errors: issuesToFieldErrors(result.error.issues, lang),
  });
}

/** Plain text: trimmed, bounded, and free of control characters other than line breaks and tabs. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/);
