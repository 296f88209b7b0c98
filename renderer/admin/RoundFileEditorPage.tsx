import type { HeaderUser } from '../pages/Layout.tsx';
import { LintList } from './LintList.tsx';
import { PreviewPane } from './PreviewPane.tsx';
import { EDITOR_IDS, type EditorIssue, type PreviewResult } from './preview-result.ts';
import { roundHref, RoundsLayout, RoundsNotice } from './RoundsLayout.tsx';

/** Props of {@link RoundFileEditorPage}. */
export interface RoundFileEditorPageProps {
  readonly user: HeaderUser;
  readonly csrfToken: string;
  readonly roundId: string;
  readonly file: string;
  readonly content: string;
  /** The stored round's version, sent back with a save. */
  readonly version: number | null;
  /** False for a published round or one read from files: shown, never saved. */
  readonly editable: boolean;
  readonly issues: readonly EditorIssue[];
  readonly preview: PreviewResult | undefined;
  /** The JSON route that lints the text as it is typed. */
  readonly lintUrl: string;
  readonly notice?: string;
  readonly error?: string;
}

/**
 * One file of a round in a JSON editor that lints as you type (the page's script posts the text to
 * the lint route and shows the issues), beside a live preview rendered on the server by the
 * renderer's own form component. Saving is a plain form post, so it works without the script.
 */
export function RoundFileEditorPage(p: RoundFileEditorPageProps) {
  return (
    <RoundsLayout title={`${p.file} – runde ${p.roundId}`} user={p.user} csrfToken={p.csrfToken} roundId={p.roundId} script>
      <h1>{p.file}</h1>
      <RoundsNotice text={p.notice} />
      <RoundsNotice text={p.error} kind="error" />
      {!p.editable && <RoundsNotice kind="info" text="Runden kan ikke rettes her: den er offentliggjort eller læses fra filer. Filen vises kun." />}
      <div className="indberet-editor-columns">
        <div>
          <form
            id={EDITOR_IDS.form}
            method="post"
            action={roundHref(p.roundId, 'filer', p.file)}
            data-lint-url={p.lintUrl}
            data-file={p.file}
            data-csrf={p.csrfToken}
          >
            <input type="hidden" name="_csrf" value={p.csrfToken} />
            <input type="hidden" name="version" value={String(p.version ?? 0)} />
            <div className="form-group">
              <label className="form-label" htmlFor={EDITOR_IDS.textarea}>
                {`Indhold af ${p.file}`}
              </label>
              <span className="form-hint" id="rundefil-hint">
                {p.editable ? 'Filen kontrolleres, mens du skriver. Gem for at beholde ændringerne.' : 'Kun visning.'}
              </span>
              <textarea
                className="form-input indberet-editor"
                id={EDITOR_IDS.textarea}
                name="indhold"
                spellCheck={false}
                readOnly={!p.editable}
                aria-describedby="rundefil-hint"
                defaultValue={p.content}
              />
            </div>
            {p.editable && (
              <button type="submit" className="button button-primary">
                Gem filen
              </button>
            )}
            <p id={EDITOR_IDS.status} role="status" className="mt-4" />
          </form>
        </div>
        <div>
          <LintList issues={p.issues} />
          <PreviewPane preview={p.preview} />
        </div>
      </div>
    </RoundsLayout>
  );
}
