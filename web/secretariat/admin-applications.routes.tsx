import { Hono } from 'hono';
import {
  adminApplicationPages,
  listApplicationsForAdmin,
} from '../../functions/core/applications/admin-list.service.js';
import { CALL_STATUSES } from '../../functions/core/calls/call.schema.js';
import { listCalls } from '../../functions/core/calls/call.service.js';
import { kronerText } from '../../functions/core/shared/csv.js';
import { AppError, errorsOf } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { callTitle, grantTypeOf } from '../calls/calls.page.js';
import { Errors } from '../components/fields.js';
import { csv, streamedCsv } from '../csv.js';
import { page, webCtx } from '../render.js';
import { AdminApplicationsPage, type AdminListValues } from './admin-applications.page.js';

const FILTERS = ['callId', 'status', 'focusArea', 'grantType', 'sector', 'q'] as const;

/** The filters as the query has them; empty ones (the form's "all") are left out. */
const valuesOf = (query: Record<string, string>): AdminListValues =>
  Object.fromEntries(FILTERS.flatMap((name) => (query[name] ? [[name, query[name]]] : [])));

/** The secretariat's list of applications (admins): a GET form of filters, pages by cursor, a CSV of them all. */
export function adminApplicationRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/applications', async (c) => {
    const { actor, lang } = webCtx(c);
    const values = valuesOf(c.req.query());
    const cursor = c.req.query('cursor') || undefined;
    const calls = (
      await Promise.all(CALL_STATUSES.map((status) => listCalls(deps.core, actor, status)))
    ).flat();
    const render = (props: Partial<Parameters<typeof AdminApplicationsPage>[0]>, status: 200 | 400) =>
      page(
        c,
        texts[lang].adminApplications.title,
        <AdminApplicationsPage
          lang={lang}
          calls={calls}
          values={values}
          errors={new Errors(lang)}
          rows={[]}
          paged={cursor !== undefined}
          {...props}
        />,
        status,
      );
    try {
      const found = await listApplicationsForAdmin(deps.core, actor, {
        ...values,
        ...(cursor ? { cursor } : {}),
      });
      return render({ rows: found.rows, nextCursor: found.cursor }, 200);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'VALIDATION_FAILED')) throw error;
      const errors = errorsOf(error);
      if (errors.some((e) => e.pointer === '/cursor' || e.pointer === '/query/cursor'))
        return render({ badCursor: true }, 400);
      return render({ errors: new Errors(lang, errors) }, 400);
    }
  });

  app.get('/applications.csv', async (c) => {
    const { actor, lang } = webCtx(c);
    const l = texts[lang].adminApplications;
    const t = texts[lang];
    const pages = adminApplicationPages(deps.core, actor, valuesOf(c.req.query()));
    const header = [
      l.reference,
      l.applicationTitle,
      l.call,
      l.status,
      l.grantType,
      l.focusArea,
      l.applicant,
      l.organisation,
      l.requested,
      l.createdAt,
      l.submittedAt,
    ];
    const rows = async function* () {
      for await (const found of pages)
        yield found.map(({ application: a, call }) => {
          return [
            a.reference,
            a.title,
            call ? callTitle(call, lang) : a.callId,
            t.status[a.status],
            grantTypeOf(call, a.grantTypeId, lang),
            a.focusArea ? t.focusArea[a.focusArea] : undefined,
            a.ownerName,
            a.ownerOrganisation,
            kronerText(a.requestedAmountOre),
            a.createdAt,
            a.submittedAt,
          ];
        });
    };
    return csv(c, 'ansoegninger', streamedCsv(header, rows(), l.exportIncomplete, deps.logError));
  });
  return app;
}
