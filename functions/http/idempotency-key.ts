import type { Context } from 'hono';
import * as z from 'zod';
import { IDEMPOTENCY_KEY_CODES } from '../core/finance/idempotency.js';
import { AppError, type FieldError } from '../core/shared/errors.js';
import { json } from './routes/api-common.js';

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

/** The request header a movement booked once per key carries its key in (`what`: payment, tranche). */
export const idempotencyKeyHeaders = (what: string) =>
  z.object({
    'idempotency-key': z
      .string()
      .max(255)
      .optional()
      .openapi({ description: `Required: a key of your own (a UUID) per ${what}` }),
  });

/** The answers of a movement booked once per key: 201 the first time, 200 with the same answer again. */
export const bookedOnceResponses = <T extends z.ZodType>(schema: T) => ({
  200: json(schema, 'Recorded before under this key; nothing new written'),
  201: json(schema, 'Recorded'),
});

/**
 * Books a movement once per the key in its header (the route has validated it): 201 when it was written now,
 * 200 when the key replayed it.
 */
export async function answerBookedOnce<T extends { replayed: boolean }>(
  c: Context,
  run: (key: string | undefined) => Promise<T>,
) {
  const result = await withIdempotencyKeyHeader(() => run(c.req.header('idempotency-key')));
  return result.replayed ? c.json(result, 200) : c.json(result, 201);
}
