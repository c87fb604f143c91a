import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { syncUserProfile } from '../../functions/core/auth/users.service.js';
import type { UserProfile } from '../../functions/core/ports.js';
import type { Harness } from '../support/harness.js';

/** The demo users by the role they play in these tests. */
export const ADMIN = 'admin@fim.local';
export const RESEARCHER = 'researcher@fim.local';
export const RESEARCHER2 = 'researcher2@fim.local';
export const REVIEWER = 'reviewer1@fim.local';
export const BOARD = 'board@fim.local';
export const CHAIR = 'chair@fim.local';
export const FINANCE = 'finance@fim.local';

/** The example call: open from January to 1 September 2027 (the harness clock says 1 March 2027). */
export function callBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'FIM 2027: praksisnær forskning',
    description: 'Puljen støtter forskning i det nære sundhedsvæsen.',
    grantTypes: [
      { id: 'A', name: 'Forskningsprojekt', maxAmountOre: 50_000_000 },
      { id: 'B', name: 'Ph.d.-protokol', maxAmountOre: 10_000_000 },
    ],
    budgetOre: 200_000_000,
    opensAt: '2027-01-04T00:00:00+01:00',
    closesAt: '2027-09-01T12:00:00+02:00',
    focusAreas: ['prevention', 'older_citizens', 'near_psychiatry', 'other'],
    criteria: [
      { id: 'relevance', name: 'Relevans for kommuner og region', weight: 2 },
      { id: 'quality', name: 'Videnskabelig kvalitet', weight: 2 },
      { id: 'feasibility', name: 'Gennemførlighed', weight: 1 },
    ],
    minSectors: 2,
    reviewersPerApplication: 2,
    ...overrides,
  };
}

/** A draft that passes every submission rule under callBody() at the default clock. */
export function applicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    grantTypeId: 'A',
    title: 'Faldforebyggelse i eget hjem',
    summary: 'Et projekt om at forebygge fald blandt ældre borgere.',
    focusArea: 'prevention',
    userInvolvement: 'Borgere deltager i et følgeforum.',
    partners: [
      {
        organisation: 'Aarhus Kommune',
        sector: 'municipality',
        contactName: 'Mette Jensen',
        contactEmail: 'mette@aarhus.dk',
        role: 'Rekruttering',
      },
      {
        organisation: 'Region Midtjylland',
        sector: 'region',
        contactName: 'Lars Poulsen',
        contactEmail: 'lars@rm.dk',
        role: 'Projektledelse',
      },
    ],
    budgetLines: [
      { category: 'Løn', year: 2027, amountOre: 30_000_000 },
      { category: 'Drift', year: 2028, amountOre: 5_000_000 },
    ],
    startDate: '2027-10-01',
    endDate: '2028-12-31',
    ...overrides,
  };
}

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

type Who = string | undefined;

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
    send,
    get: (path: string, who?: Who, headers?: Record<string, string>) =>
      send('GET', path, who, headers ? { headers } : {}),
    post: (path: string, body: unknown, who?: Who, headers?: Record<string, string>) =>
      send('POST', path, who, { body, ...(headers ? { headers } : {}) }),
    /** POST without a body (the state transitions). */
    act: (path: string, who?: Who, headers?: Record<string, string>) =>
      send('POST', path, who, headers ? { headers } : {}),
    patch: (path: string, body: unknown, who?: Who, ifMatch?: string | number) =>
      send('PATCH', path, who, {
        body,
        headers:
          ifMatch === undefined ? {} : { 'if-match': typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch },
      }),
  };
}

export type Api = ReturnType<typeof api>;

/** Creates the example call as admin and, unless told otherwise, opens it. Returns the call as stored. */
export async function createCall(
  client: Api,
  options: { open?: boolean; overrides?: Record<string, unknown> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON
): Promise<any> {
  const created = await client.post('/api/calls', callBody(options.overrides), ADMIN);
  expect(created.status, created.text).toBe(201);
  if (options.open === false) return created.body;
  const opened = await client.act(`/api/calls/${created.body.id}/open`, ADMIN);
  expect(opened.status, opened.text).toBe(200);
  return opened.body;
}

/** Starts a draft under a call as `who`. */
export async function createDraft(
  client: Api,
  callId: string,
  who: string,
  body: Record<string, unknown> = applicationBody(),
  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON
): Promise<any> {
  const created = await client.post(`/api/calls/${callId}/applications`, body, who);
  expect(created.status, created.text).toBe(201);
  return created.body;
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

/**
 * The audit events stored under an entity's partition (`CALL#<id>`, `APP#<id>`), in the order of the versions
 * they record. (Events of the same millisecond sort by their random id in the table, so the tests, whose
 * clock stands still, order them by version.)
 */
export async function auditEvents(h: Harness, entityPk: string): Promise<Record<string, unknown>[]> {
  const out = await h.db.doc.send(
    new QueryCommand({
      TableName: h.db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': entityPk, ':audit': 'AUDIT#' },
      ConsistentRead: true,
    }),
  );
  const version = (item: Record<string, unknown>) =>
    Number((item.details as { version?: number } | undefined)?.version ?? 0);
  return (out.Items ?? []).sort(
    (a, b) => String(a.at).localeCompare(String(b.at)) || version(a) - version(b),
  );
}

/** The pending outbox messages (GSI gsi1, pk OUTBOX#pending). */
export async function pendingOutbox(h: Harness): Promise<Record<string, unknown>[]> {
  const out = await h.db.doc.send(
    new QueryCommand({
      TableName: h.db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'OUTBOX#pending' },
    }),
  );
  return out.Items ?? [];
}

/** Every item of the harness table (a Scan is fine at test sizes). */
export async function scanAll(h: Harness): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await h.db.doc.send(
      new ScanCommand({ TableName: h.db.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Items whose pk starts with a prefix (`REF#`, `COUNTER#`, `OUTBOX#`). */
export async function itemsWithPkPrefix(h: Harness, prefix: string): Promise<Record<string, unknown>[]> {
  return (await scanAll(h)).filter((item) => String(item.pk).startsWith(prefix));
}

/** A partner on an application; its organisation decides who is conflicted with the application. */
export const partner = (organisation: string, sector: string, contactName = 'Kim Kontakt') => ({
  organisation,
  sector,
  contactName,
  contactEmail: `${contactName.toLowerCase().replaceAll(' ', '.')}@example.dk`,
  role: 'Partner',
});

/** Partners no demo user works for: nobody on the board or among the reviewers is conflicted. */
export const neutralPartners = () => [
  partner('Skive Kommune', 'municipality'),
  partner('Lægehuset Nørreport', 'general_practice'),
];

/** Starts and submits an application under an open call as `who`; returns its id. */
export async function submitApplication(
  client: Api,
  callId: string,
  who: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const draft = await createDraft(client, callId, who, applicationBody(overrides));
  const submitted = await client.act(`/api/applications/${draft.id}/submit`, who);
  expect(submitted.status, submitted.text).toBe(200);
  return draft.id as string;
}

/** Closes a call through the API (its submitted applications move to review). */
export async function closeCallNow(client: Api, callId: string): Promise<void> {
  const closed = await client.act(`/api/calls/${callId}/close`, ADMIN);
  expect(closed.status, closed.text).toBe(200);
}

/**
 * A harness that also knows `extra` users: they are stored in the table (so the core finds their roles and
 * organisation) and `tokenFor` signs tokens for them. For people the demo users do not cover, such as a
 * second board member or someone who is both on the board and a reviewer.
 */
export async function withUsers(h: Harness, extra: readonly UserProfile[]): Promise<Harness> {
  for (const user of extra) await syncUserProfile(h.core, { actor: user }, user);
  return {
    ...h,
    tokenFor: async (email) => {
      const found = extra.find((u) => u.email === email);
      return found ? h.tokens.sign(found) : h.tokenFor(email);
    },
  };
}

/** PUT of the caller's review with the version they read in If-Match (omitted when `ifMatch` is null). */
export function putReview(
  client: Api,
  applicationId: string,
  who: string | undefined,
  body: unknown,
  ifMatch: number | string | null,
): Promise<ApiResponse> {
  const headers: Record<string, string> =
    ifMatch === null ? {} : { 'if-match': typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch };
  return client.send('PUT', `/api/applications/${applicationId}/review`, who, { body, headers });
}

/** A complete review of the example call's three criteria. */
export const fullReview = (
  relevance: number | 'na',
  quality: number | 'na',
  feasibility: number | 'na',
  recommendation = 'fund',
) => ({ scores: { relevance, quality, feasibility }, comments: {}, recommendation });

/** Saves a review (reading its version first) and submits it; both must succeed. */
export async function reviewAndSubmit(
  client: Api,
  applicationId: string,
  who: string,
  body: unknown,
): Promise<void> {
  const view = await client.get(`/api/applications/${applicationId}/review`, who);
  expect(view.status, view.text).toBe(200);
  const saved = await putReview(client, applicationId, who, body, view.body.assignment.version);
  expect(saved.status, saved.text).toBe(200);
  const submitted = await client.act(`/api/applications/${applicationId}/review/submit`, who);
  expect(submitted.status, submitted.text).toBe(200);
}

/** A CSV export as the bytes Excel would receive, and as text without the byte-order mark. */
export async function fetchCsv(
  h: Harness,
  path: string,
  who: string,
): Promise<{ status: number; headers: Headers; bytes: Uint8Array; text: string }> {
  const res = await h.app.request(path, { headers: { authorization: `Bearer ${await h.tokenFor(who)}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { status: res.status, headers: res.headers, bytes, text: decoded.replace(/^\uFEFF/, '') };
}

/** Splits semicolon CSV (quoted fields with "" escapes, CRLF rows) into rows of cells. */
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
