/**
 * The round pages' script: lints the edited file as it is typed (posting the text to the lint
 * route, never saving it) and replaces the issue list and the live preview with the answer; and
 * uploads a round file chosen on the rounds page. No inline code, so the strict CSP holds.
 */
import { EDITOR_IDS } from '../preview-result.ts';

interface LintAnswer {
  readonly issues: readonly { file: string; pointer: string; message: string }[];
  readonly preview: { html?: string; error?: string; steps: string[]; step: number } | null;
}

const QUIET_MS = 400;

function summary(count: number): string {
  return count === 0 ? 'Ingen fejl i runden.' : count === 1 ? '1 fejl i runden:' : `${count} fejl i runden:`;
}

function showIssues(answer: LintAnswer): void {
  const list = document.getElementById(EDITOR_IDS.issues);
  const count = document.getElementById(EDITOR_IDS.issuesCount);
  if (!list || !count) return;
  count.textContent = summary(answer.issues.length);
  list.replaceChildren(
    ...answer.issues.map((i) => {
      const li = document.createElement('li');
      const where = document.createElement('span');
      where.className = 'indberet-code';
      where.textContent = `${i.file}${i.pointer ? `#${i.pointer}` : ''}`;
      li.append(where, `: ${i.message}`);
      return li;
    }),
  );
}

function showPreview(answer: LintAnswer): void {
  const pane = document.getElementById(EDITOR_IDS.preview);
  if (!pane || !answer.preview) return;
  if (answer.preview.html !== undefined) {
    // Markup rendered on the server by React from the schema (every text escaped there).
    const box = document.createElement('div');
    box.className = 'indberet-preview-form';
    box.innerHTML = answer.preview.html;
    pane.replaceChildren(box);
  } else {
    const p = document.createElement('p');
    p.className = 'indberet-preview-error';
    p.textContent = `Formularen kan ikke vises: ${answer.preview.error ?? ''}`;
    pane.replaceChildren(p);
  }
}

function startEditor(form: HTMLFormElement): void {
  const textarea = document.getElementById(EDITOR_IDS.textarea) as HTMLTextAreaElement | null;
  const status = document.getElementById(EDITOR_IDS.status);
  if (!textarea) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent = 0;
  const lint = async (): Promise<void> => {
    const ticket = ++sent;
    const step = Number((document.getElementById(EDITOR_IDS.step) as HTMLSelectElement | null)?.value ?? 0);
    try {
      const res = await fetch(form.dataset.lintUrl ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': form.dataset.csrf ?? '' },
        body: JSON.stringify({ file: form.dataset.file, content: textarea.value, step }),
        credentials: 'same-origin',
      });
      if (ticket !== sent) return; // a newer edit is already on its way
      if (!res.ok) throw new Error(String(res.status));
      const answer = (await res.json()) as LintAnswer;
      showIssues(answer);
      showPreview(answer);
      form.dataset.linted = String(ticket);
    } catch {
      if (status) status.textContent = 'Kontrollen kunne ikke køre. Filen kan stadig gemmes.';
    }
  };
  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void lint(), QUIET_MS);
  });
  document.getElementById(EDITOR_IDS.step)?.addEventListener('change', () => void lint());
  // Tab indents instead of leaving the field; Escape then Tab leaves it (keyboard users are not trapped).
  let escaped = false;
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') escaped = true;
    else if (e.key === 'Tab' && !e.shiftKey && !escaped && !textarea.readOnly) {
      e.preventDefault();
      textarea.setRangeText('  ', textarea.selectionStart, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input'));
    } else escaped = false;
  });
}

function startUpload(form: HTMLFormElement): void {
  const status = document.getElementById('upload-status');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const file = (form.elements.namedItem('fil') as HTMLInputElement | null)?.files?.[0];
    if (!file || !status) return;
    void (async () => {
      try {
        const bundle = JSON.parse(await file.text()) as { id?: unknown; version?: unknown };
        const id = typeof bundle.id === 'string' ? bundle.id : '';
        const res = await fetch(`/api/admin/rounds/${encodeURIComponent(id)}/bundle`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': form.dataset.csrf ?? '', 'if-match': `"${String(bundle.version ?? 0)}"` },
          body: JSON.stringify(bundle),
          credentials: 'same-origin',
        });
        const answer = (await res.json()) as { message?: string };
        if (res.ok) window.location.assign(`/admin/runder/${encodeURIComponent(id)}?uploadet=1`);
        else status.textContent = answer.message ?? 'Upload mislykkedes.';
      } catch {
        status.textContent = 'Filen kan ikke læses som en rundefil (JSON).';
      }
    })();
  });
}

const editor = document.getElementById(EDITOR_IDS.form);
if (editor instanceof HTMLFormElement) startEditor(editor);
const upload = document.getElementById('upload-runde');
if (upload instanceof HTMLFormElement) startUpload(upload);
