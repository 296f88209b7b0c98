import type { ReactNode } from 'react';
import type { HeaderUser } from '../pages/Layout.tsx';
import { roundHref, RoundsLayout, RoundsNotice } from './RoundsLayout.tsx';
import type { EditorIssue } from './preview-result.ts';

/** A group or field offered in a select, its value `form|path`. */
export interface EditTargetOption {
  readonly form: string;
  readonly path: string;
  readonly label: string;
}

/** The result of checking an edit before it is saved. */
export interface EditCheck {
  /** What the edit does, in Danish. */
  readonly summary: readonly string[];
  readonly files: readonly string[];
  /** Lint issues the edit would bring. */
  readonly added: readonly EditorIssue[];
  /** Issues the round has already, which the edit does not fix. */
  readonly remaining: number;
  /** The posted fields, sent again with the save. */
  readonly fields: Readonly<Record<string, string>>;
}

/** Props of {@link RoundEditPage}. */
export interface RoundEditPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly version: number;
  readonly groups: readonly EditTargetOption[];
  readonly fields: readonly EditTargetOption[];
  readonly dates: readonly { readonly name: string; readonly value: string }[];
  readonly forms: readonly { readonly name: string; readonly title: string; readonly formats: 'assert' | 'annotate' }[];
  readonly tables: readonly { readonly name: string; readonly file: string; readonly columns: readonly string[] }[];
  readonly kinds: readonly { readonly value: string; readonly label: string }[];
  readonly check?: EditCheck;
  /** The last post's fields, so a refused edit is not typed again. */
  readonly values?: Readonly<Record<string, string>>;
  readonly notice?: string;
  readonly error?: string;
}

const EDIT_ACTION = (roundId: string): string => roundHref(roundId, 'rediger');

function Field(p: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <span className="form-hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      )}
      {p.children}
    </div>
  );
}

/** The hidden fields every edit form carries, and its one button. */
function EditForm(p: { roundId: string; csrfToken: string; version: number; kind: string; title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${p.id}-titel`} className="mb-8">
      <h2 id={`${p.id}-titel`}>{p.title}</h2>
      <form method="post" action={EDIT_ACTION(p.roundId)}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <input type="hidden" name="version" value={String(p.version)} />
        <input type="hidden" name="slags" value={p.kind} />
        <input type="hidden" name="handling" value="kontroller" />
        {p.children}
        <button type="submit" className="button button-secondary">
          Kontrollér ændringen
        </button>
      </form>
    </section>
  );
}

/**
 * The structured editor of a draft round: the common edits (add a question, rename a field with its
 * history, move a date, add a table row, add a file) as plain forms. Each is first checked: the
 * page shows what it changes and the lint issues it would bring, and only then offers to save it,
 * with the version the check was made on.
 */
export function RoundEditPage(p: RoundEditPageProps) {
  const v = (kind: string, name: string, fallback = ''): string => (p.values?.slags === kind ? (p.values[name] ?? fallback) : fallback);
  const target = (o: EditTargetOption): string => `${o.form}|${o.path}`;
  const common = { roundId: p.roundId, csrfToken: p.csrfToken, version: p.version };
  return (
    <RoundsLayout title={`Redigér runde ${p.roundId}`} user={p.user} csrfToken={p.csrfToken} roundId={p.roundId}>
      <h1>{`Redigér runde ${p.roundId}`}</h1>
      <p className="font-lead">
        De almindelige ændringer laves her. Alt andet rettes i filerne på <a href={roundHref(p.roundId)}>rundens side</a>.
      </p>
      <RoundsNotice text={p.notice} />
      <RoundsNotice text={p.error} kind="error" />

      {p.check && (
        <section aria-labelledby="kontrol-titel" className="mb-8">
          <h2 id="kontrol-titel">Kontrol af ændringen</h2>
          <ul>
            {p.check.summary.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
          <p>{`Filer, der ændres: ${p.check.files.join(', ')}.`}</p>
          {p.check.added.length === 0 ? (
            <p>Ændringen giver ingen nye fejl i runden.</p>
          ) : (
            <>
              <p>{`Ændringen giver ${p.check.added.length === 1 ? '1 ny fejl' : `${p.check.added.length} nye fejl`}. Runden kan gemmes, men ikke offentliggøres, før de er rettet:`}</p>
              <ul className="indberet-lint">
                {p.check.added.map((i, n) => (
                  <li key={n}>
                    <span className="indberet-code">{`${i.file}${i.pointer ? `#${i.pointer}` : ''}`}</span>
                    {`: ${i.message}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {p.check.remaining > 0 && <p>{`Runden havde i forvejen ${p.check.remaining} fejl, som ændringen ikke retter.`}</p>}
          <form method="post" action={EDIT_ACTION(p.roundId)}>
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <input type="hidden" name="version" value={String(p.version)} />
            {Object.entries(p.check.fields).map(([k, val]) => (
              <input key={k} type="hidden" name={k} value={val} />
            ))}
            <input type="hidden" name="handling" value="gem" />
            <button type="submit" className="button button-primary">
              {p.check.added.length === 0 ? 'Gem ændringen' : 'Gem ændringen alligevel'}
            </button>{' '}
            <a href={EDIT_ACTION(p.roundId)} className="button button-tertiary">
              Fortryd
            </a>
          </form>
        </section>
      )}

      <EditForm {...common} kind="sporgsmaal" id="sporgsmaal" title="Tilføj et spørgsmål">
        <Field id="sp-gruppe" label="Gruppe" hint="Hvor i formularen spørgsmålet skal stå.">
          <select className="form-select" id="sp-gruppe" name="gruppe" defaultValue={v('sporgsmaal', 'gruppe')} aria-describedby="sp-gruppe-hint">
            {p.groups.map((g) => (
              <option key={target(g)} value={target(g)}>
                {g.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="sp-titel" label="Spørgsmålets tekst (dansk)">
          <input className="form-input" id="sp-titel" name="titel" type="text" maxLength={300} defaultValue={v('sporgsmaal', 'titel')} />
        </Field>
        <Field id="sp-titel-en" label="Spørgsmålets tekst (engelsk, valgfri)">
          <input className="form-input" id="sp-titel-en" name="titelEn" type="text" maxLength={300} defaultValue={v('sporgsmaal', 'titelEn')} />
        </Field>
        <Field id="sp-beskrivelse" label="Hjælpetekst (valgfri)">
          <input className="form-input" id="sp-beskrivelse" name="beskrivelse" type="text" maxLength={1000} defaultValue={v('sporgsmaal', 'beskrivelse')} />
        </Field>
        <Field id="sp-noegle" label="Feltets nøgle" hint="Det navn, svaret gemmes under, fx stilling. Bogstaver a-z, tal og _.">
          <input className="form-input" id="sp-noegle" name="noegle" type="text" maxLength={64} defaultValue={v('sporgsmaal', 'noegle')} aria-describedby="sp-noegle-hint" />
        </Field>
        <Field id="sp-type" label="Svartype">
          <select className="form-select" id="sp-type" name="type" defaultValue={v('sporgsmaal', 'type', 'tekst')}>
            {p.kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="sp-muligheder" label="Svarmuligheder (kun ved valg)" hint="Én pr. linje.">
          <textarea className="form-input" id="sp-muligheder" name="muligheder" rows={4} defaultValue={v('sporgsmaal', 'muligheder')} aria-describedby="sp-muligheder-hint" />
        </Field>
        <Field id="sp-efter" label="Placér efter feltet (nøgle, valgfri)" hint="Tom: sidst i gruppen.">
          <input className="form-input" id="sp-efter" name="efter" type="text" maxLength={64} defaultValue={v('sporgsmaal', 'efter')} aria-describedby="sp-efter-hint" />
        </Field>
        <div className="form-group">
          <input
            className="form-checkbox"
            type="checkbox"
            id="sp-obligatorisk"
            name="obligatorisk"
            value="ja"
            defaultChecked={v('sporgsmaal', 'obligatorisk') === 'ja'}
          />
          <label htmlFor="sp-obligatorisk">Spørgsmålet skal besvares</label>
        </div>
      </EditForm>

      <EditForm {...common} kind="omdoeb" id="omdoeb" title="Omdøb et felt">
        <p>Sidste rundes svar følger med til det nye navn (x-lineage), og regler, visning og rapportens stier opdateres.</p>
        <Field id="om-felt" label="Felt">
          <select className="form-select" id="om-felt" name="felt" defaultValue={v('omdoeb', 'felt')}>
            {p.fields.map((f) => (
              <option key={target(f)} value={target(f)}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="om-noegle" label="Ny nøgle">
          <input className="form-input" id="om-noegle" name="noegle" type="text" maxLength={64} defaultValue={v('omdoeb', 'noegle')} />
        </Field>
      </EditForm>

      {p.dates.length > 0 && (
        <EditForm {...common} kind="dato" id="dato" title="Flyt en dato eller frist">
          <Field id="da-navn" label="Dato">
            <select className="form-select" id="da-navn" name="navn" defaultValue={v('dato', 'navn')}>
              {p.dates.map((d) => (
                <option key={d.name} value={d.name}>
                  {`${d.name} (nu ${d.value})`}
                </option>
              ))}
            </select>
          </Field>
          <Field id="da-dato" label="Ny dato" hint="ÅÅÅÅ-MM-DD">
            <input className="form-input" id="da-dato" name="dato" type="date" defaultValue={v('dato', 'dato')} aria-describedby="da-dato-hint" />
          </Field>
        </EditForm>
      )}

      {p.forms.length > 0 && (
        <EditForm {...common} kind="formater" id="formater" title="Kontrol af formater">
          <p>
            Felter med et format (e-mail, dato, webadresse) afvises, når svaret ikke har formatet. Vælg «beskriver kun», hvis formularen er skrevet til JSON Schema 2020-12, hvor format som standard kun beskriver værdien.
          </p>
          <Field id="fo-formular" label="Formular">
            <select className="form-select" id="fo-formular" name="formular" defaultValue={v('formater', 'formular')}>
              {p.forms.map((f) => (
                <option key={f.name} value={f.name}>
                  {`${f.title} (nu ${f.formats === 'annotate' ? 'beskriver kun' : 'kontrolleres'})`}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend className="form-label">Format</legend>
            <div className="form-group-radio">
              <input className="form-radio" type="radio" id="fo-assert" name="formater" value="assert" defaultChecked={v('formater', 'formater', 'assert') === 'assert'} />
              <label htmlFor="fo-assert">Kontrolleres (assert)</label>
            </div>
            <div className="form-group-radio">
              <input className="form-radio" type="radio" id="fo-annotate" name="formater" value="annotate" defaultChecked={v('formater', 'formater') === 'annotate'} />
              <label htmlFor="fo-annotate">Beskriver kun værdien (annotate)</label>
            </div>
          </fieldset>
        </EditForm>
      )}

      {p.tables.map((t) => (
        <EditForm key={t.name} {...common} kind="raekke" id={`raekke-${t.name}`} title={`Tilføj en række til tabellen ${t.name}`}>
          <input type="hidden" name="tabel" value={t.name} />
          <p>{`Tabellen ligger i ${t.file}. Alle kolonner skal udfyldes.`}</p>
          {t.columns.map((c) => (
            <Field key={c} id={`ra-${t.name}-${c}`} label={c}>
              <input
                className="form-input"
                id={`ra-${t.name}-${c}`}
                name={`kol_${c}`}
                type="text"
                maxLength={500}
                defaultValue={p.values?.tabel === t.name ? v('raekke', `kol_${c}`) : ''}
              />
            </Field>
          ))}
        </EditForm>
      ))}

      <EditForm {...common} kind="fil" id="fil" title="Tilføj en fil">
        <p>Fx en ny skabelon til rapporten (templates/navn.hbs), som rapportspecifikationen derefter kan bruge, eller en ny mailtekst (mails/navn.hbs).</p>
        <Field id="fi-navn" label="Filnavn" hint="Fx templates/bilag.hbs">
          <input className="form-input" id="fi-navn" name="navn" type="text" maxLength={120} defaultValue={v('fil', 'navn')} aria-describedby="fi-navn-hint" />
        </Field>
        <Field id="fi-indhold" label="Indhold">
          <textarea className="form-input indberet-editor" id="fi-indhold" name="indhold" rows={10} spellCheck={false} defaultValue={v('fil', 'indhold')} />
        </Field>
      </EditForm>
    </RoundsLayout>
  );
}
