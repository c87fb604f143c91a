import { AppError, unavailable, versionConflict } from '../core/shared/errors.js';
import { cancellationReasons, isPassing, withRetries } from './retry.js';

/** One item of a cancelled transaction, by the name the caller gave it, and DynamoDB's reason. */
export interface FailedItem {
  name: string;
  reason: string;
}

/**
 * A transaction DynamoDB cancelled, told by item name (`counter: ConditionalCheckFailed`), not by position.
 * The cause of the AppError a cancelled transaction becomes, so the log says which write failed and why.
 */
export class TransactionCancelledError extends Error {
  readonly failed: readonly FailedItem[];

  constructor(failed: readonly FailedItem[], cause: unknown) {
    super(
      `Transaction cancelled: ${failed.map((f) => `${f.name} ${f.reason}`).join(', ') || 'no reason given'}`,
      {
        cause,
      },
    );
    this.name = 'TransactionCancelledError';
    this.failed = failed;
  }
}

/** The items of a cancelled transaction that failed, by name (the items' names in the order they were sent). */
export function failedItems(error: unknown, names: readonly string[]): FailedItem[] {
  return cancellationReasons(error)
    .map((reason, i) => ({ name: names[i] ?? `#${i}`, reason }))
    .filter((item) => item.reason !== 'None');
}

/**
 * The names of the items whose condition failed, when `error` is the VERSION_CONFLICT a transaction's failed
 * condition became (transact.ts); none for any other error.
 */
export function failedConditions(error: unknown): string[] {
  const cause = error instanceof AppError ? error.cause : undefined;
  if (!(cause instanceof TransactionCancelledError)) return [];
  return cause.failed.filter((item) => item.reason === 'ConditionalCheckFailed').map((item) => item.name);
}

/**
 * An idempotency key's claim (a payment's, a disbursement's) already stored: the caller reads the claim and
 * answers with it, or refuses a different movement under the same key.
 */
export const idempotencyKeyClaimed = (): AppError =>
  new AppError('RULES_FAILED', { code: 'IDEMPOTENCY_KEY_CLAIMED' });

const isNamed = (error: unknown, name: string): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: string }).name === name;

/**
 * DynamoDB's failures in the core's terms, once the retry policy has given up: a failed condition is a conflict
 * the client resolves by reading again (409); a passing fault that outlasted every attempt (throttling, a server
 * fault, transactions that kept clashing) is 503. Anything else is not DynamoDB telling us something about the
 * data, and is thrown as it is (a 500, logged).
 */
export function mapDynamoError(error: unknown, names: readonly string[] = []): unknown {
  if (error instanceof AppError) return error;
  if (isNamed(error, 'ConditionalCheckFailedException')) return versionConflict();
  if (isNamed(error, 'TransactionCanceledException')) {
    const failed = failedItems(error, names);
    const cancelled = new TransactionCancelledError(failed, error);
    if (failed.some((item) => item.reason === 'ConditionalCheckFailed')) {
      return new AppError('VERSION_CONFLICT', { code: 'VERSION_CONFLICT' }, { cause: cancelled });
    }
    return isPassing(error) ? unavailable(cancelled) : cancelled;
  }
  return isPassing(error) ? unavailable(error) : error;
}

/** Sends one DynamoDB request under the retry policy and rethrows its failure in the core's terms. */
export async function dynamo<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await withRetries(send);
  } catch (error) {
    throw mapDynamoError(error);
  }
}
