import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadRounds, RoundLoadError, type Lang } from '../../engine/node.ts';

const USAGE = 'Brug: indberet validate --round 2024 --form SKEMA [--lang da|en] [--schemas mappe] svar.json\n';

/** `indberet validate`: 0 valid, 1 invalid (issues printed), 2 usage or schema error. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        round: { type: 'string' },
        form: { type: 'string' },
        lang: { type: 'string' },
        schemas: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const lang = (values.lang ?? 'da') as Lang;
  if (!values.round || !values.form || positionals.length !== 1 || (lang !== 'da' && lang !== 'en')) {
    process.stderr.write(USAGE);
    return 2;
  }
  let registry;
  try {
    registry = await loadRounds(values.schemas ?? 'schemas');
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return 2;
  }
  const form = registry.form(values.round, values.form);
  if (!form) {
    process.stderr.write(`Runden "${values.round}" har ingen formular "${values.form}".\n`);
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(positionals[0] as string, 'utf8'));
  } catch (e) {
    process.stderr.write(`${positionals[0]}: kan ikke læse JSON: ${(e as Error).message}\n`);
    return 2;
  }
  const result = form.validate(data, { lang });
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.ok) process.stdout.write(lang === 'da' ? 'Gyldig.\n' : 'Valid.\n');
  else for (const i of result.issues) process.stdout.write(`${i.path || '/'}: ${i.message} [${i.keyword}]\n`);
  return result.ok ? 0 : 1;
}
