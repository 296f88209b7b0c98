/**
 * The engine's browser-safe public API: compile a schema once, validate data the same way in the
 * browser and on the server. File loading lives in `./node.ts`.
 */
export { compileForm, deepFreeze, type CompileFormOptions, type FormatMode } from './compile-form.ts';
export { compileRule, truthy, RULE_OPERATORS, RuleSyntaxError, type RuleFn } from './json-logic.ts';
export { respondentUi, startingAnswers, type PageRespondentData } from './starting-answers.ts';
export {
  respondentKeyField,
  respondentsOf,
  type Respondent,
  type RespondentPopulation,
  type RespondentRound,
  type RespondentWords,
} from './respondents-of.ts';
export { AJV_OPTIONS } from './ajv-options.ts';
export { createAjv, dialectOf, type Dialect } from './create-ajv.ts';
export { SchemaError } from './schema-error.ts';
export { X_VOCABULARY } from './vocabulary.ts';
export { atPointer, refPointer } from './local-ref.ts';
export { expandOptions } from './expand-options.ts';
export { parseCsv } from './parse-csv.ts';
export { keywordMessage } from './messages.ts';
export { createRegistry, type Registry } from './registry.ts';
export { listFields, type Field } from './list-fields.ts';
export { diffForms, type FormChange } from './diff-forms.ts';
export { diffRoundSettings, type SettingChange } from './diff-round-settings.ts';
export { shiftRoundTexts } from './shift-round-texts.ts';
export { lintUi, type UiIssue } from './lint-ui.ts';
export { carryOver } from './carry-over.ts';
export { dryRun, type DryRunReport, type EarlierAnswer } from './dry-run.ts';
export type { FormInfo, Round } from './compile-round.ts';
export { formatLintIssue, type FormFiles, type LintIssue, type RoundFiles } from './round-files.ts';
export type {
  CompiledForm,
  Issue,
  Json,
  JsonSchema,
  Lang,
  LocalText,
  RuleContext,
  ValidateOptions,
  ValidationResult,
} from './types.ts';
