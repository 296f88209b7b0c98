import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateTypes } from '../../engine/typegen.ts';
import { loadRounds, RoundLoadError } from '../../engine/node.ts';

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
  const out = values.out ?? TYPES_FILE;
  let text: string;
  try {
    text = await generateTypes(await loadRounds(values.schemas ?? 'schemas'));
  } catch (e) {
    process.stderr.write(`${e instanceof RoundLoadError ? e.message : String(e)}\n`);
    return 2;
  }
  if (values.check) {
    const current = await readFile(out, 'utf8').catch(() => '');
    if (current === text) {
      process.stdout.write(`${out} er opdateret.\n`);
      return 0;
    }
    process.stderr.write(`${out} er forældet i forhold til skemaerne: kør "npx indberet typegen" og commit resultatet.\n`);
    return 1;
  }
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, text);
  process.stdout.write(`Skrev ${out}.\n`);
  return 0;
}
