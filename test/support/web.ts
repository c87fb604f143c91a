import { describe, expect, it } from 'vitest';
import type { Lang } from '../../functions/texts/lang.js';
import type { Harness } from './harness.js';

/*
 * The pages as a browser asks for them: the session cookie of whoever is signed in, the language cookie, and
 * form posts with this site's Origin (the CSRF check). Then the walk of every page by every role, and the
 * readers of a page's errors.
 */

/** This site's origin: a form post without it is refused as cross-site. */
export const ORIGIN = 'http://localhost';

/** A form as the browser sends it: fields (a list repeats the field), or multipart with files. */
export type Form = Readonly<Record<string, string | readonly string[]>> | FormData;

export interface Visit {
  /** GET unless a form or a raw body is given. */
  method?: 'GET' | 'POST';
  form?: Form;
  /** A body that is no form, with its content type. */
  raw?: { type: string; body: string };
  lang?: Lang;
  /** Request headers a browser adds (`sec-fetch-mode`, ...). */
  headers?: Record<string, string>;
}

export interface Page {
  status: number;
  location: string | null;
  headers: Headers;
  /** The body as text: a page's markup, or a download's text without its byte-order mark. */
  html: string;
  bytes: Uint8Array;
}

function encode(form: Form | undefined): { body: string | FormData; type?: string } {
  if (form instanceof FormData) return { body: form };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form ?? {}))
    for (const v of typeof value === 'string' ? [value] : value) body.append(name, v);
  return { body: body.toString(), type: 'application/x-www-form-urlencoded' };
}

/** A page (or a form post) as `who` sees it; `who` undefined is an anonymous visitor. */
export async function browse(
  h: Harness,
  who: string | undefined,
  path: string,
  visit: Visit = {},
): Promise<Page> {
  const post = visit.method === 'POST' || visit.form !== undefined || visit.raw !== undefined;
  const cookies = [
    ...(who ? [`fim_session=${await h.sessionFor(who)}`] : []),
    ...(visit.lang ? [`fim_lang=${visit.lang}`] : []),
  ];
  const sent = post
    ? visit.raw
      ? { body: visit.raw.body, type: visit.raw.type }
      : encode(visit.form)
    : undefined;
  const res = await h.app.request(path, {
    method: post ? 'POST' : 'GET',
    headers: {
      ...visit.headers,
      ...(cookies.length > 0 ? { cookie: cookies.join('; ') } : {}),
      // A multipart body sets its own content type, with its boundary.
      ...(sent ? { origin: ORIGIN, ...(sent.type ? { 'content-type': sent.type } : {}) } : {}),
    },
    ...(sent ? { body: sent.body } : {}),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    location: res.headers.get('location'),
    headers: res.headers,
    html: new TextDecoder().decode(bytes),
    bytes,
  };
}

/** A browser signed in as one of the matrix's roles (by e-mail; undefined is anonymous). */
export const browserOf =
  <R extends string>(h: () => Harness, roles: Record<R, string | undefined>) =>
  (role: R, path: string, visit: Visit = {}): Promise<Page> =>
    browse(h(), roles[role], path, visit);

/** What a role gets: one status for all, or some roles' own and the others'. */
export type Expected<R extends string> = number | (Partial<Record<R, number>> & { others: number });

/** A page and what each role gets from it: the method, the path (read when the test runs), a form to post. */
export type PageCase<R extends string> = readonly [
  method: 'GET' | 'POST',
  path: string | (() => string),
  expected: Expected<R>,
  form?: Form,
];

const statusFor = <R extends string>(e: Expected<R>, role: R): number =>
  typeof e === 'number' ? e : (e[role] ?? e.others);

/** The language switch and signing out send anyone on, not to the sign-in page. */
const sendsAnyoneOn = (path: string) => /^\/(lang|logout)(\?|$)/.test(path);

/**
 * Every page of the matrix visited by every role: the status expected; an anonymous visitor sent away is sent
 * to sign in (and back); a page that answers is a whole HTML document, in Danish unless asked otherwise.
 */
export function walkPages<R extends string>(
  h: () => Harness,
  roles: Record<R, string | undefined>,
  cases: readonly PageCase<R>[],
): void {
  const visit = browserOf(h, roles);
  const titled = cases.map((c) => [c[0], typeof c[1] === 'string' ? c[1] : pathOf(c[1]), c] as const);
  describe.each(titled)('%s %s', (_method, _title, [method, path, expected, form]) => {
    it.each(Object.keys(roles) as R[])('as %s', async (role) => {
      const at = typeof path === 'string' ? path : path();
      const page = await visit(role, at, { method, ...(form ? { form } : {}) });
      expect(page.status, page.html.slice(0, 300)).toBe(statusFor(expected, role));
      if (page.status === 303 && roles[role] === undefined && !sendsAnyoneOn(at))
        expect(page.location).toMatch(/^\/login\?next=/);
      if (page.status === 200 && page.headers.get('content-type')?.includes('text/html'))
        expect(page.html).toMatch(/^<!DOCTYPE html><html lang="da">/);
    });
  });
}

/** A path function's template as a test title: `() => `/reviews/${ids.app}`` reads `/reviews/${ids.app}`. */
const pathOf = (path: () => string): string =>
  String(path)
    .replace(/^\(\)\s*=>\s*/, '')
    .replace(/^[`'"]|[`'"]$/g, '');

/** The error written beside a field (`<span class="error-message" id="<field>-error">`), if any. */
export const fieldError = (html: string, fieldId: string): string | undefined =>
  new RegExp(`<span class="error-message" id="${fieldId}-error">([^<]*)</span>`).exec(html)?.[1];

/** The text of the element with this id (an error beside its field, the summary), without its markup. */
export const textOf = (html: string, id: string): string =>
  new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(?:span|p|div)>`).exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? '';

/** The form as the page sends it for a draft with one budget line. */
export const draftForm = (version: number, overrides: Record<string, string> = {}) => ({
  _version: String(version),
  _action: 'save',
  title: 'Faldforebyggelse',
  summary: '',
  userInvolvement: '',
  grantTypeId: 'A',
  focusArea: 'prevention',
  startDate: '',
  endDate: '',
  'budgetLines.0.category': 'Løn',
  'budgetLines.0.year': '2027',
  'budgetLines.0.amount': '1.250,50',
  ...overrides,
});
