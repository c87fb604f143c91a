import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { reportReturnInputSchema } from '../../functions/core/finance/report.schema.js';
import {
  approveReport,
  getAwardReports,
  listAwardsForBoard,
  returnReport,
} from '../../functions/core/finance/report.service.js';
import { AppError, errorsOf } from '../../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { STATUS_OF } from '../../functions/http/problem.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { field, formVersion, readBody } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { BoardAwardsPage, BoardReportsPage } from './board-reports.page.js';
import { check } from './form-checks.js';
import { reportPrefix } from './reports.page.js';

/** The page's own words for a stale form: the report changed since the page was read. */
const reportChanged = (lang: Lang) => new Errors(lang, [{ pointer: '', code: 'REPORT_CHANGED' }]);

/** Project reports of awards, read and approved or returned by the board (mounted under /board). */
export function boardReportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/awards', async (c) => {
    const { actor, lang } = webCtx(c);
    const cursor = c.req.query('cursor') || undefined;
    const list = await listAwardsForBoard(deps.core, actor, cursor ? { cursor } : {});
    return page(
      c,
      texts[lang].report.boardListTitle,
      <BoardAwardsPage lang={lang} rows={list.rows} recused={list.recused} next={list.cursor} />,
    );
  });

  const renderReports = async (
    c: WebContext,
    applicationId: string,
    options: {
      errors?: Errors;
      reasons?: Record<string, string>;
      notice?: string | undefined;
      status?: ContentfulStatusCode;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const { award, reports } = await getAwardReports(deps.core, actor, applicationId);
    return page(
      c,
      `${texts[lang].report.boardTitle}: ${award.title ?? award.reference ?? ''}`,
      <BoardReportsPage
        lang={lang}
        award={award}
        reports={reports}
        errors={options.errors ?? new Errors(lang)}
        reasons={options.reasons ?? {}}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/awards/:applicationId/reports', (c) => {
    const r = texts[c.get('lang')].report;
    const done = c.req.query('done');
    const notice =
      done === 'approved'
        ? r.approved
        : done === 'closed'
          ? r.approvedClosed
          : done === 'returned'
            ? r.returned
            : undefined;
    return renderReports(c, c.req.param('applicationId'), { notice });
  });

  app.post('/awards/:applicationId/reports/:reportId/approve', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    const version = formVersion(await readBody(c)) ?? -1;
    try {
      const { awardClosed } = await approveReport(deps.core, ctx, id, reportId, version);
      return c.redirect(`/board/awards/${id}/reports?done=${awardClosed ? 'closed' : 'approved'}`, 303);
    } catch (error) {
      // Decided already, or changed since the page was read: the reports' page says so, as they are now.
      if (
        error instanceof AppError &&
        (error.code === 'INVALID_STATE' || error.code === 'VERSION_CONFLICT')
      ) {
        return renderReports(c, id, {
          errors:
            error.code === 'VERSION_CONFLICT'
              ? reportChanged(ctx.lang)
              : new Errors(ctx.lang, errorsOf(error)),
          status: STATUS_OF[error.code],
        });
      }
      throw error;
    }
  });

  app.post('/awards/:applicationId/reports/:reportId/return', (c) => {
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    const giveBack = formAction({
      pointerPrefix: reportPrefix(reportId),
      values: (body) => ({ reason: field(body, 'reason') }),
      input: (values, read) => {
        check(read, values.reason.trim() !== '', '/reason', 'RETURN_REASON_MISSING');
        return { reason: values.reason };
      },
      schema: reportReturnInputSchema,
      run: (input, { ctx, body }) =>
        returnReport(deps.core, ctx, id, reportId, input, formVersion(body) ?? -1),
      done: () => `/board/awards/${id}/reports?done=returned`,
      render: (c, state) =>
        renderReports(c, id, {
          errors: state.conflict ? reportChanged(webCtx(c).lang) : state.errors,
          reasons: { [reportId]: state.values.reason },
          status: state.status,
        }),
    });
    return giveBack(c);
  });

  return app;
}
