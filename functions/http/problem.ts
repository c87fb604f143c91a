import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type AppErrorCode, type FieldError } from '../core/shared/errors.js';
import type { Message } from '../core/shared/messages.js';
import { type Lang, say, sayFieldError, texts } from '../texts/index.js';
import type { AppEnv } from './context.js';
import { RETRY_AFTER_SECONDS } from './limits.js';

/** A field or rule at fault in a problem: its code, its words, and its values as members of their own. */
export type ProblemFieldError = { pointer: string; code: string; detail: string } & Record<string, unknown>;

/**
 * RFC 9457 problem details in the reader's language (`Accept-Language`, Danish by default). `code` is the kind
 * of failure, `reason` which one; the values a message speaks of (`availableOre`, `requestedOre`, …) are
 * members too, so no client reads figures out of the words. `errors` name each field or rule at fault.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  reason?: string;
  errors?: ProblemFieldError[];
  [member: string]: unknown;
}

/** The HTTP status of each kind of core failure: the one table, for the API and the web pages. */
export const STATUS_OF: Record<AppErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  INVALID_STATE: 409,
  PRECONDITION_REQUIRED: 428,
  RULES_FAILED: 422,
  UNAVAILABLE: 503,
};

const typeFor = (code: string) => `urn:fim:problem:${code.toLowerCase().replaceAll('_', '-')}`;

const paramsOf = (message: { params?: object } | undefined): Record<string, unknown> =>
  message?.params ? { ...message.params } : {};

/** A message as the API shows it: its values as members of their own, its code and its words. */
export const messageMembers = (
  message: { code: string; params?: object },
  detail: string,
): { code: string; detail: string } & Record<string, unknown> => ({
  ...paramsOf(message),
  code: message.code,
  detail,
});

/** A field error as the API shows it: code, words, values. */
export const problemFieldError = (lang: Lang, error: FieldError): ProblemFieldError => ({
  ...messageMembers(error, sayFieldError(lang, error)),
  pointer: error.pointer,
});

export function problem(
  lang: Lang,
  status: ContentfulStatusCode,
  code: string,
  reason?: Message,
  errors: readonly FieldError[] = [],
): Problem {
  const t = texts[lang];
  return {
    ...paramsOf(reason),
    type: typeFor(code),
    title: t.problemTitle[status] ?? t.problemFallbackTitle,
    status,
    ...(reason === undefined ? {} : { detail: say(lang, reason) }),
    code,
    ...(reason ? { reason: reason.code } : {}),
    ...(errors.length > 0 ? { errors: errors.map((e) => problemFieldError(lang, e)) } : {}),
  };
}

/** The problem a core error stands for. */
export const problemOf = (lang: Lang, error: AppError): Problem =>
  problem(lang, STATUS_OF[error.code], error.code, error.reason, error.errors);

/** A problem as the response: problem+json in the reader's language; a 503 says when to try again. */
export function problemResponse(c: Context<AppEnv>, body: Problem): Response {
  return c.newResponse(
    JSON.stringify({ ...body, instance: c.req.path }),
    body.status as ContentfulStatusCode,
    {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Content-Language': c.get('lang') ?? 'da',
      ...(body.status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {}),
    },
  );
}

/**
 * Any error as problem+json in the reader's language. Known errors keep their message; anything unexpected is
 * logged and answered as a bare 500, so no internals leak.
 */
export function errorToProblem(
  lang: Lang,
  error: unknown,
  log: (message: string, error: unknown) => void,
): Problem {
  if (error instanceof AppError) return problemOf(lang, error);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 400 && /json/i.test(error.message)) {
      return problem(lang, 400, 'MALFORMED_BODY', { code: 'MALFORMED_BODY' });
    }
    return problem(lang, status, `HTTP_${status}`);
  }
  log('Unhandled error', error);
  return problem(lang, 500, 'INTERNAL');
}
