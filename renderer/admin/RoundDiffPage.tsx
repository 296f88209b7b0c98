import type { RoundDiff } from '../../engine/rounds/index.ts';
import type { HeaderUser } from '../pages/Layout.tsx';
import { RoundsLayout, RoundsNotice } from './RoundsLayout.tsx';

const KIND: Record<string, string> = {
  added: 'Tilføjet',
  removed: 'Fjernet',
  renamed: 'Omdøbt',
  type: 'Type',
  constraint: 'Begrænsning',
  required: 'Obligatorisk',
  choices: 'Svarmuligheder',
};
const FORM_STATUS = { changed: 'ændret', unchanged: 'uændret', added: 'ny formular', removed: 'formularen er fjernet' } as const;

/** Props of {@link RoundDiffPage}. */
export interface RoundDiffPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly diff: RoundDiff;
}

/** What changed from the previous round: per form each field change, breaking or additive; dates and tables. */
export function RoundDiffPage({ user, csrfToken, diff }: RoundDiffPageProps) {
  return (
    <RoundsLayout title={`Ændringer ${diff.from}–${diff.to}`} user={user} csrfToken={csrfToken} roundId={diff.to}>
      <h1>{`Ændringer fra ${diff.from} til ${diff.to}`}</h1>
      {diff.breaking > 0 ? (
        <RoundsNotice
          kind="warning"
          text={`${diff.breaking} ${diff.breaking === 1 ? 'ændring bryder' : 'ændringer bryder'} med sidste års svar: de kan blive ugyldige eller gå tabt. Se prøvekørslen.`}
        />
      ) : (
        <RoundsNotice kind="info" text="Ingen ændringer bryder med sidste års svar." />
      )}
      {diff.forms.map((f) => (
        <section key={f.name} aria-labelledby={`form-${f.name}`} className="mb-8">
          <h2 id={`form-${f.name}`}>{`${f.title} (${FORM_STATUS[f.status]})`}</h2>
          {f.changes.length > 0 && (
            <div className="indberet-table-wrap">
              <table className="table table--compact">
                <caption className="sr-only">{`Ændringer i ${f.title}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Felt</th>
                    <th scope="col">Ændring</th>
                    <th scope="col">Betydning</th>
                    <th scope="col">Beskrivelse</th>
                  </tr>
                </thead>
                <tbody>
                  {f.changes.map((c, i) => (
                    <tr key={i} data-kind={c.kind} data-breaking={c.breaking ? 'ja' : 'nej'}>
                      <td className="indberet-code">{c.path}</td>
                      <td>{KIND[c.kind] ?? c.kind}</td>
                      <td>
                        <span className={`badge ${c.breaking ? 'badge-error' : 'badge-success'}`}>{c.breaking ? 'Bryder' : 'Tilføjer'}</span>
                      </td>
                      <td>{c.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {diff.dates.length > 0 && (
        <section aria-labelledby="datoer" className="mb-8">
          <h2 id="datoer">Datoer</h2>
          <ul>
            {diff.dates.map((d) => (
              <li key={d.name}>{`${d.name}: ${d.from ?? 'ingen'} → ${d.to ?? 'ingen'}`}</li>
            ))}
          </ul>
        </section>
      )}
      {diff.tables.length > 0 && (
        <section aria-labelledby="tabeller">
          <h2 id="tabeller">Tabeller</h2>
          <ul>
            {diff.tables.map((t) => (
              <li key={t.name}>{`${t.name}: ${t.added} rækker tilføjet, ${t.removed} fjernet, ${t.changed} ændret`}</li>
            ))}
          </ul>
        </section>
      )}
    </RoundsLayout>
  );
}
