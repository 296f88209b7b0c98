/** How a cell is typed in CSV, XLSX and JSON, and how the data dictionary names the type. */
export type ColumnType = 'tekst' | 'heltal' | 'decimaltal' | 'janej' | 'dato';

/** Where a column's values come from. */
export type ColumnSource =
  /** A field of the report, as a data path in the form's schema (`[]` steps into the units). */
  | { readonly kind: 'svar'; readonly path: string; readonly labelsFrom?: string }
  /** A column of one of the round's tables, for the report's municipality. */
  | { readonly kind: 'tabel'; readonly table: string; readonly column: string; readonly description: string }
  /** A value of round.json. */
  | { readonly kind: 'runde'; readonly key: string; readonly description: string }
  /** A value the reports derive (status, submission time, link). */
  | { readonly kind: 'afledt'; readonly description: string; readonly labels?: Readonly<Record<string, string>> };

/** One column of the published table. */
export interface TableColumnDef {
  readonly key: string;
  /** Column heading; when absent, the field's title in the schema. */
  readonly header?: string;
  readonly type: ColumnType;
  readonly source: ColumnSource;
}

/** The status filter's values and their labels. */
export const STATUS_LABELS = Object.freeze({
  ligelig: 'Ligelig',
  ikkeLigelig: 'Ikke ligelig',
  ikkeIndberettet: 'Ikke indberettet',
});

/** A row's status: equal, not equal, or not reported. */
export type StatusKode = keyof typeof STATUS_LABELS;

/**
 * The published table's columns, in order: one row per municipality, and per unit for the
 * municipalities with split administrative leadership.
 */
export const TABLE_COLUMNS = [
  { key: 'kommunekode', header: 'Kommunekode', type: 'tekst', source: { kind: 'svar', path: 'kommunekode' } },
  {
    key: 'kommune',
    header: 'Kommune',
    type: 'tekst',
    source: { kind: 'tabel', table: 'kommuner', column: 'navn', description: 'Kommunens navn.' },
  },
  {
    key: 'region',
    header: 'Region',
    type: 'tekst',
    source: { kind: 'tabel', table: 'kommuner', column: 'regionsnavn', description: 'Den region, kommunen ligger i.' },
  },
  { key: 'enhed', type: 'tekst', source: { kind: 'svar', path: 'enheder[].navn' } },
  {
    key: 'status',
    header: 'Status',
    type: 'tekst',
    source: {
      kind: 'afledt',
      description: 'Ligelig eller ikke ligelig kønssammensætning i enheden, eller at kommunen ikke har indberettet.',
      labels: STATUS_LABELS,
    },
  },
  { key: 'niveau1Kvinder', header: 'Niveau 1: kvinder', type: 'heltal', source: { kind: 'svar', path: 'enheder[].niveau1.kvinder' } },
  { key: 'niveau1Maend', header: 'Niveau 1: mænd', type: 'heltal', source: { kind: 'svar', path: 'enheder[].niveau1.maend' } },
  { key: 'niveau2Kvinder', header: 'Niveau 2: kvinder', type: 'heltal', source: { kind: 'svar', path: 'enheder[].niveau2.kvinder' } },
  { key: 'niveau2Maend', header: 'Niveau 2: mænd', type: 'heltal', source: { kind: 'svar', path: 'enheder[].niveau2.maend' } },
  { key: 'kvinder', type: 'heltal', source: { kind: 'svar', path: 'enheder[].kvinder' } },
  { key: 'maend', type: 'heltal', source: { kind: 'svar', path: 'enheder[].maend' } },
  { key: 'antal', type: 'heltal', source: { kind: 'svar', path: 'enheder[].antal' } },
  { key: 'andelKvinder', type: 'decimaltal', source: { kind: 'svar', path: 'enheder[].andelKvinder' } },
  { key: 'ligelig', type: 'janej', source: { kind: 'svar', path: 'enheder[].ligelig' } },
  {
    key: 'underrepraesenteretKoen',
    type: 'tekst',
    source: { kind: 'svar', path: 'enheder[].underrepraesenteretKoen', labelsFrom: 'enheder[].maaltal.koen' },
  },
  { key: 'maaltalFastsat', header: 'Måltal fastsat', type: 'janej', source: { kind: 'svar', path: 'enheder[].maaltal.fastsat' } },
  { key: 'maaltalKoen', type: 'tekst', source: { kind: 'svar', path: 'enheder[].maaltal.koen' } },
  { key: 'maaltalAndel', type: 'decimaltal', source: { kind: 'svar', path: 'enheder[].maaltal.andel' } },
  { key: 'maaltalAntal', type: 'heltal', source: { kind: 'svar', path: 'enheder[].maaltal.antal' } },
  { key: 'maaltalAar', type: 'heltal', source: { kind: 'svar', path: 'enheder[].maaltal.aar' } },
  {
    key: 'maaltalBegrundelse',
    header: 'Begrundelse for intet måltal',
    type: 'tekst',
    source: { kind: 'svar', path: 'enheder[].maaltal.begrundelse' },
  },
  {
    key: 'tidligereMaalStatus',
    header: 'Tidligere måltal',
    type: 'tekst',
    source: { kind: 'svar', path: 'enheder[].tidligereMaal.status' },
  },
  {
    key: 'tidligereMaalBegrundelse',
    header: 'Begrundelse for at tidligere måltal ikke er nået',
    type: 'tekst',
    source: { kind: 'svar', path: 'enheder[].tidligereMaal.begrundelse' },
  },
  { key: 'politikFindes', header: 'Politik', type: 'janej', source: { kind: 'svar', path: 'enheder[].politik.findes' } },
  { key: 'politikIndhold', type: 'tekst', source: { kind: 'svar', path: 'enheder[].politik.indhold' } },
  { key: 'politikHandlinger', type: 'tekst', source: { kind: 'svar', path: 'enheder[].politik.handlinger' } },
  {
    key: 'politikBegrundelse',
    header: 'Begrundelse for ingen politik',
    type: 'tekst',
    source: { kind: 'svar', path: 'enheder[].politik.begrundelse' },
  },
  {
    key: 'indberetningsaar',
    header: 'Indberetningsår',
    type: 'heltal',
    source: { kind: 'runde', key: 'indberetningsaar', description: 'Det år, indberetningen handler om.' },
  },
  {
    key: 'indsendt',
    header: 'Indsendt',
    type: 'dato',
    source: { kind: 'afledt', description: 'Den dato, kommunen indsendte indberetningen (rundens tidszone).' },
  },
  {
    key: 'link',
    header: 'Link til indberetningen',
    type: 'tekst',
    source: { kind: 'afledt', description: 'Adressen på kommunens fulde indberetning.' },
  },
] as const satisfies readonly TableColumnDef[];

/** The key of a published column. */
export type ColumnKey = (typeof TABLE_COLUMNS)[number]['key'];
