import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDatabase, NoDatabaseError } from '../../engine/db/index.ts';
import { loadRounds, RoundLoadError, type CompiledForm, type Registry, type Round } from '../../engine/node.ts';
import {
  buildMemoContext,
  buildRespondentContext,
  buildTable,
  buildTableView,
  carryInto,
  dictionaryToCsv,
  latestReports,
  launchChromium,
  loadRoundTemplates,
  countSubmittedReports,
  loadDatasets,
  loadSubmittedReports,
  readReportsInput,
  renderPdf,
  reportOf,
  respondentLink,
  roundFacts,
  tableToCsv,
  tableToJson,
  tableToXlsx,
  roundTemplateProblems,
  type CompiledReport,
  type DatasetRows,
  type DocumentSpec,
  type PreviousReports,
  type SubmittedReport,
} from '../../reports/index.ts';

const USAGE = `Brug:
  indberet report render --round 2024 --template DOKUMENT --format html|pdf --out MAPPE [--respondent KODE]
  indberet report table  --round 2024 [--template DOKUMENT] --format csv|xlsx|json --out MAPPE [--base-url URL]
  indberet report check  [--round 2024]

DOKUMENT er et dokument i rundens reports.json (documents); --respondent vælger én respondent til et
dokument af typen respondent. Links i tabellen går til --base-url eller INDBERET_PUBLIC_URL.

Fælles: --schemas MAPPE (schemas), --input FIL.json (indberetninger fra en fil i stedet for databasen),
--forrige-input FIL.json (med --input: den forrige rundes indberetninger, til udviklingen), --tidspunkt ISO (dannelsestidspunkt, for gentagelige filer), --stille (ingen statuslinje).
Databasen læses som af serve: DATABASE_URL eller INDBERET_DATA_DIR.
`;

type Values = {
  round?: string;
  template?: string;
  format?: string;
  out?: string;
  schemas?: string;
  input?: string;
  'forrige-input'?: string;
  respondent?: string;
  'base-url'?: string;
  tidspunkt?: string;
  stille?: boolean;
};

/** A progress bar on stderr for long runs, silent when stderr is not a terminal. */
function progress(values: Values, total: number, label: string) {
  if (values.stille || !process.stderr.isTTY) return { update: (_n: number) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}

const fail = (message: string, code = 2): number => {
  process.stderr.write(`${message}\n`);
  return code;
};

/**
 * The round's reports: from a file, held whole; from the database, read page by page into the
 * datasets (`loadDatasets`, rows linked by `linkTo`), so the answers are never all held at once,
 * with the number of stored reports. Either way with the previous round's reports, where there are.
 */
type Source = ({ readonly reports: readonly SubmittedReport[] } | { readonly data: DatasetRows; readonly stored: number }) & { readonly previous?: PreviousReports };

async function reportsOf(values: Values, registry: Registry, round: Round, report: CompiledReport, form: CompiledForm, linkTo?: (code: string) => string): Promise<Source> {
  if (values.input) {
    const read = readReportsInput(JSON.parse(await readFile(values.input, 'utf8')) as unknown, form);
    if ('problems' in read) throw new Error(`${values.input}:\n${read.problems.join('\n')}`);
    const file = values['forrige-input'];
    if (!file) return { reports: read.reports };
    // Last year's reports from a file too: validated against last year's form, then carried into this one.
    const prev = registry.previous(round.id);
    const prevForm = prev ? reportOf(prev).report?.formName : undefined;
    const prevCompiled = prev && prevForm ? prev.forms.get(prevForm) : undefined;
    if (!prev || !prevCompiled) throw new Error(`--forrige-input: runden ${round.id} har ingen forrige runde med en rapportspecifikation`);
    const before = readReportsInput(JSON.parse(await readFile(file, 'utf8')) as unknown, prevCompiled);
    if ('problems' in before) throw new Error(`${file}:\n${before.problems.join('\n')}`);
    return { reports: read.reports, previous: { round: prev, reports: before.reports, carry: carryInto(round, report.formName) } };
  }
  // Reading opens only a database that exists: a fresh data folder gets no empty file.
  let handle: ReturnType<typeof createDatabase>;
  try {
    handle = createDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.INDBERET_DATA_DIR ?? './data', existing: true });
  } catch (e) {
    if (e instanceof NoDatabaseError) throw new NoData(`${e.message} ${NO_DATA_HINT}`);
    throw e;
  }
  try {
    // A database no service has set up has no tables yet.
    if (!(await handle.db.introspection.getTables()).some((t) => t.name === 'submissions')) throw new NoData(`Der er ingen data: databasen er ikke sat op. ${NO_DATA_HINT}`);
    const stored = await countSubmittedReports(handle.db, round.id, report.formName);
    const data = await loadDatasets(handle.db, report, round, { respondents: report.population.list, ...(linkTo ? { linkTo } : {}) });
    const prev = registry.previous(round.id);
    const prevForm = prev ? reportOf(prev).report?.formName : undefined;
    const previous = prev && prevForm ? { round: prev, reports: await loadSubmittedReports(handle.db, prev.id, prevForm), carry: carryInto(round, report.formName) } : undefined;
    return { data, stored, ...(previous && previous.reports.length > 0 ? { previous } : {}) };
  } catch (e) {
    if (e instanceof NoData) throw e;
    throw new Error(`databasen kan ikke læses: ${(e as Error).message}`);
  } finally {
    await handle.destroy();
  }
}

/** There are no reports to read; a finding (exit 1), not a usage error. */
class NoData extends Error {}

const NO_DATA_HINT = 'Start tjenesten (npm start), fyld demo-data i (indberet demo-data --round RUNDE), eller læs indberetningerne fra en fil med --input FIL.json.';

/** How many reports count (the latest per municipality) and how many were superseded by a later one. */
function counted(report: CompiledReport, source: Source): string {
  let latest: number;
  let all: number;
  if ('reports' in source) {
    latest = latestReports(source.reports, report.population.byKey).size;
    all = source.reports.length;
  } else {
    // Each respondent with a report has one single row or one total row in every dataset.
    const rows = source.data.values().next().value ?? [];
    latest = rows.reduce((n, r) => n + (r.$kind === 'single' || r.$kind === 'total' ? 1 : 0), 0);
    all = source.stored;
  }
  const superseded = all - latest;
  return `${latest} indberetninger${superseded > 0 ? `, ${superseded} erstattet af en senere` : ''}`;
}

function documentNamed(report: CompiledReport, name: string | undefined, kinds: readonly DocumentSpec['kind'][]): [string, DocumentSpec] | string {
  const docs = Object.entries(report.spec.documents ?? {}).filter(([, d]) => kinds.includes(d.kind));
  const hit = name === undefined ? docs[0] : docs.find(([n]) => n === name);
  return hit ?? `Dokumentet "${name ?? ''}" findes ikke i rundens reports.json; kendte: ${docs.map(([n]) => n).join(', ') || 'ingen'}`;
}

async function render(values: Values, registry: Registry, round: Round, report: CompiledReport, form: CompiledForm): Promise<number> {
  if (values.format !== 'html' && values.format !== 'pdf') return fail(`--format skal være html eller pdf\n${USAGE}`);
  const found = documentNamed(report, values.template, ['notat', 'tabel', 'respondent']);
  if (typeof found === 'string') return fail(found);
  const [name, doc] = found;
  const templates = await loadRoundTemplates(values.schemas ?? 'schemas', round);
  if (!templates.set) return fail(templates.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'), 1);
  const template = doc.template ?? doc.kind;
  if (!templates.set.has(template)) return fail(`Skabelonen "${template}" findes ikke; kendte: ${templates.set.names.join(', ')}`);
  if (doc.kind === 'respondent' && !values.respondent) return fail(`Dokumentet "${name}" viser én ${report.population.words.one}: angiv --respondent med en kode fra runden.`);
  const bar = progress(values, values.format === 'pdf' ? 4 : 3, doc.title);
  const source = await reportsOf(values, registry, round, report, form);
  const { previous } = source;
  const given: { reports: readonly SubmittedReport[] } | { data: DatasetRows } = 'reports' in source ? { reports: source.reports } : { data: source.data };
  bar.update(1);
  const generatedAt = values.tidspunkt ?? new Date().toISOString();
  let context: unknown;
  if (doc.kind === 'notat') context = await buildMemoContext({ report, round, ...given, generatedAt, ...(previous ? { previous } : {}) });
  else {
    const rows = 'data' in given ? { rows: given.data.get(doc.dataset!)! } : given;
    const table = buildTable({ report, round, dataset: doc.dataset!, ...rows, ...(doc.filters ? { filters: doc.filters } : {}) });
    if (doc.kind === 'tabel') context = buildTableView(table, round, {}, { title: doc.title, generatedAt });
    else {
      context = buildRespondentContext(report, table, round, values.respondent!, { title: doc.title, generatedAt });
      if (!context) return fail(`"${values.respondent!}" er ikke en ${report.population.words.one} i runde ${round.id}.`);
    }
  }
  bar.update(2);
  const html = templates.set.render(template, context);
  const base = path.join(values.out!, `${name}-${round.id}${values.respondent ? `-${values.respondent}` : ''}`);
  await mkdir(values.out!, { recursive: true });
  let file = `${base}.html`;
  if (values.format === 'pdf') {
    bar.update(3);
    const browser = await launchChromium();
    try {
      file = `${base}.pdf`;
      await writeFile(file, await renderPdf(browser, html));
    } finally {
      await browser.close();
    }
  } else await writeFile(file, html);
  bar.update(values.format === 'pdf' ? 4 : 3);
  bar.stop();
  process.stdout.write(`${file} (${counted(report, source)})\n`);
  return 0;
}

async function table(values: Values, registry: Registry, round: Round, report: CompiledReport, form: CompiledForm): Promise<number> {
  const format = values.format;
  if (format !== 'csv' && format !== 'xlsx' && format !== 'json') return fail(`--format skal være csv, xlsx eller json\n${USAGE}`);
  const found = documentNamed(report, values.template, ['tabel']);
  if (typeof found === 'string') return fail(found);
  const [name, doc] = found;
  const linkTo = respondentLink(report, round.id, values['base-url'] ?? process.env.INDBERET_PUBLIC_URL);
  const source = await reportsOf(values, registry, round, report, form, linkTo);
  const bar = progress(values, report.population.list.length, doc.title);
  const built = buildTable({
    report,
    round,
    dataset: doc.dataset!,
    ...('reports' in source ? { reports: source.reports } : { rows: source.data.get(doc.dataset!)! }),
    ...(doc.filters ? { filters: doc.filters } : {}),
    ...(linkTo ? { linkTo } : {}),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  const generatedAt = values.tidspunkt ?? new Date().toISOString();
  const facts = roundFacts(round, report.formName);
  await mkdir(values.out!, { recursive: true });
  const file = path.join(values.out!, `${name}-${round.id}.${format}`);
  if (format === 'csv') {
    await writeFile(file, tableToCsv(built));
    await writeFile(path.join(values.out!, `${name}-dataordbog-${round.id}.csv`), dictionaryToCsv(built.columns));
  } else if (format === 'xlsx') await writeFile(file, await tableToXlsx(built, facts));
  else await writeFile(file, tableToJson(built, facts, generatedAt));
  process.stdout.write(`${file} (${built.rows.length} rækker)\n`);
  return 0;
}

async function check(values: Values, registry: Registry): Promise<number> {
  const rounds = values.round ? [registry.round(values.round)].filter((r): r is Round => !!r) : [...registry.rounds];
  if (rounds.length === 0) return fail(`Runden "${values.round}" findes ikke.`);
  let count = 0;
  for (const round of rounds) {
    // Every round is checked, whatever its forms are called: first its report spec, then its templates against it.
    const { report, problems: specProblems } = reportOf(round);
    const problems: { file: string; line: number; message: string }[] = specProblems.map((p) => ({ file: p.file, line: 1, message: `${p.pointer || '/'}: ${p.message}` }));
    let templateCount = 0;
    if (report) {
      const templates = await roundTemplateProblems(values.schemas ?? 'schemas', round);
      templateCount = templates.count;
      problems.push(...templates.problems);
    }
    for (const p of problems) process.stderr.write(`${path.relative(process.cwd(), p.file) || p.file}:${p.line}: ${p.message}\n`);
    count += problems.length;
    if (problems.length === 0 && report) {
      const columns = [...report.datasets.values()].reduce((n, d) => n + d.columns.length, 0);
      process.stdout.write(`Runde ${round.id}: rapportspecifikationen (${report.figures.length} tal, ${columns} kolonner, ${report.charts.length} diagrammer) og ${templateCount} skabeloner er i orden.\n`);
    }
  }
  return count > 0 ? 1 : 0;
}

/**
 * `indberet report render|table|check`: the memo and the published table from stored (or
 * file) reports, and the template check. 0 done, 1 a finding (template or schema problem), 2 usage.
 * @param args the arguments after `report`
 * @returns the exit code
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let values: Values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        round: { type: 'string' },
        template: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        schemas: { type: 'string' },
        input: { type: 'string' },
        'forrige-input': { type: 'string' },
        respondent: { type: 'string' },
        'base-url': { type: 'string' },
        tidspunkt: { type: 'string' },
        stille: { type: 'boolean' },
      },
    }));
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (sub !== 'render' && sub !== 'table' && sub !== 'check') return fail(USAGE, sub === undefined || sub === '--help' ? 0 : 2);
  if (values.tidspunkt !== undefined && Number.isNaN(Date.parse(values.tidspunkt))) return fail('--tidspunkt skal være et ISO-tidspunkt.');
  let registry: Registry;
  try {
    registry = await loadRounds(values.schemas ?? 'schemas');
  } catch (e) {
    return fail(e instanceof RoundLoadError ? e.message : String(e));
  }
  if (sub === 'check') return check(values, registry);
  if (!values.round || !values.out) return fail(USAGE);
  const round = registry.round(values.round);
  if (!round) return fail(`Runden "${values.round}" findes ikke.`);
  const { report, problems } = reportOf(round);
  if (!report) return fail(problems.map((p) => `${p.file}${p.pointer ? `#${p.pointer}` : ''}: ${p.message}`).join('\n'), 1);
  const form = round.forms.get(report.formName)!;
  try {
    return sub === 'render' ? await render(values, registry, round, report, form) : await table(values, registry, round, report, form);
  } catch (e) {
    return fail((e as Error).message, e instanceof NoData ? 1 : 2);
  }
}
