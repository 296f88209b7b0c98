import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateTypes } from '../../engine/typegen.ts';
import { loadRounds, RoundLoadError } from '../../engine/node.ts';
import { CONTEXT_TYPES_FILE, generateContextTypes } from '../../reports/index.ts';

/** Where the generated types live (committed). */
export const TYPES_FILE = 'engine/generated/forms.ts';

/** `indberet typegen [--check] [--schemas DIR] [--out FILE]` */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { check: { type: 'boolean' }, schemas: { type: 'string' }, out: { type: 'string' } },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nBrug: indberet typegen [--check] [--schemas mappe] [--out fil]\n`);
    return 2;
  }
  // The forms' answer types, and the report contexts' types beside them (skipped with --out, which names one file).
  let files: Array<[string, string]>;
  try {
    const registry = await loadRounds(values.schemas ?? 'schemas');
    files = [[values.out ?? TYPES_FILE, await generateTypes(registry)]];
    if (!values.out) files.push([CONTEXT_TYPES_FILE, generateContextTypes(registry)]);
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return 2;
  }
  if (values.check) {
    let stale = 0;
    for (const [out, text] of files) {
      const current = await readFile(out, 'utf8').catch(() => '');
      if (current === text) process.stdout.write(`${out} er opdateret.\n`);
      else {
        stale++;
        process.stderr.write(`${out} er forældet i forhold til skemaerne: kør "npx indberet typegen" og commit resultatet.\n`);
      }
    }
    return stale === 0 ? 0 : 1;
  }
  for (const [out, text] of files) {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
    process.stdout.write(`Skrev ${out}.\n`);
  }
  return 0;
}
