import type { CompiledDataset } from './compile-report.ts';
import type { ColumnType } from './report-spec.ts';

/** One column as the data dictionary describes it. */
export interface DictionaryEntry {
  readonly noegle: string;
  readonly overskrift: string;
  readonly type: ColumnType;
  /** Where the value comes from: `svar: units[].level.count`, `tabel: respondents.navn`, … */
  readonly kilde: string;
  readonly beskrivelse: string;
  /** Value → label for columns with fixed values, else null. */
  readonly vaerdier: Readonly<Record<string, string>> | null;
}

/**
 * The data dictionary of a dataset's published columns: headings and descriptions from the spec,
 * or else from the fields' titles and descriptions in the form's schema; value labels likewise.
 * @param dataset the compiled dataset
 * @returns one entry per published column, in order
 */
export function buildDataDictionary(dataset: CompiledDataset): DictionaryEntry[] {
  return dataset.columns
    .filter((c) => c.publish)
    .map((c) => ({ noegle: c.key, overskrift: c.title, type: c.type, kilde: c.source, beskrivelse: c.description, vaerdier: c.labels }));
}
