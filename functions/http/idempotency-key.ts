import { IDEMPOTENCY_KEY_CODES } from '../core/finance/idempotency.js';
import { AppError, type FieldError } from '../core/shared/errors.js';

/** Where the API's money movements carry their idempotency key. */
export const IDEMPOTENCY_KEY_POINTER = '/headers/idempotency-key';

const atHeader = (error: FieldError): FieldError =>
  IDEMPOTENCY_KEY_CODES.has(error.code) ? { ...error, pointer: IDEMPOTENCY_KEY_POINTER } : error;

/**
 * Runs a movement booked once per key. The core's refusals about the key name no field (it takes the key as a
 * value); the API names where the key came from: its `Idempotency-Key` header.
 */
export async function withIdempotencyKeyHeader<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || !error.errors.some((e) => IDEMPOTENCY_KEY_CODES.has(e.code)))
      throw error;
    throw new AppError(error.code, error.reason, { errors: error.errors.map(atHeader), cause: error });
  }
}
