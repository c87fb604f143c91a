/*
 * What `import … from 'zod'` means inside a Lambda bundle (esbuild `alias`, infra/constructs/bundle.ts).
 *
 * Every export of zod, as named exports esbuild can shake (`import * as z from 'zod'` in our code takes only the
 * schemas it uses), but a `z` that is no longer the whole namespace: @hono/zod-openapi does
 * `import { z } from 'zod'` only to call `extendZodWithOpenApi(z)` (which patches `z.ZodType.prototype` with
 * `.openapi()`), and that one use kept all of zod, its 64 locales included, in the API's cold start. Our code
 * never takes `z` from '@hono/zod-openapi' (Biome refuses it), so `ZodType` is all this `z` needs to hold.
 */
import { ZodType } from '../../node_modules/zod/v4/classic/external.js';

export * from '../../node_modules/zod/v4/classic/external.js';
export const z = { ZodType };
