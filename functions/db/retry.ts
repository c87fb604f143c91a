/*
 * The one retry policy for DynamoDB. The SDK client is built with `maxAttempts: 1` (client.ts), so this module
 * alone decides what is tried again, how often and after what pause: a passing fault (throttling, a server
 * fault, a broken connection, a transaction that clashed with another) is tried again after a random pause that
 * grows with each attempt; anything else, a failed condition above all, is answered at once.
 */

/** Attempts of one request, the first included. */
export const ATTEMPTS = 8;
/**
 * No attempt starts once this long has passed since the first: with the client's request timeout (client.ts)
 * a stalled DynamoDB is given up on, and answered 503, within about two seconds, never after 40.
 */
export const RETRY_BUDGET_MS = 1_500;
/** The pause before the second attempt is at most this; each later one may be twice as long, up to the cap. */
const FIRST_PAUSE_MS = 20;
const MAX_PAUSE_MS = 800;

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pause before attempt `attempt + 1`: "full jitter", a random time up to a cap that doubles each attempt, so
 * writers that clashed spread out instead of meeting again.
 */
export const backoff = (attempt: number): number =>
  Math.random() * Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1));

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const SERVER = new Set(['InternalServerError', 'ServiceUnavailable', 'TimeoutError', 'RequestTimeout']);
/** A connection the network dropped: the SDK's own list of transient Node.js socket errors. */
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
/** Reasons a transaction item can be cancelled for that say nothing about the item itself. */
const PASSING_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

interface SdkError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
}

/** The reason DynamoDB gave for each item of a cancelled transaction, in the order the items were sent. */
export function cancellationReasons(error: unknown): string[] {
  const reasons = (error as SdkError | null)?.CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** A fault that says nothing about the request: the same request may well succeed a moment later. */
export function isPassing(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name = '', code = '', $metadata } = error as SdkError;
  if (name === 'TransactionCanceledException') {
    const reasons = cancellationReasons(error).filter((reason) => reason !== 'None');
    return reasons.length > 0 && reasons.every((reason) => PASSING_REASONS.has(reason));
  }
  return (
    name === 'TransactionConflictException' ||
    THROTTLING.has(name) ||
    SERVER.has(name) ||
    NETWORK.has(code) ||
    ($metadata?.httpStatusCode ?? 0) >= 500
  );
}

/**
 * Runs one DynamoDB request, again while it meets a passing fault, at most ATTEMPTS times and none starting
 * after RETRY_BUDGET_MS; the last fault is thrown. `retrying` is told before each attempt after the first.
 */
export async function withRetries<T>(send: () => Promise<T>, retrying?: () => void): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isPassing(error)) throw error;
      const wait = backoff(attempt);
      if (Date.now() - started + wait > RETRY_BUDGET_MS) throw error;
      await pause(wait);
      retrying?.();
    }
  }
}

/**
 * Runs a whole read-build-write again while it lost a race: another writer moved what it read (the reference
 * counter), so the same write would fail again and only a fresh read can succeed. Bounded: after `attempts`
 * lost races `exhausted()` is thrown. Any other failure is thrown at once.
 */
export async function rebuildWhileRaced<T>(options: {
  attempts: number;
  run: () => Promise<T>;
  lostRace: (error: unknown) => boolean;
  exhausted: () => Error;
}): Promise<T> {
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return await options.run();
    } catch (error) {
      if (!options.lostRace(error)) throw error;
      if (attempt < options.attempts) await pause(backoff(attempt));
    }
  }
  throw options.exhausted();
}
