import type { Context } from 'hono';
import type { Principal } from '../core/auth/principal.js';
import type { CoreDeps, RequestContext } from '../core/ports.js';
import { AppError, signIn } from '../core/shared/errors.js';
import type { Lang } from '../texts/lang.js';
import type { LocalTokens, TokenVerifier } from './auth/tokens.js';
import type { AppConfig } from './config.js';

/**
 * What readiness (`GET /api/health/ready`) asks, by dependency name: each check resolves when the dependency
 * answers and throws when it does not. The composition root names them (DynamoDB; locally the SMTP server).
 */
export type Readiness = Readonly<Record<string, () => Promise<void>>>;

export interface AppDeps {
  core: CoreDeps;
  readiness: Readiness;
  config: AppConfig;
  /** Verifies tokens; in local mode it also signs them (dev-login, demo sign-in). */
  tokens: TokenVerifier | LocalTokens;
  /** Where unexpected errors are reported (Powertools logger in AWS). */
  logError: (message: string, error: unknown) => void;
  /** Stands in for the network to Cognito's token and revocation endpoints in tests (oauth4webapi customFetch). */
  fetch?: typeof fetch;
}

export interface AppEnv {
  Variables: {
    principal: Principal | undefined;
    lang: Lang;
    /** The privacy notice is still to be shown to the person signed in (web/site/privacy.routes.tsx). */
    privacyNotice?: boolean;
  };
}

export type AppContext = Context<AppEnv>;

export const canSign = (tokens: AppDeps['tokens']): tokens is LocalTokens => 'sign' in tokens;

export function requireUser(c: AppContext): Principal {
  const principal = c.get('principal');
  if (!principal) throw signIn();
  return principal;
}

/** The version a client read, from `If-Match: "3"` (weak or strong). */
export function ifMatchVersion(c: Context): number | undefined {
  const header = c.req.header('if-match');
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new AppError(
      'VALIDATION_FAILED',
      { code: 'IF_MATCH_INVALID' },
      { errors: [{ pointer: '/headers/if-match', code: 'invalid_format', params: { format: 'version' } }] },
    );
  }
  return Number(match[1]);
}

export function requireIfMatch(c: Context): number {
  const version = ifMatchVersion(c);
  if (version === undefined) {
    throw new AppError('PRECONDITION_REQUIRED', { code: 'IF_MATCH_REQUIRED' });
  }
  return version;
}

export const etag = (version: number): string => `"${version}"`;

/** Sends an entity's version as its `ETag` and gives the entity back, to answer with. */
export function withETag<T extends { version: number }>(c: Context, entity: T): T {
  c.header('ETag', etag(entity.version));
  return entity;
}

/** What the core is told of a request (a service's `ctx`): who asks, 401 when no one is signed in. */
export const ctx = (c: AppContext): RequestContext => ({ actor: requireUser(c) });
