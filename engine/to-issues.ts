import type { ErrorObject } from 'ajv';
import { keywordMessage } from './messages.ts';
import type { Issue, JsonSchema, Lang, LocalText } from './types.ts';

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function titleOf(schema: unknown, lang: Lang, root: JsonSchema | undefined): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  let s = schema as JsonSchema;
  // A property that is only a local $ref carries its title on the definition.
  if (typeof s.title !== 'string' && typeof s.$ref === 'string' && s.$ref.startsWith('#/') && root) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) {
      target = target && typeof target === 'object' ? (target as JsonSchema)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (target && typeof target === 'object') s = target as JsonSchema;
  }
  const en = (s['x-en'] as { title?: string } | undefined)?.title;
  if (lang === 'en' && en) return en;
  return typeof s.title === 'string' ? s.title : undefined;
}

/**
 * The only place that turns ajv's errors into the project's issues: JSON Pointer paths (the
 * missing property itself for `required`), Danish or English text, no internal noise (`if`
 * wrappers, the failing branches under a `oneOf`).
 * @param errors ajv's errors from a validator compiled with `verbose: true`
 * @param lang the message language
 * @param root the root schema, to find titles behind local `$ref`s
 * @returns issues, one per path and keyword
 */
export function toIssues(errors: readonly ErrorObject[], lang: Lang, root?: JsonSchema): Issue[] {
  // A failed oneOf/anyOf explains itself; the errors of each branch beneath it only confuse.
  const collapsed = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => ({ at: e.instancePath, under: `${e.schemaPath}/` }));
  const seen = new Set<string>();
  const out: Issue[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (collapsed.some((c) => e.instancePath.startsWith(c.at) && e.schemaPath.startsWith(c.under))) continue;
    const parent = e.parentSchema as JsonSchema | undefined;
    let path = e.instancePath;
    let fieldSchema: unknown = parent;
    const params: Record<string, unknown> = { ...e.params };
    if (e.keyword === 'required' || e.keyword === 'dependentRequired') {
      const missing = String(e.params.missingProperty);
      path = `${path}/${escapePointer(missing)}`;
      fieldSchema = (parent?.properties as Record<string, unknown> | undefined)?.[missing];
    } else if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const extra = String(e.params.additionalProperty ?? e.params.unevaluatedProperty);
      path = `${path}/${escapePointer(extra)}`;
    }
    const title = titleOf(fieldSchema, lang, root);
    if (title !== undefined) params.title = title;
    const key = `${path}\u0000${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const custom = (parent?.['x-messages'] as Record<string, LocalText> | undefined)?.[e.keyword];
    const message = custom ? (lang === 'en' && custom.en ? custom.en : custom.da) : keywordMessage(e.keyword, params, lang);
    out.push({ path, keyword: e.keyword, message });
  }
  return out;
}
