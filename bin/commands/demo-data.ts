import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDatabase } from '../../engine/db/index.ts';
import { loadRounds, RoundLoadError } from '../../engine/node.ts';
import { fillDemoData } from '../../reports/index.ts';

const USAGE = `Brug: indberet demo-data --round 2024 [--seed 1] [--mangler 0] [--form NAVN] [--schemas schemas] [--stille]

Fylder runden med en syntetisk, men troværdig population gennem den almindelige gem- og indsend-
proces (validering og lagring som en respondents egen indberetning). Svarene dannes ud fra
formularens skema (og dens eventuelle x-demo-hint) for hver respondent i rundens respondenttabel.
Uden --form fyldes den formular, rundens rapportspecifikation læser, ellers hver formular med et
respondentfelt. Samme --seed giver samme data; --mangler N lader N respondenter være uden
indberetning. Databasen vælges som af serve: DATABASE_URL eller INDBERET_DATA_DIR.
`;

/**
 * `indberet demo-data`: migrates the database, then fills a round with synthetic reports.
 * @param args the arguments after `demo-data`
 * @returns 0 done, 1 a report was refused, 2 usage or configuration error
 */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        round: { type: 'string' },
        seed: { type: 'string' },
        mangler: { type: 'string' },
        form: { type: 'string' },
        schemas: { type: 'string' },
        stille: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const seed = Number(values.seed ?? '1');
  const missing = Number(values.mangler ?? '0');
  if (!values.round || !Number.isInteger(seed) || !Number.isInteger(missing) || missing < 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  let registry;
  try {
    registry = await loadRounds(values.schemas ?? process.env.INDBERET_SCHEMAS_DIR ?? 'schemas');
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return 2;
  }
  const handle = createDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.INDBERET_DATA_DIR ?? './data' });
  const bar = values.stille || !process.stderr.isTTY ? undefined : new cliProgress.SingleBar({ stream: process.stderr, format: 'Demodata [{bar}] {value}/{total}' }, cliProgress.Presets.shades_classic);
  try {
    const migrated = await handle.migrate();
    if (!migrated.ok) {
      process.stderr.write(`Databasen kan ikke opdateres: ${migrated.error}\n`);
      return 2;
    }
    let started = false;
    const result = await fillDemoData(
      { db: handle.db, registry, clock: () => new Date() },
      {
        roundId: values.round,
        seed,
        missing,
        formName: values.form,
        onProgress: (done, total) => {
          if (!started) bar?.start(total, 0);
          started = true;
          bar?.update(done);
        },
      },
    );
    bar?.stop();
    if (!result.ok) {
      process.stderr.write(`${result.message}\n`);
      return 1;
    }
    process.stdout.write(
      `Runde ${values.round} (${result.forms.join(', ')}): ${result.submitted} indberetninger indsendt, ${result.skipped} fandtes allerede` +
        (result.missing.length > 0 ? `, uden indberetning: ${result.missing.join(', ')}` : '') +
        '.\n',
    );
    return 0;
  } finally {
    bar?.stop();
    await handle.destroy();
  }
}
