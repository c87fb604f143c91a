import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ILocalBundling } from 'aws-cdk-lib';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

/**
 * How every function is bundled: an ESM bundle for Node.js 24 by the local esbuild (never Docker), minified, with
 * a source map beside it, **split**: what a handler imports statically is `index.mjs` (plus the shared chunks it
 * imports), what it imports with `import()` (pdfmake and its fonts, the S3 and Cognito clients, the ZIP writer)
 * lands in chunks of its own that Node reads only when that code first runs. A cold start parses only the first.
 * test/bench/cold-start.bench.ts builds with the same function, so the bench measures the bytes infra ships.
 */
export const BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  // .mjs: Lambda's Node reads a file as ESM by its extension (there is no package.json in the bundle).
  outExtension: { '.js': '.mjs' },
  mainFields: ['module', 'main'],
  // CommonJS packages inside an ESM bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  legalComments: 'none',
  // zod without its whole namespace (infra/constructs/zod-in-lambda.ts says why).
  alias: {
    zod: fileURLToPath(new URL('./zod-in-lambda.ts', import.meta.url)),
    // zod/mini as itself (the alias above would otherwise take it for a path inside zod-in-lambda.ts).
    'zod/mini': fileURLToPath(new URL('../../node_modules/zod/mini/index.js', import.meta.url)),
  },
  logLevel: 'warning',
} as const satisfies BuildOptions;

export interface LambdaBundle {
  /** The handler's file, `index.mjs`. */
  readonly entryFile: string;
  /** Bytes Node reads at a cold start: index.mjs and the chunks it imports statically, transitively. */
  readonly coldStartBytes: number;
  /** Bytes of every JavaScript file in the bundle, the lazy chunks included. */
  readonly totalBytes: number;
}

/** Bundles `entry` into `outdir` (index.mjs, chunks/, source maps) as every Lambda function is built. */
export function bundleForLambda(entry: string, outdir: string): LambdaBundle {
  const result = buildSync({ ...BUNDLING, entryPoints: [entry], outdir, metafile: true });
  return measure(result.metafile, outdir);
}

function measure(metafile: Metafile, outdir: string): LambdaBundle {
  const outputs = metafile.outputs;
  // The keys are relative to the working directory; the lazy chunks are entry points too.
  const entryFile = join(outdir, 'index.mjs');
  const entryKey = Object.keys(outputs).find((key) => resolve(key) === resolve(entryFile));
  if (!entryKey) throw new Error(`esbuild wrote no ${entryFile}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of outputs[key]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryKey);
  const js = Object.entries(outputs).filter(([key]) => key.endsWith('.mjs'));
  return {
    entryFile,
    coldStartBytes: [...seen].reduce((sum, key) => sum + (outputs[key]?.bytes ?? 0), 0),
    totalBytes: js.reduce((sum, [, output]) => sum + output.bytes, 0),
  };
}

/**
 * CDK's local bundling step for a function (`Code.fromAsset(..., { bundling: { local } })`). The entry is a
 * field so CDK's asset cache (keyed on the bundling options as JSON) tells two functions' bundles apart.
 */
export class LocalEsbuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    bundleForLambda(this.entry, outputDir);
    return true;
  }
}
