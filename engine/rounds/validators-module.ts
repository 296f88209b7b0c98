import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Round } from '../compile-round.ts';
import { precompileForms } from '../precompile-forms.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The browser's validators for a round created at run time: `precompileForms` (the same generator
 * as the build's `dist/generated/`) bundled with ajv's runtime helpers into one self-contained ES
 * module, so the page loads it as a same-origin script and never evaluates code (strict CSP).
 * It exports `forms`: form name → JSON Pointer → validate function, the shape the build's
 * `rounds[roundId]` has.
 * @param round the compiled round
 * @returns the module's JavaScript text
 */
export async function validatorsModule(round: Round): Promise<string> {
  const forms = [...round.forms.values()];
  const source = precompileForms(forms);
  // The generator names validators by `form#pointer`; regroup them per form for the page's lookup.
  const keys = [...(/export const validators = \{(.*)\};\s*$/s.exec(source)?.[1] ?? '').matchAll(/("(?:[^"\\]|\\.)*"): (v\d+)/g)].map((m) => [
    JSON.parse(m[1]!) as string,
    m[2]!,
  ]);
  const perForm = forms.map((f) => {
    const prefix = `${f.name}#`;
    const entries = keys.filter(([k]) => k!.startsWith(prefix)).map(([k, v]) => `${JSON.stringify(k!.slice(prefix.length))}: ${v}`);
    return `${JSON.stringify(f.name)}: {${entries.join(', ')}}`;
  });
  const result = await build({
    stdin: { contents: `${source}\nexport const forms = {${perForm.join(', ')}};\n`, resolveDir: ROOT, sourcefile: `round-${round.id}-validators.js`, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return `// Generated when round ${round.id} was published. DO NOT EDIT.\n${result.outputFiles[0]!.text}`;
}
