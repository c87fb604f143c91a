import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createLambdaHandler } from '../../functions/app/lambda.js';
import { createPowertools } from '../../functions/app/powertools.js';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/edge.js';
import { api } from '../support/api.js';
import { ADMIN, callBody, createCall } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';
import { captureLambdaOutput, lambdaContext } from '../support/lambda.js';

let h: Harness;

/** What CloudFront sends the gateway: its own address, and the secret every request carries. */
const EDGE = { originSecret: 'edge-secret-0123456789', publicUrl: 'https://fim.example.dk' };
const FROM_CLOUDFRONT = { [ORIGIN_SECRET_HEADER]: EDGE.originSecret };
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON
let openCall: any;

beforeAll(async () => {
  h = await createHarness();
  openCall = await createCall(api(h));
});

/** An API Gateway HTTP API (payload v2) event, as the Lambda receives it. */
function httpEvent(
  method: string,
  path: string,
  options: { query?: string; headers?: Record<string, string>; body?: string; base64?: boolean } = {},
): APIGatewayProxyEventV2 {
  const requestId = `req-${crypto.randomUUID()}`;
  const body =
    options.body === undefined
      ? undefined
      : options.base64
        ? Buffer.from(options.body).toString('base64')
        : options.body;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: options.query ?? '',
    ...(options.query
      ? { queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)) }
      : {}),
    headers: {
      accept: 'application/json',
      host: 'api.example.com',
      'user-agent': 'vitest',
      'x-forwarded-proto': 'https',
      ...options.headers,
    },
    requestContext: {
      accountId: '111111111111',
      apiId: 'abc123',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'vitest' },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '01/Mar/2027:09:00:00 +0000',
      timeEpoch: Date.parse('2027-03-01T09:00:00Z'),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: options.base64 ?? false,
  };
}

/** The API function's context, as Lambda passes it. */
const apiContext = () => lambdaContext('fim-api', { memoryMb: 512, timeLeftMs: 10_000 });

type Invoke = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const json = (result: APIGatewayProxyStructuredResultV2) => {
  const text = result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64').toString('utf8')
    : result.body;
  return JSON.parse(text ?? '');
};

describe('createLambdaHandler with the harness app', () => {
  let invoke: Invoke;

  captureLambdaOutput();

  beforeAll(() => {
    invoke = createLambdaHandler(h.app, createPowertools()) as unknown as Invoke;
  });

  it('GET /api/calls → 200 JSON with the open call', async () => {
    const result = await invoke(httpEvent('GET', '/api/calls'), apiContext());
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/json/);
    expect(json(result).items.map((c: { id: string }) => c.id)).toEqual([openCall.id]);
  });

  it('passes the query string through (?status=draft is refused anonymously: 401)', async () => {
    const result = await invoke(httpEvent('GET', '/api/calls', { query: 'status=draft' }), apiContext());
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(result)).toMatchObject({ code: 'UNAUTHENTICATED', instance: '/api/calls' });
  });

  it('POST /api/calls with an admin bearer → 201 with Location and ETag', async () => {
    const event = httpEvent('POST', '/api/calls', {
      headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}`, 'content-type': 'application/json' },
      body: JSON.stringify(callBody({ title: 'Oprettet via Lambda' })),
    });
    const result = await invoke(event, apiContext());
    expect(result.statusCode, result.body).toBe(201);
    const created = json(result);
    expect(created).toMatchObject({ status: 'draft', version: 1, title: 'Oprettet via Lambda' });
    expect(result.headers?.location).toBe(`/api/calls/${created.id}`);
    expect(result.headers?.etag).toBe('"1"');
    expect((await h.core.calls.get(created.id))?.title).toBe('Oprettet via Lambda');
  });

  it('decodes a base64-encoded body', async () => {
    const event = httpEvent('POST', '/api/calls', {
      headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}`, 'content-type': 'application/json' },
      body: JSON.stringify(callBody({ title: 'Kodet som base64 æøå' })),
      base64: true,
    });
    const result = await invoke(event, apiContext());
    expect(result.statusCode, result.body).toBe(201);
    expect(json(result).title).toBe('Kodet som base64 æøå');
  });

  it('an unknown API path → 401 anonymously (as the gateway would), 404 problem+json when signed in', async () => {
    expect((await invoke(httpEvent('GET', '/api/nothing-here'), apiContext())).statusCode).toBe(401);
    const event = httpEvent('GET', '/api/nothing-here', {
      headers: { authorization: `Bearer ${await h.tokenFor(ADMIN)}` },
    });
    const result = await invoke(event, apiContext());
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(json(result)).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/api/nothing-here' });
  });

  it('adds the security headers', async () => {
    const result = await invoke(httpEvent('GET', '/api/health'), apiContext());
    expect(result.headers?.['x-content-type-options']).toBe('nosniff');
    expect(result.headers?.['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('functions/handlers/api.handler.ts (AWS mode, real table)', () => {
  const { output, logLines } = captureLambdaOutput();

  const setEnv = (tableName: string) => {
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      COGNITO_USER_POOL_ID: 'eu-north-1_abcdefghi',
      DOCUMENTS_BUCKET: 'fim-documents',
      COGNITO_CLIENT_ID: 'abc',
      COGNITO_DOMAIN: 'https://fim.auth.eu-north-1.amazoncognito.com',
      PUBLIC_URL: EDGE.publicUrl,
      ORIGIN_SECRET: EDGE.originSecret,
      AWS_REGION: 'eu-north-1',
      AWS_LAMBDA_FUNCTION_NAME: 'fim-api',
    });
    delete process.env.POWERTOOLS_DEV;
  };

  /** A fresh cold start of the handler module with the current environment. */
  const coldStart = async (): Promise<Invoke> => {
    vi.resetModules();
    const module = await import('../../functions/handlers/api.handler.js');
    return module.handler as unknown as Invoke;
  };

  it('answers GET /api/health, lists calls from the table, refuses garbage tokens and has no dev-login', async () => {
    setEnv(h.db.tableName);
    const handler = await coldStart();

    const health = await handler(httpEvent('GET', '/api/health', { headers: FROM_CLOUDFRONT }), apiContext());
    expect(health.statusCode).toBe(200);
    expect(json(health)).toMatchObject({ status: 'ok' });

    const calls = await handler(httpEvent('GET', '/api/calls', { headers: FROM_CLOUDFRONT }), apiContext());
    expect(calls.statusCode).toBe(200);
    expect(json(calls).items.map((c: { id: string }) => c.id)).toContain(openCall.id);

    // Malformed tokens fail before aws-jwt-verify would fetch the user pool's keys: no network needed.
    for (const token of ['garbage', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.']) {
      const me = await handler(
        httpEvent('GET', '/api/me', { headers: { ...FROM_CLOUDFRONT, authorization: `Bearer ${token}` } }),
        apiContext(),
      );
      expect(me.statusCode, token).toBe(401);
      expect(me.headers?.['content-type']).toMatch(/^application\/problem\+json/);
      expect(json(me)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }

    const login = await handler(
      httpEvent('POST', '/api/auth/dev-login', {
        headers: { ...FROM_CLOUDFRONT, 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN }),
      }),
      apiContext(),
    );
    expect(login.statusCode).toBe(404);
    expect(json(login)).not.toHaveProperty('token');

    // Secure cookies in AWS: HSTS is on.
    expect(health.headers?.['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('logs an unexpected failure as one JSON line carrying the request id as correlation_id', async () => {
    setEnv(`missing-${crypto.randomUUID()}`);
    const handler = await coldStart();
    const event = httpEvent('GET', '/api/calls', { headers: FROM_CLOUDFRONT });
    const context = apiContext();

    const result = await handler(event, context);

    expect(result.statusCode).toBe(500);
    const body = json(result);
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(result.body).not.toMatch(/ResourceNotFound|missing-|stack/i);

    const logs = logLines();
    const errorLog = logs.find((l) => l.level === 'ERROR');
    expect(errorLog, output.join('')).toBeDefined();
    expect(errorLog).toMatchObject({
      message: 'Unhandled error',
      service: 'fim',
      correlation_id: event.requestContext.requestId,
      function_request_id: context.awsRequestId,
      function_name: 'fim-api',
    });
    expect(JSON.stringify(errorLog)).toContain('ResourceNotFoundException');
  });

  it('fails the cold start with the name of a missing setting', async () => {
    setEnv(h.db.tableName);
    delete process.env.COGNITO_CLIENT_ID;
    await expect(coldStart()).rejects.toThrow('Missing configuration: COGNITO_CLIENT_ID');
    setEnv(h.db.tableName);
    delete process.env.ORIGIN_SECRET;
    await expect(coldStart()).rejects.toThrow('Missing configuration: ORIGIN_SECRET');
  });

  it('answers only what comes through CloudFront: no or a wrong origin secret is 403, before the app', async () => {
    setEnv(h.db.tableName);
    const handler = await coldStart();
    const wrong: Record<string, string>[] = [
      {},
      { [ORIGIN_SECRET_HEADER]: 'guess' },
      { [ORIGIN_SECRET_HEADER]: '' },
    ];
    for (const headers of wrong) {
      const result = await handler(
        httpEvent('GET', '/api/calls', { headers: { ...headers, 'accept-language': 'en' } }),
        apiContext(),
      );
      expect(result.statusCode, JSON.stringify(headers)).toBe(403);
      expect(result.headers?.['content-type']).toBe('application/problem+json');
      expect(json(result)).toMatchObject({ status: 403, code: 'FORBIDDEN', title: 'Forbidden' });
    }
    const through = await handler(httpEvent('GET', '/api/calls', { headers: FROM_CLOUDFRONT }), apiContext());
    expect(through.statusCode).toBe(200);
  });
});

describe('behind CloudFront (createLambdaHandler with the edge)', () => {
  let invoke: Invoke;

  beforeAll(() => {
    invoke = createLambdaHandler(h.app, createPowertools(), EDGE) as unknown as Invoke;
  });

  /** A form post from a browser at `origin`, through CloudFront to the gateway's own host. */
  const formPost = (origin: string) =>
    httpEvent('POST', '/logout', {
      headers: {
        ...FROM_CLOUDFRONT,
        host: 'abc123.execute-api.eu-north-1.amazonaws.com',
        origin,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: '',
    });

  it('the same-origin check takes the public address as the site’s own, not the gateway’s', async () => {
    const own = await invoke(formPost(EDGE.publicUrl), apiContext());
    expect(own.statusCode).toBe(303);
    for (const foreign of ['https://abc123.execute-api.eu-north-1.amazonaws.com', 'https://evil.example']) {
      expect((await invoke(formPost(foreign), apiContext())).statusCode, foreign).toBe(403);
    }
  });

  it('hands the app the request without the secret, under the public host', async () => {
    const seen: { url?: string; secret?: string | null } = {};
    const probe = createLambdaHandler(
      // The same wrapper around an app that reports what it was given.
      Object.assign(Object.create(h.app), {
        fetch: (request: Request) => {
          seen.url = request.url;
          seen.secret = request.headers.get(ORIGIN_SECRET_HEADER);
          return new Response('ok');
        },
      }),
      createPowertools(),
      EDGE,
    ) as unknown as Invoke;
    const result = await probe(
      httpEvent('GET', '/finance', { query: 'year=2027', headers: FROM_CLOUDFRONT }),
      apiContext(),
    );
    expect(result.statusCode).toBe(200);
    expect(seen).toEqual({ url: 'https://fim.example.dk/finance?year=2027', secret: null });
  });
});
