import { isFileName } from './round-file-name.ts';
import { refuse } from './edit-helpers.ts';
import type { AddFileEdit, AppliedEdit, RefusedEdit } from './round-edit.ts';

/**
 * Adds a new file to a round, e.g. a report template under `templates/` that a document of the
 * report spec can then name. An existing file is edited in the file editor, not replaced here.
 * @param sources the round's files
 * @param edit the name and text
 * @returns the new file, or why not
 */
export function addRoundFile(sources: Readonly<Record<string, string>>, edit: AddFileEdit): AppliedEdit | RefusedEdit {
  const name = edit.name.trim();
  if (!isFileName(name)) {
    return refuse(`navnet "${name}" kan ikke bruges: brug bogstaver, tal, punktum og bindestreg, endelsen .json, .csv eller .hbs, og højst én mappe (mails/ eller templates/)`);
  }
  if (sources[name] !== undefined) return refuse(`runden har allerede en fil ${name}; ret den i filredigeringen`);
  if (name.endsWith('.json')) {
    try {
      JSON.parse(edit.content);
    } catch (e) {
      return refuse(`indholdet er ikke gyldig JSON (${(e as Error).message})`);
    }
  }
  return { ok: true, files: { [name]: edit.content.endsWith('\n') || edit.content === '' ? edit.content : `${edit.content}\n` }, summary: [`Filen ${name} er tilføjet.`] };
}
