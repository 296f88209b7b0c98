import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../../engine/db/index.ts';
import { copyRound, CopyRoundError, dryRun, loadRounds, RoundLoadError, type Registry } from '../../engine/node.ts';
import { diffRoundReports, REPORT_SPEC_FILE } from '../../reports/index.ts';
import { diffRound, isFileName, loadStoredRounds, readRoundSources } from '../../engine/rounds/index.ts';
import { listSubmitted } from '../../engine/workflows/index.ts';

const ROUND_FILE = 'round.json';

const USAGE = `Brug:
  indberet round copy <fra> <til>      kopiér en runde, fx indberet round copy 2024 2025
  indberet round diff <fra> <til>      ændringer i formularerne, round.json og rapportspecifikationen; exit 1 ved brudte ændringer
  indberet round dry-run <runde>       valider sidste års indsendte svar mod rundens formularer
  indberet round export <runde>        skriv en runde fra databasen (oprettet i administrationen) til schemas/<runde>
Fælles: --schemas mappe (standard: schemas). Runder offentliggjort i administrationen læses fra
databasen (DATABASE_URL eller INDBERET_DATA_DIR), når de ikke findes som filer.
`;

async function registryOf(schemas: string, needed: readonly string[] = []): Promise<Registry | undefined> {
  let registry: Registry;
  try {
    registry = await loadRounds(schemas);
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return undefined;
  }
  // A round published in the admin pages lives in the database, not in schemas/.
  if (needed.some((id) => !registry.round(id))) {
    const handle = createDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.INDBERET_DATA_DIR });
    try {
      const migrated = await handle.migrate();
      const loaded = migrated.ok ? await loadStoredRounds({ db: handle.db, registry }) : undefined;
      if (loaded && !loaded.ok) process.stderr.write(`Runde ${String(loaded.params?.roundId ?? '')} i databasen kan ikke indlæses (${loaded.code}).\n`);
    } finally {
      await handle.destroy();
    }
  }
  return registry;
}

/** `indberet round copy|diff|dry-run|export`: 0 ok, 1 breaking changes or failing answers, 2 usage error. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { schemas: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [verb, a, b] = positionals;
  const schemas = values.schemas ?? 'schemas';

  if (verb === 'copy' && a && b && positionals.length === 3) {
    try {
      const dir = await copyRound(schemas, a, b);
      process.stdout.write(`Runden ${b} er oprettet i ${path.relative(process.cwd(), dir) || dir} som kopi af ${a}.\n`);
      return 0;
    } catch (e) {
      if (e instanceof CopyRoundError) {
        process.stderr.write(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
  }

  if (verb === 'diff' && a && b && positionals.length === 3) {
    const registry = await registryOf(schemas, [a, b]);
    if (!registry) return 2;
    const from = registry.round(a);
    const to = registry.round(b);
    if (!from || !to) {
      process.stderr.write(`Runden ${from ? b : a} findes ikke.\n`);
      return 2;
    }
    // The same diff the admin pages show, printed for a terminal.
    const diff = diffRound(from, to, { reportSpec: diffRoundReports });
    const all: Record<string, unknown> = {};
    const out = (line: string): void => {
      // --json prints one JSON document.
      if (!values.json) process.stdout.write(`${line}\n`);
    };
    for (const f of diff.forms) {
      if (f.status === 'added') out(`${f.name}: ny formular`);
      else if (f.status === 'removed') out(`${f.name}: formularen er fjernet`);
      else {
        all[f.name] = f.changes;
        out(`${f.name}: ${f.changes.length === 0 ? 'ingen ændringer' : `${f.changes.length} ændringer`}`);
        for (const c of f.changes) out(`  ${c.breaking ? 'BRYDER ' : 'tilføjer'} ${c.path}: ${c.message}`);
      }
    }
    // round.json: dates, tables, respondents, the forms list, every other setting, by JSON Pointer.
    all[ROUND_FILE] = diff.settings;
    out(`${ROUND_FILE}: ${diff.settings.length === 0 ? 'ingen ændringer' : `${diff.settings.length} ændringer`}`);
    const verbs = { added: 'tilføjer', removed: 'fjerner', changed: 'ændrer' } as const;
    for (const c of diff.settings) out(`  ${(c.breaking ? 'BRYDER' : verbs[c.kind]).padEnd(8)} ${c.pointer}: ${c.message}`);
    // The report spec: what the analyst changed, and what in it no longer fits the new forms.
    const spec = diff.reportSpec ?? { changes: [], problems: [] };
    all[REPORT_SPEC_FILE] = spec;
    if (diff.reportSpec) {
      out(`${REPORT_SPEC_FILE}: ${spec.changes.length === 0 ? 'ingen ændringer' : `${spec.changes.length} ændringer`}`);
      for (const c of spec.changes) out(`  ${c.change} ${c.pointer || '/'}: ${c.message}`);
      for (const p of spec.problems) out(`  BRYDER ${p.pointer || '/'}: ${p.message}`);
    }
    if (values.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    return diff.breaking > 0 ? 1 : 0;
  }

  if (verb === 'dry-run' && a && positionals.length === 2) {
    const registry = await registryOf(schemas, [a]);
    if (!registry) return 2;
    const round = registry.round(a);
    const previous = registry.previous(a);
    if (!round || !previous) {
      process.stderr.write(round ? `Runden ${a} har ingen tidligere runde.\n` : `Runden ${a} findes ikke.\n`);
      return 2;
    }
    const handle = createDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.INDBERET_DATA_DIR });
    let failing = 0;
    try {
      await handle.migrate();
      for (const [name, form] of round.forms) {
        if (!previous.forms.has(name)) continue;
        const earlier = (await listSubmitted(handle.db, previous.id, name)).map((r) => ({ label: r.code, answers: r.answers }));
        const report = dryRun(earlier, form);
        failing += report.invalid;
        if (values.json) {
          process.stdout.write(`${JSON.stringify({ form: name, ...report }, null, 2)}\n`);
          continue;
        }
        process.stdout.write(`${name}: ${report.valid} af ${report.total} svar fra ${previous.id} er gyldige i ${round.id}\n`);
        for (const i of report.issues) process.stdout.write(`  ${String(i.count).padStart(4)} × ${i.path}: ${i.message}\n`);
      }
    } finally {
      await handle.destroy();
    }
    return failing > 0 ? 1 : 0;
  }

  if (verb === 'export' && a && positionals.length === 2) {
    const to = path.join(schemas, a);
    if (await stat(to).catch(() => null)) {
      process.stderr.write(`${to} findes allerede.\n`);
      return 2;
    }
    const handle = createDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.INDBERET_DATA_DIR });
    try {
      const migrated = await handle.migrate();
      const found = migrated.ok ? await readRoundSources({ db: handle.db, schemasDir: schemas }, a) : undefined;
      if (!found || found.origin !== 'database') {
        process.stderr.write(`Runde ${a} findes ikke i databasen.\n`);
        return 2;
      }
      await mkdir(to, { recursive: true });
      for (const [name, text] of Object.entries(found.sources)) {
        if (!isFileName(name)) continue;
        await mkdir(path.dirname(path.join(to, name)), { recursive: true });
        await writeFile(path.join(to, name), text);
      }
      const status = found.stored?.status === 'published' ? `offentliggjort, hash ${found.stored.hash ?? ''}` : 'kladde';
      process.stdout.write(`Runde ${a} (${status}) er skrevet til ${to}: ${Object.keys(found.sources).length} filer.\n`);
      return 0;
    } finally {
      await handle.destroy();
    }
  }

  process.stderr.write(USAGE);
  return 2;
}
