import { auditEvent } from '../audit/audit.js';
import type { CoreDeps, RequestContext, SessionTokens, StashedForm, StoredSession } from '../ports.js';
import { forbidden, notFound } from '../shared/errors.js';
import { isAdmin, type Principal } from './principal.js';

/*
 * Server-side sessions: the cookie holds only a random id (256 bits from Web Crypto); the table keeps a SHA-256
 * hash of it, so reading the table yields no cookie. A session ends after SESSION_IDLE_MINUTES without a
 * request, and in any case SESSION_WORKING_DAY_HOURS after sign-in. In AWS the ID token behind it is renewed
 * with Cognito's refresh token (kept in the item, never in the cookie) when it expires.
 */

/** Idle limit: a session not used for this long is over (sliding: each request moves it on). */
export const SESSION_IDLE_MINUTES = 120;
/** Absolute limit: a working day after sign-in, whatever the use. */
export const SESSION_WORKING_DAY_HOURS = 10;
/** A request writes the session's new idle end only when the last write is this old: one write per 5 minutes. */
export const SESSION_TOUCH_MINUTES = 5;
/** How long a form posted after the session ended is kept for the person to sign in again. */
export const FORM_STASH_MINUTES = 30;

const MINUTE = 60_000;

type SessionDeps = Pick<CoreDeps, 'sessions' | 'clock'>;

const base64url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A fresh random id for a cookie or a kept form: 256 bits. */
export const randomId = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** What the table stores for an id: its SHA-256, so a table read does not give anyone a working cookie. */
export async function hashId(id: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id))));
}

/** Only ids we could have handed out are looked up (43 base64url characters). */
const wellFormed = (id: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(id);

const iso = (ms: number) => new Date(ms).toISOString();

/** When a session seen at `seen` ends: the idle limit, capped by the working day from `created`. */
export function sessionEnd(createdAt: string, seenMs: number): string {
  const absolute = Date.parse(createdAt) + SESSION_WORKING_DAY_HOURS * 60 * MINUTE;
  return iso(Math.min(seenMs + SESSION_IDLE_MINUTES * MINUTE, absolute));
}

const userEntity = (userId: string) => ({ type: 'user' as const, id: userId });

/**
 * Starts a session for a person who just signed in (`session.started` on their record). Returns the id for the
 * cookie; the table keeps only its hash.
 */
export async function startSession(
  deps: SessionDeps,
  principal: Principal,
  tokens?: { refreshToken?: string; tokenExpiresAt: string },
): Promise<{ id: string; session: StoredSession }> {
  const id = randomId();
  const now = deps.clock.now();
  const createdAt = now.toISOString();
  const session: StoredSession = {
    idHash: await hashId(id),
    userId: principal.userId,
    principal,
    createdAt,
    lastSeenAt: createdAt,
    expiresAt: sessionEnd(createdAt, now.getTime()),
    ...(tokens?.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    ...(tokens ? { tokenExpiresAt: tokens.tokenExpiresAt } : {}),
  };
  await deps.sessions.start(
    session,
    auditEvent(principal, now, 'session.started', userEntity(principal.userId), {
      expiresAt: session.expiresAt,
      renewable: session.refreshToken !== undefined,
    }),
  );
  return { id, session };
}

/**
 * The person behind a cookie's id, or undefined when there is no such session or it has ended (idle or past the
 * working day; TTL deletion is lazy, so the time is checked here too). Costs one GetItem; a write only every
 * SESSION_TOUCH_MINUTES (the sliding idle end) and when the ID token is renewed (AWS, hourly).
 */
export async function resumeSession(
  deps: SessionDeps & { tokens?: SessionTokens },
  id: string,
): Promise<Principal | undefined> {
  if (!wellFormed(id)) return undefined;
  const idHash = await hashId(id);
  const session = await deps.sessions.get(idHash);
  if (!session) return undefined;
  const now = deps.clock.now().getTime();
  if (Date.parse(session.expiresAt) <= now) {
    await deps.sessions.drop(idHash);
    return undefined;
  }
  let next: StoredSession | undefined;
  if (session.tokenExpiresAt !== undefined && Date.parse(session.tokenExpiresAt) <= now) {
    // The ID token expired: renewed with the refresh token, or the session is over (revoked, disabled user).
    if (!session.refreshToken || !deps.tokens) {
      await deps.sessions.drop(idHash);
      return undefined;
    }
    let renewed: Awaited<ReturnType<SessionTokens['refresh']>>;
    try {
      renewed = await deps.tokens.refresh(session.refreshToken);
    } catch {
      await deps.sessions.drop(idHash);
      return undefined;
    }
    next = {
      ...session,
      principal: renewed.principal,
      tokenExpiresAt: renewed.tokenExpiresAt,
      ...(renewed.refreshToken ? { refreshToken: renewed.refreshToken } : {}),
    };
  }
  if (next || now - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MINUTES * MINUTE) {
    next = { ...(next ?? session), lastSeenAt: iso(now), expiresAt: sessionEnd(session.createdAt, now) };
    // Ended meanwhile (logout elsewhere, an admin): not written back, and not signed in.
    if (!(await deps.sessions.update(next))) return undefined;
  }
  return (next ?? session).principal;
}

/**
 * Signs out: the session is deleted (`session.ended` on the person's record) and its refresh token revoked, so a
 * copy of the cookie no longer works. An unknown or ended id does nothing.
 */
export async function endSession(deps: SessionDeps & { tokens?: SessionTokens }, id: string): Promise<void> {
  if (!wellFormed(id)) return;
  const session = await deps.sessions.get(await hashId(id));
  if (!session) return;
  await deps.sessions.end(
    [session.idHash],
    auditEvent(session.principal, deps.clock.now(), 'session.ended', userEntity(session.userId), {
      by: 'logout',
      sessions: 1,
    }),
  );
  if (session.refreshToken && deps.tokens) await revokeQuietly(deps.tokens, session.refreshToken);
}

/**
 * Revokes a refresh token; the session is already deleted, so a provider that does not answer leaves a token no
 * one holds (it was never in a cookie) to run out at its own end, and the person is signed out all the same.
 */
const revokeQuietly = (tokens: SessionTokens, refreshToken: string): Promise<void> =>
  tokens.revoke(refreshToken).catch(() => undefined);

/**
 * An administrator ends every session of a person (`session.ended` by admin on the person's record) and revokes
 * their refresh tokens. Returns how many were ended.
 * @throws AppError FORBIDDEN (not an administrator), NOT_FOUND (no such user)
 */
export async function endUserSessions(
  deps: SessionDeps & Pick<CoreDeps, 'users'> & { tokens?: SessionTokens },
  ctx: RequestContext,
  userId: string,
): Promise<{ ended: number }> {
  if (!isAdmin(ctx.actor)) throw forbidden();
  if (!(await deps.users.get(userId))) throw notFound('user');
  const sessions = await deps.sessions.listOfUser(userId);
  await deps.sessions.end(
    sessions.map((s) => s.idHash),
    auditEvent(ctx.actor, deps.clock.now(), 'session.ended', userEntity(userId), {
      by: 'admin',
      sessions: sessions.length,
    }),
  );
  if (deps.tokens) {
    const { tokens } = deps;
    await Promise.all(
      sessions.flatMap((s) => (s.refreshToken ? [revokeQuietly(tokens, s.refreshToken)] : [])),
    );
  }
  return { ended: sessions.length };
}

/** Everyone in the directory, for the administrator's way to a person's sessions. @throws AppError FORBIDDEN */
export async function listUsersForAdmin(deps: Pick<CoreDeps, 'users'>, ctx: RequestContext) {
  if (!isAdmin(ctx.actor)) throw forbidden();
  return deps.users.listAll();
}

/**
 * A person's live sessions, for the administrator's page: when each began and was last used.
 * @throws AppError FORBIDDEN (not an administrator), NOT_FOUND (no such user)
 */
export async function listUserSessions(
  deps: SessionDeps & Pick<CoreDeps, 'users'>,
  ctx: RequestContext,
  userId: string,
) {
  if (!isAdmin(ctx.actor)) throw forbidden();
  const user = await deps.users.get(userId);
  if (!user) throw notFound('user');
  const now = deps.clock.now().getTime();
  const sessions = (await deps.sessions.listOfUser(userId))
    .filter((s) => Date.parse(s.expiresAt) > now)
    .map(({ createdAt, lastSeenAt, expiresAt }) => ({ createdAt, lastSeenAt, expiresAt }));
  return { user, sessions };
}

/**
 * Keeps what was typed into a form posted after the session ended, for FORM_STASH_MINUTES: returns the id that
 * finds it again (the table keeps only its hash).
 */
export async function stashForm(
  deps: SessionDeps,
  path: string,
  fields: readonly [string, string][],
): Promise<string> {
  const id = randomId();
  await deps.sessions.stashForm(await hashId(id), {
    path,
    fields: [...fields],
    expiresAt: iso(deps.clock.now().getTime() + FORM_STASH_MINUTES * MINUTE),
  });
  return id;
}

/** A kept form, once (it is deleted as it is read); undefined when unknown or expired. */
export async function takeStashedForm(deps: SessionDeps, id: string): Promise<StashedForm | undefined> {
  if (!wellFormed(id)) return undefined;
  const form = await deps.sessions.takeForm(await hashId(id));
  return form && Date.parse(form.expiresAt) > deps.clock.now().getTime() ? form : undefined;
}
