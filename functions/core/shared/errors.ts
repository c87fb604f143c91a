import type { EntityName, Message } from './messages.js';

/**
 * The one error family of the core. Core code never knows HTTP and writes no words: `code` says what kind of
 * failure it is (the HTTP layer maps it to a status), `reason` says which one, as a message code with its
 * values (functions/texts words it), and `errors` name each field or rule at fault.
 */
export type AppErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'PRECONDITION_REQUIRED'
  | 'INVALID_STATE'
  | 'RULES_FAILED'
  | 'UNAVAILABLE';

/** One field or rule at fault: `pointer` is a JSON pointer into the request body (`/partners/0/contactEmail`). */
export type FieldError = { pointer: string } & Message;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly reason: Message;
  readonly errors: FieldError[];

  constructor(code: AppErrorCode, reason: Message, options?: { errors?: FieldError[]; cause?: unknown }) {
    super(reason.code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.reason = reason;
    this.errors = options?.errors ?? [];
  }
}

/**
 * A refusal whose one message is both its reason and the error at `pointer`, so its values are members of the
 * problem and of its error entry alike.
 */
export const refusal = (kind: AppErrorCode, pointer: string, message: Message): AppError =>
  new AppError(kind, message, { errors: [{ pointer, ...message } as FieldError] });

/** 400 with one field at fault: the input is invalid, and `error` says how. */
export const invalidField = (pointer: string, error: Message): AppError =>
  new AppError(
    'VALIDATION_FAILED',
    { code: 'INVALID_INPUT' },
    { errors: [{ pointer, ...error } as FieldError] },
  );

export const notFound = (entity: EntityName): AppError =>
  new AppError('NOT_FOUND', { code: 'NOT_FOUND', params: { entity } });
export const forbidden = (): AppError => new AppError('FORBIDDEN', { code: 'FORBIDDEN' });
export const versionConflict = (): AppError => new AppError('VERSION_CONFLICT', { code: 'VERSION_CONFLICT' });
export const signIn = (): AppError => new AppError('UNAUTHENTICATED', { code: 'SIGN_IN' });
export const unavailable = (cause?: unknown): AppError =>
  new AppError('UNAVAILABLE', { code: 'DATABASE_BUSY' }, { cause });

/** The errors a refusal names, or the refusal itself as one error (no field) when it names none. */
export const errorsOf = (error: AppError): FieldError[] =>
  error.errors.length > 0 ? error.errors : [reasonAsError(error)];

/** A refusal's reason as an error that names no field. */
export const reasonAsError = (error: AppError, pointer = ''): FieldError =>
  ({ pointer, ...error.reason }) as FieldError;
