/*
 * Answers are compressed for a client that accepts it (a page, a streamed CSV, the API's JSON), byte for byte
 * what a client that does not accept it gets.
 */
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINANCE, setUpYear } from '../support/fixtures.js';
import { type Harness, harnessWithApi } from '../support/harness.js';

let h: Harness;

beforeAll(async () => {
  const made = await harnessWithApi();
  h = made.h;
  await setUpYear(made.client, 2027);
}, 60_000);

const ask = async (path: string, encoding?: string) =>
  h.app.request(path, {
    headers: {
      cookie: `fim_session=${await h.sessionFor(FINANCE)}`,
      ...(encoding ? { 'accept-encoding': encoding } : {}),
    },
  });

describe('compression', () => {
  it.each(['/finance/years/2027', '/finance/years/2027/exports/ledger.csv', '/api/openapi.json'])(
    '%s: gzip when accepted, the same content as uncompressed',
    async (path) => {
      const plain = await ask(path);
      const zipped = await ask(path, 'gzip, deflate, br');
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      const bytes = Buffer.from(await zipped.arrayBuffer());
      const original = Buffer.from(await plain.arrayBuffer());
      expect(gunzipSync(bytes).equals(original)).toBe(true);
      if (original.length > 4_000) expect(bytes.length).toBeLessThan(original.length / 2);
    },
  );
});
