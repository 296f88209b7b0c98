import type { Round } from '../../engine/index.ts';
import { formStepData, stepsOf } from '../form-step.ts';
import { renderFormApp } from '../render-html.tsx';
import type { PreviewResult } from './preview-result.ts';

const decode = (s: string): string =>
  s.replace(/<[^>]+>/g, '').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * rjsf does not throw on a ui that does not fit the schema: it renders its own (English) message in
 * place of the fields. The preview reports it in Danish instead of showing a half-rendered form.
 * @param html the rendered step
 * @returns the Danish reason, or undefined when the step rendered whole
 */
function configError(html: string): string | undefined {
  const m = /<p class="rjsf-config-error"[^>]*>([\s\S]*?)<\/p>/.exec(html);
  if (!m) return undefined;
  const text = decode(m[1]!);
  const field = /Invalid "([^"]*)"/.exec(text)?.[1] ?? 'root';
  const missing = /does not contain propert(?:y|ies) (.+?)\.?_?$/.exec(text.trim())?.[1];
  return missing
    ? `ui-filens "ui:order" for «${field}» nævner ikke ${missing}; tilføj felterne (eller "*")`
    : `ui-filen passer ikke til skemaet ved «${field}»: ${text.replace(/^Invalid "[^"]*" object field configuration: /, '')}`;
}

/**
 * Renders one step of a form the way the municipality's page renders it (the renderer's own form
 * component and theme, on the server), with empty answers, for the editor's preview. Run per lint
 * request, on a round compiled for that edit: an admin action, never a served form.
 * @param round the round as edited (compiled)
 * @param formName the form to show
 * @param step 0-based step (clamped to the form's steps)
 * @returns the markup, or why it could not be rendered
 */
export function renderPreview(round: Round, formName: string, step: number): PreviewResult {
  const form = round.forms.get(formName);
  if (!form) return { formName, steps: [], step: 0, error: `formularen "${formName}" findes ikke i runden` };
  let steps: string[] = [];
  try {
    steps = stepsOf(form).map((s) => s.title);
    const at = Math.min(Math.max(0, Math.trunc(step) || 0), Math.max(0, steps.length - 1));
    const data = formStepData({
      form,
      round,
      lang: 'da',
      answers: {},
      version: null,
      savedAt: null,
      step: at,
      issues: [],
      stepHref: () => '#',
      reviewHref: '#',
      draftUrl: '#',
      csrfToken: '',
    });
    const html = renderFormApp(data, form);
    const problem = configError(html);
    return problem ? { formName, steps, step: at, error: problem } : { formName, steps, step: at, html };
  } catch (e) {
    // rjsf refuses, e.g., a ui:order that does not name every field: the admin must see why.
    return { formName, steps, step: 0, error: (e as Error).message };
  }
}
