import type { BoardRow, MailView } from '../../../engine/contacts/index.ts';
import { boardStatusLabel } from '../../../engine/contacts/index.ts';
import { ErrorSummary, formatDateTime, TextField, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';
import { ExtensionSection, type DeadlineRow, type ExtensionError } from './ExtensionSection.tsx';
import { MailTable } from './MailTable.tsx';
import { ReopenSection, type SubmittedRow } from './ReopenSection.tsx';

/** Props of {@link MunicipalityPage}. */
export interface MunicipalityPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly timeZone: string;
  readonly row: BoardRow;
  /** The round's word for one respondent, capitalised ("Kommune"). */
  readonly respondentWord: string;
  /** The round's words for one respondent, lower case, and in the definite form ("kommunen"). */
  readonly words: { readonly one: string; readonly the: string; readonly theTitle: string };
  /** The contact-list form's fields to fill in, in its order (the respondent key left out). */
  readonly fields: readonly ContactField[];
  /** The contact form's values by field (as entered, after a failed save). */
  readonly values: Readonly<Record<string, string>>;
  /** The form's Danish messages by field. */
  readonly errors: Readonly<Record<string, string>>;
  readonly mails: readonly MailView[];
  /** Each form's deadline for the municipality, with its extension. */
  readonly deadlines: readonly DeadlineRow[];
  /** The forms the respondent has submitted, which can be reopened. */
  readonly submitted?: readonly SubmittedRow[];
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

/** One field of the contact-list form as the page shows it. */
export interface ContactField {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  /** Choices (value and label) where the form has labelled ones. */
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly type: 'text' | 'email' | 'tel';
}

/** One respondent: its contact person (editable), its login (send anew, revoke), its submitted reports (reopen), its deadlines (extend) and the mails sent to it. */
export function MunicipalityPage({ user, csrfToken, roundId, timeZone, row, respondentWord, words, fields, values, errors, mails, deadlines, submitted = [], extensionError, freshLink, notice }: MunicipalityPageProps) {
  const titles = Object.fromEntries(fields.map((f) => [f.name, f.title]));
  const base = `/admin/runde/${encodeURIComponent(roundId)}/respondent/${encodeURIComponent(row.code)}`;
  const when = (iso: string | null | undefined) => (iso ? formatDateTime(iso, timeZone) : '–');
  const summary = Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text: `${titles[field] ?? field}: ${text}` }));
  return (
    <AdminLayout title={row.navn} user={user} csrfToken={csrfToken} roundId={roundId} current="kommune">
      <p className="h5 mb-2">
        {respondentWord} {row.code}
      </p>
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
          {fields.map((f) =>
            f.options ? (
              <div key={f.name} className={`form-group${errors[f.name] ? ' form-error' : ''}`}>
                <label className="form-label" htmlFor={f.name}>
                  {f.title}
                </label>
                {errors[f.name] ? (
                  <span className="form-error-message" id={`${f.name}-error`}>
                    <span className="sr-only">Fejl: </span>
                    {errors[f.name]}
                  </span>
                ) : null}
                <select
                  className="form-select"
                  id={f.name}
                  name={f.name}
                  defaultValue={values[f.name] ?? ''}
                  aria-invalid={errors[f.name] ? true : undefined}
                  aria-describedby={errors[f.name] ? `${f.name}-error` : undefined}
                >
                  <option value="">Vælg</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <TextField
                key={f.name}
                id={f.name}
                label={f.title}
                value={values[f.name] ?? ''}
                error={errors[f.name]}
                type={f.type}
                autoComplete="off"
                {...(f.description ? { hint: f.description } : {})}
              />
            ),
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
      <ReopenSection action={`${base}/genaabn`} csrfToken={csrfToken} rows={submitted} timeZone={timeZone} words={words} />
      <ExtensionSection action={`${base}/frist`} csrfToken={csrfToken} rows={deadlines} error={extensionError} words={words} />
      <section aria-labelledby="mails" className="mt-8">
        <h2 id="mails">Mails til {words.the}</h2>
        <MailTable mails={mails} timeZone={timeZone} caption={`Mails til ${row.navn}`} />
      </section>
    </AdminLayout>
  );
}
