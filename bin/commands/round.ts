import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase } from '../../engine/db/index.ts';
import { copyRound, CopyRoundError, diffForms, dryRun, loadRounds, RoundLoadError, type Registry } from '../../engine/node.ts';
import { listSubmitted } from '../../engine/workflows/index.ts';

const USAGE = `Brug:
  indberet round copy <fra> <til>      kopiér en runde, fx indberet round copy 2024 2025
  indberet round diff <fra> <til>      ændringer i formularerne; exit 1 ved brudte ændringer
  indberet round dry-run <runde>       valider sidste års indsendte svar mod rundens formularer
Fælles: --schemas mappe (standard: schemas)
`;

async function registryOf(schemas: string): Promise<Registry | undefined> {
  try {
    return await loadRounds(schemas);
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return undefined;
  }
}

/** `indberet round copy|diff|dry-run`: 0 ok, 1 breaking changes or failing answers, 2 usage error. */
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
    const registry = await registryOf(schemas);
    if (!registry) return 2;
    const from = registry.round(a);
    const to = registry.round(b);
    if (!from || !to) {
      process.stderr.write(`Runden ${from ? b : a} findes ikke.\n`);
      return 2;
    }
    let breaking = 0;
    const all: Record<string, unknown> = {};
    for (const [name, form] of to.forms) {
      const old = from.forms.get(name);
      if (!old) {
        process.stdout.write(`${name}: ny formular\n`);
        continue;
      }
      const changes = diffForms(old.schema, form.schema);
      all[name] = changes;
      breaking += changes.filter((c) => c.breaking).length;
      if (values.json) continue;
      process.stdout.write(`${name}: ${changes.length === 0 ? 'ingen ændringer' : `${changes.length} ændringer`}\n`);
      for (const c of changes) process.stdout.write(`  ${c.breaking ? 'BRYDER ' : 'tilføjer'} ${c.path}: ${c.message}\n`);
    }
    for (const name of from.forms.keys()) {
      if (!to.forms.has(name)) {
        breaking++;
        process.stdout.write(`${name}: formularen er fjernet\n`);
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    return breaking > 0 ? 1 : 0;
  }

  if (verb === 'dry-run' && a && positionals.length === 2) {
    const registry = await registryOf(schemas);
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
        const earlier = (await listSubmitted(handle.db, previous.id, name)).map((r) => ({ label: r.kommunekode, answers: r.answers }));
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

  process.stderr.write(USAGE);
  return 2;
}
