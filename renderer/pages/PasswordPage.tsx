import type { HeaderUser } from './Layout.tsx';
import { Layout } from './Layout.tsx';
import { PageErrorAlert } from './PageErrorAlert.tsx';

/** The one-time password change: current and new password, errors in a summary. */
export function PasswordPage({ csrfToken, user, error }: { csrfToken: string; user: HeaderUser; error?: string }) {
  return (
    <Layout title="Skift adgangskode" user={user} csrfToken={csrfToken}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>Skift adgangskode</h1>
          <p className="font-lead">Vælg en ny adgangskode, før du fortsætter. Den skal være på mindst 12 tegn.</p>
          {error && <PageErrorAlert heading="Adgangskoden blev ikke skiftet" message={error} field="current" />}
          <form method="post" action="/adgangskode" noValidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <div className="form-group">
              <label className="form-label" htmlFor="current">
                Nuværende adgangskode
              </label>
              <input className="form-input input-width-xl" type="password" id="current" name="current" autoComplete="current-password" required />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="next">
                Ny adgangskode
              </label>
              <input className="form-input input-width-xl" type="password" id="next" name="next" autoComplete="new-password" required />
            </div>
            <button type="submit" className="button button-primary mt-4">
              Skift adgangskode
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
