import type { ReactNode } from 'react';
import { Layout, type HeaderUser } from '../pages/Layout.tsx';

/** The address of the round pages' stylesheet and script (served by the rounds router). */
export const ROUNDS_CSS = '/static/admin/runder.css';
export const ROUNDS_SCRIPT = '/static/admin/runder.js';

/** Props of {@link RoundsLayout}. */
export interface RoundsLayoutProps {
  readonly title: string;
  readonly user: HeaderUser;
  readonly csrfToken: string;
  /** The round the page is about, for the breadcrumb. */
  readonly roundId?: string;
  /** Load the editor's script (lint as you type, upload). */
  readonly script?: boolean;
  readonly children: ReactNode;
}

/** The ministry's round pages: the page shell, a breadcrumb back to the rounds, the pages' own stylesheet. */
export function RoundsLayout({ title, user, csrfToken, roundId, script, children }: RoundsLayoutProps) {
  return (
    <Layout title={title} user={user} csrfToken={csrfToken} {...(script ? { scripts: [ROUNDS_SCRIPT] } : {})}>
      <link rel="stylesheet" href={ROUNDS_CSS} />
      <nav aria-label="Brødkrumme" className="breadcrumbs indberet-rounds-crumbs">
        <ol className="breadcrumbs__list">
          <li className="breadcrumbs__list-item">
            <a href="/admin/runder" className="breadcrumbs__link">
              Runder
            </a>
          </li>
          {roundId && (
            <li className="breadcrumbs__list-item">
              <a href={roundHref(roundId)} className="breadcrumbs__link">
                {`Runde ${roundId}`}
              </a>
            </li>
          )}
        </ol>
      </nav>
      {children}
    </Layout>
  );
}

/**
 * The address of a round's page.
 * @param roundId the round
 * @param rest a sub-page, e.g. `aendringer`
 * @returns the path
 */
export function roundHref(roundId: string, ...rest: string[]): string {
  return ['/admin/runder', roundId, ...rest].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}

/** A status message (announced politely). */
export function RoundsNotice({ text, kind = 'success' }: { text: string | undefined; kind?: 'success' | 'info' | 'warning' | 'error' }) {
  if (!text) return null;
  return (
    <div className={`alert alert-${kind} mb-6`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">
        <p className="alert-text">{text}</p>
      </div>
    </div>
  );
}
