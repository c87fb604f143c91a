import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAdmin } from '../functions/core/auth/principal.js';
import type { RequestContext } from '../functions/core/ports.js';
import { signIn } from '../functions/core/shared/errors.js';
import type { AppEnv } from '../functions/http/context.js';
import type { Lang } from '../functions/texts/lang.js';
import { CaseRecordLink, caseOfPage } from './cases/case-record.page.js';
import { Layout } from './components/layout.js';
import { PrivacyNoticeBanner } from './site/privacy.page.js';

export type WebContext = Context<AppEnv>;

/** Renders a page in the site's layout, with a status. */
export function page(c: WebContext, title: string, body: Child, status: ContentfulStatusCode = 200) {
  c.status(status);
  // Every case page links to its record, for the secretariat (web/cases).
  const caseRef = isAdmin(c.get('principal')) && status === 200 ? caseOfPage(c.req.path) : undefined;
  const html = (
    <Layout title={title} lang={c.get('lang')} principal={c.get('principal')} path={c.req.path}>
      {c.get('privacyNotice') && <PrivacyNoticeBanner lang={c.get('lang')} back={c.req.path} />}
      {body}
      {caseRef && <CaseRecordLink lang={c.get('lang')} caseRef={caseRef} />}
    </Layout>
  ).toString();
  // Hono's JSX renders no doctype of its own; without one browsers fall back to quirks mode.
  return c.html(Promise.resolve(html).then((markup) => `<!DOCTYPE html>${markup}`));
}

/** Who asks (the core's request context) and the language they read. */
export type WebRequestContext = RequestContext & { lang: Lang };

/** The signed-in person's request context; anyone else is sent to sign in. */
export const webCtx = (c: WebContext): WebRequestContext => {
  const actor = c.get('principal');
  if (!actor) throw signIn();
  return { actor, lang: c.get('lang') };
};
