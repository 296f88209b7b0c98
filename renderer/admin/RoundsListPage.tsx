import type { HeaderUser } from '../pages/Layout.tsx';
import { roundHref, RoundsLayout, RoundsNotice } from './RoundsLayout.tsx';

/** One round as the list shows it. */
export interface RoundListItem {
  readonly id: string;
  readonly title: string;
  /** Where its files are kept and whether it is served. */
  readonly status: 'filer' | 'kladde' | 'offentliggjort';
  readonly previous: string | null;
  readonly basedOn: string | null;
}

/** Props of {@link RoundsListPage}. */
export interface RoundsListPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly rounds: readonly RoundListItem[];
  readonly notice?: string;
  readonly error?: string;
  /** The id to suggest for a copy (next year). */
  readonly suggestedId: string;
  /** Rounds the service left out at start-up, and why. */
  readonly problems?: readonly { readonly round: string; readonly issues: readonly { readonly file: string; readonly pointer: string; readonly message: string }[] }[];
}

const STATUS: Record<RoundListItem['status'], { text: string; cls: string }> = {
  filer: { text: 'Fra filer', cls: 'badge-info' },
  kladde: { text: 'Kladde', cls: 'badge-warning' },
  offentliggjort: { text: 'Offentliggjort', cls: 'badge-success' },
};

/** The ministry's rounds: every round with its status, copying one into next year's, uploading one. */
export function RoundsListPage({ user, csrfToken, rounds, notice, error, suggestedId, problems = [] }: RoundsListPageProps) {
  return (
    <RoundsLayout title="Runder" user={user} csrfToken={csrfToken} script>
      <h1>Runder</h1>
      <p className="font-lead">Hvert års skemaer er en runde. Næste års runde laves som en kopi, rettes her og offentliggøres.</p>
      <RoundsNotice text={notice} />
      <RoundsNotice text={error} kind="error" />
      {problems.length > 0 && (
        <div className="alert alert-error mb-6" role="alert">
          <div className="alert-body">
            <p className="alert-heading">{problems.length === 1 ? 'En runde bruges ikke' : `${problems.length} runder bruges ikke`}</p>
            <p className="alert-text">Tjenesten kører med de øvrige runder. Ret fejlene i filerne, og genstart tjenesten.</p>
            {problems.map((p) => (
              <div key={p.round}>
                <p className="alert-text">
                  <strong>{`Runde ${p.round}`}</strong>
                </p>
                <ul className="alert-text">
                  {p.issues.map((i, n) => (
                    <li key={n}>
                      <span className="indberet-code">{`${i.file}${i.pointer ? `#${i.pointer}` : ''}`}</span>
                      {`: ${i.message}`}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </div>
      )}
      <div className="indberet-table-wrap">
        <table className="table table--compact">
          <caption className="sr-only">Alle runder</caption>
          <thead>
            <tr>
              <th scope="col">Runde</th>
              <th scope="col">Titel</th>
              <th scope="col">Status</th>
              <th scope="col">Forrige runde</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={roundHref(r.id)}>{r.id}</a>
                </td>
                <td>{r.title}</td>
                <td>
                  <span className={`badge ${STATUS[r.status].cls}`}>{STATUS[r.status].text}</span>
                </td>
                <td>{r.previous ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Kopiér en runde</h2>
      <p>Kopien får nyt id, årstal og datoer flyttet frem og kan rettes, indtil den offentliggøres. En rettelse af en offentliggjort runde er en ny version, fx 2025-2.</p>
      <form method="post" action="/admin/runder/kopier">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div className="form-group">
          <label className="form-label" htmlFor="kopi-fra">
            Kopiér fra
          </label>
          <select className="form-select" id="kopi-fra" name="fra" defaultValue={rounds.find((r) => r.status !== 'kladde')?.id ?? rounds[0]?.id}>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="kopi-til">
            Ny rundes id
          </label>
          <span className="form-hint" id="kopi-til-hint">
            Årstal, eventuelt med version: 2025 eller 2025-2.
          </span>
          <input className="form-input input-width-xs" id="kopi-til" name="til" type="text" defaultValue={suggestedId} aria-describedby="kopi-til-hint" required />
        </div>
        <button type="submit" className="button button-primary">
          Kopiér runden
        </button>
      </form>

      <h2>Upload en runde</h2>
      <p>
        Vælg en rundefil (JSON), som er hentet fra en runde her. Findes runden, erstattes kladdens filer; ellers oprettes den som kladde. Upload kræver
        JavaScript.
      </p>
      <form id="upload-runde" data-csrf={csrfToken}>
        <div className="form-group">
          <label className="form-label" htmlFor="upload-fil">
            Rundefil
          </label>
          <input className="form-file-input" id="upload-fil" name="fil" type="file" accept="application/json,.json" required />
        </div>
        <button type="submit" className="button button-secondary">
          Upload
        </button>
        <p id="upload-status" role="status" className="mt-4" />
      </form>
    </RoundsLayout>
  );
}
