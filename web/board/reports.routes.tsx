import { Hono } from 'hono';
import { awardView } from '../../functions/core/finance/award.schema.js';
import { reportReturnInputSchema } from '../../functions/core/finance/report.schema.js';
import { approveReport, listReports, returnReport } from '../../functions/core/finance/report.service.js';
import { AppError, type FieldError, notFound } from '../../functions/core/shared/errors.js';
import { parseInput } from '../../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { say, texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { field, formVersion } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { BoardAwardsPage, BoardReportsPage, reasonPointer } from './reports.page.js';

/** Project reports of awards, read and approved or returned by the board. */
export function boardReportRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/awards', async (c) => {
    const { actor, lang } = webCtx(c);
    const awards = await deps.core.awards.listAll();
    const rows = await Promise.all(
      awards.map(async (award) => ({
        award: awardView(award),
        awaiting: (await listReports(deps.core, actor, award.applicationId)).filter(
          (x) => x.status === 'submitted',
        ).length,
      })),
    );
    rows.sort(
      (x, y) =>
        Number(y.awaiting > 0) - Number(x.awaiting > 0) ||
        y.award.committedAt.localeCompare(x.award.committedAt),
    );
    return page(c, texts[lang].report.boardListTitle, <BoardAwardsPage lang={lang} rows={rows} />);
  });

  const renderReports = async (
    c: WebContext,
    applicationId: string,
    options: {
      errors?: FieldError[];
      reasons?: Record<string, string>;
      notice?: string | undefined;
      status?: 200 | 400 | 409;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const reports = await listReports(deps.core, actor, applicationId);
    const award = await deps.core.awards.get(applicationId);
    if (!award) throw notFound('award');
    return page(
      c,
      `${texts[lang].report.boardTitle}: ${award.title ?? award.reference ?? ''}`,
      <BoardReportsPage
        lang={lang}
        award={awardView(award)}
        reports={reports}
        errors={new Errors(lang, options.errors ?? [])}
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

  /** A decision's report as the form saw it: 409 when it changed since (or is no longer submitted). */
  const decisionGuard = async (c: WebContext, applicationId: string, reportId: string, version?: number) => {
    const { actor, lang } = webCtx(c);
    const report = (await listReports(deps.core, actor, applicationId)).find((x) => x.reportId === reportId);
    if (!report) throw notFound('report');
    if (version === report.version) return undefined;
    return renderReports(c, applicationId, {
      errors: [{ pointer: '', code: 'VERSION_CONFLICT', detail: texts[lang].report.conflict }],
      status: 409,
    });
  };
  const decisionConflict = (c: WebContext, applicationId: string, error: AppError) =>
    renderReports(c, applicationId, {
      errors: [
        {
          pointer: '',
          code: error.code,
          detail:
            error.code === 'VERSION_CONFLICT'
              ? texts[c.get('lang')].report.conflict
              : say(c.get('lang'), error.reason),
        },
      ],
      status: 409,
    });

  app.post('/awards/:applicationId/reports/:reportId/approve', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    const body = await c.req.parseBody();
    const stale = await decisionGuard(c, id, reportId, formVersion(body));
    if (stale) return stale;
    try {
      const { awardClosed } = await approveReport(deps.core, ctx, id, reportId);
      return c.redirect(`/board/awards/${id}/reports?done=${awardClosed ? 'closed' : 'approved'}`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'INVALID_STATE' || e.code === 'VERSION_CONFLICT'))
        return decisionConflict(c, id, e);
      throw e;
    }
  });

  app.post('/awards/:applicationId/reports/:reportId/return', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('applicationId');
    const reportId = c.req.param('reportId');
    const body = await c.req.parseBody();
    const stale = await decisionGuard(c, id, reportId, formVersion(body));
    if (stale) return stale;
    const reason = field(body, 'reason');
    try {
      const input = parseInput(reportReturnInputSchema, { reason });
      await returnReport(deps.core, ctx, id, reportId, input);
      return c.redirect(`/board/awards/${id}/reports?done=returned`, 303);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'INVALID_STATE' || e.code === 'VERSION_CONFLICT'))
        return decisionConflict(c, id, e);
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED')
        return renderReports(c, id, {
          errors: [
            {
              pointer: reasonPointer(reportId),
              code: 'required',
              detail: texts[ctx.lang].report.reasonMissing,
            },
          ],
          reasons: { [reportId]: reason },
          status: 400,
        });
      throw e;
    }
  });

  return app;
}
