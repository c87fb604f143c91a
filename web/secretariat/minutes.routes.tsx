import { Hono } from 'hono';
import { approveMinutes, getMeetingMinutes } from '../../functions/core/decisions/minutes.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page, webCtx } from '../render.js';
import { MinutesPage } from './minutes.page.js';

/** The minutes of a board meeting: read (a print-friendly view too), approved by the chair. */
export function minutesRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/meetings/:meetingId/minutes', async (c) => {
    const { actor, lang } = webCtx(c);
    const minutes = await getMeetingMinutes(deps.core, actor, c.req.param('meetingId'));
    const print = c.req.query('print') === '1';
    const body = (
      <MinutesPage
        lang={lang}
        meeting={minutes.meeting}
        versions={minutes.versions}
        canApprove={actor.chair && actor.roles.includes('board')}
        print={print}
      />
    );
    if (!print) return page(c, texts[lang].minutes.title, body);
    // Print-friendly: the minutes alone, in the site's type, without its frame.
    return c.html(
      `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${texts[lang].minutes.title}</title><link rel="stylesheet" href="/static/app.css"></head><body><main>${(<>{body}</>).toString()}</main></body></html>`,
    );
  });

  app.post('/meetings/:meetingId/minutes/approve', async (c) => {
    const meetingId = c.req.param('meetingId');
    await approveMinutes(deps.core, webCtx(c), meetingId);
    return c.redirect(`/board/meetings/${meetingId}/minutes`, 303);
  });
  return app;
}
