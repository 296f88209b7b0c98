import type { ImportReport } from '../../../engine/contacts/index.ts';
import type { HeaderUser } from '../../../renderer/index.ts';
import { AdminLayout, Notice } from './AdminLayout.tsx';

/** Props of {@link ImportPage}. */
export interface ImportPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly report: ImportReport;
  /** What the round calls several respondents, lower case ("kommuner"). */
  readonly many: string;
  readonly notice?: string;
}

/** The result of an upload: what was imported, or every error by row and column with the choice to import the valid rows. */
export function ImportPage({ user, csrfToken, roundId, report, many, notice }: ImportPageProps) {
  const base = `/admin/runde/${encodeURIComponent(roundId)}/kontakter`;
  const pending = report.status === 'pending';
  return (
    <AdminLayout title="Import af kontaktliste" user={user} csrfToken={csrfToken} roundId={roundId} current="kontakter">
      <h1>Import af kontaktliste</h1>
      <p className="font-lead">
        {report.filename}: {report.total} udfyldte rækker, {report.validCount} gyldige, {report.invalidRows.length} med fejl
        {report.blankRows > 0 ? `, ${report.blankRows} uden kontaktperson (sprunget over)` : ''}.
      </p>
      <Notice text={notice} />
      {report.status === 'imported' ? (
        <div className="alert alert-success mb-6" role="status">
          <div className="alert-body">
            <p className="alert-text">
              {report.imported} kontaktpersoner er importeret{report.changed < report.imported ? ` (${report.changed} nye eller ændrede)` : ''}.
              {report.loginsClosed.length > 0
                ? ` ${report.loginsClosed.length} ${many} har fået en ny kontaktperson; deres gamle login er lukket, og de får et nyt, når logins sendes.`
                : ''}
            </p>
          </div>
        </div>
      ) : null}
      {pending ? (
        <div className="alert alert-warning mb-6">
          <div className="alert-body">
            <h2 className="alert-heading">Intet er importeret</h2>
            <p className="alert-text">
              {report.invalidRows.length} {report.invalidRows.length === 1 ? 'række har' : 'rækker har'} fejl. Ret fejlene i filen og upload den igen, eller
              importér kun de {report.validCount} gyldige rækker.
            </p>
          </div>
        </div>
      ) : null}
      {report.errors.length > 0 ? (
        <div className="table--responsive-scroll">
          <table className="table table--compact">
            <caption>Fejl i filen ({report.errors.length})</caption>
            <thead>
              <tr>
                <th scope="col">Række</th>
                <th scope="col">Kolonne</th>
                <th scope="col">Felt</th>
                <th scope="col">Fejl</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{e.column || '–'}</td>
                  <td>{e.header || '–'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="button-row mt-6">
        {pending && report.validCount > 0 ? (
          <form method="post" action={`${base}/import/${report.id}`}>
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" className="button button-primary">
              Importér de {report.validCount} gyldige rækker
            </button>
          </form>
        ) : null}
        <a href={base} className="button button-secondary">
          Upload en rettet fil
        </a>
      </div>
    </AdminLayout>
  );
}
