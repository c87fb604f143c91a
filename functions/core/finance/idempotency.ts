import { createHash } from 'node:crypto';
import type { KeyClaim, MovementClaim } from '../ports.js';
import { type AppError, refusal } from '../shared/errors.js';
import type { LedgerEntry } from './finance.schema.js';

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
): KeyClaim {
  if (key === undefined) {
    throw refusal('PRECONDITION_REQUIRED', '', { code: 'IDEMPOTENCY_KEY_REQUIRED', params: { movement } });
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw refusal('VALIDATION_FAILED', '', {
      code: 'IDEMPOTENCY_KEY_INVALID',
      params: { maxLength: MAX_KEY_LENGTH },
    });
  }
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.amountOre, input.paidOn, input.reference]))
    .digest('hex');
  return { key, requestHash };
}

/** The key was claimed by a different movement. */
export const keyReused = (key: string, movement: MovementKind): AppError =>
  refusal('RULES_FAILED', '', { code: 'IDEMPOTENCY_KEY_REUSED', params: { movement, key } });

/** The codes of the refusals about the key: the front door places them where the key travelled. */
export const IDEMPOTENCY_KEY_CODES: ReadonlySet<string> = new Set([
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
]);

/**
 * Books a money movement once per key. A key that booked this movement before answers with what it booked
 * (`replayed`: nothing new is written); a key that booked a different one is refused. Otherwise `record`
 * checks and writes the movement with the key's claim. Two requests with one key at the same moment: once
 * the winner's claim is stored, the loser answers as the replay it is; before that it fails (409) and a retry
 * with the same key is safe. @throws AppError RULES_FAILED (IDEMPOTENCY_KEY_REUSED), and what `record` throws
 */
export async function recordOnce<R>(
  movement: MovementKind,
  claim: KeyClaim,
  steps: {
    /** The claim stored under the key, if any. */
    claimed: () => Promise<MovementClaim | undefined>;
    /** The answer to a movement booked before, from its entry. */
    replay: (entry: LedgerEntry) => Promise<R>;
    record: () => Promise<R>;
  },
): Promise<R & { replayed: boolean }> {
  const replay = async () => {
    const stored = await steps.claimed();
    if (!stored) return undefined;
    if (stored.requestHash !== claim.requestHash) throw keyReused(claim.key, movement);
    return { ...(await steps.replay(stored.entry)), replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return { ...(await steps.record()), replayed: false };
  } catch (error) {
    const raced = await replay();
    if (raced) return raced;
    throw error;
  }
}
