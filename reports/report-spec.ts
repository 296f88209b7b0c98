/*
 * The report spec of a round (`schemas/<round>/reports.json`), as `report-spec.schema.json`
 * declares it. The lint holds a spec to that schema before anything reads it with these types.
 */

/** How a cell is typed in CSV, XLSX and JSON, and how the data dictionary names the type. */
/** A column's type; `lenke` is an address of the service's own (a respondent's page), the only text shown as a link. */
export type ColumnType = 'tekst' | 'heltal' | 'decimaltal' | 'janej' | 'dato' | 'lenke';

/** Which rows of a dataset a figure reads. */
export type RowSelection = 'respondents' | 'items' | 'all' | 'obliged' | 'missing';

/** How a total row gets a column's value. */
export type TotalRule = 'sum' | 'all' | 'any' | 'min' | 'max' | 'first' | 'same' | 'count' | { readonly logic: unknown };

/** One column of a dataset: exactly one of path, respondent, round, meta or compute. */
export interface ColumnSpec {
  readonly key: string;
  readonly path?: string;
  readonly respondent?: string;
  readonly round?: string;
  readonly meta?: 'submittedAt' | 'link' | 'reported';
  readonly compute?: unknown;
  readonly title?: string;
  readonly description?: string;
  readonly type?: ColumnType;
  readonly labels?: Readonly<Record<string, string>>;
  readonly labelsFrom?: string;
  readonly labelsTable?: { readonly table: string; readonly column: string };
  readonly total?: TotalRule;
  readonly publish?: boolean;
  /** Published cells are rounded to this many decimals; figures read the exact value. */
  readonly decimals?: number;
}

/** Rows read from the stored answers. */
export interface DatasetSpec {
  readonly title?: string;
  readonly description?: string;
  readonly rows?: string;
  readonly missing?: boolean;
  readonly total?: { readonly label?: { readonly column: string; readonly text: string } };
  readonly columns: readonly ColumnSpec[];
}

/** A named aggregation; exactly one of the aggregating keys is set. */
export interface FigureSpec {
  readonly title?: string;
  readonly dataset?: string;
  readonly rows?: RowSelection;
  readonly where?: unknown;
  readonly count?: true;
  readonly sum?: string;
  readonly mean?: string;
  readonly median?: string;
  readonly min?: string;
  readonly max?: string;
  readonly share?: unknown;
  readonly ratio?: readonly [string, string];
  readonly list?: readonly string[];
  readonly compute?: unknown;
  readonly unit?: 'antal' | 'procent' | 'aar';
  readonly yearOverYear?: boolean;
}

/** Figures per group of a column's values. */
export interface BreakdownSpec {
  readonly title?: string;
  readonly dataset: string;
  readonly rows?: RowSelection;
  readonly where?: unknown;
  readonly groupBy: string;
  readonly groups?: 'labels' | 'values';
  readonly figures: Readonly<Record<string, FigureSpec>>;
  readonly distribution?: { readonly decimals?: number };
}

/** A Vega-Lite chart over a breakdown's groups or a dataset's rows. */
export interface ChartSpec {
  readonly title: string;
  readonly description: string;
  readonly data: { readonly breakdown?: string; readonly dataset?: string; readonly rows?: RowSelection; readonly where?: unknown };
  readonly vegaLite: Readonly<Record<string, unknown>>;
}

/** What a document shows. */
export type DocumentKind = 'notat' | 'tabel' | 'respondent';

/** A document rendered from a template. */
export interface DocumentSpec {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly template?: string;
  readonly dataset?: string;
  readonly filters?: readonly string[];
  readonly pdf?: boolean;
  readonly publish?: boolean;
}

/** A round's report spec. */
export interface ReportSpec {
  readonly form: string;
  readonly datasets: Readonly<Record<string, DatasetSpec>>;
  readonly figures?: Readonly<Record<string, FigureSpec>>;
  readonly breakdowns?: Readonly<Record<string, BreakdownSpec>>;
  readonly charts?: Readonly<Record<string, ChartSpec>>;
  readonly documents?: Readonly<Record<string, DocumentSpec>>;
}

/** The file a round's report spec is read from. */
export const REPORT_SPEC_FILE = 'reports.json';
