import type { DictionaryEntry } from './build-data-dictionary.ts';
import { toCsv } from './to-csv.ts';

const HEADINGS = ['Kolonne', 'Overskrift', 'Type', 'Kilde', 'Beskrivelse', 'Værdier'] as const;

/**
 * Lists label pairs as `værdi = etiket` separated by semicolons.
 * @param vaerdier value → label, or null
 * @returns the text, empty for null
 */
export function formatValueLabels(vaerdier: Readonly<Record<string, string>> | null): string {
  return vaerdier ? Object.entries(vaerdier).map(([k, v]) => `${k} = ${v}`).join('; ') : '';
}

/**
 * The data dictionary as CSV in the same dialect as the table.
 * @param entries the dictionary
 * @returns the file's bytes
 */
export function dictionaryToCsv(entries: readonly DictionaryEntry[]): Buffer {
  return toCsv(
    HEADINGS.map((h) => ({ overskrift: h, type: 'tekst' as const })),
    entries.map((e) => [e.noegle, e.overskrift, e.type, e.kilde, e.beskrivelse, formatValueLabels(e.vaerdier)]),
  );
}
