import type { FormatMode, JsonSchema } from './types.ts';

/** One problem in a round's files, named by file and JSON Pointer. */
export interface LintIssue {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

/** A form as declared in round.json, with its files' parsed content. */
export interface FormFiles {
  readonly name: string;
  readonly title: string;
  readonly frist?: string;
  /** Whether `format` decides validity (`assert`, the default) or only describes the value. */
  readonly formats?: FormatMode;
  readonly schemaFile: string;
  readonly schema: JsonSchema;
  readonly uiFile?: string;
  readonly ui: JsonSchema;
}

/** Everything a round consists of, read from disk (or an upload) but not yet checked. */
export interface RoundFiles {
  /** The folder's name, which must equal the round's id. */
  readonly folder: string;
  readonly roundFile: string;
  readonly settings: JsonSchema;
  readonly forms: readonly FormFiles[];
  /** Tables keyed by name, each keyed by its key column. */
  readonly tables: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
  /** Raw bytes of every file, for the content hash. */
  readonly sources: Readonly<Record<string, string>>;
}

/** Formats a lint issue the way editors and terminals link it. */
export function formatLintIssue(i: LintIssue): string {
  return `${i.file}#${i.pointer}: ${i.message}`;
}
