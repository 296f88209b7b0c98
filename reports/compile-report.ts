import { Ajv2020 } from 'ajv/dist/2020.js';
import { compileRule, RuleSyntaxError, type JsonSchema, type RuleContext, type RuleFn } from '../engine/index.ts';
import { compileRuleToCode } from '../engine/json-logic-source.ts';
import type { Cell } from './cell.ts';
import { compileChartSpec } from './render-chart.ts';
import reportSpecSchema from './report-spec.schema.json' with { type: 'json' };
import { REPORT_SPEC_FILE, type ChartSpec, type ColumnSpec, type ColumnType, type DatasetSpec, type FigureSpec, type ReportSpec, type RowSelection } from './report-spec.ts';
import type { ReportRound } from './report-round.ts';
import { resolveSchemaPath, valueLabels } from './resolve-schema-path.ts';
import { respondentsOf, type RespondentPopulation } from './respondents.ts';

/** A problem in a round's report spec, by JSON Pointer into `reports.json`. */
export interface SpecProblem {
  readonly file: string;
  readonly pointer: string;
  readonly message: string;
}

/** Where a column's value comes from, resolved against the form and the round. */
export type ColumnReader =
  | { readonly kind: 'item'; readonly segments: readonly string[] }
  | { readonly kind: 'answer'; readonly segments: readonly string[] }
  | { readonly kind: 'respondent'; readonly attribute: string }
  | { readonly kind: 'round'; readonly value: Cell }
  | { readonly kind: 'meta'; readonly meta: 'submittedAt' | 'link' | 'reported' }
  | { readonly kind: 'compute'; readonly fn: RuleFn };

/** A total row's rule for a column, compiled. */
export type CompiledTotal =
  | { readonly kind: 'aggregate'; readonly op: 'sum' | 'all' | 'any' | 'min' | 'max' | 'first' | 'same' | 'count' }
  | { readonly kind: 'logic'; readonly fn: RuleFn };

/** A dataset column, ready to read and describe. */
export interface CompiledColumn {
  readonly key: string;
  readonly spec: ColumnSpec;
  readonly title: string;
  readonly description: string;
  readonly type: ColumnType;
  /** Value → label, in order; null for a column without fixed values. */
  readonly labels: Readonly<Record<string, string>> | null;
  /** Where the value comes from, as the data dictionary says it (`svar: units[].name`). */
  readonly source: string;
  readonly publish: boolean;
  readonly reader: ColumnReader;
  readonly total: CompiledTotal | null;
}

/** A dataset, compiled. */
export interface CompiledDataset {
  readonly name: string;
  readonly spec: DatasetSpec;
  readonly title: string;
  /** Segments of the array each item row is read from; null for one row per respondent. */
  readonly items: readonly string[] | null;
  readonly columns: readonly CompiledColumn[];
  readonly byKey: ReadonlyMap<string, CompiledColumn>;
  /** The columns in the order a row is filled: each after the columns its JSON Logic reads. */
  readonly fillOrder: readonly CompiledColumn[];
}

/** A figure, compiled. */
export interface CompiledFigure {
  readonly name: string;
  readonly spec: FigureSpec;
  readonly title: string;
  readonly dataset: string | null;
  readonly rows: RowSelection;
  readonly where: RuleFn | null;
  readonly share: RuleFn | null;
  readonly compute: RuleFn | null;
  /** What the figure gives: one number, a share, or a list of rows. */
  readonly shape: 'tal' | 'andel' | 'liste';
}

/** A breakdown, compiled. */
export interface CompiledBreakdown {
  readonly name: string;
  readonly title: string;
  readonly dataset: string;
  readonly rows: RowSelection;
  readonly where: RuleFn | null;
  readonly groupBy: string;
  readonly groups: 'labels' | 'values';
  readonly figures: readonly CompiledFigure[];
  readonly distribution: { readonly decimals: number } | null;
}

/** A chart, with its data filter compiled. */
export interface CompiledChart {
  readonly name: string;
  readonly spec: ChartSpec;
  readonly where: RuleFn | null;
}

/** A round's report spec compiled once: what every report of the round is built from. */
export interface CompiledReport {
  readonly spec: ReportSpec;
  readonly formName: string;
  readonly schema: JsonSchema;
  readonly population: RespondentPopulation;
  readonly context: RuleContext;
  readonly datasets: ReadonlyMap<string, CompiledDataset>;
  readonly figures: readonly CompiledFigure[];
  readonly breakdowns: readonly CompiledBreakdown[];
  readonly charts: readonly CompiledChart[];
}

const SIMPLE = ['count', 'sum', 'mean', 'median', 'min', 'max', 'share', 'ratio', 'list', 'compute'] as const;

// The spec's schema is the project's own (its meta-schema check is a test), so this instance never
// compiles the 2020-12 meta-schema: that took as long as compiling the spec's schema itself.
const validateSpec = new Ajv2020({ allErrors: true, strict: false, validateSchema: false }).compile(reportSpecSchema);

const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function typeOf(schemas: readonly JsonSchema[]): ColumnType {
  for (const s of schemas) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
    const t = types.find((x) => x !== 'null');
    if (t === 'integer') return 'heltal';
    if (t === 'number') return 'decimaltal';
    if (t === 'boolean') return 'janej';
    if (t === 'string') return s.format === 'date' ? 'dato' : 'tekst';
  }
  return 'tekst';
}

function describe(titles: readonly string[], schemas: readonly JsonSchema[]): string {
  const description = schemas.find((s) => typeof s.description === 'string')?.description;
  return [titles.join(' › '), typeof description === 'string' ? description : ''].filter((t) => t !== '').join('. ');
}

function atPath(value: unknown, path: string): unknown {
  let cur = value;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * Reads a round's report spec (`reports.json`) from its files.
 * @param round the round with its files
 * @returns the parsed spec, undefined when the round has none, or the problems
 */
export function readReportSpec(round: ReportRound & { readonly files?: Readonly<Record<string, string>> }): { spec: ReportSpec } | { problems: SpecProblem[] } | undefined {
  const text = round.files?.[REPORT_SPEC_FILE];
  if (text === undefined) return undefined;
  const file = `${round.id}/${REPORT_SPEC_FILE}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { problems: [{ file, pointer: '', message: `filen er ikke gyldig JSON: ${(e as Error).message}` }] };
  }
  if (!validateSpec(json)) {
    const problems = (validateSpec.errors ?? [])
      // A oneOf failure repeats what its branches say; the branch errors name the key.
      .filter((e) => e.keyword !== 'oneOf' || (validateSpec.errors ?? []).length === 1)
      .map((e) => ({ file, pointer: e.instancePath, message: `rapportspecifikationen: ${e.message ?? 'ugyldig'}${e.keyword === 'additionalProperties' ? ` ("${String(e.params.additionalProperty)}")` : ''}` }));
    return { problems };
  }
  return { spec: json as unknown as ReportSpec };
}

/**
 * Compiles a round's report spec against its form and round data: every path is resolved in the
 * form's schema (through `$ref`, conditionals and the dataset's items), every referenced column,
 * dataset and breakdown must exist, JSON Logic must compile and aggregations must read numbers.
 * @param round the round (settings, tables, files)
 * @param spec the parsed spec
 * @param schema the schema of the spec's form, or undefined when the round lacks the form
 * @returns the compiled report, or the problems by JSON Pointer into reports.json
 */
export function compileReport(round: ReportRound, spec: ReportSpec, schema: JsonSchema | undefined): { report: CompiledReport; problems: [] } | { report?: undefined; problems: SpecProblem[] } {
  const file = `${round.id}/${REPORT_SPEC_FILE}`;
  const problems: SpecProblem[] = [];
  const problem = (pointer: string, message: string) => problems.push({ file, pointer, message });
  if (!schema) {
    problem('/form', `runden har ingen formular "${spec.form}"`);
    return { problems };
  }
  const population = respondentsOf(round);
  if ('error' in population) {
    problem('', population.error);
    return { problems };
  }
  const context: RuleContext = Object.freeze({ $round: round.settings, $tables: round.tables });
  const logic = (value: unknown, pointer: string): RuleFn | null => {
    try {
      // Checked as closures first, for the pointer in a syntax error; then run as generated code:
      // a row's columns are then read by name at each site (one hidden class, a fast property
      // load) instead of by a key the closure holds, which V8 looks up generically on every call.
      compileRule(value, pointer);
      return compileRuleToCode(value);
    } catch (e) {
      problem(pointer, e instanceof RuleSyntaxError ? `JSON Logic: ${e.message}` : `JSON Logic kan ikke oversættes: ${(e as Error).message}`);
      return null;
    }
  };

  const datasets = new Map<string, CompiledDataset>();
  for (const [name, ds] of Object.entries(spec.datasets)) {
    const base = `/datasets/${esc(name)}`;
    let items: string[] | null = null;
    const itemsPath = ds.rows ? ds.rows.slice(0, -2) : null;
    if (ds.rows) {
      const hit = resolveSchemaPath(schema, ds.rows.slice(0, -2));
      if (!hit || !hit.schemas.some((s) => s.type === 'array' || s.items !== undefined)) problem(`${base}/rows`, `"${ds.rows}" er ikke en liste i formularen "${spec.form}"`);
      items = itemsPath!.split('.');
    }
    const columns: CompiledColumn[] = [];
    const byKey = new Map<string, CompiledColumn>();
    ds.columns.forEach((c, i) => {
      const at = `${base}/columns/${i}`;
      if (byKey.has(c.key)) problem(`${at}/key`, `kolonnen "${c.key}" findes allerede i datasættet`);
      let reader: ColumnReader | null = null;
      let title = c.title;
      let description = c.description;
      let type = c.type;
      let labels: Record<string, string> | null = c.labels ? { ...c.labels } : null;
      let source = '';
      if (c.path !== undefined) {
        const hit = resolveSchemaPath(schema, c.path);
        if (!hit) problem(`${at}/path`, `feltet "${c.path}" findes ikke i formularen "${spec.form}"`);
        const prefix = ds.rows ? `${ds.rows}.` : null;
        if (prefix && c.path.startsWith(prefix)) reader = { kind: 'item', segments: c.path.slice(prefix.length).split('.') };
        else if (!c.path.includes('[]')) reader = { kind: 'answer', segments: c.path.split('.') };
        else problem(`${at}/path`, ds.rows ? `feltet "${c.path}" ligger ikke i datasættets rækker "${ds.rows}"` : `feltet "${c.path}" er i en liste; angiv datasættets "rows"`);
        if (hit) {
          title ??= hit.titles[hit.titles.length - 1] ?? c.key;
          description ??= describe(hit.titles, hit.schemas);
          type ??= typeOf(hit.schemas);
          if (!labels) {
            const labelHit = c.labelsFrom ? resolveSchemaPath(schema, c.labelsFrom) : hit;
            if (!labelHit) problem(`${at}/labelsFrom`, `feltet "${c.labelsFrom}" findes ikke i formularen "${spec.form}"`);
            const found = labelHit ? valueLabels(labelHit) : {};
            labels = Object.keys(found).length > 0 ? found : null;
          }
        }
        source = `svar: ${c.path}`;
      } else if (c.respondent !== undefined) {
        const attr = c.respondent === 'key' ? '$key' : c.respondent === 'name' ? '$name' : c.respondent;
        const first = population.list[0];
        if (attr !== '$key' && attr !== '$name' && first && !Object.hasOwn(first.attributes, attr)) {
          problem(`${at}/respondent`, `respondenttabellen "${population.table}" har ingen kolonne "${c.respondent}"`);
        }
        reader = { kind: 'respondent', attribute: attr };
        title ??= attr === '$key' ? 'Kode' : attr === '$name' ? 'Navn' : (population.attributeTitles[attr] ?? attr);
        description ??= attr === '$key' ? `${population.words.one[0]!.toUpperCase()}${population.words.one.slice(1)}ns kode.` : attr === '$name' ? `${population.words.one[0]!.toUpperCase()}${population.words.one.slice(1)}ns navn.` : (population.attributeTitles[attr] ?? attr);
        source = `tabel: ${population.table}.${attr === '$key' ? 'nøgle' : attr === '$name' ? 'navn' : attr}`;
      } else if (c.round !== undefined) {
        const v = atPath(round.settings, c.round);
        if (v === undefined) problem(`${at}/round`, `round.json har ingen værdi "${c.round}"`);
        reader = { kind: 'round', value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null };
        source = `runde: ${c.round}`;
      } else if (c.meta !== undefined) {
        reader = { kind: 'meta', meta: c.meta };
        source = 'afledt';
        type ??= c.meta === 'submittedAt' ? 'dato' : c.meta === 'reported' ? 'janej' : 'lenke';
      } else if (c.compute !== undefined) {
        const fn = logic(c.compute, `${at}/compute`);
        if (fn) reader = { kind: 'compute', fn };
        source = 'beregnet';
      }
      if (c.labelsTable) {
        const table = round.tables[c.labelsTable.table];
        if (!table) problem(`${at}/labelsTable/table`, `runden har ingen tabel "${c.labelsTable.table}"`);
        else {
          const keys = Object.keys(table).sort();
          if (keys.length > 0 && !Object.hasOwn(table[keys[0]!]!, c.labelsTable.column)) problem(`${at}/labelsTable/column`, `tabellen "${c.labelsTable.table}" har ingen kolonne "${c.labelsTable.column}"`);
          labels = Object.fromEntries(keys.map((k) => [k, table[k]?.[c.labelsTable!.column] ?? k]));
        }
      }
      let total: CompiledTotal | null = null;
      if (c.total !== undefined) {
        if (!ds.rows) problem(`${at}/total`, 'datasættet har ingen rækker pr. element, så der er ingen totalrække');
        if (typeof c.total === 'string') {
          total = { kind: 'aggregate', op: c.total };
          const prior = c.total === 'sum' || c.total === 'min' || c.total === 'max';
          if (prior && type !== undefined && type !== 'heltal' && type !== 'decimaltal') problem(`${at}/total`, `"${c.total}" kræver tal, men kolonnen "${c.key}" er ${type}`);
        } else {
          const fn = logic(c.total.logic, `${at}/total/logic`);
          if (fn) total = { kind: 'logic', fn };
        }
      }
      const col: CompiledColumn = Object.freeze({
        key: c.key,
        spec: c,
        title: title ?? c.key,
        description: description ?? '',
        type: type ?? 'tekst',
        labels,
        source,
        publish: c.publish !== false,
        reader: reader ?? ({ kind: 'round', value: null } as const),
        total,
      });
      columns.push(col);
      byKey.set(c.key, col);
    });
    if (ds.total?.label && !byKey.has(ds.total.label.column)) problem(`${base}/total/label/column`, `kolonnen "${ds.total.label.column}" findes ikke i datasættet`);
    const ordered = fillOrder(columns, byKey);
    if ('cycle' in ordered) problem(`${base}/columns`, `kolonnerne ${ordered.cycle.map((k) => `"${k}"`).join(' → ')} læser hinanden i ring`);
    const fill = 'cycle' in ordered ? columns : ordered.order;
    datasets.set(name, Object.freeze({ name, spec: ds, title: ds.title ?? name, items, columns: Object.freeze(columns), byKey, fillOrder: Object.freeze(fill) }));
  }

  const firstDataset = Object.keys(spec.datasets)[0]!;
  const numeric = (col: CompiledColumn | undefined) => col && (col.type === 'heltal' || col.type === 'decimaltal');
  const figure = (name: string, f: FigureSpec, at: string, defaultDataset: string | null, inGroup: boolean): CompiledFigure => {
    const kind = SIMPLE.find((k) => f[k] !== undefined)!;
    const datasetName = kind === 'compute' && !f.dataset ? null : (f.dataset ?? defaultDataset ?? firstDataset);
    const ds = datasetName ? datasets.get(datasetName) : undefined;
    if (datasetName && !ds) problem(`${at}/dataset`, `datasættet "${datasetName}" findes ikke`);
    if (inGroup && (f.dataset !== undefined || f.rows !== undefined)) problem(at, 'et tal i en opdeling læser opdelingens datasæt og rækker');
    const column = (key: string, pointer: string, needNumber: boolean) => {
      if (!ds) return;
      const col = ds.byKey.get(key);
      if (!col) problem(pointer, `kolonnen "${key}" findes ikke i datasættet "${ds.name}"`);
      else if (needNumber && !numeric(col)) problem(pointer, `"${kind}" kræver en talkolonne, men "${key}" er ${col.type}`);
    };
    if (kind === 'sum' || kind === 'mean' || kind === 'median' || kind === 'min' || kind === 'max') column(f[kind] as string, `${at}/${kind}`, true);
    if (kind === 'ratio') f.ratio!.forEach((k, i) => column(k, `${at}/ratio/${i}`, true));
    if (kind === 'list') f.list!.forEach((k, i) => column(k, `${at}/list/${i}`, false));
    if (kind === 'compute' && inGroup) problem(`${at}/compute`, 'et beregnet tal kan ikke stå i en opdeling');
    return Object.freeze({
      name,
      spec: f,
      title: f.title ?? name,
      dataset: datasetName,
      rows: f.rows ?? 'respondents',
      where: f.where !== undefined ? logic(f.where, `${at}/where`) : null,
      share: f.share !== undefined ? logic(f.share, `${at}/share`) : null,
      compute: f.compute !== undefined ? logic(f.compute, `${at}/compute`) : null,
      shape: kind === 'share' ? 'andel' : kind === 'list' ? 'liste' : 'tal',
    });
  };

  const figures: CompiledFigure[] = [];
  const known = new Set<string>();
  for (const [name, f] of Object.entries(spec.figures ?? {})) {
    const compiled = figure(name, f, `/figures/${esc(name)}`, null, false);
    if (compiled.compute) {
      // A computed figure reads figures declared before it, so the order in the file is the order of computing.
      for (const ref of varNames(f.compute)) {
        const head = ref.split('.')[0]!;
        if (!head.startsWith('$') && !known.has(head)) problem(`/figures/${esc(name)}/compute`, `tallet "${head}" er ikke beregnet før "${name}"`);
      }
    }
    known.add(name);
    figures.push(compiled);
  }

  const breakdowns: CompiledBreakdown[] = [];
  for (const [name, b] of Object.entries(spec.breakdowns ?? {})) {
    const at = `/breakdowns/${esc(name)}`;
    const ds = datasets.get(b.dataset);
    if (!ds) problem(`${at}/dataset`, `datasættet "${b.dataset}" findes ikke`);
    const col = ds?.byKey.get(b.groupBy);
    if (ds && !col) problem(`${at}/groupBy`, `kolonnen "${b.groupBy}" findes ikke i datasættet "${b.dataset}"`);
    const groups = b.groups ?? (col?.labels ? 'labels' : 'values');
    if (groups === 'labels' && col && !col.labels) problem(`${at}/groups`, `kolonnen "${b.groupBy}" har ingen etiketter at danne grupper af`);
    breakdowns.push(
      Object.freeze({
        name,
        title: b.title ?? name,
        dataset: b.dataset,
        rows: b.rows ?? 'respondents',
        where: b.where !== undefined ? logic(b.where, `${at}/where`) : null,
        groupBy: b.groupBy,
        groups,
        figures: Object.entries(b.figures).map(([fn, f]) => figure(fn, f, `${at}/figures/${esc(fn)}`, b.dataset, true)),
        distribution: b.distribution ? { decimals: b.distribution.decimals ?? 0 } : null,
      }),
    );
  }

  const charts: CompiledChart[] = [];
  for (const [name, c] of Object.entries(spec.charts ?? {})) {
    const at = `/charts/${esc(name)}`;
    if (c.data.breakdown !== undefined && !breakdowns.some((b) => b.name === c.data.breakdown)) problem(`${at}/data/breakdown`, `opdelingen "${c.data.breakdown}" findes ikke`);
    if (c.data.dataset !== undefined && !datasets.has(c.data.dataset)) problem(`${at}/data/dataset`, `datasættet "${c.data.dataset}" findes ikke`);
    charts.push(Object.freeze({ name, spec: c, where: c.data.where !== undefined ? logic(c.data.where, `${at}/data/where`) : null }));
    const compiled = compileChartSpec(c.vegaLite);
    if (!compiled.ok) problem(`${at}/vegaLite`, compiled.message);
  }

  for (const [name, d] of Object.entries(spec.documents ?? {})) {
    const at = `/documents/${esc(name)}`;
    if (d.kind !== 'notat' && !d.dataset) problem(`${at}/dataset`, `et dokument af typen "${d.kind}" skal angive sit datasæt`);
    const ds = d.dataset ? datasets.get(d.dataset) : undefined;
    if (d.dataset && !ds) problem(`${at}/dataset`, `datasættet "${d.dataset}" findes ikke`);
    (d.filters ?? []).forEach((k, i) => {
      const col = ds?.byKey.get(k);
      if (ds && !col) problem(`${at}/filters/${i}`, `kolonnen "${k}" findes ikke i datasættet "${d.dataset}"`);
      else if (col && !col.labels) problem(`${at}/filters/${i}`, `kolonnen "${k}" har ingen etiketter at filtrere efter`);
    });
  }

  if (problems.length > 0) return { problems };
  return {
    report: Object.freeze({
      spec,
      formName: spec.form,
      schema,
      population,
      context,
      datasets,
      figures: Object.freeze(figures),
      breakdowns: Object.freeze(breakdowns),
      charts: Object.freeze(charts),
    }),
    problems: [],
  };
}

/** Every literal `var` path in a JSON-Logic expression. */
function varNames(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) for (const x of logic) varNames(x, out);
  else if (logic !== null && typeof logic === 'object') {
    for (const [k, v] of Object.entries(logic)) {
      if (k === 'var') {
        const p = Array.isArray(v) ? v[0] : v;
        if (typeof p === 'string') out.push(p);
      } else varNames(v, out);
    }
  }
  return out;
}

/** The names a JSON Logic value reads with `var`, as written (`"row.total"`, `"equal"`). */
function varsOf(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) for (const x of logic) varsOf(x, out);
  else if (logic !== null && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      const first = Array.isArray(arg) ? arg[0] : arg;
      if (op === 'var' && typeof first === 'string') out.push(first);
      varsOf(arg, out);
    }
  }
  return out;
}

/** The dataset's columns a column reads: a computed value reads the row, a total's logic reads `row.*`. */
function readsOf(c: CompiledColumn, byKey: ReadonlyMap<string, CompiledColumn>): string[] {
  const names = [
    ...(c.spec.compute !== undefined ? varsOf(c.spec.compute) : []),
    ...(c.spec.total !== undefined && typeof c.spec.total !== 'string' ? varsOf(c.spec.total.logic).filter((v) => v.startsWith('row.')).map((v) => v.slice(4)) : []),
  ];
  return [...new Set(names.map((n) => n.split('.')[0]!))].filter((k) => k !== c.key && byKey.has(k));
}

/**
 * Orders columns so each is filled after the columns it reads, keeping the declared order where
 * nothing forces another: an analyst may put a computed status before the field it is made from.
 */
function fillOrder(columns: readonly CompiledColumn[], byKey: ReadonlyMap<string, CompiledColumn>): { order: CompiledColumn[] } | { cycle: string[] } {
  const order: CompiledColumn[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (c: CompiledColumn, path: string[]): string[] | null => {
    const s = state.get(c.key);
    if (s === 'done') return null;
    if (s === 'visiting') return [...path.slice(path.indexOf(c.key)), c.key];
    state.set(c.key, 'visiting');
    for (const k of readsOf(c, byKey)) {
      const cycle = visit(byKey.get(k)!, [...path, c.key]);
      if (cycle) return cycle;
    }
    state.set(c.key, 'done');
    order.push(c);
    return null;
  };
  for (const c of columns) {
    const cycle = visit(c, []);
    if (cycle) return { cycle };
  }
  return { order };
}
