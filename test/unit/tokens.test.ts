import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../functions/core/shared/errors.js';
import { createLocalTokens, REMEMBERED_TOKENS, rememberVerified } from '../../functions/http/auth/tokens.js';
import { DEMO_USERS } from '../../functions/local/seed.js';

const EXP = 1_800_000_000;
const claims = (sub: string, exp: number | undefined) => ({
  sub,
  email: `${sub}@fim.local`,
  'cognito:groups': ['admin'],
  ...(exp === undefined ? {} : { exp }),
});

/** A verifier as the real ones behave: it refuses `bad…` tokens and, at `now`, an expired one; it counts its calls. */
function fakeVerifier(exp: number | undefined) {
  let nowMs = (EXP - 60) * 1000;
  const verify = vi.fn(async (token: string) => {
    if (token.startsWith('bad')) throw new Error('signature');
    const c = claims(token, exp);
    if (c.exp !== undefined && c.exp <= Math.floor(nowMs / 1000)) throw new Error('expired');
    return c;
  });
  const verifier = rememberVerified(verify, () => nowMs);
  return { verify, verifier, setNow: (ms: number) => (nowMs = ms) };
}

const refused = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('UNAUTHENTICATED');
};

describe('rememberVerified', () => {
  it('verifies a token once and answers the same principal from memory until it expires', async () => {
    const { verify, verifier, setNow } = fakeVerifier(EXP);
    const first = await verifier.verify('anne');
    expect(first).toMatchObject({ userId: 'anne', roles: ['applicant', 'admin'] });
    expect(await verifier.verify('anne')).toEqual(first);
    expect(verify).toHaveBeenCalledTimes(1);

    setNow(EXP * 1000 - 1); // still within its last second
    expect(await verifier.verify('anne')).toEqual(first);
    expect(verify).toHaveBeenCalledTimes(1);

    setNow(EXP * 1000); // expired as the verifier counts it: exp <= now in whole seconds
    await refused(verifier.verify('anne'));
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('never remembers a token that fails, and refuses one without exp though its signature is good', async () => {
    const { verify, verifier } = fakeVerifier(undefined);
    await refused(verifier.verify('bad-token'));
    await refused(verifier.verify('bad-token'));
    await refused(verifier.verify('no-exp'));
    await refused(verifier.verify('no-exp'));
    expect(verify).toHaveBeenCalledTimes(4);
  });

  it('hands out a principal of its own each time, so a change to one is not remembered', async () => {
    const { verifier } = fakeVerifier(EXP);
    const first = await verifier.verify('anne');
    first.roles.push('finance');
    expect((await verifier.verify('anne')).roles).toEqual(['applicant', 'admin']);
  });

  it(`remembers at most ${REMEMBERED_TOKENS} tokens, forgetting the oldest first`, async () => {
    const { verify, verifier } = fakeVerifier(EXP);
    for (let i = 0; i <= REMEMBERED_TOKENS; i++) await verifier.verify(`user-${i}`);
    expect(verify).toHaveBeenCalledTimes(REMEMBERED_TOKENS + 1);
    await verifier.verify(`user-${REMEMBERED_TOKENS}`);
    expect(verify).toHaveBeenCalledTimes(REMEMBERED_TOKENS + 1);
    await verifier.verify('user-0');
    expect(verify).toHaveBeenCalledTimes(REMEMBERED_TOKENS + 2);
  });
});

describe('local tokens', () => {
  afterEach(() => vi.useRealTimers());

  it('accept their own token until it expires, and refuse a forged one', async () => {
    const user = DEMO_USERS[0];
    if (!user) throw new Error('no demo user');
    const tokens = await createLocalTokens(mkdtempSync(join(tmpdir(), 'fim-tokens-')));
    const other = await createLocalTokens(mkdtempSync(join(tmpdir(), 'fim-tokens-')));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T08:00:00Z'));
    const token = await tokens.sign(user);
    expect(await tokens.verify(token)).toMatchObject({ userId: user.userId, email: user.email });
    await refused(tokens.verify(await other.sign(user)));
    // One character of the signature changed (not its last, part of which is padding bits).
    await refused(tokens.verify(`${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`));

    vi.setSystemTime(new Date('2027-03-01T15:59:59Z'));
    expect(await tokens.verify(token)).toMatchObject({ userId: user.userId });
    vi.setSystemTime(new Date('2027-03-01T16:00:00Z')); // 8 h after signing
    await refused(tokens.verify(token));
  });
});
