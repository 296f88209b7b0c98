import type { JsonSchema } from '../engine/index.ts';
import { resolveSchemaPath, valueLabels } from './resolve-schema-path.ts';
import { TABLE_COLUMNS, type ColumnKey, type ColumnType, type TableColumnDef } from './table-columns.ts';

/** One column as the data dictionary describes it. */
export interface DictionaryEntry {
  readonly noegle: ColumnKey;
  readonly overskrift: string;
  readonly type: ColumnType;
  /** Where the value comes from: `svar: enheder[].niveau1.kvinder`, `tabel: kommuner.navn`, … */
  readonly kilde: string;
  readonly beskrivelse: string;
  /** Value → label for columns with fixed values, else null. */
  readonly vaerdier: Readonly<Record<string, string>> | null;
}

/** The dictionary, or the columns whose field the round's schema does not have. */
export interface DataDictionary {
  readonly entries: readonly DictionaryEntry[];
  readonly problems: readonly string[];
}

function describe(titles: readonly string[], schemas: readonly JsonSchema[]): string {
  const description = schemas.find((s) => typeof s.description === 'string')?.description;
  return [titles.join(' › '), typeof description === 'string' ? description : ''].filter((t) => t !== '').join('. ');
}

/**
 * Builds the data dictionary of the published table from the form's schema: headings and
 * descriptions from the fields' titles, value labels from their `oneOf` titles.
 * @param schema the report form's schema
 * @param columns the columns (the published table's by default)
 * @returns the entries, and a Danish problem per column whose field the schema lacks
 */
export function buildDataDictionary(schema: JsonSchema, columns: readonly TableColumnDef[] = TABLE_COLUMNS): DataDictionary {
  const entries: DictionaryEntry[] = [];
  const problems: string[] = [];
  for (const c of columns) {
    const key = c.key as ColumnKey;
    const src = c.source;
    if (src.kind === 'svar') {
      const hit = resolveSchemaPath(schema, src.path);
      const labelHit = src.labelsFrom ? resolveSchemaPath(schema, src.labelsFrom) : hit;
      if (!hit || !labelHit) {
        problems.push(`kolonnen "${c.key}" læser feltet "${hit ? src.labelsFrom : src.path}", som skemaet ikke har`);
        continue;
      }
      const labels = valueLabels(labelHit);
      entries.push({
        noegle: key,
        overskrift: c.header ?? hit.titles[hit.titles.length - 1] ?? c.key,
        type: c.type,
        kilde: `svar: ${src.path}`,
        beskrivelse: describe(hit.titles, hit.schemas),
        vaerdier: Object.keys(labels).length > 0 ? labels : null,
      });
    } else {
      entries.push({
        noegle: key,
        overskrift: c.header ?? c.key,
        type: c.type,
        kilde: src.kind === 'tabel' ? `tabel: ${src.table}.${src.column}` : src.kind === 'runde' ? `runde: ${src.key}` : 'afledt',
        beskrivelse: src.description,
        vaerdier: src.kind === 'afledt' && src.labels ? src.labels : null,
      });
    }
  }
  return { entries, problems };
}
