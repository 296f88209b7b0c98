import type { ReactNode } from 'react';
import { Layout, type HeaderUser } from '../../../renderer/index.ts';

/** Props of {@link AdminLayout}. */
export interface AdminLayoutProps {
  readonly title: string;
  readonly user: HeaderUser;
  readonly csrfToken: string;
  /** The round the pages are about, for the navigation. */
  readonly roundId: string;
  /** Which navigation item is current. */
  readonly current: 'oversigt' | 'kontakter' | 'udbakke' | 'kommune' | 'sikkerhed' | 'brugere';
  readonly scripts?: readonly string[];
  readonly children: ReactNode;
}

/** The ministry's pages: the service's page shell with the administration's own navigation. */
export function AdminLayout({ title, user, csrfToken, roundId, current, scripts, children }: AdminLayoutProps) {
  const items = [
    { key: 'oversigt', href: `/admin/runde/${encodeURIComponent(roundId)}`, text: 'Oversigt' },
    { key: 'kontakter', href: `/admin/runde/${encodeURIComponent(roundId)}/kontakter`, text: 'Kontaktliste' },
    { key: 'udbakke', href: `/admin/udbakke?runde=${encodeURIComponent(roundId)}`, text: 'Udbakke' },
    { key: 'brugere', href: '/admin/brugere', text: 'Brugere' },
    { key: 'runder', href: '/admin/runder', text: 'Runder og skemaer' },
    { key: 'sikkerhed', href: '/admin/sikkerhed', text: 'Sikkerhed' },
  ];
  return (
    <Layout title={title} user={user} csrfToken={csrfToken} {...(scripts ? { scripts } : {})}>
      <nav aria-label="Administration" className="mb-6">
        <ul className="unstyled-list inline-list">
          {items.map((i) => (
            <li key={i.key} className="mr-5">
              <a href={i.href} className="function-link" aria-current={i.key === current ? 'page' : undefined}>
                {i.key === current ? <strong>{i.text}</strong> : i.text}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Layout>
  );
}

/** A status message after an action (announced politely). */
export function Notice({ text, kind = 'success' }: { text: string | undefined; kind?: 'success' | 'info' | 'warning' }) {
  if (!text) return null;
  return (
    <div className={`alert alert-${kind} mb-6`} role="status">
      <div className="alert-body">
        <p className="alert-text">{text}</p>
      </div>
    </div>
  );
}
