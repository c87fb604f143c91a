import type { PropsWithChildren } from 'hono/jsx';
import type { Principal } from '../../functions/core/auth/principal.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

export interface LayoutProps {
  title: string;
  lang: Lang;
  principal: Principal | undefined;
  /** The current path, for the language switch to return to. */
  path: string;
}

export function Layout({ title, lang, principal, path, children }: PropsWithChildren<LayoutProps>) {
  const t = texts[lang];
  const other = t.nav.otherLang;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip" href="#content">
          {t.skipToContent}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              {t.siteName}
              <small>{t.siteTagline}</small>
            </a>
            <nav class="main" aria-label={t.nav.mainMenu}>
              <ul>
                <li>
                  <a href="/">{t.nav.calls}</a>
                </li>
                {principal && (
                  <li>
                    <a href="/applications">{t.nav.mine}</a>
                  </li>
                )}
                {principal && (
                  <li>
                    <a href="/messages">{t.messages.nav}</a>
                  </li>
                )}
                {principal && (
                  <li>
                    <a href="/me/profile">{t.profile.nav}</a>
                  </li>
                )}
                {principal && (
                  <li>
                    <a href="/me/data">{t.myData.nav}</a>
                  </li>
                )}
                {principal?.roles.includes('reviewer') && (
                  <li>
                    <a href="/reviews">{t.nav.reviews}</a>
                  </li>
                )}
                {(principal?.roles.includes('board') || principal?.roles.includes('admin')) && (
                  <li>
                    <a href="/board">{t.nav.board}</a>
                  </li>
                )}
                {(principal?.roles.includes('finance') || principal?.roles.includes('admin')) && (
                  <li>
                    <a href="/finance">{t.finance.nav}</a>
                  </li>
                )}
                {principal?.roles.includes('admin') && (
                  <li>
                    <a href="/admin/calls">{t.nav.admin}</a>
                  </li>
                )}
                <li>
                  <a
                    href={`/lang?to=${other}&back=${encodeURIComponent(path)}`}
                    lang={other}
                    hreflang={other}
                  >
                    {t.nav.language}
                  </a>
                </li>
                {principal ? (
                  <li>
                    <form method="post" action="/logout">
                      <button class="linkbutton" type="submit">
                        {t.nav.logout} ({principal.name})
                      </button>
                    </form>
                  </li>
                ) : (
                  <li>
                    <a href={`/login?next=${encodeURIComponent(path)}`}>{t.nav.login}</a>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main id="content" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          <div class="bar">
            <span>{t.footer.about}</span>
            <a href="/tilgaengelighed">{t.footer.accessibility}</a>
            <a href="/privatliv">{t.footer.privacy}</a>
            <a href="/api/openapi.json">{t.footer.api}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
