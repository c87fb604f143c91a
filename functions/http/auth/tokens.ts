import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { jwtVerify, SignJWT } from 'jose';
import { isRole, type Principal } from '../../core/auth/principal.js';
import type { UserProfile } from '../../core/ports.js';
import { AppError } from '../../core/shared/errors.js';

/** The one verification path: a bearer token (API) or the session cookie (web) becomes a Principal. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/** Claims as Cognito puts them in an ID token; the local tokens carry the same names. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const roles = groups.filter((g): g is string => typeof g === 'string').filter(isRole);
  const email = typeof claims.email === 'string' ? claims.email : '';
  const organisation = claims['custom:organisation'];
  return {
    userId: String(claims.sub ?? ''),
    email,
    name: typeof claims.name === 'string' && claims.name ? claims.name : email,
    ...(typeof organisation === 'string' && organisation ? { organisation } : {}),
    // Anyone signed in may apply.
    roles: roles.includes('applicant') ? roles : ['applicant', ...roles],
    chair: claims['custom:chair'] === 'true',
  };
}

const unauthenticated = (cause?: unknown) =>
  new AppError('UNAUTHENTICATED', { code: 'SIGN_IN_AGAIN' }, { cause });

/** How many verified tokens are remembered (a few hundred bytes each); the oldest is forgotten first. */
export const REMEMBERED_TOKENS = 1_000;

/**
 * Verifies each token once and then remembers its claims until the token expires: a client sends the same
 * token on every request, and verifying it again (a WebCrypto call, a hop to the thread pool) was the largest
 * part of the API's read overhead (test/bench/api-overhead.bench.ts). A remembered token is accepted exactly
 * as long as verifying it again would accept it (the signature and claims cannot change, and `exp` is checked
 * as the verifier checks it: expired once `exp` <= now in whole seconds); a token that fails is never
 * remembered, and one without `exp` is refused. Only bearer tokens come here: a web session is checked against
 * the table on every request (core/auth/session.service.ts), so ending it takes effect at once.
 */
export function rememberVerified(
  verify: (token: string) => Promise<Record<string, unknown>>,
  now: () => number = () => Date.now(),
): TokenVerifier {
  const remembered = new Map<string, { claims: Record<string, unknown>; exp: number }>();
  return {
    async verify(token) {
      const seen = remembered.get(token);
      if (seen && seen.exp > Math.floor(now() / 1000)) return principalFromClaims(seen.claims);
      if (seen) remembered.delete(token);
      let claims: Record<string, unknown>;
      try {
        claims = await verify(token);
      } catch (error) {
        throw unauthenticated(error);
      }
      // A token that never expires is refused everywhere (a leaked one would work for good).
      if (typeof claims.exp !== 'number') throw unauthenticated();
      if (remembered.size >= REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value ?? '');
      remembered.set(token, { claims, exp: claims.exp });
      return principalFromClaims(claims);
    },
  };
}

export function createCognitoVerifier(userPoolId: string, clientId: string): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' });
  return rememberVerified(async (token) => (await verifier.verify(token)) as Record<string, unknown>);
}

const LOCAL_ISSUER = 'urn:fim:local';
const LOCAL_AUDIENCE = 'urn:fim:local:app';
const LOCAL_TOKEN_HOURS = 8;

export interface LocalTokens extends TokenVerifier {
  sign(user: UserProfile): Promise<string>;
}

/** Local mode's signer and verifier: HS256 with a key kept in the data folder, so sessions survive restarts. */
export async function createLocalTokens(dataDir: string): Promise<LocalTokens> {
  const file = join(dataDir, 'local-signing-key');
  if (!existsSync(file)) {
    await mkdir(dataDir, { recursive: true });
    const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
    await writeFile(file, key, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  // Imported once: jose would otherwise import raw key bytes into WebCrypto on every sign and verify.
  const secret = await crypto.subtle.importKey(
    'raw',
    Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url'),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  return {
    sign: (user) =>
      new SignJWT({
        email: user.email,
        name: user.name,
        'cognito:groups': user.roles,
        ...(user.organisation ? { 'custom:organisation': user.organisation } : {}),
        'custom:chair': String(user.chair),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.userId)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${LOCAL_TOKEN_HOURS}h`)
        .sign(secret),
    ...rememberVerified(
      async (token) =>
        (
          await jwtVerify(token, secret, {
            issuer: LOCAL_ISSUER,
            audience: LOCAL_AUDIENCE,
            algorithms: ['HS256'],
            requiredClaims: ['exp'],
          })
        ).payload,
    ),
  };
}
