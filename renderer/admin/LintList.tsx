import { EDITOR_IDS, type EditorIssue } from './preview-result.ts';

/** The count line above the lint list, shared with the script that updates it. */
export function lintSummary(count: number): string {
  return count === 0 ? 'Ingen fejl i runden.' : count === 1 ? '1 fejl i runden:' : `${count} fejl i runden:`;
}

/** The lint problems of the whole round as edited, each named by file and JSON Pointer. */
export function LintList({ issues }: { issues: readonly EditorIssue[] }) {
  return (
    <section aria-labelledby="fejl-titel" className="mb-6">
      <h2 id="fejl-titel" className="h4">
        Kontrol
      </h2>
      <p id={EDITOR_IDS.issuesCount} role="status">
        {lintSummary(issues.length)}
      </p>
      <ul id={EDITOR_IDS.issues} className="indberet-lint">
        {issues.map((i, n) => (
          <li key={n}>
            <span className="indberet-code">{`${i.file}${i.pointer ? `#${i.pointer}` : ''}`}</span>
            {`: ${i.message}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
