import type { FormatMode } from '../types.ts';
import { isObj, jsonText, parseFile, refuse } from './edit-helpers.ts';
import type { AppliedEdit, RefusedEdit, SetFormatsEdit } from './round-edit.ts';

const MODES: readonly FormatMode[] = ['assert', 'annotate'];

/** How the summary names each mode, in Danish. */
const MODE_TEXT: Readonly<Record<FormatMode, string>> = { assert: 'kontrolleres', annotate: 'beskriver kun værdien' };

/**
 * Sets whether a form's `format` keywords decide validity (`assert`, the default) or only describe
 * the value (`annotate`), in round.json's `forms` entry. `assert` is written by leaving the key out,
 * as a round copied from one without it reads.
 * @param sources the round's files
 * @param edit the form and its mode
 * @returns round.json changed, or why not
 */
export function setFormFormats(sources: Readonly<Record<string, string>>, edit: SetFormatsEdit): AppliedEdit | RefusedEdit {
  if (!MODES.includes(edit.formats)) return refuse(`"${String(edit.formats)}" skal være assert eller annotate`);
  const round = parseFile(sources, 'round.json');
  if (!('value' in round)) return round;
  const entry = (Array.isArray(round.value.forms) ? round.value.forms.filter(isObj) : []).find((f) => f.name === edit.form);
  if (!entry) return refuse(`runden har ingen formular "${edit.form}"`);
  const before: FormatMode = entry.formats === 'annotate' ? 'annotate' : 'assert';
  if (before === edit.formats) return refuse(`formularen ${edit.form}s format ${MODE_TEXT[before]} allerede`);
  if (edit.formats === 'assert') delete entry.formats;
  else entry.formats = edit.formats;
  const title = typeof entry.title === 'string' ? entry.title : edit.form;
  return {
    ok: true,
    files: { 'round.json': jsonText(round.value) },
    summary: [`Formularen «${title}»: format (e-mail, dato, …) ${MODE_TEXT[edit.formats]} nu (${edit.formats}), før ${MODE_TEXT[before]} (${before}).`],
  };
}
