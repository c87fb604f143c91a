import { Hono } from 'hono';
import { type ControllerConfig, readController } from '../../functions/http/config.js';
import type { AppDeps, AppEnv } from '../../functions/http/context.js';
import { texts } from '../../functions/texts/index.js';
import { page } from '../render.js';
import { safeReturnPath, setLang } from '../session.js';
import { AccessibilityPage } from './site.page.js';

/** The site's own pages: the language switch and the accessibility statement. */
export function siteRoutes(deps: AppDeps, controller: ControllerConfig = readController()) {
  const app = new Hono<AppEnv>();

  app.get('/lang', (c) => {
    setLang(c, c.req.query('to') === 'en' ? 'en' : 'da', deps.config.secureCookies);
    return c.redirect(safeReturnPath(c.req.query('back')), 303);
  });

  app.get('/tilgaengelighed', (c) => {
    const lang = c.get('lang');
    return page(c, texts[lang].a11y.title, <AccessibilityPage lang={lang} controller={controller} />);
  });
  return app;
}
