import { Hono } from 'hono';
import { getMeetingPack, meetingPackKey } from '../../functions/core/board/meeting-pack.service.js';
import { approveMinutes, getMeetingMinutes } from '../../functions/core/decisions/minutes.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import {
  MEETING_PACK_FORMAT,
  meetingPackName,
  meetingPackPdf,
  minutesPdf,
  minutesPdfName,
} from '../../functions/pdf/board-pdf.js';
import { pdfEtag, pdfHeaders, renderPdf, unchanged } from '../../functions/pdf/render.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { page, type WebContext, webCtx } from '../render.js';
import { MinutesPage } from './minutes.page.js';

/** The minutes of a board meeting: read (a print-friendly view too), approved by the chair. */
export function minutesRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  /** The PDF's language: ?lang=en or ?lang=da, else the reader's. */
  const pdfLang = (c: WebContext): Lang => {
    const asked = c.req.query('lang');
    return asked === 'en' || asked === 'da' ? asked : webCtx(c).lang;
  };

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
      `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${texts[lang].minutes.title}</title><link rel="stylesheet" href="/static/app.css"></head><body><main>${String(body)}</main></body></html>`,
    );
  });

  // Built when asked for, streamed as it is made; never on a page view.
  app.get('/meetings/:meetingId/minutes.pdf', async (c) => {
    const minutes = await getMeetingMinutes(deps.core, webCtx(c).actor, c.req.param('meetingId'));
    const pdf = await renderPdf(minutesPdf(pdfLang(c), minutes, deps.core.clock.now()));
    return c.body(pdf, 200, pdfHeaders(minutesPdfName(minutes.meeting)));
  });

  app.get('/meetings/:meetingId/pack', async (c) => {
    const lang = pdfLang(c);
    const pack = await getMeetingPack(deps.core, webCtx(c).actor, c.req.param('meetingId'));
    const etag = pdfEtag(meetingPackKey(pack, lang, MEETING_PACK_FORMAT));
    if (unchanged(c.req.header('if-none-match'), etag))
      return c.body(null, 304, { ETag: etag, 'Cache-Control': 'private, no-cache' });
    const pdf = await renderPdf(meetingPackPdf(lang, pack, deps.core.clock.now()));
    return c.body(pdf, 200, pdfHeaders(meetingPackName(pack), etag));
  });

  app.post('/meetings/:meetingId/minutes/approve', async (c) => {
    const meetingId = c.req.param('meetingId');
    await approveMinutes(deps.core, webCtx(c), meetingId);
    return c.redirect(`/board/meetings/${meetingId}/minutes`, 303);
  });
  return app;
}
