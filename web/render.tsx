import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../functions/core/shared/errors.js';
import type { AppEnv } from '../functions/http/context.js';
import { Layout } from './components/layout.js';
import { type FormBody, field } from './forms.js';

export type WebContext = Context<AppEnv>;

/** Renders a page in the site's layout, with a status. */
export function page(c: WebContext, title: string, body: Child, status: ContentfulStatusCode = 200) {
  c.status(status);
  const html = (
    <Layout title={title} lang={c.get('lang')} principal={c.get('principal')} path={c.req.path}>
      {body}
    </Layout>
  ).toString();
  // Hono's JSX renders no doctype of its own; without one browsers fall back to quirks mode.
  return c.html(Promise.resolve(html).then((markup) => `<!DOCTYPE html>${markup}`));
}

export const webCtx = (c: WebContext) => {
  const actor = c.get('principal');
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log ind først / Sign in first');
  return { actor, lang: c.get('lang') };
};

export const formVersion = (body: FormBody): number | undefined => {
  const v = field(body, '_version');
  return /^\d{1,9}$/.test(v) ? Number(v) : undefined;
};
