import type { ReactNode } from 'react';
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
const SETTING_KIND = { added: 'Tilføjet', removed: 'Fjernet', changed: 'Ændret' } as const;
const SPEC_KIND: Record<string, string> = { tilføjet: 'Tilføjet', fjernet: 'Fjernet', ændret: 'Ændret' };

/** One change's row: where, what kind, breaking or not, and the description. */
function ChangeRow({ pointer, kind, kindText, breaking, message }: { pointer: string; kind: string; kindText: string; breaking: boolean; message: string }) {
  return (
    <tr data-kind={kind} data-breaking={breaking ? 'ja' : 'nej'}>
      <td className="indberet-code">{pointer || '/'}</td>
      <td>{kindText}</td>
      <td>
        <span className={`badge ${breaking ? 'badge-error' : 'badge-success'}`}>{breaking ? 'Bryder' : 'Tilføjer'}</span>
      </td>
      <td>{message}</td>
    </tr>
  );
}

/** A table of changes with the page's four columns. */
function ChangeTable({ caption, first, children }: { caption: string; first: string; children: ReactNode }) {
  return (
    <div className="indberet-table-wrap">
      <table className="table table--compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">Ændring</th>
            <th scope="col">Betydning</th>
            <th scope="col">Beskrivelse</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Props of {@link RoundDiffPage}. */
export interface RoundDiffPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly diff: RoundDiff;
}

/** What changed from the previous round: per form each field change, breaking or additive; round.json, the report spec, dates and tables. */
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
            <ChangeTable caption={`Ændringer i ${f.title}`} first="Felt">
              {f.changes.map((c, i) => (
                <ChangeRow key={i} pointer={c.path} kind={c.kind} kindText={KIND[c.kind] ?? c.kind} breaking={c.breaking} message={c.message} />
              ))}
            </ChangeTable>
          )}
        </section>
      ))}
      <section aria-labelledby="indstillinger" className="mb-8">
        <h2 id="indstillinger">{`Rundens indstillinger (round.json)${diff.settings.length === 0 ? ': uændret' : ''}`}</h2>
        {diff.settings.length > 0 && (
          <ChangeTable caption="Ændringer i round.json" first="Sted">
            {diff.settings.map((c, i) => (
              <ChangeRow key={i} pointer={c.pointer} kind={`indstilling-${c.kind}`} kindText={SETTING_KIND[c.kind]} breaking={c.breaking} message={c.message} />
            ))}
          </ChangeTable>
        )}
      </section>
      {diff.reportSpec && (
        <section aria-labelledby="rapportspecifikation" className="mb-8">
          <h2 id="rapportspecifikation">{`Rapportspecifikationen (reports.json)${diff.reportSpec.changes.length + diff.reportSpec.problems.length === 0 ? ': uændret' : ''}`}</h2>
          {diff.reportSpec.changes.length + diff.reportSpec.problems.length > 0 && (
            <ChangeTable caption="Ændringer i reports.json" first="Sted">
              {diff.reportSpec.changes.map((c, i) => (
                <ChangeRow key={`c${i}`} pointer={c.pointer} kind={`rapport-${c.change}`} kindText={SPEC_KIND[c.change] ?? c.change} breaking={false} message={c.message} />
              ))}
              {diff.reportSpec.problems.map((p, i) => (
                <ChangeRow key={`p${i}`} pointer={p.pointer} kind="rapport-fejl" kindText="Passer ikke" breaking message={p.message} />
              ))}
            </ChangeTable>
          )}
        </section>
      )}
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
