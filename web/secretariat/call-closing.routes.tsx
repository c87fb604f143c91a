import { Hono } from 'hono';
import { type Call, closeCallSchema, reopenCallSchema } from '../../functions/core/calls/call.schema.js';
import { closeCall, getCall, reopenCall } from '../../functions/core/calls/call.service.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { field, formVersion } from '../forms.js';
import { page, type WebContext, webCtx } from '../render.js';
import { CloseCallPage, ReopenCallPage } from './call-closing.page.js';

/** Closing a call (a confirm step that asks for a reason before the deadline) and reopening a closed one. */
export function callClosingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const callOf = (c: WebContext) => getCall(deps.core, webCtx(c).actor, c.req.param('id') ?? '');
  const early = (call: Call) =>
    call.status === 'open' && Date.parse(call.closesAt) > deps.core.clock.now().getTime();

  const closePage = (
    c: WebContext,
    call: Call,
    reason: string,
    errors: Errors,
    status: 200 | 400 | 409 | 422,
  ) => {
    const { lang } = webCtx(c);
    return page(
      c,
      texts[lang].closeCall.title,
      <CloseCallPage lang={lang} call={call} early={early(call)} reason={reason} errors={errors} />,
      status,
    );
  };

  app.get('/calls/:id/close', async (c) => {
    const call = await callOf(c);
    if (call.status !== 'open') return c.redirect(`/admin/calls/${call.id}`, 303);
    return closePage(c, call, '', new Errors(webCtx(c).lang), 200);
  });

  app.post(
    '/calls/:id/close',
    formAction({
      values: (body) => ({ reason: field(body, 'reason') }),
      input: (values, read) => {
        const reason = read.optional(values.reason);
        return reason === undefined ? {} : { reason };
      },
      schema: closeCallSchema,
      run: (input, { c, ctx, body }) =>
        closeCall(deps.core, ctx, c.req.param('id') ?? '', formVersion(body) ?? -1, input),
      done: (call) => `/admin/calls/${call.id}?saved=1`,
      render: async (c, state) =>
        closePage(c, await callOf(c), state.values.reason, state.errors, state.status),
    }),
  );

  const reopenPage = (
    c: WebContext,
    call: Call,
    values: { closesAt: string; reason: string },
    errors: Errors,
    status: 200 | 400 | 409 | 422,
  ) => {
    const { lang } = webCtx(c);
    return page(
      c,
      texts[lang].reopenCall.title,
      <ReopenCallPage lang={lang} call={call} values={values} errors={errors} />,
      status,
    );
  };

  app.get('/calls/:id/reopen', async (c) => {
    const call = await callOf(c);
    if (call.status !== 'closed') return c.redirect(`/admin/calls/${call.id}`, 303);
    return reopenPage(c, call, { closesAt: '', reason: '' }, new Errors(webCtx(c).lang), 200);
  });

  app.post(
    '/calls/:id/reopen',
    formAction({
      values: (body) => ({ closesAt: field(body, 'closesAt'), reason: field(body, 'reason') }),
      input: (values) => values,
      schema: reopenCallSchema,
      run: (input, { c, ctx, body }) =>
        reopenCall(deps.core, ctx, c.req.param('id') ?? '', input, formVersion(body) ?? -1),
      done: (call) => `/admin/calls/${call.id}?saved=1`,
      render: async (c, state) => reopenPage(c, await callOf(c), state.values, state.errors, state.status),
    }),
  );
  return app;
}
