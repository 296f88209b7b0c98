import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildMemoContext, carryInto, fillDemoData, loadDatasets, loadSubmittedReports, reportOf, type Andel, type MemoContext } from '../../reports/index.ts';
import { runCli as indberet } from '../helpers/run-cli.ts';
import { forEachDialect, type TestDatabaseRef } from '../helpers/test-database.ts';
import { SCHEMAS_DIR, testRegistry } from '../helpers/test-registry.ts';
import { parseDanishCsv } from './parse-danish-csv.ts';

const NOW = new Date('2026-01-10T12:00:00Z');

// What the memo says about one round, worked out here from the stored answers and round.json
// alone: the equal-composition verdict is decided again from the counts, not read from the
// values the engine computed and stored.
interface Level {
  kvinder: number;
  maend: number;
}
interface Unit {
  niveau1: Level;
  niveau2: Level;
  maaltal?: { fastsat: boolean };
  politik?: { findes: boolean };
  tidligereMaal: { status: string };
}
interface Headline {
  indberettet: number;
  andelKvinder: number;
  ligelig: number;
  medMaaltal: number;
  medPolitik: number;
  opfyldt: number;
  under20: number;
}

async function headline(db: TestDatabaseRef['db'], roundId: string): Promise<Headline> {
  const settings = JSON.parse(await readFile(path.join(SCHEMAS_DIR, roundId, 'round.json'), 'utf8')) as {
    ligelig: { minimum: Record<string, number>; andelFraAntal: number; andel: number };
  };
  const population = (await readFile(path.join(SCHEMAS_DIR, roundId, 'kommuner.csv'), 'utf8')).trim().split('\n').length - 1;
  const stored = await db
    .selectFrom('submissions')
    .select(['answers'])
    .where('round_id', '=', roundId)
    .where('form_name', '=', 'maaltal')
    .where('status', '=', 'submitted')
    .execute();
  const equal = (k: number, m: number): boolean => {
    const n = k + m;
    if (n < 2) return false;
    const least = n < settings.ligelig.andelFraAntal ? settings.ligelig.minimum[String(n)]! : Math.round(n * settings.ligelig.andel);
    return Math.min(k, m) >= least;
  };
  let women = 0;
  let persons = 0;
  let equalCount = 0;
  const notEqual: Unit[][] = [];
  const earlier: Unit[][] = [];
  const shares: number[] = [];
  for (const { answers } of stored) {
    const units = (JSON.parse(answers) as { enheder: Unit[] }).enheder;
    const k = units.reduce((s, u) => s + u.niveau1.kvinder + u.niveau2.kvinder, 0);
    const n = units.reduce((s, u) => s + u.niveau1.kvinder + u.niveau2.kvinder + u.niveau1.maend + u.niveau2.maend, 0);
    women += k;
    persons += n;
    if (n > 0) shares.push((100 * k) / n);
    const unequal = units.filter((u) => !equal(u.niveau1.kvinder + u.niveau2.kvinder, u.niveau1.maend + u.niveau2.maend));
    if (unequal.length === 0) equalCount++;
    else notEqual.push(unequal);
    const withTarget = units.filter((u) => u.tidligereMaal.status !== 'intet');
    if (withTarget.length > 0) earlier.push(withTarget);
  }
  const pct = (a: number, b: number): number => (100 * a) / b;
  return {
    indberettet: pct(stored.length, population),
    andelKvinder: pct(women, persons),
    ligelig: pct(equalCount, stored.length),
    medMaaltal: pct(notEqual.filter((us) => us.every((u) => u.maaltal?.fastsat === true)).length, notEqual.length),
    medPolitik: pct(notEqual.filter((us) => us.every((u) => u.politik?.findes === true)).length, notEqual.length),
    opfyldt: pct(earlier.filter((us) => us.every((u) => u.tidligereMaal.status === 'opfyldt')).length, earlier.length),
    under20: pct(shares.filter((s) => s < 20).length, shares.length),
  };
}

/** The memo's row label for each headline figure, as the 2025 memo template writes it. */
const ROWS: Record<keyof Headline, string> = {
  indberettet: 'Kommuner, der har indberettet',
  andelKvinder: 'Andel kvinder i den øverste ledelse',
  ligelig: 'Ligelig kønssammensætning',
  medMaaltal: 'Måltal blandt kommuner uden ligelig sammensætning',
  medPolitik: 'Politik blandt kommuner uden ligelig sammensætning',
  opfyldt: 'Tidligere måltal nået',
  under20: 'Under 20 % kvinder',
};

// "+4,1 procentpoint", "−0,3", "93,9 %", "92 (93,9 %)": the last Danish number in a cell, signed.
const lastNumber = (cell: string): number => {
  const all = [...cell.matchAll(/([+\u2212-]?)(\d{1,3}(?:\.\d{3})*(?:,\d+)?)/g)];
  const m = all.at(-1);
  if (!m) throw new Error(`no number in "${cell}"`);
  return (m[1] === '\u2212' || m[1] === '-' ? -1 : 1) * Number(m[2]!.replaceAll('.', '').replace(',', '.'));
};

/** The year-over-year table of a rendered memo: row label → [previous, this round, change] cells. */
function developmentTable(html: string): Map<string, string[]> {
  const section = html.slice(html.indexOf('<h2 id="udvikling">'), html.indexOf('<h2 id="metode">'));
  const rows = new Map<string, string[]>();
  for (const m of section.matchAll(/<tr><th scope="row">([^<]+)<\/th>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)) {
    rows.set(m[1]!, [...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!));
  }
  return rows;
}

forEachDialect('the 2025 memo compares with 2024 from the store', (t) => {
  let out: string;
  let env: Record<string, string>;
  let before: Headline;
  let after: Headline;
  beforeAll(async () => {
    const registry = await testRegistry();
    const deps = { db: t.db, registry, clock: () => NOW };
    expect(await fillDemoData(deps, { roundId: '2024', seed: 24, missing: 7 })).toMatchObject({ ok: true, submitted: 91 });
    expect(await fillDemoData(deps, { roundId: '2025', seed: 25, missing: 2 })).toMatchObject({ ok: true, submitted: 96 });
    before = await headline(t.db, '2024');
    after = await headline(t.db, '2025');
    out = await mkdtemp(path.join(tmpdir(), 'indberet-yoy-'));
    const o = t.handle.options;
    env = o.url ? { DATABASE_URL: o.url } : { INDBERET_DATA_DIR: o.dataDir! };
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('has figures that differ between the years, so a comparison can show a change', () => {
    expect(before.indberettet).not.toBe(after.indberettet);
    expect(before.andelKvinder).not.toBe(after.andelKvinder);
  });

  it('builds the 2025 memo with every headline figure of 2024 beside it and the change', async () => {
    const registry = await testRegistry();
    const round = registry.round('2025')!;
    const report = reportOf(round).report!;
    // As the service's previews and the command line do: this round page by page, the round
    // round.json names as previous carried into this round's form.
    const prev = registry.previous('2025')!;
    expect(prev.id).toBe('2024');
    const data = await loadDatasets(t.db, report, round, { respondents: report.population.list });
    const previous = { round: prev, reports: await loadSubmittedReports(t.db, '2024', report.formName), carry: carryInto(round, report.formName) };
    const ctx: MemoContext = await buildMemoContext({ report, round, data, generatedAt: NOW.toISOString(), previous, charts: false });
    expect(ctx.forrige).toEqual({ runde: { id: '2024', titel: prev.title } });
    expect(ctx.runde).toMatchObject({ id: '2025', aar: 2025, indberetningsaar: 2024 });
    for (const key of Object.keys(ROWS) as (keyof Headline)[]) {
      const f = ctx.figurer[key]!;
      const value = (v: unknown): number => ((v as Partial<Andel>).andel ?? (v as { vaerdi: number }).vaerdi) as number;
      expect(value(f), key).toBeCloseTo(after[key], 9);
      expect(f.forrige, key).not.toBeNull();
      expect(value(f.forrige), key).toBeCloseTo(before[key], 9);
      expect(f.aendring, key).toBeCloseTo(after[key] - before[key], 9);
    }
  });

  it('renders the 2025 memo from the command line with the year-over-year table', async () => {
    const memo = await indberet(['report', 'render', '--round', '2025', '--template', 'notat', '--format', 'html', '--out', out, '--tidspunkt', '2025-06-14T10:00:00Z', '--stille'], env);
    expect(memo.stderr).toBe('');
    expect(memo.code).toBe(0);
    expect(memo.stdout).toContain('(96 indberetninger)');
    const html = await readFile(path.join(out, 'notat-2025.html'), 'utf8');
    expect(html).toContain('Nøgletalsnotat: Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2025');
    expect(html).toContain('Indberetningsåret er 2024.');
    expect(html).toContain('<caption>Ændring fra Måltal og politikker for kønssammensætning i kommunernes øverste ledelse 2024</caption>');
    expect(html).not.toContain('Der er ingen tidligere runde at sammenligne med.');
    const rows = developmentTable(html);
    expect([...rows.keys()]).toEqual(Object.values(ROWS));
    // Shown with one decimal: each cell is the independent figure rounded.
    for (const [key, label] of Object.entries(ROWS) as [keyof Headline, string][]) {
      const [then, now, diff] = rows.get(label)!;
      expect(Math.abs(lastNumber(then!) - before[key]), `${label}: ${then}`).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(lastNumber(now!) - after[key]), `${label}: ${now}`).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(lastNumber(diff!) - (after[key] - before[key])), `${label}: ${diff}`).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    expect(rows.get(ROWS.indberettet)).toEqual([expect.stringMatching(/^91 /), expect.stringMatching(/^96 /), expect.stringContaining('procentpoint')]);
  }, 120_000);

  it('writes the 2025 table as CSV with its data dictionary, XLSX and JSON, each row of reporting year 2024', async () => {
    const csv = await indberet(['report', 'table', '--round', '2025', '--format', 'csv', '--out', out, '--stille'], env);
    expect(csv.code).toBe(0);
    const rows = parseDanishCsv(await readFile(path.join(out, 'tabel-2025.csv'), 'utf8'));
    const header = rows[0]!;
    const year = header.indexOf('Indberetningsår');
    expect(year).toBeGreaterThan(-1);
    const body = rows.slice(1);
    expect(new Set(body.map((r) => r[0])).size).toBe(98);
    expect(body.every((r) => r[year] === '2024')).toBe(true);
    const dictionary = parseDanishCsv(await readFile(path.join(out, 'tabel-dataordbog-2025.csv'), 'utf8'));
    expect(dictionary.length - 1).toBe(header.length);

    const json = await indberet(['report', 'table', '--round', '2025', '--format', 'json', '--out', out, '--stille'], env);
    expect(json.code).toBe(0);
    const data = JSON.parse(await readFile(path.join(out, 'tabel-2025.json'), 'utf8')) as { raekker: unknown[] };
    expect(data.raekker).toHaveLength(body.length);

    const xlsx = await indberet(['report', 'table', '--round', '2025', '--format', 'xlsx', '--out', out, '--stille'], env);
    expect(xlsx.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(out, 'tabel-2025.xlsx'));
    const sheet = book.worksheets[0]!;
    expect(sheet.actualRowCount - 1).toBe(body.length);
    expect(book.worksheets.length).toBeGreaterThan(1);
  }, 120_000);
});
