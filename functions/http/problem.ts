import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type AppErrorCode, type FieldError } from '../core/shared/errors.js';

/** RFC 9457 problem details, with `errors` naming each field or rule at fault by JSON pointer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
}

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

const TITLES: Record<number, string> = {
  400: 'Ugyldig forespørgsel / Bad request',
  401: 'Log ind først / Sign in first',
  403: 'Ingen adgang / Forbidden',
  404: 'Findes ikke / Not found',
  405: 'Metoden er ikke tilladt / Method not allowed',
  409: 'Konflikt / Conflict',
  413: 'For stor forespørgsel / Request too large',
  415: 'Forkert indholdstype / Unsupported media type',
  422: 'Reglerne er ikke opfyldt / Rules not met',
  428: 'Versionen mangler (If-Match) / Version required (If-Match)',
  500: 'Intern fejl / Internal error',
  503: 'Prøv igen om lidt / Try again shortly',
};

const typeFor = (code: string) => `urn:fim:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export function problem(
  status: ContentfulStatusCode,
  code: string,
  detail?: string,
  errors?: FieldError[],
): Problem {
  return {
    type: typeFor(code),
    title: TITLES[status] ?? 'Fejl / Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(c: Context, body: Problem): Response {
  return c.newResponse(
    JSON.stringify({ ...body, instance: c.req.path }),
    body.status as ContentfulStatusCode,
    {
      'Content-Type': 'application/problem+json; charset=utf-8',
    },
  );
}

/**
 * Any error as problem+json. Known errors keep their message; anything unexpected is logged and answered
 * as a bare 500, so no internals leak.
 */
export function errorToProblem(error: unknown, log: (message: string, error: unknown) => void): Problem {
  if (error instanceof AppError) {
    return problem(STATUS_OF[error.code], error.code, error.message, error.errors);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 400 && /json/i.test(error.message)) {
      return problem(
        400,
        'MALFORMED_BODY',
        'Forespørgslen er ikke gyldig JSON / The request body is not valid JSON',
      );
    }
    return problem(status, `HTTP_${status}`, status < 500 ? error.message : undefined);
  }
  log('Unhandled error', error);
  return problem(500, 'INTERNAL');
}
