import type { Context, Hono } from 'hono';
import { generateCookie, getCookie, setCookie } from 'hono/cookie';
import { FORM_STASH_MINUTES, stashForm, takeStashedForm } from '../../functions/core/auth/session.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { webCtx } from '../render.js';
import { RESUME_COOKIE, sessionDeps } from '../session.js';

/*
 * A form posted after the session ended keeps what was typed: the fields are kept server-side (an item under a
 * hash of a random id, FORM_STASH_MINUTES), the id goes into an HttpOnly cookie (no typed data in a URL or a
 * cookie), the browser signs in and comes back to GET /resume, which shows the same form again, filled in, to be
 * checked and sent. Nothing is submitted for the person: the form's own handler renders instead of acting.
 * Works without JavaScript.
 */

/** Requests posted by a form handled with formAction (only those are kept: their pages can show them again). */
const formRequests = new WeakSet<Request>();
/**
 * Marks the replays made by GET /resume, whose form handler renders the kept values instead of acting: a header
 * with a secret of this process (a request object does not survive the way through the middleware: the body
 * limit wraps it), which no browser can send.
 */
const RESUMED_HEADER = 'x-fim-resumed';
const RESUMED_SECRET = crypto.randomUUID();

/** Marks the request as a form's, so a refusal for want of a session keeps its fields (formAction calls it). */
export const markForm = (c: Context): void => {
  formRequests.add(c.req.raw);
};

/** Whether this request is the replay of a kept form: show it filled, do not act on it. */
export const isResumed = (c: Context): boolean => c.req.header(RESUMED_HEADER) === RESUMED_SECRET;

/**
 * For a form posted without a live session: keeps its text fields and answers where the browser goes to sign
 * in; undefined when there is nothing to keep (not a form's post, or a body that is no form).
 */
export async function keepForm(deps: AppDeps, c: Context<AppEnv>): Promise<string | undefined> {
  if (c.req.method !== 'POST' || !formRequests.has(c.req.raw)) return undefined;
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return undefined;
  }
  const fields = Object.entries(body).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((v): v is string => typeof v === 'string')
      .map((v): [string, string] => [name, v]),
  );
  const id = await stashForm(sessionDeps(deps), c.req.path, fields);
  setCookie(c, RESUME_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: FORM_STASH_MINUTES * 60,
  });
  return `/login?next=${encodeURIComponent('/resume')}`;
}

/**
 * GET /resume: the kept form, shown by its own page as it was typed (its handler is asked again with the kept
 * body, marked as a replay). Needs a session (else to sign-in and back); a kept form is shown once.
 */
export function resumeRoute(deps: AppDeps, web: Hono<AppEnv>) {
  return async (c: Context<AppEnv>) => {
    webCtx(c);
    const id = getCookie(c, RESUME_COOKIE);
    const form = id ? await takeStashedForm(sessionDeps(deps), id) : undefined;
    const forget = generateCookie(RESUME_COOKIE, '', { path: '/', maxAge: 0 });
    if (!form) {
      c.header('set-cookie', forget, { append: true });
      return c.redirect('/', 303);
    }
    const own = new URL(c.req.url);
    const replay = new Request(new URL(form.path, own.origin), {
      method: 'POST',
      headers: {
        cookie: c.req.header('cookie') ?? '',
        origin: own.origin,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': c.req.header('accept-language') ?? '',
        [RESUMED_HEADER]: RESUMED_SECRET,
      },
      body: new URLSearchParams(form.fields).toString(),
    });
    const shown = await web.fetch(replay, c.env);
    // The answer as the form's page gave it, with the resume cookie forgotten.
    const answer = new Response(shown.body, shown);
    answer.headers.append('set-cookie', forget);
    return answer;
  };
}
