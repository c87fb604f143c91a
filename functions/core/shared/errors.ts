/**
 * The one error family of the core. Core code never knows HTTP: the HTTP layer maps each code to a status
 * and an RFC 9457 problem body (functions/http/problem.ts).
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
export interface FieldError {
  pointer: string;
  code: string;
  detail: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly errors: FieldError[];

  constructor(code: AppErrorCode, message: string, options?: { errors?: FieldError[]; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = options?.errors ?? [];
  }
}

export const notFound = (what: string): AppError =>
  new AppError('NOT_FOUND', `${what} findes ikke / not found`);
export const forbidden = (): AppError =>
  new AppError('FORBIDDEN', 'Du har ikke adgang til dette / You do not have access to this');
export const versionConflict = (): AppError =>
  new AppError(
    'VERSION_CONFLICT',
    'Nogen har ændret dette imens; hent det igen / Someone changed this meanwhile; reload it',
  );
