import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import * as z from 'zod';
import { isAdmin } from '../../functions/core/auth/principal.js';
import {
  findCaseMessage,
  getMessage,
  listFailedRecipients,
  listMessages,
  listMyMessages,
  messageFilterSchema,
  resendMessage,
} from '../../functions/core/messages/messages.service.js';
import { errorsOf, type FieldError } from '../../functions/core/shared/errors.js';
import { issuesToFieldErrors } from '../../functions/core/shared/validation.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { Errors } from '../components/fields.js';
import { formAction } from '../form-action.js';
import { formVersion } from '../forms.js';
import { page, type WebContext, type WebRequestContext, webCtx } from '../render.js';
import {
  AdminMessagesPage,
  type MessageFilterValues,
  MessagePage,
  MyMessagesPage,
  ReceiptMailNotice,
} from './messages.page.js';

/**
 * What an application's pages say of its receipt e-mail ("sendes", "er sendt", or why not): the newest receipt
 * among its owner's messages (the service decides whether the reader may see it).
 */
export async function receiptNotice(
  deps: AppDeps,
  ctx: WebRequestContext,
  application: { id: string; ownerEmail: string },
): Promise<Child> {
  const message = await findCaseMessage(deps.core, ctx, application.ownerEmail, {
    case: { kind: 'application', id: application.id },
    kind: 'application.receipt',
  });
  return <ReceiptMailNotice lang={ctx.lang} message={message} />;
}

/** Where the overseers' list lives: admins' and finance's entry points to the same page. */
export const MESSAGE_LIST_PATHS = ['/admin/messages', '/finance/messages'] as const;

/** "Mine beskeder" for everyone signed in; the list with filters and resend for admins and finance. */
export function messageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/messages', async (c) => {
    const { actor, lang } = webCtx(c);
    const cursor = c.req.query('cursor') || undefined;
    const found = await listMyMessages(deps.core, { actor }, cursor ? { cursor } : {});
    return page(
      c,
      texts[lang].messages.title,
      <MyMessagesPage lang={lang} items={found.items} cursor={cursor} next={found.cursor} />,
    );
  });

  app.get('/messages/:id', async (c) => {
    const { actor, lang } = webCtx(c);
    const message = await getMessage(deps.core, { actor }, c.req.param('id'));
    const mine = message.to.toLowerCase() === actor.email.toLowerCase();
    const back = mine ? '/messages' : isAdmin(actor) ? '/admin/messages' : '/finance/messages';
    return page(c, texts[lang].messages.title, <MessagePage lang={lang} message={message} back={back} />);
  });

  /** The list as filtered by the query; a filter the schema refuses is shown beside its field (400). */
  const renderList = async (
    c: WebContext,
    base: string,
    options: { errors?: FieldError[]; status?: 200 | 400 | 409 | 422; notice?: string } = {},
  ) => {
    const { actor, lang } = webCtx(c);
    const filter: MessageFilterValues = {
      recipient: (c.req.query('recipient') ?? '').trim(),
      status: c.req.query('status') ?? '',
      kind: c.req.query('kind') ?? '',
    };
    const cursor = c.req.query('cursor') || undefined;
    const parsed = messageFilterSchema.safeParse(
      Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')),
    );
    const errors = [
      ...(options.errors ?? []),
      ...(parsed.success ? [] : issuesToFieldErrors(parsed.error.issues)),
    ];
    const [found, recipients] = await Promise.all([
      parsed.success
        ? listMessages(deps.core, { actor }, parsed.data, cursor ? { cursor } : {})
        : { items: [], cursor: undefined },
      listFailedRecipients(deps.core, { actor }),
    ]);
    const finance = !isAdmin(actor);
    const m = texts[lang].messages.admin;
    return page(
      c,
      finance ? m.financeTitle : m.title,
      <AdminMessagesPage
        lang={lang}
        finance={finance}
        base={base}
        filter={filter}
        errors={new Errors(lang, errors)}
        items={found.items}
        cursor={cursor}
        next={found.cursor}
        recipients={recipients}
        notice={options.notice}
      />,
      parsed.success ? (options.status ?? 200) : 400,
    );
  };

  for (const base of MESSAGE_LIST_PATHS) {
    app.get(base, (c) =>
      renderList(
        c,
        base,
        c.req.query('resent') ? { notice: texts[c.get('lang')].messages.admin.resent } : {},
      ),
    );
    app.post(
      `${base}/:id/resend`,
      formAction({
        values: () => ({}),
        input: () => ({}),
        schema: z.object({}),
        run: (_, { c, ctx, body }) =>
          resendMessage(deps.core, ctx, c.req.param('id') ?? '', formVersion(body) ?? -1),
        done: () => `${base}?resent=1`,
        render: (c, state) =>
          renderList(c, base, {
            // A stale form: the page says so in its own words, and shows the messages as they are now.
            errors: state.conflict
              ? [{ pointer: '', code: 'MESSAGE_CHANGED' }]
              : state.error
                ? errorsOf(state.error)
                : [],
            status: state.status,
          }),
      }),
    );
  }
  return app;
}
