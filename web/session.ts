import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_WORKING_DAY_HOURS } from '../functions/core/auth/session.service.js';
import { cognitoOAuthOf } from '../functions/http/auth/cognito-oauth.js';
import type { AppDeps } from '../functions/http/context.js';
import type { Lang } from '../functions/texts/lang.js';

export const SESSION_COOKIE = 'fim_session';
export const LANG_COOKIE = 'fim_lang';
/** Holds the id of a form kept while its person signs in again (never the form itself). */
export const RESUME_COOKIE = 'fim_resume';
/** The browser may forget the cookie at the working day's end; the table decides before that (idle, logout). */
const SESSION_SECONDS = SESSION_WORKING_DAY_HOURS * 60 * 60;

/**
 * The session cookie holds only the session's random id; the session itself (who, until when, the refresh
 * token in AWS) is an item in the table under a hash of that id (core/auth/session.service.ts).
 */
export function setSession(c: Context, id: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: SESSION_SECONDS,
  });
}

export const readSession = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);
export function clearSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** What the session services need from the app: the table, the clock, Cognito's tokens (AWS), the users. */
export const sessionDeps = (deps: AppDeps) => {
  const tokens = cognitoOAuthOf(deps);
  return {
    sessions: deps.core.sessions,
    users: deps.core.users,
    clock: deps.core.clock,
    ...(tokens ? { tokens } : {}),
  };
};

export const readLang = (c: Context): Lang => (getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'da');
export function setLang(c: Context, lang: Lang, secure: boolean): void {
  setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', secure, maxAge: 365 * 24 * 60 * 60 });
}

/**
 * Only same-site paths may be returned to after sign-in or a language switch: a path of printable ASCII (a
 * control, a space, a backslash or any other character cannot go into a Location header, and is no link of
 * ours), not `//host`; anything else returns to the front page.
 */
export const safeReturnPath = (value: string | undefined): string =>
  value && /^\/(?!\/)[!-[\]-~]*$/.test(value) ? value : '/';
