import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The layers are kept by `npm run lint` (Biome's noRestrictedImports, configured in biome.json). This runs
 * the project's own biome.json over probe files laid out like the project, so a rule that stops biting fails
 * here: each forbidden import must be refused with its layer's message, and each allowed one must pass.
 */

const root = resolve(import.meta.dirname, '..', '..');
const biome = join(root, 'node_modules', '.bin', 'biome');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fim-layers-'));
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  // Biome plugins (lint/*.grit) are found relative to the configuration: point at the project's.
  config.plugins = ((config.plugins ?? []) as string[]).map((plugin) => join(root, plugin));
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lints one probe file at `path` (relative to the project) importing `specifier`; the diagnostics' text. */
function lint(
  path: string,
  specifier: string,
  source = `import { thing } from '${specifier}';\n\nexport const probe = thing;\n`,
): { refused: boolean; output: string } {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const run = spawnSync(biome, ['lint', '--max-diagnostics=5', path], { cwd: dir, encoding: 'utf8' });
  rmSync(file);
  const output = `${run.stdout}${run.stderr}`;
  return { refused: output.includes('lint/style/noRestrictedImports'), output };
}

describe('the layers, as npm run lint keeps them', () => {
  it.each([
    ['web/applications/probe.ts', '../../functions/db/client.js', 'never the database'],
    ['web/probe.ts', '../functions/db/applications.repository.js', 'never the database'],
    ['web/probe.ts', '../functions/app/app.js', 'composition root'],
    ['web/probe.ts', '@aws-sdk/lib-dynamodb', "AWS's SDK"],
    ['functions/core/calls/probe.ts', 'hono', 'no HTTP'],
    ['functions/core/calls/probe.ts', '../../db/keys.js', 'ports'],
    ['functions/core/calls/probe.ts', '../../http/problem.js', 'front doors'],
    ['functions/core/calls/probe.ts', '../../../web/render.js', 'front doors'],
    ['functions/core/calls/probe.ts', '../../texts/index.js', 'no words'],
    ['functions/core/calls/probe.ts', '@aws-sdk/client-dynamodb', "AWS's SDK"],
    ['functions/http/routes/probe.ts', '../../db/client.js', 'storage is wired'],
    ['functions/http/routes/probe.ts', '../../../web/web.routes.js', 'composition root'],
    ['functions/http/probe.ts', '../app/app.js', 'composition root'],
    ['functions/db/probe.ts', '../http/problem.js', 'imports the core only'],
    ['functions/db/probe.ts', 'hono', 'no HTTP'],
    ['functions/texts/probe.ts', '../db/client.js', "core's types only"],
    ['functions/handlers/probe.ts', '@aws-sdk/client-dynamodb', "AWS's SDK"],
    ['functions/handlers/probe.ts', '@aws-sdk/client-sesv2', "AWS's SDK"],
    ['functions/mail/probe.ts', '@aws-sdk/lib-dynamodb', 'SES only'],
    ['functions/mail/probe.ts', '../db/client.js', 'Mailer port'],
    ['functions/mail/probe.ts', 'hono', 'no HTTP'],
    ['functions/core/messages/probe.ts', 'nodemailer', 'Only functions/mail sends mail'],
    ['functions/db/probe.ts', 'nodemailer', 'Only functions/mail sends mail'],
    ['functions/http/probe.ts', 'nodemailer', 'Only functions/mail sends mail'],
    ['web/probe.ts', 'maildev', 'Only functions/mail sends mail'],
    ['functions/core/applications/probe.ts', 'pdfmake/js/index.js', 'Only functions/pdf renders PDFs'],
    ['functions/app/probe.ts', 'pdfmake', 'Only functions/pdf renders PDFs'],
    ['functions/pdf/probe.ts', '../db/client.js', 'imports the core, texts and pdfmake only'],
    ['functions/pdf/probe.ts', 'hono', 'PDFs know no HTTP'],
  ])('%s may not import %s', (path, specifier, message) => {
    const { refused, output } = lint(path, specifier);
    expect(refused, output).toBe(true);
    expect(output).toContain(message);
  });

  it.each([
    ['functions/db/probe.ts', '@aws-sdk/lib-dynamodb'],
    ['functions/db/probe.ts', '../core/ports.js'],
    ['functions/local/probe.ts', '../db/client.js'],
    ['functions/http/routes/probe.ts', '../../core/calls/call.service.js'],
    ['functions/http/probe.ts', '../texts/index.js'],
    ['web/probe.ts', '../functions/core/calls/call.service.js'],
    ['web/probe.ts', '../functions/http/context.js'],
    ['functions/app/probe.ts', '../../web/web.routes.js'],
    ['functions/app/probe.ts', '../db/client.js'],
    ['test/probe.ts', '@aws-sdk/lib-dynamodb'],
    ['functions/mail/probe.ts', '@aws-sdk/client-sesv2'],
    ['functions/mail/probe.ts', 'nodemailer'],
    ['functions/mail/probe.ts', '../texts/index.js'],
    ['functions/mail/probe.ts', '../core/ports.js'],
    ['functions/local/probe.ts', 'maildev'],
    ['functions/app/probe.ts', '../mail/mailer.js'],
    ['functions/pdf/probe.ts', 'pdfmake/js/index.js'],
    ['functions/pdf/probe.ts', '../texts/index.js'],
    ['functions/http/routes/probe.ts', '../../pdf/render.js'],
  ])('%s may import %s', (path, specifier) => {
    const { refused, output } = lint(path, specifier);
    expect(refused, output).toBe(false);
  });
});

describe('zod as a namespace (lint/zod-namespace-import.grit), in every folder', () => {
  it.each([
    'functions/core/calls/probe.ts',
    'functions/http/routes/probe.ts',
    'web/probe.ts',
    'test/probe.ts',
  ])('%s may import * as z from zod, not { z }', (path) => {
    const named = lint(path, 'zod', "import { z } from 'zod';\n\nexport const probe = z.string();\n");
    expect(named.output).toContain('Import zod as a namespace');
    // The z of @hono/zod-openapi is the same namespace, and not zod inside a Lambda bundle (zod-in-lambda.ts).
    const openapi = lint(
      path,
      '@hono/zod-openapi',
      "import { createRoute, z } from '@hono/zod-openapi';\n\nexport const probe = [createRoute, z.string()];\n",
    );
    expect(openapi.output).toContain('Import zod as a namespace');
    const namespace = lint(path, 'zod', "import * as z from 'zod';\n\nexport const probe = z.string();\n");
    expect(namespace.output, namespace.output).not.toContain('Import zod as a namespace');
    expect(namespace.output).not.toMatch(/plugin|error/i);
  });

  it('no function traces with Powertools Tracer or the X-Ray SDK (functions/app/tracing.ts does)', () => {
    for (const specifier of ['@aws-lambda-powertools/tracer', 'aws-xray-sdk-core']) {
      const { refused, output } = lint('functions/app/probe.ts', specifier);
      expect(refused, output).toBe(true);
      expect(output).toContain('functions/app/tracing.ts');
    }
  });
});
