import * as z from 'zod';
import { AppError, type FieldError } from './errors.js';
import type { CustomIssueCode, MessageCode } from './messages.js';

type Issue = z.core.$ZodIssue;

const number = (value: number | bigint): number => Number(value);

/** What a string's format was meant to be: the text rule's refusal of control characters is its own. */
const formatOf = (issue: Extract<Issue, { code: 'invalid_format' }>): string =>
  issue.format === 'regex' && issue.pattern?.includes('\\u0000') ? 'text' : issue.format;

const CUSTOM = new Set<string>([
  'not_a_number',
  'not_an_amount',
  'not_a_datetime',
  'duplicate_id',
  'duplicate_value',
  'closes_before_opens',
  'grant_over_budget',
  'due_months_or_date',
  'review_due_before_closes',
  'ean_check_digit',
  'cvr_check_digit',
  'registration_number_digits',
  'account_number_digits',
  'q_needs_call_or_status',
] satisfies CustomIssueCode[]);

/** A custom refinement's message is its code; one that is not a known code is an invalid value. */
const customCode = (message: string): MessageCode =>
  CUSTOM.has(message) ? (message as CustomIssueCode) : 'invalid_value';

export const toPointer = (path: readonly PropertyKey[]): string =>
  `/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** One zod issue as field errors, each a code with its values; unknown keys are named one by one. */
function issueErrors(issue: Issue): FieldError[] {
  const pointer = toPointer(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        pointer: toPointer([...issue.path, key]),
        code: 'unknown_field',
        params: { key },
      }));
    case 'invalid_type':
      return [{ pointer, code: 'invalid_type', params: { expected: issue.expected } }];
    case 'too_small':
      return [
        { pointer, code: 'too_small', params: { origin: issue.origin, minimum: number(issue.minimum) } },
      ];
    case 'too_big':
      return [{ pointer, code: 'too_big', params: { origin: issue.origin, maximum: number(issue.maximum) } }];
    case 'invalid_format':
      return [{ pointer, code: 'invalid_format', params: { format: formatOf(issue) } }];
    case 'invalid_union':
      return [{ pointer, code: 'invalid_union' }];
    case 'custom': {
      const code = customCode(issue.message);
      return [{ pointer, code } as FieldError];
    }
    default:
      return [{ pointer, code: 'invalid_value' }];
  }
}

/** Zod issues as field errors: codes and values, worded by the reader's catalogue. */
export const issuesToFieldErrors = (issues: readonly Issue[]): FieldError[] => issues.flatMap(issueErrors);

/** Parses, or throws VALIDATION_FAILED naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_INPUT' },
    { errors: issuesToFieldErrors(result.error.issues) },
  );
}

/**
 * Plain text: trimmed, bounded, and free of control characters other than line breaks and tabs, and of the
 * invisible format characters that make text read other than it is: bidi embeddings, overrides, isolates and
 * marks (a name that shows reversed), zero-width spaces and joiners, word joiners, the byte-order mark, soft
 * hyphens and interlinear annotation marks (a reference that looks like another).
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
      /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]*$/,
    );
