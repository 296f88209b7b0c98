import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDatabase, NoDatabaseError } from '../../engine/db/index.ts';
import { loadRounds, RoundLoadError, type CompiledForm, type Registry, type Round } from '../../engine/node.ts';
import {
  buildDataDictionary,
  buildMemoContext,
  buildMunicipalityContext,
  buildTable,
  buildTableView,
  checkTemplates,
  dictionaryToCsv,
  latestReports,
  launchChromium,
  loadRoundTemplates,
  loadSubmittedReports,
  readReportsInput,
  renderPdf,
  roundFacts,
  tableToCsv,
  tableToJson,
  tableToXlsx,
  TABLE_COLUMNS,
  type SubmittedReport,
} from '../../reports/index.ts';

const USAGE = `Brug:
  indberet report render --round 2024 --template memo --format html|pdf --out MAPPE [--kommune KODE]
  indberet report table  --round 2024 --format csv|xlsx|json --out MAPPE [--base-url URL]
  indberet report check  [--round 2024]

Fælles: --schemas MAPPE (schemas), --input FIL.json (indberetninger fra en fil i stedet for databasen),
--tidspunkt ISO (dannelsestidspunkt, for gentagelige filer), --stille (ingen statuslinje).
Databasen læses som af serve: DATABASE_URL eller INDBERET_DATA_DIR.
`;

type Values = {
  round?: string;
  template?: string;
  format?: string;
  out?: string;
  schemas?: string;
  input?: string;
  kommune?: string;
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

async function reportsOf(values: Values, registry: Registry, round: Round, form: CompiledForm) {
  if (values.input) {
    const read = readReportsInput(JSON.parse(await readFile(values.input, 'utf8')) as unknown, form);
    if ('problems' in read) throw new Error(`${values.input}:\n${read.problems.join('\n')}`);
    return { reports: read.reports };
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
    const reports = await loadSubmittedReports(handle.db, round.id);
    const prev = registry.previous(round.id);
    const previous = prev ? { round: prev, reports: await loadSubmittedReports(handle.db, prev.id) } : undefined;
    return { reports, ...(previous && previous.reports.length > 0 ? { previous } : {}) };
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
function counted(round: Round, reports: readonly SubmittedReport[]): string {
  const latest = latestReports(reports, round.tables.kommuner ?? {}).size;
  const superseded = reports.length - latest;
  return `${latest} indberetninger${superseded > 0 ? `, ${superseded} erstattet af en senere` : ''}`;
}

async function render(values: Values, registry: Registry, round: Round, form: CompiledForm): Promise<number> {
  const name = values.template ?? 'memo';
  if (values.format !== 'html' && values.format !== 'pdf') return fail(`--format skal være html eller pdf\n${USAGE}`);
  const templates = await loadRoundTemplates(values.schemas ?? 'schemas', round);
  if (!templates.set) return fail(templates.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'), 1);
  if (!templates.set.has(name)) return fail(`Skabelonen "${name}" findes ikke; kendte: ${templates.set.names.join(', ')}`);
  const bar = progress(values, values.format === 'pdf' ? 4 : 3, 'Notat');
  const { reports, previous } = await reportsOf(values, registry, round, form);
  bar.update(1);
  const generatedAt = values.tidspunkt ?? new Date().toISOString();
  const kind = templates.set.kind(name);
  let context: unknown;
  if (kind === 'notat') {
    context = buildMemoContext({ round, reports, generatedAt, ...(previous ? { previous } : {}) });
  } else {
    const { table } = buildTable({ round, schema: form.schema, reports });
    if (kind === 'tabel') context = buildTableView(table, round, {}, { generatedAt });
    else {
      context = values.kommune ? buildMunicipalityContext(table, round, values.kommune, generatedAt) : undefined;
      if (!context) return fail('Skabelonen viser én kommune: angiv --kommune med en kommunekode fra runden.');
    }
  }
  bar.update(2);
  const html = templates.set.render(name, context);
  const base = path.join(values.out!, `${name}-${round.id}${values.kommune ? `-${values.kommune}` : ''}`);
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
  process.stdout.write(`${file} (${counted(round, reports)})\n`);
  return 0;
}

async function table(values: Values, registry: Registry, round: Round, form: CompiledForm): Promise<number> {
  const format = values.format;
  if (format !== 'csv' && format !== 'xlsx' && format !== 'json') return fail(`--format skal være csv, xlsx eller json\n${USAGE}`);
  const { reports } = await reportsOf(values, registry, round, form);
  const codes = Object.keys(round.tables.kommuner ?? {}).length;
  const bar = progress(values, codes, 'Tabel');
  const baseUrl = values['base-url']?.replace(/\/$/, '');
  const built = buildTable({
    round,
    schema: form.schema,
    reports,
    ...(baseUrl ? { linkTo: (k: string) => `${baseUrl}/offentlig/${round.id}/kommune/${k}` } : {}),
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  if (built.problems.length > 0) return fail(built.problems.join('\n'), 1);
  const generatedAt = values.tidspunkt ?? new Date().toISOString();
  const facts = roundFacts(round, 'maaltal');
  await mkdir(values.out!, { recursive: true });
  const file = path.join(values.out!, `tabel-${round.id}.${format}`);
  if (format === 'csv') {
    await writeFile(file, tableToCsv(built.table));
    await writeFile(path.join(values.out!, `dataordbog-${round.id}.csv`), dictionaryToCsv(built.table.columns));
  } else if (format === 'xlsx') await writeFile(file, await tableToXlsx(built.table, facts));
  else await writeFile(file, tableToJson(built.table, facts, generatedAt));
  process.stdout.write(`${file} (${built.table.rows.length} rækker)\n`);
  return 0;
}

async function check(values: Values, registry: Registry): Promise<number> {
  const rounds = values.round ? [registry.round(values.round)].filter((r): r is Round => !!r) : [...registry.rounds];
  if (rounds.length === 0) return fail(`Runden "${values.round}" findes ikke.`);
  const columnsFile = path.relative(process.cwd(), new URL('../../reports/table-columns.ts', import.meta.url).pathname);
  const columnsSource = await readFile(columnsFile, 'utf8').catch(() => '');
  let count = 0;
  for (const round of rounds) {
    const form = round.forms.get('maaltal');
    if (!form) continue;
    const templates = await loadRoundTemplates(values.schemas ?? 'schemas', round);
    const problems = [...templates.problems, ...checkTemplates(templates.sources, form.schema)];
    // The published table's columns read fields of the schema too, even when no template prints them.
    for (const message of buildDataDictionary(form.schema).problems) {
      const key = /kolonnen "([^"]+)"/.exec(message)?.[1] ?? '';
      const line = columnsSource.split('\n').findIndex((l) => l.includes(`key: '${key}'`)) + 1;
      problems.push({ file: columnsFile, line: Math.max(1, line), message: `runde ${round.id}: ${message}` });
    }
    for (const p of problems) process.stderr.write(`${path.relative(process.cwd(), p.file) || p.file}:${p.line}: ${p.message}\n`);
    count += problems.length;
    if (problems.length === 0) {
      process.stdout.write(`Runde ${round.id}: ${templates.sources.length} skabeloner og ${TABLE_COLUMNS.length} tabelkolonner er i orden.\n`);
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
        kommune: { type: 'string' },
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
  const form = registry.form(values.round, 'maaltal');
  if (!round || !form) return fail(`Runden "${values.round}" findes ikke eller har ingen indberetningsformular.`);
  try {
    return sub === 'render' ? await render(values, registry, round, form) : await table(values, registry, round, form);
  } catch (e) {
    return fail((e as Error).message, e instanceof NoData ? 1 : 2);
  }
}
