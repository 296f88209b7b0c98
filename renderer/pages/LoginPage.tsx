import { Layout } from './Layout.tsx';
import { PageErrorAlert } from './PageErrorAlert.tsx';

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  readonly csrfToken: string;
  readonly email?: string;
  /** Why the last attempt failed (Danish), if it did. */
  readonly error?: string;
  /** Where to go after logging in. */
  readonly next?: string;
}

/** The login page: e-mail and password, errors in a summary linking to the field. */
export function LoginPage({ csrfToken, email = '', error, next }: LoginPageProps) {
  return (
    <Layout title="Log ind">
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <h1>Log ind</h1>
          <p className="font-lead">Log ind med det brugernavn og den adgangskode, du har fået som kontaktperson.</p>
          {error && <PageErrorAlert heading="Du blev ikke logget ind" message={error} field="email" />}
          <form method="post" action="/login" noValidate>
            <input type="hidden" name="_csrf" value={csrfToken} />
            {next && <input type="hidden" name="next" value={next} />}
            <div className={`form-group${error ? ' form-error' : ''}`}>
              <label className="form-label" htmlFor="email">
                E-mail
              </label>
              {error && (
                <span className="form-error-message" id="email-error">
                  <span className="sr-only">Fejl: </span>
                  {error}
                </span>
              )}
              <input
                className="form-input input-width-xl"
                type="email"
                id="email"
                name="email"
                autoComplete="username"
                defaultValue={email}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'email-error' : undefined}
              />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="password">
                Adgangskode
              </label>
              <input className="form-input input-width-xl" type="password" id="password" name="password" autoComplete="current-password" required />
            </div>
            <button type="submit" className="button button-primary mt-4">
              Log ind
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
