import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Lang } from '../functions/texts/lang.js';

export const SESSION_COOKIE = 'fim_session';
export const LANG_COOKIE = 'fim_lang';
const SESSION_SECONDS = 8 * 60 * 60;

/** The session is the signed ID token itself, in an HttpOnly cookie: verified like any bearer token. */
export function setSession(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
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
