import type { Round } from '../../engine/index.ts';
import { formStepData, stepsOf } from '../form-step.ts';
import { renderFormApp } from '../render-html.tsx';
import type { PreviewResult } from './preview-result.ts';

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
    return { formName, steps, step: at, html: renderFormApp(data, form) };
  } catch (e) {
    // rjsf refuses, e.g., a ui:order that does not name every field: the admin must see why.
    return { formName, steps, step: 0, error: (e as Error).message };
  }
}
