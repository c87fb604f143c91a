import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { applicationDraftSchema } from '../functions/core/applications/application.schema.js';
import {
  createDraft,
  getApplication,
  getReceipt,
  listMyApplications,
  submitApplication,
  updateDraft,
  withdrawApplication,
} from '../functions/core/applications/application.service.js';
import { callAcceptsDrafts } from '../functions/core/applications/submission.rules.js';
import { getCall, listCalls } from '../functions/core/calls/call.service.js';
import { listAwards } from '../functions/core/finance/award.service.js';
import { AppError } from '../functions/core/shared/errors.js';
import { parseInput } from '../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../functions/http/context.js';
import { canSign } from '../functions/http/context.js';
import { MAX_BODY_BYTES } from '../functions/http/limits.js';
import { STATUS_OF } from '../functions/http/problem.js';
import { say, texts } from '../functions/texts/index.js';
import type { Lang } from '../functions/texts/lang.js';
import { adminRoutes } from './admin.routes.js';
import { awardRoutes, awardSection, financeAwardRoutes } from './awards.routes.js';
import { boardRoutes } from './board/board.routes.js';
import { cognitoLogin } from './cognito-login.js';
import { Errors } from './components/fields.js';
import { financeRoutes, IMPORT_PATH, partyRoutes } from './finance.routes.js';
import { applyRowAction, field, formVersion, readAction, readApplicationForm } from './forms.js';
import {
  ApplicationFormPage,
  type ApplicationFormValues,
  valuesFromApplication,
  valuesFromBody,
} from './pages/application-form.js';
import {
  AccessibilityPage,
  ApplicationView,
  CallPage,
  ErrorPage,
  HomePage,
  LoginPage,
  MyApplicationsPage,
  ReceiptPage,
  WithdrawPage,
} from './pages/public.js';
import { page, type WebContext, webCtx } from './render.js';
import { reviewRoutes } from './reviews/review.routes.js';
import { clearSession, readLang, readSession, safeReturnPath, setLang, setSession } from './session.js';
import { APP_CSS } from './styles.js';

/** The server-rendered site: cookie sessions, CSRF-checked form posts, Danish first. */
export function webRoutes(deps: AppDeps) {
  const web = new Hono<AppEnv>();
  const secure = deps.config.secureCookies;

  web.get('/static/app.css', (c) =>
    c.body(APP_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  web.use('*', async (c, next) => {
    c.set('lang', readLang(c));
    const token = readSession(c);
    if (token) {
      try {
        c.set('principal', await deps.tokens.verify(token));
      } catch {
        clearSession(c);
      }
    }
    await next();
  });
  web.use('*', csrf());
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
  // The population import's file has a limit of its own, refused beside the file input (finance.routes.tsx).
  web.use('*', (c, next) =>
    c.req.method === 'POST' && c.req.path === IMPORT_PATH ? next() : formLimit(c, next),
  );
  web.get('/', async (c) => {
    const lang = c.get('lang');
    return page(
      c,
      texts[lang].home.title,
      <HomePage lang={lang} calls={await listCalls(deps.core, undefined)} />,
    );
  });

  web.get('/lang', (c) => {
    setLang(c, c.req.query('to') === 'en' ? 'en' : 'da', secure);
    return c.redirect(safeReturnPath(c.req.query('back')), 303);
  });

  web.get('/tilgaengelighed', (c) => {
    const lang = c.get('lang');
    return page(c, texts[lang].a11y.title, <AccessibilityPage lang={lang} />);
  });

  // Sign-in: demo users locally, Cognito's hosted sign-in in AWS.
  const { tokens } = deps;
  if (deps.config.mode === 'local' && canSign(tokens)) {
    web.get('/login', async (c) => {
      const lang = c.get('lang');
      const users = await deps.core.users.listAll();
      return page(
        c,
        texts[lang].login.title,
        <LoginPage lang={lang} users={users} next={safeReturnPath(c.req.query('next'))} />,
      );
    });
    web.post('/login', async (c) => {
      const body = await c.req.parseBody();
      const user = await deps.core.users.getByEmail(field(body, 'email'));
      if (!user) return c.redirect('/login', 303);
      setSession(c, await tokens.sign(user), secure);
      return c.redirect(safeReturnPath(field(body, 'next')), 303);
    });
  } else if (deps.config.mode === 'aws') {
    web.route('/', cognitoLogin(deps.config, deps.tokens, deps.core.users));
  }
  web.post('/logout', (c) => {
    clearSession(c);
    return c.redirect('/', 303);
  });

  web.get('/calls/:callId', async (c) => {
    const lang = c.get('lang');
    const call = await getCall(deps.core, c.get('principal'), c.req.param('callId'));
    return page(
      c,
      call.title,
      <CallPage
        lang={lang}
        call={call}
        signedIn={Boolean(c.get('principal'))}
        acceptsDrafts={callAcceptsDrafts(call, deps.core.clock.now())}
      />,
    );
  });

  web.post('/calls/:callId/apply', async (c) => {
    const application = await createDraft(deps.core, webCtx(c), c.req.param('callId'), {});
    return c.redirect(`/applications/${application.id}`, 303);
  });

  web.get('/applications', async (c) => {
    const { actor, lang } = webCtx(c);
    const applications = await listMyApplications(deps.core, actor);
    const callIds = [...new Set(applications.map((a) => a.callId))];
    const calls = await Promise.all(callIds.map((id) => deps.core.calls.get(id)));
    const callTitles = new Map(
      calls.flatMap((call) =>
        call ? [[call.id, lang === 'en' && call.titleEn ? call.titleEn : call.title] as const] : [],
      ),
    );
    return page(
      c,
      texts[lang].mine.title,
      <MyApplicationsPage
        lang={lang}
        applications={applications}
        callTitles={callTitles}
        awarded={new Set((await listAwards(deps.core, actor, true)).map((a) => a.applicationId))}
      />,
    );
  });

  const renderForm = async (
    c: WebContext,
    applicationId: string,
    options: {
      values?: ApplicationFormValues;
      errors?: Errors;
      notice?: string;
      conflict?: boolean;
      status?: 200 | 400 | 409 | 422;
    } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const application = await getApplication(deps.core, actor, applicationId);
    const call = await deps.core.calls.get(application.callId);
    if (application.status !== 'draft' || application.ownerId !== actor.userId || !call) {
      return page(
        c,
        application.title ?? texts[lang].application.newTitle,
        <ApplicationView
          lang={lang}
          application={application}
          call={call}
          award={await awardSection(deps, actor, lang, application)}
        />,
      );
    }
    return page(
      c,
      application.title || texts[lang].application.newTitle,
      <ApplicationFormPage
        lang={lang}
        call={call}
        application={application}
        values={options.values ?? valuesFromApplication(application)}
        errors={options.errors ?? new Errors(lang)}
        notice={options.notice}
        conflict={options.conflict}
      />,
      options.status ?? 200,
    );
  };

  web.get('/applications/:id', (c) =>
    renderForm(c, c.req.param('id'), c.req.query('saved') ? { notice: texts[c.get('lang')].form.saved } : {}),
  );

  web.post('/applications/:id', async (c) => {
    const ctx = webCtx(c);
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const action = readAction(body);
    const version = formVersion(body);
    const form = readApplicationForm(body);
    const fail = (errors: Errors, status: 400 | 409 | 422, conflict = false) =>
      renderForm(c, id, { values: valuesFromBody(body), errors, status, conflict });
    if (form.errors.length > 0 && action.kind !== 'remove')
      return fail(new Errors(ctx.lang, form.errors), 400);
    let input = applyRowAction(form.input, action);
    try {
      input = parseInput(applicationDraftSchema, input);
    } catch (error) {
      if (error instanceof AppError) return fail(new Errors(ctx.lang, error.errors), 400);
      throw error;
    }
    try {
      const saved = await updateDraft(deps.core, ctx, id, input, version ?? -1);
      if (action.kind === 'submit') {
        await submitApplication(deps.core, ctx, id, saved.version);
        return c.redirect(`/applications/${id}/receipt`, 303);
      }
      const anchor = action.kind === 'add' || action.kind === 'remove' ? `#f-${action.group}` : '';
      return c.redirect(`/applications/${id}${action.kind === 'save' ? '?saved=1' : ''}${anchor}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'RULES_FAILED') {
        return renderForm(c, id, { errors: new Errors(ctx.lang, error.errors), status: 422 });
      }
      if (error instanceof AppError && error.code === 'VERSION_CONFLICT')
        return fail(new Errors(ctx.lang), 409, true);
      throw error;
    }
  });

  web.get('/applications/:id/withdraw', async (c) => {
    const { actor, lang } = webCtx(c);
    const application = await getApplication(deps.core, actor, c.req.param('id'));
    return page(c, texts[lang].application.withdraw, <WithdrawPage lang={lang} application={application} />);
  });

  web.post('/applications/:id/withdraw', async (c) => {
    const body = await c.req.parseBody();
    const id = c.req.param('id');
    await withdrawApplication(deps.core, webCtx(c), id, formVersion(body));
    return c.redirect(`/applications/${id}`, 303);
  });

  web.get('/applications/:id/receipt', async (c) => {
    const { actor, lang } = webCtx(c);
    const receipt = await getReceipt(deps.core, actor, c.req.param('id'));
    return page(
      c,
      `${texts[lang].receipt.title} ${receipt.reference}`,
      <ReceiptPage lang={lang} receipt={receipt} />,
    );
  });

  web.route('/admin', adminRoutes(deps));
  web.route('/reviews', reviewRoutes(deps));
  web.route('/board', boardRoutes(deps));
  web.route('/finance', financeRoutes(deps));
  web.route('/finance', financeAwardRoutes(deps));
  web.route('/', awardRoutes(deps));
  web.route('/parties', partyRoutes(deps));

  web.notFound((c) =>
    page(c, texts[c.get('lang')].error.notFound, <ErrorPage lang={c.get('lang')} status={404} />, 404),
  );

  web.onError((error, c) => {
    const lang = c.get('lang') ?? 'da';
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
      return c.redirect(`/login?next=${encodeURIComponent(c.req.method === 'GET' ? c.req.path : '/')}`, 303);
    }
    const status: ContentfulStatusCode =
      error instanceof AppError ? STATUS_OF[error.code] : error instanceof HTTPException ? error.status : 500;
    const expected = error instanceof AppError || (error instanceof HTTPException && status < 500);
    if (!expected) deps.logError('Unhandled web error', error);
    const title = status === 404 ? texts[lang].error.notFound : texts[lang].error.title;
    return page(
      c,
      title,
      <ErrorPage
        lang={lang}
        status={status}
        message={error instanceof AppError ? say(lang, error.reason) : undefined}
      />,
      status,
    );
  });
  return web;
}
