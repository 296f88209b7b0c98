import type { BoardRow, MailView } from '../../../engine/contacts/index.ts';
import { boardStatusLabel } from '../../../engine/contacts/index.ts';
import { ErrorSummary, formatDateTime, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';
import { ExtensionSection, type DeadlineRow, type ExtensionError } from './ExtensionSection.tsx';
import { MailTable } from './MailTable.tsx';
import { TextField } from './TextField.tsx';

/** Props of {@link MunicipalityPage}. */
export interface MunicipalityPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly timeZone: string;
  readonly row: BoardRow;
  /** The contact form's values (as entered, after a failed save). */
  readonly values: { readonly navn: string; readonly email: string; readonly telefon: string; readonly regionskode: string };
  /** The form's Danish messages by field. */
  readonly errors: Readonly<Record<string, string>>;
  readonly regions: ReadonlyArray<{ readonly kode: string; readonly navn: string }>;
  readonly titles: Readonly<Record<string, string>>;
  readonly mails: readonly MailView[];
  /** Each form's deadline for the municipality, with its extension. */
  readonly deadlines: readonly DeadlineRow[];
  readonly extensionError?: ExtensionError | undefined;
  /** A set-password link just made, shown this once for the ministry to pass on. */
  readonly freshLink?: string | undefined;
  readonly notice?: string;
}

const LOGIN_TEXT: Record<string, string> = {
  active: 'Sendt, adgangskode ikke valgt endnu',
  used: 'Adgangskode valgt',
  replaced: 'Erstattet',
  revoked: 'Tilbagekaldt',
  udloebet: 'Linket er udløbet',
};

/** One municipality: its contact person (editable), its login (send anew, revoke), its deadlines (extend) and the mails sent to it. */
export function MunicipalityPage({ user, csrfToken, roundId, timeZone, row, values, errors, regions, titles, mails, deadlines, extensionError, freshLink, notice }: MunicipalityPageProps) {
  const base = `/admin/runde/${encodeURIComponent(roundId)}/kommune/${row.kommunekode}`;
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, timeZone) : '–');
  const summary = Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text: `${titles[field] ?? field}: ${text}` }));
  return (
    <AdminLayout title={row.navn} user={user} csrfToken={csrfToken} roundId={roundId} current="kommune">
      <p className="h5 mb-2">Kommune {row.kommunekode}</p>
      <h1>{row.navn}</h1>
      <p className="font-lead">
        Status: {boardStatusLabel(row.status)}
        {row.detail ? ` – ${row.detail}` : ''}
      </p>
      <Notice text={notice} />
      <ErrorSummary items={extensionError ? [{ href: `#frist-${extensionError.formName}`, text: `Ny frist: ${extensionError.text}` }, ...summary] : summary} />
      <section aria-labelledby="kontaktperson" className="mt-6">
        <h2 id="kontaktperson">Kontaktperson</h2>
        <p>«Gem og send login» gemmer kontaktpersonen og sender login til den i ét trin. En ny e-mailadresse lukker det login, der er sendt til den gamle.</p>
        <form method="post" action={base} noValidate>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <TextField id="navn" label={titles.navn ?? 'Navn'} value={values.navn} error={errors.navn} autoComplete="off" />
          <TextField id="email" label={titles.email ?? 'E-mail'} value={values.email} error={errors.email} type="email" autoComplete="off" />
          <TextField id="telefon" label={titles.telefon ?? 'Telefon'} value={values.telefon} error={errors.telefon} type="tel" autoComplete="off" hint="Valgfrit. Otte cifre." />
          {row.regionskode && !errors.regionskode ? (
            // The round's table knows the region, so it is shown and sent, not asked.
            <div className="form-group">
              <p className="form-label mb-0">{titles.regionskode ?? 'Region'}</p>
              <p className="mt-2">{row.regionsnavn || row.regionskode}</p>
              <input type="hidden" name="regionskode" value={row.regionskode} />
            </div>
          ) : (
            <div className={`form-group${errors.regionskode ? ' form-error' : ''}`}>
              <label className="form-label" htmlFor="regionskode">
                {titles.regionskode ?? 'Region'}
              </label>
              {errors.regionskode ? (
                <span className="form-error-message" id="regionskode-error">
                  <span className="sr-only">Fejl: </span>
                  {errors.regionskode}
                </span>
              ) : null}
              <select
                className="form-select"
                id="regionskode"
                name="regionskode"
                defaultValue={values.regionskode}
                aria-invalid={errors.regionskode ? true : undefined}
                aria-describedby={errors.regionskode ? 'regionskode-error' : undefined}
              >
                <option value="">Vælg region</option>
                {regions.map((r) => (
                  <option key={r.kode} value={r.kode}>
                    {r.navn}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="button-row mt-4">
            {/* Enter in a field presses the first button, which must not replace a login. */}
            <button type="submit" className="button button-secondary" name="handling" value="gem">
              Gem kontaktperson
            </button>
            <button type="submit" className="button button-primary" name="handling" value="send">
              {row.login ? 'Gem og send nyt login' : 'Gem og send login'}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="login" className="mt-8">
        <h2 id="login">Login</h2>
        <dl className="indberet-answers">
          <div className="indberet-answer">
            <dt>Login</dt>
            <dd>{row.login ? (LOGIN_TEXT[row.login.status] ?? row.login.status) : 'Intet login sendt'}</dd>
          </div>
          <div className="indberet-answer">
            <dt>Brugernavn</dt>
            <dd>{row.login?.email ?? '–'}</dd>
          </div>
          <div className="indberet-answer">
            <dt>Sendt</dt>
            <dd>{when(row.login?.sentAt)}</dd>
          </div>
          <div className="indberet-answer">
            <dt>Senest logget ind</dt>
            <dd>{when(row.lastLoginAt)}</dd>
          </div>
        </dl>
        {freshLink ? (
          <div className="alert alert-success mb-6" role="status">
            <div className="alert-body">
              <p className="alert-text">Et nyt login er lavet, og mailen med linket er sendt til kontaktpersonen. Linket vises kun nu: kopiér det, hvis kontaktpersonen ikke har fået mailen. Det gamle link virker ikke længere.</p>
              <label className="form-label" htmlFor="nyt-link">
                Link til at vælge adgangskode
              </label>
              <input className="form-input input-width-xl" id="nyt-link" type="text" readOnly value={freshLink} />
            </div>
          </div>
        ) : null}
        <div className="button-row">
          <form method="post" action={`${base}/login/send`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" className="button button-primary" disabled={!row.contact}>
              {row.login ? 'Send nyt login' : 'Send login'}
            </button>
          </form>
          <form method="post" action={`${base}/login/link`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" className="button button-secondary" disabled={!row.contact}>
              Nyt login med link at kopiere
            </button>
          </form>
          {row.login && (row.login.status === 'active' || row.login.status === 'used' || row.login.status === 'udloebet') ? (
            <form method="post" action={`${base}/login/tilbagekald`}>
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" className="button button-secondary">
                Tilbagekald login
              </button>
            </form>
          ) : null}
        </div>
        <p className="mt-4">Et nyt login erstatter det gamle: det gamle link og den gamle adgangskode holder op med at virke.</p>
      </section>
      <ExtensionSection action={`${base}/frist`} csrfToken={csrfToken} rows={deadlines} error={extensionError} />
      <section aria-labelledby="mails" className="mt-8">
        <h2 id="mails">Mails til kommunen</h2>
        <MailTable mails={mails} timeZone={timeZone} caption={`Mails til ${row.navn}`} />
      </section>
    </AdminLayout>
  );
}
