import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';

/** A page that only says something: not found, not allowed, closed. */
export function MessagePage({ title, text, user, csrfToken }: { title: string; text: string; user?: HeaderUser; csrfToken?: string }) {
  return (
    <Layout title={title} {...(user ? { user } : {})} {...(csrfToken ? { csrfToken } : {})}>
      <h1>{title}</h1>
      <p className="font-lead">{text}</p>
      <p>
        <a href="/" className="function-link">
          Til forsiden
        </a>
      </p>
    </Layout>
  );
}
