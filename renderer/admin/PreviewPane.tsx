import { EDITOR_IDS, type PreviewResult } from './preview-result.ts';

/** The preview's inner content: the rendered form step, or why there is none. */
export function PreviewBody({ preview }: { preview: PreviewResult | undefined }) {
  if (!preview) return <p>Denne fil hører ikke til en formular; der er ingen forhåndsvisning.</p>;
  if (preview.error) return <p className="indberet-preview-error">{`Formularen kan ikke vises: ${preview.error}`}</p>;
  return <div className="indberet-preview-form" dangerouslySetInnerHTML={{ __html: preview.html ?? '' }} />;
}

/** The live preview beside the editor: a step chooser and the form as municipalities will see it. */
export function PreviewPane({ preview }: { preview: PreviewResult | undefined }) {
  return (
    <section aria-labelledby="forhaandsvisning-titel">
      <h2 id="forhaandsvisning-titel">Forhåndsvisning</h2>
      {preview && preview.steps.length > 1 && (
        <div className="form-group">
          <label className="form-label" htmlFor={EDITOR_IDS.step}>
            Vis trin
          </label>
          <select className="form-select" id={EDITOR_IDS.step} name="trin" defaultValue={String(preview.step)}>
            {preview.steps.map((s, i) => (
              <option key={i} value={String(i)}>{`${i + 1}. ${s}`}</option>
            ))}
          </select>
        </div>
      )}
      <div id={EDITOR_IDS.preview} className="indberet-preview" aria-live="polite">
        <PreviewBody preview={preview} />
      </div>
    </section>
  );
}
