import { AppError, versionConflict } from '../core/shared/errors.js';

const UNAVAILABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);

interface CancellationReason {
  Code?: string;
}

/** Index of each cancelled item's reason, as DynamoDB reports them for a TransactWriteItems. */
export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code ?? 'None');
}

const isNamed = (error: unknown, name: string): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: string }).name === name;

/**
 * DynamoDB's failures in the core's terms: a failed condition or a clash of transactions is a conflict the
 * client can resolve by reading again (409); throttling and server faults are passing (503).
 */
export function mapDynamoError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isNamed(error, 'ConditionalCheckFailedException')) return versionConflict();
  if (isNamed(error, 'TransactionCanceledException')) {
    const codes = cancellationCodes(error);
    if (codes.some((c) => c === 'ThrottlingError' || c === 'ProvisionedThroughputExceeded')) {
      return new AppError('UNAVAILABLE', 'Databasen er travl; prøv igen / The database is busy; try again', {
        cause: error,
      });
    }
    return new AppError('VERSION_CONFLICT', { code: 'VERSION_CONFLICT' }, { cause: error });
  }
  if (isNamed(error, 'TransactionConflictException')) return versionConflict();
  const name = (error as { name?: string } | null)?.name ?? '';
  if (
    UNAVAILABLE.has(name) ||
    ((error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ?? 0) >= 500
  ) {
    return new AppError('UNAVAILABLE', 'Databasen er travl; prøv igen / The database is busy; try again', {
      cause: error,
    });
  }
  return error;
}

/** Runs a DynamoDB call and rethrows its failure mapped. */
export async function dynamo<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw mapDynamoError(error);
  }
}
