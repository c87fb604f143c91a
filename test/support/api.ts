import { describe, expect, it } from 'vitest';
import { DANISH_NUMBER } from '../../functions/core/shared/csv.js';
import type { Harness } from './harness.js';

/*
 * The JSON API as a client sees it: requests as a signed-in person (or anonymously), the problem assertions,
 * and the walk of every route by every role. (Hono's typed `testClient` cannot serve here yet: the route
 * modules register their routes one statement at a time, so the app's type carries no routes.)
 */

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in the tests
  body: any;
  text: string;
}

async function read(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Who sends a request: a demo user's (or a harness user's) e-mail, or undefined for anonymous. */
type Who = string | undefined;

/** An If-Match header for a version (a number is quoted as the API's ETags are). */
const ifMatchOf = (version: string | number): Record<string, string> => ({
  'if-match': typeof version === 'number' ? `"${version}"` : version,
});

/** The JSON API as a signed-in (or anonymous) client sees it. */
export function api(h: Harness) {
  const tokens = new Map<string, string>();
  const auth = async (who: Who): Promise<Record<string, string>> => {
    if (!who) return {};
    let token = tokens.get(who);
    if (!token) {
      token = await h.tokenFor(who);
      tokens.set(who, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  const send = async (
    method: string,
    path: string,
    who: Who,
    options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse> => {
    const hasBody = options.body !== undefined || options.raw !== undefined;
    const headers: Record<string, string> = {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...(await auth(who)),
      ...options.headers,
    };
    const init: RequestInit = { method, headers };
    if (hasBody) init.body = options.raw ?? JSON.stringify(options.body);
    return read(await h.app.request(path, init));
  };
  return {
    /** The harness behind the client: its clock and its users, for fixtures that need them. */
    harness: h,
    send,
    get: (path: string, who?: Who, headers?: Record<string, string>) =>
      send('GET', path, who, headers ? { headers } : {}),
    post: (path: string, body: unknown, who?: Who, headers?: Record<string, string>) =>
      send('POST', path, who, { body, ...(headers ? { headers } : {}) }),
    /** POST without a body (the state transitions). */
    act: (path: string, who?: Who, headers?: Record<string, string>) =>
      send('POST', path, who, headers ? { headers } : {}),
    patch: (path: string, body: unknown, who?: Who, ifMatch?: string | number) =>
      send('PATCH', path, who, { body, headers: ifMatch === undefined ? {} : ifMatchOf(ifMatch) }),
    put: (path: string, body: unknown, who?: Who, ifMatch?: string | number) =>
      send('PUT', path, who, { body, headers: ifMatch === undefined ? {} : ifMatchOf(ifMatch) }),
    /** A CSV body (the population imports), with its content type. */
    postCsv: (path: string, csv: string, who?: Who, type = 'text/csv') =>
      send('POST', path, who, { raw: csv, headers: { 'content-type': type } }),
  };
}

export type Api = ReturnType<typeof api>;

/** Asserts the answer's status (200 unless told) and returns its body. */
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON
export function expectOk(response: ApiResponse, status = 200): any {
  expect(response.status, response.text).toBe(status);
  return response.body;
}

/** Asserts an RFC 9457 problem with the status and code, and returns its body. */
export function expectProblem(
  response: ApiResponse,
  status: number,
  code?: string,
  // biome-ignore lint/suspicious/noExplicitAny: the problem's JSON
): any {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: expect.stringMatching(/^urn:fim:problem:/) });
  expect(typeof response.body.title).toBe('string');
  if (code) expect(response.body.code).toBe(code);
  return response.body;
}

/** The pointers of a problem's errors, for `toContain` checks. */
export const pointers = (problemBody: { errors?: { pointer: string }[] }): string[] =>
  (problemBody.errors ?? []).map((e) => e.pointer);

/** PUT of the caller's review with the version they read in If-Match (omitted when `ifMatch` is null). */
export function putReview(
  client: Api,
  applicationId: string,
  who: string | undefined,
  body: unknown,
  ifMatch: number | string | null,
): Promise<ApiResponse> {
  return client.send('PUT', `/api/applications/${applicationId}/review`, who, {
    body,
    headers: ifMatch === null ? {} : ifMatchOf(ifMatch),
  });
}

/** A CSV export as the bytes Excel would receive, and as text without the byte-order mark. */
export async function fetchCsv(
  h: Harness,
  path: string,
  who: string,
): Promise<{ status: number; headers: Headers; bytes: Uint8Array; text: string }> {
  const res = await h.app.request(path, { headers: { authorization: `Bearer ${await h.tokenFor(who)}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: withoutBom(bytes) };
}

/** UTF-8 bytes as text, without the byte-order mark Excel needs. */
const withoutBom = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');

/** Splits semicolon CSV (quoted fields with "" escapes, CRLF rows) into rows of cells. */
/** A cell as a spreadsheet takes it: a number it sums, a formula it would run, or text. */
export type SpreadsheetCell = { number: number } | { formula: string } | { text: string };

/**
 * A CSV cell read as Danish Excel reads it (LibreOffice is not installed here to ask; these are the rules the
 * formula guard of functions/core/shared/csv.ts is written against): a Danish number (`-1234,50`, no thousands
 * separators) is a number; anything else that starts with = + - @ is a formula; the rest, the guard's
 * apostrophe-led text included, is text.
 */
export function spreadsheetCell(cell: string): SpreadsheetCell {
  if (DANISH_NUMBER.test(cell)) return { number: Number(cell.replace(',', '.')) };
  if (/^[=+\-@]/.test(cell)) return { formula: cell };
  return { text: cell };
}

export function parseDanishCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Each request, sent anonymously with a body that is no JSON, is asked to sign in (401) before its input is read. */
export async function expectSignInFirst(h: Harness, requests: readonly (readonly [string, string])[]) {
  for (const [method, path] of requests) {
    const res = await h.app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'GET' ? {} : { body: '{"malformed": ' }),
    });
    expect(res.status, `${method} ${path}`).toBe(401);
  }
}

/** The roles of an authorization matrix: who plays each (by e-mail; undefined is anonymous). */
export function rolesOf<R extends string>(emails: Record<R, string | undefined>) {
  const roles = Object.keys(emails) as R[];
  /** The same status for everyone, with exceptions. */
  const all = (status: number, except: Partial<Record<R, number>> = {}): Record<R, number> =>
    Object.fromEntries(roles.map((r) => [r, except[r] ?? status])) as Record<R, number>;
  return { roles, emails, all };
}

export interface RouteCase<R extends string> {
  route: string;
  expected: Record<R, number>;
  run: (who: string | undefined, role: R) => Promise<ApiResponse>;
}

/**
 * Every route of the matrix called as every role: the status expected, and each refusal a problem that shows
 * none of `neverShown` (the names and data of others).
 */
export function checkRoutes<R extends string>(
  { roles, emails }: { roles: readonly R[]; emails: Record<R, string | undefined> },
  matrix: readonly RouteCase<R>[],
  neverShown: readonly string[] = [],
): void {
  describe.each(matrix)('$route', ({ expected, run }) => {
    it.each(roles.map((role) => [role, expected[role]] as const))('%s → %i', async (role, status) => {
      const res = await run(emails[role], role);
      expect(res.status, res.text).toBe(status);
      if (status >= 400) {
        expectProblem(res, status);
        for (const shown of neverShown) expect(res.text).not.toContain(shown);
      }
    });
  });
}
