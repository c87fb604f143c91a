import { Hono } from 'hono';
import { type ExportJob, exportRequestSchema } from '../../functions/core/exports/export.schema.js';
import {
  readExport,
  requestCaseExport,
  requestPersonalExport,
} from '../../functions/core/exports/export.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { type FormCall, formAction } from '../form-action.js';
import { page, webCtx } from '../render.js';
import { ExportStatusPage, exportPath, MyDataExportPage } from './exports.page.js';

/**
 * The exports' pages: the admin's aktindsigt form (on the case record) and "Hent mine data" ask for one and
 * send the browser to its status page, which links to the ZIP once it is ready.
 */
export function exportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  /** A form that asks for an export (a button: no fields) and goes on to its status page. */
  const askFor = (run: (form: FormCall<Record<string, never>>) => Promise<ExportJob>) =>
    formAction({
      values: () => ({}),
      input: () => ({}),
      schema: exportRequestSchema,
      run: (_input, form) => run(form),
      done: (job) => exportPath(job.id),
      render: (c, state) =>
        page(
          c,
          texts[c.get('lang')].exports.myDataTitle,
          <MyDataExportPage lang={c.get('lang')} errors={state.errors} />,
          state.status,
        ),
    });

  app.post(
    '/admin/cases/application/:id/export',
    askFor(({ c, ctx }) => requestCaseExport(deps.core, ctx, c.req.param('id') ?? '')),
  );

  app.get('/me/data-export', (c) => {
    const { lang } = webCtx(c);
    return page(
      c,
      texts[lang].exports.myDataTitle,
      <MyDataExportPage lang={lang} errors={new Errors(lang)} />,
    );
  });

  app.post(
    '/me/data-export',
    askFor(({ ctx }) => requestPersonalExport(deps.core, ctx)),
  );

  app.get('/exports/:id', async (c) => {
    const ctx = webCtx(c);
    const view = await readExport(deps.core, ctx, c.req.param('id'));
    return page(c, texts[ctx.lang].exports.statusTitle, <ExportStatusPage lang={ctx.lang} view={view} />);
  });

  return app;
}
