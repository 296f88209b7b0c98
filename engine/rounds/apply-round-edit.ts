import { addQuestion } from './add-question.ts';
import { addRoundFile } from './add-round-file.ts';
import { addTableRow } from './add-table-row.ts';
import { renameField } from './rename-field.ts';
import type { AppliedEdit, RefusedEdit, RoundEdit } from './round-edit.ts';
import { setFormFormats } from './set-form-formats.ts';
import { setRoundDate } from './set-round-date.ts';

/**
 * Applies one of the structured editor's edits to a round's files, in memory: nothing is saved
 * and nothing is linted here, so the caller can show the result's lint issues before saving.
 * @param sources the round's files
 * @param edit the edit
 * @param previousPaths per form, the data paths it had in the previous round (for `x-lineage`)
 * @returns the files the edit changes, or why it cannot be made
 */
export function applyRoundEdit(
  sources: Readonly<Record<string, string>>,
  edit: RoundEdit,
  previousPaths?: (form: string) => ReadonlySet<string> | undefined,
): AppliedEdit | RefusedEdit {
  switch (edit.kind) {
    case 'add-question':
      return addQuestion(sources, edit);
    case 'rename-field':
      return renameField(sources, edit, previousPaths?.(edit.form));
    case 'set-date':
      return setRoundDate(sources, edit);
    case 'set-formats':
      return setFormFormats(sources, edit);
    case 'add-table-row':
      return addTableRow(sources, edit);
    case 'add-file':
      return addRoundFile(sources, edit);
  }
}
