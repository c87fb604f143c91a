import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/edge.js';
import { bundleForLambda } from '../../infra/constructs/bundle.js';
import { api } from '../support/api.js';
import { createCall } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { captureLambdaOutput, lambdaContext } from '../support/lambda.js';
import { draftForm } from '../support/web.js';

/*
 * The AWS path end to end: the API Lambda bundled as infra bundles it, invoked with HTTP API (payload v2) events as
 * API Gateway sends them (cookies in the `cookies` array, form bodies base64-encoded), answering several
 * `Set-Cookie`s in `cookies`. Cognito is played by a local server: its token endpoint hands out an ID token
 * signed with the test's RSA key, and its key set (JWKS), which aws-jwt-verify in the bundle fetches over HTTPS,
 * is that key's. The table is the run's DynamoDB Local.
 */

const POOL = 'eu-north-1_Journey01';
const CLIENT_ID = 'journey-web-client';
const PUBLIC_URL = 'https://fim.example.dk';
/** What CloudFront sends the gateway with every request (infra/constructs/distribution.ts). */
const ORIGIN_SECRET = 'journey-origin-secret';
const COGNITO_DOMAIN = 'https://fim-journey.auth.eu-north-1.amazoncognito.com';
const ISSUER = `https://cognito-idp.eu-north-1.amazonaws.com/${POOL}`;
const KID = 'journey-key';

type Invoke = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let h: Harness;
let callId = '';
let handler: Invoke;
let cognito: Server;
let outdir = '';
const requested: string[] = [];
const { logLines } = captureLambdaOutput();

const https = createRequire(import.meta.url)('node:https') as typeof import('node:https');
const realHttpsRequest = https.request;

/** Cognito's token endpoint and key set, on a local port. */
async function startCognito(): Promise<Server> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };
  const idToken = () =>
    new SignJWT({
      token_use: 'id',
      email: 'sofie@auh.rm.dk',
      name: 'Sofie Andersen',
      'cognito:groups': ['applicant'],
      'custom:organisation': 'Aarhus Universitetshospital',
      auth_time: Math.floor(Date.now() / 1000),
    })
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setSubject('cognito-sub-journey')
      .setIssuer(ISSUER)
      .setAudience(CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  const server = createServer((req, res) => {
    requested.push(`${req.method} ${req.url}`);
    if (req.method === 'GET' && req.url === `/${POOL}/.well-known/jwks.json`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
      return;
    }
    if (req.method === 'POST' && req.url === '/oauth2/token') {
      void idToken().then((token) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id_token: token,
            access_token: 'a',
            refresh_token: 'journey-refresh-token',
            token_type: 'Bearer',
            expires_in: 3600,
          }),
        ),
      );
      return;
    }
    if (req.method === 'POST' && req.url === '/oauth2/revoke') {
      res.writeHead(200).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * Sends the bundle's calls to Cognito's hosts to the local server instead: the key set (aws-jwt-verify fetches it
 * with node:https) and the token endpoint (global fetch). Anything else fails the test.
 */
function routeCognitoTo(server: Server) {
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const toLocal = (url: string) => {
    const parsed = new URL(url);
    if (`${parsed.origin}` !== new URL(ISSUER).origin && parsed.origin !== COGNITO_DOMAIN) {
      throw new Error(`The journey reached outside: ${url}`);
    }
    return `${local}${parsed.pathname}${parsed.search}`;
  };
  https.request = ((url: string | URL, ...rest: never[]) =>
    httpRequest(toLocal(String(url)), ...rest)) as unknown as typeof https.request;
  syncBuiltinESMExports();
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) =>
    realFetch(toLocal(input instanceof Request ? input.url : String(input)), init),
  );
}

beforeAll(async () => {
  h = await createHarness();
  callId = (await createCall(api(h))).id;
  cognito = await startCognito();
  routeCognitoTo(cognito);
  outdir = mkdtempSync(join(tmpdir(), 'fim-journey-'));
  const bundle = bundleForLambda('functions/handlers/api.handler.ts', outdir).entryFile;
  Object.assign(process.env, {
    TABLE_NAME: h.db.tableName,
    DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
    COGNITO_USER_POOL_ID: POOL,
    DOCUMENTS_BUCKET: 'fim-documents',
    COGNITO_CLIENT_ID: CLIENT_ID,
    COGNITO_DOMAIN,
    PUBLIC_URL,
    ORIGIN_SECRET,
    AWS_REGION: 'eu-north-1',
    AWS_LAMBDA_FUNCTION_NAME: 'fim-api',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  });
  delete process.env.POWERTOOLS_DEV;
  handler = (await import(/* @vite-ignore */ pathToFileURL(bundle).href)).handler as Invoke;
}, 60_000);

afterAll(async () => {
  https.request = realHttpsRequest;
  syncBuiltinESMExports();
  vi.unstubAllGlobals();
  await new Promise((resolve) => cognito?.close(resolve));
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** The browser's cookie jar, fed from the answers' `cookies` and sent as API Gateway passes them on. */
const jar = new Map<string, string>();
function keep(result: APIGatewayProxyStructuredResultV2) {
  for (const cookie of result.cookies ?? []) {
    const [pair = ''] = cookie.split(';');
    const [name = '', value = ''] = pair.split('=', 2);
    if (value === '' || /max-age=0/i.test(cookie)) jar.delete(name);
    else jar.set(name, value);
  }
}

/**
 * What API Gateway sends for a browser's request that came through CloudFront: cookies in `cookies`, a form body
 * base64-encoded, the gateway's own host, and CloudFront's secret header.
 */
function gatewayEvent(method: string, target: string, form?: Record<string, string>): APIGatewayProxyEventV2 {
  const url = new URL(target, PUBLIC_URL);
  const host = 'journey.execute-api.eu-north-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    ...(jar.size > 0 ? { cookies: [...jar].map(([name, value]) => `${name}=${value}`) } : {}),
    headers: {
      accept: 'text/html',
      'accept-language': 'da',
      host,
      'user-agent': 'Mozilla/5.0 (journey)',
      'x-forwarded-proto': 'https',
      [ORIGIN_SECRET_HEADER]: ORIGIN_SECRET,
      ...(form
        ? {
            'content-type': 'application/x-www-form-urlencoded',
            origin: PUBLIC_URL,
            'sec-fetch-site': 'same-origin',
          }
        : {}),
    },
    requestContext: {
      accountId: '111111111111',
      apiId: 'journey',
      domainName: host,
      domainPrefix: 'fim',
      http: {
        method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.10',
        userAgent: 'Mozilla/5.0 (journey)',
      },
      requestId: `req-${crypto.randomUUID()}`,
      routeKey: '$default',
      stage: '$default',
      time: '01/Mar/2027:09:00:00 +0000',
      timeEpoch: Date.now(),
    },
    ...(form ? { body: Buffer.from(new URLSearchParams(form).toString()).toString('base64') } : {}),
    isBase64Encoded: form !== undefined,
  };
}

async function send(method: string, target: string, form?: Record<string, string>) {
  const result = await handler(
    gatewayEvent(method, target, form),
    lambdaContext('fim-api', { memoryMb: 512 }),
  );
  keep(result);
  return result;
}

const html = (result: APIGatewayProxyStructuredResultV2) =>
  result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');

describe('the bundled API Lambda, as API Gateway and Cognito drive it', () => {
  it('signs in through the hosted page, opens the form, saves it and shows what was saved', async () => {
    // Sign-in: the hosted page with PKCE; its state rides in a cookie scoped to /auth.
    const login = await send('GET', '/login?next=/applications');
    expect(login.statusCode).toBe(302);
    const authorize = new URL(login.headers?.location as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${COGNITO_DOMAIN}/oauth2/authorize`);
    expect(jar.has('fim_oauth')).toBe(true);

    // Cognito sends the browser back with a code; the callback answers three cookies: the flow's removed, the
    // session set, and the one look for the privacy notice after a sign-in.
    const callback = await send(
      'GET',
      `/auth/callback?code=journey-code&state=${authorize.searchParams.get('state')}`,
    );
    expect(callback.statusCode, html(callback)).toBe(303);
    expect(callback.headers?.location).toBe('/applications');
    expect(callback.cookies?.map((c) => c.split('=')[0]).sort()).toEqual([
      'fim_oauth',
      'fim_privacy_check',
      'fim_session',
    ]);
    expect(callback.cookies?.find((c) => c.startsWith('fim_session='))).toMatch(
      /HttpOnly.*Secure|Secure.*HttpOnly/,
    );
    expect(jar.has('fim_oauth')).toBe(false);
    expect(requested).toEqual(
      expect.arrayContaining(['POST /oauth2/token', `GET /${POOL}/.well-known/jwks.json`]),
    );

    // Signed in: the applicant's own page.
    const mine = await send('GET', '/applications');
    expect(mine.statusCode).toBe(200);
    expect(html(mine)).toContain('Sofie Andersen');

    // A form post starts an application; its page holds the form.
    const apply = await send('POST', `/calls/${callId}/apply`, {});
    expect(apply.statusCode, html(apply)).toBe(303);
    const path = apply.headers?.location as string;
    expect(path).toMatch(/^\/applications\/[\w-]+$/);
    const form = await send('GET', path);
    expect(form.statusCode).toBe(200);
    expect(html(form)).toContain('name="_version" value="1"');

    // The form saved, base64-encoded as the gateway passes it, Danish letters and all.
    const saved = await send('POST', path, draftForm(1, { title: 'Fald i eget hjem: æøå' }));
    expect(saved.statusCode, html(saved)).toBe(303);
    expect(saved.headers?.location).toBe(`${path}?saved=1`);

    const shown = await send('GET', saved.headers?.location as string);
    expect(shown.statusCode).toBe(200);
    expect(html(shown)).toContain('value="Fald i eget hjem: æøå"');
    const stored = await h.core.applications.get(path.split('/').pop() ?? '');
    expect(stored).toMatchObject({ title: 'Fald i eget hjem: æøå', version: 2 });
    expect(stored?.budgetLines?.[0]).toMatchObject({ amountOre: 125_050 });

    // The PDF renderer is not in the cold start: pdfmake and its fonts are a chunk of their own, read on the first
    // PDF (infra/constructs/bundle.ts). It must be there and load from the bundle's folder.
    const pdf = await send('GET', `${path}/pdf`);
    expect(pdf.statusCode, html(pdf).slice(0, 500)).toBe(200);
    expect(pdf.headers?.['content-type']).toBe('application/pdf');
    expect(
      Buffer.from(pdf.body ?? '', pdf.isBase64Encoded ? 'base64' : 'utf8')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The session is an item in the table: the cookie holds its random id, never a token.
    const sessionId = jar.get('fim_session') ?? '';
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Signing out ends the session: the cookie is removed, Cognito's hosted page is told, and the old cookie,
    // sent again as a copy would be, no longer opens the page.
    const logout = await send('POST', '/logout', {});
    expect(logout.statusCode, html(logout)).toBe(303);
    expect(String(logout.headers?.location)).toMatch(new RegExp(`^${COGNITO_DOMAIN}/logout\\?`));
    expect(jar.has('fim_session')).toBe(false);
    expect(requested).toContain('POST /oauth2/revoke');
    jar.set('fim_session', sessionId);
    const copied = await send('GET', '/applications');
    expect(copied.statusCode).toBe(303);
    expect(copied.headers?.location).toBe('/login?next=%2Fapplications');

    // Every answer went out with the invocation's metrics flushed, the cold start first.
    expect(logLines()).toContainEqual(expect.objectContaining({ ColdStart: 1, function_name: 'fim-api' }));
  });
});
