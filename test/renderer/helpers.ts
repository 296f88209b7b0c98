import type { CompiledForm, Round } from '../../engine/index.ts';
import { formStepData, renderFormApp, stepsOf } from '../../renderer/index.ts';
import { testRegistry } from '../helpers/index.ts';

/** The 2024 round and its forms, loaded once. */
export async function round2024(): Promise<{ round: Round; maaltal: CompiledForm; kontaktliste: CompiledForm }> {
  const registry = await testRegistry();
  const round = registry.round('2024')!;
  return { round, maaltal: round.forms.get('maaltal')!, kontaktliste: round.forms.get('kontaktliste')! };
}

/** Levels of one unit: women and men at level 1 and level 2. */
export function unit(navn: string, [k1, m1, k2, m2]: [number, number, number, number], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { navn, niveau1: { kvinder: k1, maend: m1 }, niveau2: { kvinder: k2, maend: m2 }, tidligereMaal: { status: 'intet' }, ...extra };
}

/**
 * Renders every step of a form, empty and with each of the given answers, through the page data a
 * step route builds, outside any round's routes (for forms written for other tools).
 * @param form the compiled form
 * @param round the round whose words the page uses
 * @param answersList answers to render each step with (besides none)
 * @returns each step's HTML, in order, once per answers
 */
export function renderEveryStep(form: CompiledForm, round: Round, answersList: readonly unknown[]): string[] {
  const pages: string[] = [];
  for (let step = 0; step < stepsOf(form).length; step++) {
    for (const answers of [{}, ...answersList]) {
      const page = formStepData({
        form,
        round,
        lang: 'da',
        answers,
        version: null,
        savedAt: null,
        step,
        issues: [],
        stepHref: (i) => `/trin/${i + 1}`,
        reviewHref: '/gennemse',
        draftUrl: '/api/x',
        csrfToken: 't',
      });
      pages.push(renderFormApp(page, form));
    }
  }
  return pages;
}
