import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  applyPopulationImport,
  type ImportPreview,
  previewPopulationImport,
} from '../../functions/core/finance/population.service.js';
import { decodeImport } from '../../functions/core/finance/population-import.js';
import { AppError, errorsOf, type FieldError } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { MAX_BODY_BYTES } from '../../functions/http/limits.js';
import { STATUS_OF } from '../../functions/http/problem.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { type FormBody, field, readBody } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { countsOf } from './finance-context.js';
import { ImportPage } from './populations.page.js';

/** The import form's address; web.routes.tsx leaves its body to the import's own, larger limit below. */
export const IMPORT_PATH = '/finance/populations/import';

/**
 * The import form carries the file (at most the API's MAX_BODY_BYTES, refused beside the field above that)
 * and the text of the preview. The envelope may be larger so that a file just over the limit reaches the
 * route and gets its field error; beyond the envelope the form gets the same error without being read.
 */
const IMPORT_FORM_MAX_BYTES = 4 * MAX_BODY_BYTES;
const MAX_FILE_KB = Math.floor(MAX_BODY_BYTES / 1024);

const fileTooLarge: FieldError = {
  pointer: '/file',
  code: 'IMPORT_FILE_TOO_LARGE',
  params: { maxBytes: MAX_BODY_BYTES },
};

/** Control characters no CSV export holds (NUL, …): a spreadsheet, an image or UTF-16 rather than text. */
const looksBinary = (bytes: Uint8Array): boolean =>
  bytes.some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d);

type ImportText = { text: string } | { error: FieldError; status: 413 | 422 };

/** The import's text: a chosen file (decoded as the API decodes a text/csv body) wins over the pasted text. */
async function readImportText(body: FormBody): Promise<ImportText> {
  const file = [body.file].flat()[0];
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_BODY_BYTES) return { error: fileTooLarge, status: 413 };
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (looksBinary(bytes)) return { error: { pointer: '/file', code: 'IMPORT_FILE_NOT_TEXT' }, status: 422 };
    return { text: decodeImport(bytes) };
  }
  const text = field(body, 'csv');
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES)
    return {
      error: { pointer: '/csv', code: 'IMPORT_TEXT_TOO_LARGE', params: { maxBytes: MAX_BODY_BYTES } },
      status: 413,
    };
  return { text };
}

/** The refusals the import page shows in its list of problems: lines that cannot be used, a figure changed meanwhile. */
const isImportRefusal = (error: unknown): error is AppError =>
  error instanceof AppError &&
  (error.code === 'RULES_FAILED' || error.code === 'VALIDATION_FAILED' || error.code === 'VERSION_CONFLICT');

/**
 * Population import: preview, then apply all or nothing. Not the form-action helper: the file is read
 * asynchronously before anything can be checked, and a preview shows a page rather than redirecting.
 */
export function populationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/populations/import', (c) => {
    const { lang } = webCtx(c);
    const applied = countsOf(c, 'written', 'figures');
    const notice = applied ? texts[lang].finance.applied(...applied) : undefined;
    return page(
      c,
      texts[lang].finance.importTitle,
      <ImportPage lang={lang} csv="" problems={[]} notice={notice} maxFileKb={MAX_FILE_KB} />,
    );
  });

  const importPage = (
    c: WebContext,
    props: { csv: string; problems?: FieldError[]; errors?: FieldError[]; preview?: ImportPreview },
    status: 200 | 400 | 409 | 413 | 422 = 200,
  ) => {
    const { lang } = webCtx(c);
    return page(
      c,
      texts[lang].finance.importTitle,
      <ImportPage
        lang={lang}
        csv={props.csv}
        preview={props.preview}
        problems={props.problems ?? []}
        errors={new Errors(lang, props.errors ?? [])}
        maxFileKb={MAX_FILE_KB}
      />,
      status,
    );
  };

  app.post(
    IMPORT_PATH.replace('/finance', ''),
    bodyLimit({
      maxSize: IMPORT_FORM_MAX_BYTES,
      onError: (c) => importPage(c, { csv: '', errors: [fileTooLarge] }, 413),
    }),
    async (c) => {
      const ctx = webCtx(c);
      const body = await readBody(c);
      const read = await readImportText(body);
      if ('error' in read)
        return importPage(c, { csv: field(body, 'csv'), errors: [read.error] }, read.status);
      const csv = read.text;
      try {
        if (field(body, '_action') === 'apply') {
          const result = await applyPopulationImport(deps.core, ctx, csv);
          return c.redirect(`${IMPORT_PATH}?written=${result.written}&figures=${result.rows.length}`, 303);
        }
        const preview = await previewPopulationImport(deps.core, ctx.actor, csv);
        return importPage(c, { csv, preview });
      } catch (error) {
        if (!isImportRefusal(error)) throw error;
        return importPage(c, { csv, problems: errorsOf(error) }, STATUS_OF[error.code] as 400 | 409 | 422);
      }
    },
  );
  return app;
}
