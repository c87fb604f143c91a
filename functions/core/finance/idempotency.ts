import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/;

/** What a money movement is called in the messages, Danish and English. */
export interface MovementName {
  da: string;
  en: string;
}

/**
 * Checks a money movement's `Idempotency-Key` and fingerprints the movement, so the same key can answer the
 * same movement again and refuse a different one. @throws AppError PRECONDITION_REQUIRED, VALIDATION_FAILED
 */
export function idempotentRequest(
  key: string | undefined,
  name: MovementName,
  movement: { amountOre: number; paidOn: string; reference: string },
): { key: string; requestHash: string } {
  if (key === undefined) {
    throw new AppError(
      'PRECONDITION_REQUIRED',
      `Send en Idempotency-Key, så ${name.da} kun bogføres én gang / Send an Idempotency-Key so the ${name.en} is recorded once`,
      {
        errors: [
          { pointer: '/headers/idempotency-key', code: 'required', detail: 'Idempotency-Key: <uuid>' },
        ],
      },
    );
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'Ugyldig Idempotency-Key / Invalid Idempotency-Key', {
      errors: [
        {
          pointer: '/headers/idempotency-key',
          code: 'invalid_format',
          detail: '1-200 synlige ASCII-tegn / visible ASCII characters',
        },
      ],
    });
  }
  const requestHash = createHash('sha256')
    .update(JSON.stringify([movement.amountOre, movement.paidOn, movement.reference]))
    .digest('hex');
  return { key, requestHash };
}

/** The key was claimed by a different movement. */
export const keyReused = (key: string, name: MovementName): AppError =>
  new AppError(
    'RULES_FAILED',
    `Idempotency-Key er brugt til en anden ${name.da} / Idempotency-Key was used for a different ${name.en}`,
    {
      errors: [
        {
          pointer: '/headers/idempotency-key',
          code: 'IDEMPOTENCY_KEY_REUSED',
          detail: `${key}: brug en ny nøgle / use a new key`,
        },
      ],
    },
  );
