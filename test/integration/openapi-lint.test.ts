import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRoute } from '@hono/zod-openapi';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { generateApi } from 'swagger-typescript-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { bearer, createApiRouter, json, publicRoute } from '../../functions/http/routes/api-common.js';
import { ADMIN, callBody } from '../support/fixtures.js';
import { createHarness, type Harness } from '../support/harness.js';

/*
 * The contract as an integrator meets it: the document the app serves, linted with Redocly's `recommended`
 * rules, and a typed client generated from it (swagger-typescript-api names its methods by operationId) that
 * the project's compiler accepts and that talks to the app.
 */

let h: Harness;
let source: string;
let folder: string;

// What an integrator writes against the generated client; it must compile with strict settings.
const USAGE = `import { Api, type Call, type CallInput } from './api';

export function connect(fetch: typeof globalThis.fetch, token: string): Api<string> {
  const api = new Api<string>({
    baseUrl: 'http://fim.test/api',
    customFetch: fetch,
    securityWorker: (t) => (t ? { headers: { Authorization: \`Bearer \${t}\` } } : {}),
  });
  api.setSecurityData(token);
  return api;
}

export async function draftCall(api: Api<string>, input: CallInput): Promise<Call> {
  const { data } = await api.calls.createCall(input);
  return data;
}

export async function callTitles(api: Api<string>, status: 'draft' | 'open' | 'closed'): Promise<string[]> {
  const { data } = await api.calls.listCalls({ status });
  return data.items.map((call) => call.title);
}

// The types are real: each line below must be refused, or tsc reports the unused directive.
export function refused(api: Api<string>, call: Call): void {
  // @ts-expect-error: the API knows no such status
  void api.calls.listCalls({ status: 'archived' });
  // @ts-expect-error: money is whole øre, a number
  const budget: string = call.budgetOre;
  void budget;
}
`;

interface GeneratedUsage {
  connect(fetch: typeof globalThis.fetch, token: string): unknown;
  draftCall(api: unknown, input: unknown): Promise<{ id: string; status: string; budgetOre: number }>;
  callTitles(api: unknown, status: string): Promise<string[]>;
}

beforeAll(async () => {
  h = await createHarness();
  const res = await h.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  source = await res.text();
  folder = mkdtempSync(join(tmpdir(), 'fim-openapi-client-'));
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const summary = (problems: NormalizedProblem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);

describe('the OpenAPI document', () => {
  it('passes Redocly’s recommended rules: no error, and no warning but the missing licence', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: '/api/openapi.json', config });

    expect(summary(problems.filter((p) => p.severity === 'error'))).toEqual([]);
    // The project has chosen no licence; naming one is its owner's decision, not the document's.
    expect(summary(problems.filter((p) => p.severity !== 'error'))).toEqual([
      'warn info-license #/info: Info object should contain `license` field.',
    ]);
  });

  it('gives a typed client that compiles and calls the app by operationId', async () => {
    const { files } = await generateApi({
      spec: JSON.parse(source),
      output: false,
      httpClientType: 'fetch',
      fileName: 'api.ts',
      silent: true,
    });
    const client = files.find((f) => f.fileName === 'api');
    expect(client?.fileContent).toContain('listCalls: (');
    writeFileSync(join(folder, 'api.ts'), client?.fileContent ?? '');
    writeFileSync(join(folder, 'usage.ts'), USAGE);
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          types: [],
        },
        include: ['*.ts'],
      }),
    );

    // The project's own compiler (TypeScript 7, native), as CI has it.
    const tsc = join(
      dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
      'bin',
      'tsc',
    );
    const compile = () => {
      try {
        execFileSync(process.execPath, [tsc, '-p', folder], { encoding: 'utf8', timeout: 60_000 });
        return '';
      } catch (error) {
        return String((error as { stdout?: string }).stdout ?? error);
      }
    };
    expect(compile()).toBe('');

    // The same two operations, run: the generated client's paths, bodies and tokens are the app's.
    const usage = (await import(pathToFileURL(join(folder, 'usage.ts')).href)) as GeneratedUsage;
    const api = usage.connect(
      (input, init) => Promise.resolve(h.app.request(input as string, init)),
      await h.tokenFor(ADMIN),
    );
    const call = await usage.draftCall(api, callBody({ title: 'Kaldt med den genererede klient' }));
    expect(call).toMatchObject({ status: 'draft', budgetOre: 200_000_000 });
    expect(await usage.callTitles(api, 'draft')).toContain('Kaldt med den genererede klient');
  });
});

describe('an API router', () => {
  const route = (extra: Record<string, unknown>) =>
    createRoute({
      method: 'get',
      path: '/me',
      summary: 'Test route',
      responses: { 200: json(z.object({}), 'Ok') },
      ...extra,
    });
  const register = (extra: Record<string, unknown>) => () =>
    createApiRouter().openapi(route(extra), (c) => c.json({}, 200));

  it('refuses an operation without an operationId', () => {
    expect(register({ security: bearer })).toThrow('GET /api/me: name the operation');
    expect(register({ security: bearer, operationId: 'get-me' })).toThrow('camelCase');
  });

  it('refuses security that contradicts PUBLIC_API_ROUTES', () => {
    expect(register({ operationId: 'getMe' })).toThrow('GET /api/me: is not in PUBLIC_API_ROUTES');
    expect(register({ operationId: 'getMe', security: publicRoute })).toThrow('its security is bearer');
    expect(
      () =>
        createApiRouter().openapi(
          createRoute({
            method: 'get',
            path: '/health',
            operationId: 'getHealth',
            security: bearer,
            summary: 'Test route',
            responses: { 200: json(z.object({}), 'Ok') },
          }),
          (c) => c.json({}, 200),
        ),
      'a public route that asks for a token',
    ).toThrow('GET /api/health: is in PUBLIC_API_ROUTES, so its security is publicRoute or optionalBearer');
  });
});
