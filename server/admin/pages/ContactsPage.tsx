import type { ImportReport } from '../../../engine/contacts/index.ts';
import { formatDateTime, type HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';

/** Props of {@link ContactsPage}. */
export interface ContactsPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly timeZone: string;
  readonly withContact: number;
  readonly municipalities: number;
  /** What the round calls its respondents: one and several, lower case. */
  readonly words: { readonly one: string; readonly many: string };
  readonly imports: readonly ImportReport[];
  /** The upload script's address. */
  readonly script: string;
  readonly notice?: string;
}

const IMPORT_STATUS: Record<string, string> = { pending: 'Venter: rækker med fejl', imported: 'Importeret', discarded: 'Kasseret' };

/** The contact list: download the template, upload the filled list, recent uploads. */
export function ContactsPage({ user, csrfToken, roundId, timeZone, withContact, municipalities, words, imports, script, notice }: ContactsPageProps) {
  const base = `/admin/runde/${encodeURIComponent(roundId)}/kontakter`;
  return (
    <AdminLayout title="Kontaktliste" user={user} csrfToken={csrfToken} roundId={roundId} current="kontakter" scripts={[script]}>
      <h1>Kontaktliste</h1>
      <p className="font-lead">
        {withContact} af {municipalities} {words.many} har en kontaktperson.
      </p>
      <Notice text={notice} />
      <section aria-labelledby="skabelon" className="mt-6">
        <h2 id="skabelon">1. Hent skabelonen</h2>
        <p>Regnearket har én række pr. {words.one} med kode og navn udfyldt. Send det ud, og saml de udfyldte rækker i én fil.</p>
        <a className="button button-secondary" href={`${base}/skabelon.xlsx`}>
          Hent skabelon (XLSX)
        </a>
      </section>
      <section aria-labelledby="upload" className="mt-8">
        <h2 id="upload">2. Upload den udfyldte liste</h2>
        <p>
          Upload som XLSX eller CSV. Hver række kontrolleres som en indberetning af kontaktlisten. Har blot én række fejl, importeres intet, og du
          får en liste over fejlene med række og kolonne – medmindre du vælger at importere de gyldige rækker.
        </p>
        <form method="post" action={`${base}/upload`} encType="multipart/form-data" data-upload={`/api/admin/rounds/${encodeURIComponent(roundId)}/contacts/import`} data-result={`${base}/import/`} noValidate>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <div className="form-group">
            <label className="form-label" htmlFor="fil">
              Kontaktliste (XLSX eller CSV)
            </label>
            <span className="form-error-message" id="fil-error" role="alert" hidden></span>
            <input className="form-file-input" type="file" id="fil" name="fil" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="fil-error" />
          </div>
          <div className="form-group">
            <input className="form-checkbox" type="checkbox" id="kunGyldige" name="kunGyldige" value="1" />
            <label htmlFor="kunGyldige">Importér de gyldige rækker, selv om andre rækker har fejl</label>
          </div>
          <button type="submit" className="button button-primary mt-4">
            Upload og kontrollér
          </button>
        </form>
      </section>
      <section aria-labelledby="tidligere" className="mt-8">
        <h2 id="tidligere">Seneste uploads</h2>
        {imports.length === 0 ? (
          <p>Ingen uploads endnu.</p>
        ) : (
          <table className="table table--compact">
            <caption>Seneste uploads af kontaktlisten</caption>
            <thead>
              <tr>
                <th scope="col">Uploadet</th>
                <th scope="col">Fil</th>
                <th scope="col">Rækker</th>
                <th scope="col">Med fejl</th>
                <th scope="col">Importeret</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`${base}/import/${i.id}`} className="function-link">
                      {formatDateTime(i.createdAt, timeZone)}
                    </a>
                  </td>
                  <td>{i.filename}</td>
                  <td>{i.total}</td>
                  <td>{i.invalidRows.length}</td>
                  <td>{i.imported}</td>
                  <td>{IMPORT_STATUS[i.status] ?? i.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
