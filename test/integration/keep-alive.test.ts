import { type Agent, Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/http/limits.js';
import { serveLocally } from '../../functions/local/server.js';
import { createHarness, type Harness } from '../support/harness.js';

/*
 * A body refused as too large (413) is not read, so the connection it came on cannot carry another request:
 * the local server says so (`Connection: close`) and closes it, and a keep-alive client's next request goes on
 * a fresh connection and works. Over a real socket, with one keep-alive connection at most.
 */

let h: Harness;
let server: ServerType;
let port: number;
let agent: Agent;

beforeAll(async () => {
  h = await createHarness();
  server = serveLocally(h.app, { port: 0 });
  await new Promise<void>((ready) => server.once('listening', () => ready()));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
});

afterAll(async () => {
  agent?.destroy();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** One request on the shared keep-alive agent. */
function send(
  method: string,
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const tooLarge = () => Buffer.alloc(MAX_BODY_BYTES + 64 * 1024, 'a');

describe('after a 413 the connection is closed, and the next requests work', () => {
  it.each([
    ['the API', '/api/calls', { 'content-type': 'application/json' }],
    ['a web form', '/login', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('%s', async (_what, path, headers) => {
    expect((await send('GET', '/api/health')).status).toBe(200);
    // This site's own origin, as the browser sends it with a form (the CSRF check passes).
    const refused = await send('POST', path, tooLarge(), { ...headers, origin: `http://127.0.0.1:${port}` });
    expect(refused.status, refused.body).toBe(413);
    expect(refused.connection).toBe('close');
    for (let i = 0; i < 3; i++) {
      const next = await send('GET', '/api/health');
      expect(next.status).toBe(200);
    }
  });
});
