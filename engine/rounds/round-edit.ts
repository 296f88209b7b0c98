import type { FormatMode } from '../types.ts';

/** The kinds of answer a question added in the structured editor can take. */
export const QUESTION_KINDS = Object.freeze(['tekst', 'langtekst', 'heltal', 'tal', 'jaNej', 'valg', 'dato'] as const);
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A new question under an object of a form (its data path, `''` for the form's top, `*` for array items). */
export interface AddQuestionEdit {
  readonly kind: 'add-question';
  readonly form: string;
  readonly parent: string;
  readonly key: string;
  readonly title: string;
  readonly titleEn?: string;
  readonly description?: string;
  readonly type: QuestionKind;
  /** The choices of a `valg` question, in order. */
  readonly options?: readonly string[];
  readonly required: boolean;
  /** The sibling the question follows on the page; last when absent. */
  readonly after?: string;
}

/** A field given a new key, its answers carried over by `x-lineage`. */
export interface RenameFieldEdit {
  readonly kind: 'rename-field';
  readonly form: string;
  /** The field's data path, e.g. `/contact/name` or `/units/*\/name`. */
  readonly path: string;
  readonly key: string;
}

/** A named date of round.json (`datoer`) moved, e.g. a deadline. */
export interface SetDateEdit {
  readonly kind: 'set-date';
  readonly name: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

/** A form's `format` keywords made checks (`assert`) or descriptions only (`annotate`). */
export interface SetFormatsEdit {
  readonly kind: 'set-formats';
  readonly form: string;
  readonly formats: FormatMode;
}

/** A row appended to one of the round's tables (a new respondent, a new region). */
export interface AddTableRowEdit {
  readonly kind: 'add-table-row';
  readonly table: string;
  /** Column → value; every column of the table's header must be given. */
  readonly values: Readonly<Record<string, string>>;
}

/** A new file in the round (a report template, a mail text, a table). */
export interface AddFileEdit {
  readonly kind: 'add-file';
  readonly name: string;
  readonly content: string;
}

/** The common edits the ministry's round pages offer beside the file editor. */
export type RoundEdit = AddQuestionEdit | RenameFieldEdit | SetDateEdit | SetFormatsEdit | AddTableRowEdit | AddFileEdit;

/** An edit applied to a round's files: the files it changes (name → new text) and what it did, in Danish. */
export interface AppliedEdit {
  readonly ok: true;
  readonly files: Readonly<Record<string, string>>;
  readonly summary: readonly string[];
}

/** An edit that cannot be made as asked, with the reason in Danish. */
export interface RefusedEdit {
  readonly ok: false;
  readonly reason: string;
}
