import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { resumeSession } from '../functions/core/auth/session.service.js';
import { AppError } from '../functions/core/shared/errors.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { MAX_BODY_BYTES, RETRY_AFTER_SECONDS } from '../functions/http/limits.js';
import { STATUS_OF } from '../functions/http/problem.js';
import { say, texts } from '../functions/texts/index.js';
import type { Lang } from '../functions/texts/lang.js';
import { applicationRoutes } from './applications/applications.routes.js';
import { memberRoutes } from './applications/members.routes.js';
import { awardRoutes } from './awards/awards.routes.js';
import { financeAwardRoutes } from './awards/finance-awards.routes.js';
import { boardRoutes } from './board/board.routes.js';
import { adminCallRoutes } from './calls/admin-calls.routes.js';
import { callRoutes } from './calls/calls.routes.js';
import { caseRecordRoutes } from './cases/case-record.routes.js';
import { ErrorPage } from './components/error-page.js';
import { documentRoutes } from './documents/documents.routes.js';
import { erasureAdminRoutes, myDataRoutes } from './erasure/erasure.routes.js';
import { exportRoutes } from './exports/exports.routes.js';
import { financeRoutes } from './finance/finance.routes.js';
import { partyRoutes } from './finance/parties.routes.js';
import { IMPORT_PATH } from './finance/populations.routes.js';
import { messageRoutes } from './messages/messages.routes.js';
import { organisationAdminRoutes } from './organisations/organisations.routes.js';
import { profileRoutes } from './profile/profile.routes.js';
import { page, type WebContext } from './render.js';
import { reviewRoutes } from './reviews/review.routes.js';
import { sameOriginOnly } from './same-origin.js';
import { adminApplicationRoutes } from './secretariat/admin-applications.routes.js';
import { callClosingRoutes } from './secretariat/call-closing.routes.js';
import { minutesRoutes } from './secretariat/minutes.routes.js';
import { clearSession, readLang, readSession, sessionDeps } from './session.js';
import { keepForm, resumeRoute } from './sign-in/resume.js';
import { signInRoutes } from './sign-in/sign-in.routes.js';
import { privacyNoticeCheck, privacyRoutes } from './site/privacy.routes.js';
import { siteRoutes } from './site/site.routes.js';
import { APP_CSS } from './styles.js';

/**
 * An unknown URL: the site's page in the reader's language (Danish unless chosen), with a way back. The app
 * answers with it (`app.notFound`): a mounted sub-app's own notFound is never reached.
 */
export const notFoundPage = (c: WebContext) => {
  const lang = c.get('lang') ?? 'da';
  return page(c, texts[lang].error.notFound, <ErrorPage lang={lang} status={404} />, 404);
};

/**
 * The server-rendered site: cookie sessions, CSRF-checked form posts, Danish first. The one place that mounts
 * every area's pages; each area's routes and pages live in its own folder.
 */
export function webRoutes(deps: AppDeps) {
  const web = new Hono<AppEnv>();

  web.get('/static/app.css', (c) =>
    c.body(APP_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  // The session behind the cookie: one GetItem per request (core/auth/session.service.ts); an ended one is
  // forgotten by the browser too.
  const sessions = sessionDeps(deps);
  web.use('*', async (c, next) => {
    c.set('lang', readLang(c));
    const id = readSession(c);
    if (id) {
      const principal = await resumeSession(sessions, id);
      if (principal) c.set('principal', principal);
      else clearSession(c);
    }
    await next();
  });
  web.use('*', privacyNoticeCheck(deps));
  web.use('*', sameOriginOnly());
  const formLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      const lang: Lang = c.get('lang');
      return page(
        c,
        texts[lang].error.title,
        <ErrorPage lang={lang} status={413} message={texts[lang].error.tooLarge} />,
        413,
      );
    },
  });
  // The population import's file has a limit of its own, refused beside the file input (finance/populations.routes.tsx).
  web.use('*', (c, next) =>
    c.req.method === 'POST' && c.req.path === IMPORT_PATH ? next() : formLimit(c, next),
  );

  web.get('/resume', resumeRoute(deps, web));
  web.route('/', siteRoutes(deps));
  web.route('/', privacyRoutes(deps));
  web.route('/', signInRoutes(deps));
  web.route('/', callRoutes(deps));
  web.route('/', applicationRoutes(deps));
  web.route('/', memberRoutes(deps));
  web.route('/', documentRoutes(deps));
  web.route('/admin', adminCallRoutes(deps));
  web.route('/admin', adminApplicationRoutes(deps));
  web.route('/admin', callClosingRoutes(deps));
  web.route('/reviews', reviewRoutes(deps));
  web.route('/board', boardRoutes(deps));
  web.route('/board', minutesRoutes(deps));
  web.route('/finance', financeRoutes(deps));
  web.route('/finance', financeAwardRoutes(deps));
  web.route('/', awardRoutes(deps));
  web.route('/parties', partyRoutes(deps));
  web.route('/', messageRoutes(deps));
  web.route('/admin', caseRecordRoutes(deps));
  web.route('/', myDataRoutes(deps));
  web.route('/', profileRoutes(deps));
  web.route('/admin', erasureAdminRoutes(deps));
  web.route('/admin', organisationAdminRoutes(deps));
  web.route('/', exportRoutes(deps));

  web.notFound(notFoundPage);

  web.onError(async (error, c) => {
    const lang = c.get('lang') ?? 'da';
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      const kept = await keepForm(deps, c);
      if (kept) return c.redirect(kept, 303);
      return c.redirect(`/login?next=${encodeURIComponent(c.req.method === 'GET' ? c.req.path : '/')}`, 303);
    }
    const status: ContentfulStatusCode =
      error instanceof AppError ? STATUS_OF[error.code] : error instanceof HTTPException ? error.status : 500;
    const expected = error instanceof AppError || (error instanceof HTTPException && status < 500);
    if (!expected) deps.logError('Unhandled web error', error);
    const title =
      status === 404
        ? texts[lang].error.notFound
        : status === 503
          ? texts[lang].error.unavailableTitle
          : texts[lang].error.title;
    // DynamoDB down or stalled (after the retry policy's budget): "prøv igen om lidt", and when.
    if (status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return page(
      c,
      title,
      <ErrorPage
        lang={lang}
        status={status}
        message={error instanceof AppError ? say(lang, error.reason) : undefined}
        unavailable={error instanceof AppError ? error.reason : undefined}
      />,
      status,
    );
  });
  return web;
}
