import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.js';

const MAX_KEY_LENGTH = 200;
const IDEMPOTENCY_KEY = new RegExp(`^[\\x21-\\x7E]{1,${MAX_KEY_LENGTH}}$`);

/** The money movements booked once per idempotency key. */
export type MovementKind = 'payment' | 'tranche';

/*
 * The key is a value the caller chose for one movement; how it travels (a request header, a web form's
 * hidden field) is the front door's business. So the refusals about it name no field (pointer ''): each front
 * door places them where its key came from.
 */

/**
 * Checks a money movement's idempotency key and fingerprints the movement, so the same key can answer the
 * same movement again and refuse a different one. @throws AppError PRECONDITION_REQUIRED, VALIDATION_FAILED
 */
export function idempotentRequest(
  key: string | undefined,
  movement: MovementKind,
  input: { amountOre: number; paidOn: string; reference: string },
): { key: string; requestHash: string } {
  if (key === undefined) {
    const required = { code: 'IDEMPOTENCY_KEY_REQUIRED', params: { movement } } as const;
    throw new AppError('PRECONDITION_REQUIRED', required, { errors: [{ pointer: '', ...required }] });
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    const invalid = { code: 'IDEMPOTENCY_KEY_INVALID', params: { maxLength: MAX_KEY_LENGTH } } as const;
    throw new AppError('VALIDATION_FAILED', invalid, { errors: [{ pointer: '', ...invalid }] });
  }
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.amountOre, input.paidOn, input.reference]))
    .digest('hex');
  return { key, requestHash };
}

/** The key was claimed by a different movement. */
export const keyReused = (key: string, movement: MovementKind): AppError => {
  const reused = { code: 'IDEMPOTENCY_KEY_REUSED', params: { movement, key } } as const;
  return new AppError('RULES_FAILED', reused, { errors: [{ pointer: '', ...reused }] });
};

/** The codes of the refusals about the key: the front door places them where the key travelled. */
export const IDEMPOTENCY_KEY_CODES: ReadonlySet<string> = new Set([
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
]);
