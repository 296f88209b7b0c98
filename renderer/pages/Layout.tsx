import { useContext, type ReactNode } from 'react';
import type { Lang } from '../../engine/index.ts';
import { ShellContext } from './shell.ts';

/** The logged-in person as the header shows them. */
export interface HeaderUser {
  readonly navn: string;
  readonly organisation?: string;
}

/** Props of {@link Layout}. */
export interface LayoutProps {
  readonly title: string;
  /** The whole document title, when the page names its round itself (the service's name is then not added). */
  readonly documentTitle?: string;
  readonly lang?: Lang;
  readonly user?: HeaderUser;
  /** The session's CSRF token, for the log-off form. */
  readonly csrfToken?: string;
  /** Module scripts (same origin) to load. */
  readonly scripts?: readonly string[];
  readonly children: ReactNode;
}

/**
 * The page shell in the Danish public design system: skip link, portal header with the user and
 * log-off, the solution's name and authority, the main content, a footer. No inline script or style.
 */
export function Layout({ title, documentTitle, lang = 'da', user, csrfToken, scripts = [], children }: LayoutProps) {
  // The round's words (round.json → service, afsender), or the rounds' common ones.
  const shell = useContext(ShellContext);
  const SERVICE_NAME = shell.service;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle ?? `${title} – ${SERVICE_NAME}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/dkfds/css/dkfds.min.css" />
        <link rel="stylesheet" href="/static/indberet.css" />
        {scripts.map((s) => (
          <script key={s} type="module" src={s} />
        ))}
      </head>
      <body>
        <a className="skipnav" href="#main-content">
          Gå til sidens indhold
        </a>
        <header className="header">
          <div className="portal-info">
            <div className="portal-info-inner container">
              <a href="/" className="indberet-portal-name" aria-label={`${SERVICE_NAME}, forside`}>
                {shell.authority}
              </a>
              {user && (
                <div className="portal-user">
                  <p className="user">{user.organisation ? `${user.navn}, ${user.organisation}` : user.navn}</p>
                  <form method="post" action="/logud" className="d-inline">
                    <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
                    <button type="submit" className="function-link log-off">
                      Log af
                    </button>
                  </form>
                </div>
              )}
            </div>
          </div>
          <div className="solution-info">
            <div className="solution-info-inner container">
              <div className="solution-heading">
                <a href="/">{SERVICE_NAME}</a>
              </div>
              <div className="additional-info">
                <p>
                  <strong className="authority-name">{shell.authority}</strong>
                </p>
                {shell.basis ? <p>{shell.basis}</p> : null}
              </div>
            </div>
          </div>
        </header>
        <div className="container page-container">
          <main id="main-content" tabIndex={-1} className="indberet-main">
            {children}
          </main>
        </div>
        <footer>
          <div className="footer">
            <div className="container">
              <ul className="align-text-left unstyled-list inline-list">
                <li>{shell.authority}</li>
                {shell.email ? (
                  <li>
                    <a href={`mailto:${shell.email}`} className="function-link">
                      {shell.email}
                    </a>
                  </li>
                ) : null}
                <li>
                  <a href="/tilgaengelighed" className="function-link">
                    Tilgængelighedserklæring
                  </a>
                </li>
              </ul>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
