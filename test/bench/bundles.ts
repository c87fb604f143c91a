import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLING } from '../../infra/constructs/app-function.js';

/**
 * Bundles `entry` into `outdir/index.mjs` (+ .map) as infra does (infra/constructs/app-function.ts `BUNDLING`,
 * the options NodejsFunction hands the esbuild command line). Returns the bundle's path.
 */
export async function bundleLikeInfra(entry: string, outdir: string): Promise<string> {
  const outfile = join(outdir, 'index.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format,
    outfile,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    external: BUNDLING.externalModules,
    banner: { js: BUNDLING.banner },
    mainFields: BUNDLING.mainFields,
    logLevel: 'warning',
  });
  return outfile;
}
