import { Layout } from '../../../renderer/index.ts';
import { PageErrorAlert } from '../../../renderer/index.ts';

/** Props of {@link SetPasswordPage}. */
export interface SetPasswordPageProps {
  readonly csrfToken: string;
  readonly action: string;
  readonly email: string;
  readonly kommune: string;
  readonly minLength: number;
  readonly error?: string;
}

/** The page a set-password link opens: the user name, a new password twice. */
export function SetPasswordPage({ csrfToken, action, email, kommune, minLength, error }: SetPasswordPageProps) {
  return (
    <Layout title="Vælg adgangskode">
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <p className="h5 mb-2">{kommune}</p>
          <h1>Vælg adgangskode</h1>
          <p className="font-lead">
            Dit brugernavn er <strong>{email}</strong>. Vælg en adgangskode på mindst {minLength} tegn. Derefter er du logget ind.
          </p>
          {error && <PageErrorAlert heading="Adgangskoden blev ikke gemt" message={error} field="password" />}
          <form method="post" action={action} noValidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <input type="text" name="username" autoComplete="username" defaultValue={email} hidden readOnly />
            <div className={`form-group${error ? ' form-error' : ''}`}>
              <label className="form-label" htmlFor="password">
                Ny adgangskode
              </label>
              <input
                className="form-input input-width-xl"
                type="password"
                id="password"
                name="password"
                autoComplete="new-password"
                required
                aria-invalid={error ? true : undefined}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="repeat">
                Gentag adgangskoden
              </label>
              <input className="form-input input-width-xl" type="password" id="repeat" name="repeat" autoComplete="new-password" required />
            </div>
            <button type="submit" className="button button-primary mt-4">
              Gem adgangskode og log ind
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
