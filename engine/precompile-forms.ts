import type { Ajv } from 'ajv';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { createAjv, dialectOf } from './create-ajv.ts';
import type { CompiledForm, JsonSchema } from './types.ts';

type StandaloneCode = (ajv: Ajv, refs: Record<string, string>) => string;
const standaloneCode = ((standaloneCodeModule as unknown as { default?: StandaloneCode }).default ??
  standaloneCodeModule) as unknown as StandaloneCode;

function ifPointers(node: unknown, pointer: string, out: string[]): string[] {
  if (Array.isArray(node)) node.forEach((v, i) => ifPointers(v, `${pointer}/${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k === 'if' && v && typeof v === 'object' && !Array.isArray(v)) out.push(p);
      // Values of `const`, `enum`, `default` and `x-` keywords are data, not subschemas.
      if (k !== 'const' && k !== 'enum' && k !== 'default' && k !== 'examples' && !k.startsWith('x-')) ifPointers(v, p, out);
    }
  }
  return out;
}

/** The key a precompiled validator is exported under: form name, `#`, JSON Pointer. */
export const precompiledKey = (formName: string, pointer: string): string => `${formName}#${pointer}`;

/**
 * Generates one ES module holding validators for the given forms and every `if` inside them, with
 * the same options and vocabulary as the server, each form in its own dialect (draft-07 forms get
 * draft-07 validators) and reading `format` as the form does (`CompiledForm.formats`). The browser bundles it and passes
 * `(pointer) => validators[precompiledKey(name, pointer)]` as `precompiled` to `compileForm`.
 * @param forms compiled forms (their expanded schemas are used)
 * @param resources documents the forms refer to by URI (as given to `compileForm`)
 * @returns JavaScript source of an ES module exporting `validators`, keyed by {@link precompiledKey}
 */
export function precompileForms(forms: readonly CompiledForm[], resources: Readonly<Record<string, unknown>> = {}): string {
  const imports: string[] = [];
  const chunks: string[] = [];
  const keys: Record<string, string> = {};
  let count = 0;
  for (const [dialect, formats] of [['2020-12', 'assert'], ['2020-12', 'annotate'], ['draft-07', 'assert'], ['draft-07', 'annotate']] as const) {
    const group = forms.filter((f) => dialectOf(f.schema) === dialect && (f.formats ?? 'assert') === formats);
    if (group.length === 0) continue;
    // The engine's relaxed instance, emitting source: the browser decides exactly as the server does,
    // `format` included (a form compiled to only annotate it gets validators that do not check it).
    const ajv = createAjv(dialect, true, { code: { source: true, esm: true, lines: false }, ...(formats === 'annotate' ? { validateFormats: false } : {}) });
    // ES module export names must be identifiers, so validators are named v0, v1, … and gathered
    // into one `validators` object keyed by form name and pointer.
    // A document that declares no dialect serves either.
    for (const [uri, doc] of Object.entries(resources)) {
      if (typeof (doc as JsonSchema).$schema !== 'string' || dialectOf(doc) === dialect) ajv.addSchema(structuredClone(doc) as JsonSchema, uri);
    }
    const refs: Record<string, string> = {};
    const chunk = `c${chunks.length}`;
    for (const form of group) {
      const schema = form.schema as JsonSchema;
      ajv.addSchema(structuredClone(schema) as JsonSchema);
      for (const p of ['', ...ifPointers(schema, '', [])]) {
        const name = `v${count++}`;
        refs[name] = p === '' ? form.id : `${form.id}#${p}`;
        keys[precompiledKey(form.name, p)] = `${chunk}.${name}`;
      }
    }
    // ajv emits CommonJS `require` calls for its runtime helpers even in ESM mode; turn them into imports.
    const code = standaloneCode(ajv, refs).replace(/require\("([^"]+)"\)(\.default)?/g, (_m, mod: string, dflt?: string) => {
      const name = `runtime${imports.length}`;
      // CommonJS interop differs between Node and bundlers: accept the default export at either depth.
      imports.push(`import * as ${name}ns from ${JSON.stringify(`${mod}.js`)};`);
      imports.push(
        dflt
          ? `const ${name} = ${name}ns.default && ${name}ns.default.default ? ${name}ns.default.default : ${name}ns.default;`
          : `const ${name} = ${name}ns.default ?? ${name}ns;`,
      );
      return name;
    });
    // Each dialect's code in a scope of its own: both name their functions validate0, validate1, …
    chunks.push(`const ${chunk} = (() => { const out = {}; ${code.replace(/export const (v\d+) = /g, 'out.$1 = ')}\nreturn out; })();`);
  }
  const entries = Object.entries(keys).map(([k, v]) => `${JSON.stringify(k)}: ${v}`);
  return `${imports.join('\n')}\n${chunks.join('\n')}\nexport const validators = {${entries.join(', ')}};\n`;
}
