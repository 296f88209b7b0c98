import type { CompiledForm, Issue, JsonSchema, Lang, Round } from '../engine/index.ts';
import { buildUiSchema } from './build-ui-schema.ts';
import { constTitles } from './const-titles.ts';
import type { FormPageData } from './form-page-data.ts';
import { formSections, type Section } from './form-sections.ts';
import { dropForeignRefs } from './drop-foreign-refs.ts';
import { formTexts } from './form-texts.ts';
import { localizeSchema } from './localize-schema.ts';
import { isHeldBack } from './undecided-keys.ts';

/** Input for {@link formStepData}. */
export interface FormStepInput {
  readonly form: CompiledForm;
  readonly round: Round;
  readonly lang: Lang;
  readonly answers: unknown;
  readonly version: number | null;
  readonly savedAt: string | null;
  /** 0-based step. */
  readonly step: number;
  /** Issues to show at load (all of them; those of other steps are dropped here). */
  readonly issues: readonly Issue[];
  readonly stepHref: (step: number) => string;
  readonly reviewHref: string;
  readonly draftUrl: string;
  readonly csrfToken: string;
  /** Where the browser loads the round's validators from (a page that is never hydrated, such as a preview, needs none). */
  readonly validatorsUrl?: string;
  /** Page-specific ui settings, e.g. no adding departments for a municipality with one management. */
  readonly uiOverrides?: JsonSchema;
}

/**
 * The steps of a form.
 * @param form a compiled form
 * @param lang the language of the step titles
 * @returns its steps
 */
export function stepsOf(form: CompiledForm, lang: Lang = 'da'): Section[] {
  // Only read here, so the Danish schema needs no copy.
  const schema = lang === 'da' ? (form.schema as JsonSchema) : localizeSchema(form.schema as JsonSchema, lang);
  return formSections(schema, form.ui as JsonSchema);
}

/**
 * Which step an issue belongs to, by its first path segment (a step without fields holds them all).
 * @param steps the form's steps
 * @param issue an issue
 * @returns the step index, or -1 for issues outside every step
 */
export function stepOfIssue(steps: readonly Section[], issue: Issue): number {
  const first = issue.path.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '';
  return steps.findIndex((s) => s.fields.length === 0 || s.fields.includes(first));
}

/**
 * Everything one step's page needs, as serializable data shared by the server render and the
 * browser's hydration.
 * @param input form, answers, step and links
 * @returns the page data
 */
export function formStepData(input: FormStepInput): FormPageData {
  const steps = stepsOf(input.form, input.lang);
  const step = steps[input.step];
  if (!step) throw new RangeError(`no step ${input.step}`);
  const schema = dropForeignRefs(localizeSchema(input.form.schema as JsonSchema, input.lang));
  const last = input.step === steps.length - 1;
  const prepared = input.form.prepare(input.answers ?? {});
  return {
    roundId: input.round.id,
    formName: input.form.name,
    ...(input.validatorsUrl ? { validatorsUrl: input.validatorsUrl } : {}),
    context: { $round: input.round.settings, $tables: input.round.tables },
    draftUrl: input.draftUrl,
    csrfToken: input.csrfToken,
    app: {
      lang: input.lang,
      timeZone: String(input.round.settings.tidszone ?? 'Europe/Copenhagen'),
      schema,
      uiSchema: buildUiSchema(schema, input.form.ui as JsonSchema, { fields: step.fields, ...(input.uiOverrides ? { overrides: input.uiOverrides } : {}) }),
      formData: input.answers ?? {},
      version: input.version,
      sectionFields: step.fields,
      constTitles: constTitles(schema),
      issues: input.issues.filter((i) => stepOfIssue(steps, i) === input.step && !isHeldBack(schema, prepared, i.path)),
      savedAt: input.savedAt,
      nextHref: last ? input.reviewHref : input.stepHref(input.step + 1),
      nextLabel: last ? formTexts(input.lang).toReview : formTexts(input.lang).next,
      prevHref: input.step > 0 ? input.stepHref(input.step - 1) : null,
    },
  };
}
