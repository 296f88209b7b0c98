import type { ErrorObject } from 'ajv';
import { atPointer, refPointer } from './local-ref.ts';
import { keywordMessage } from './messages.ts';
import type { Issue, JsonSchema, Lang, LocalText } from './types.ts';

const escapePointer = (s: string): string => (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);

function titleOf(schema: unknown, lang: Lang, root: JsonSchema | undefined): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  let s = schema as JsonSchema;
  // A property that is only a local $ref carries its title on the definition.
  const ref = refPointer(s.$ref);
  if (typeof s.title !== 'string' && ref !== undefined && root) {
    const target = atPointer(root, ref);
    if (target && typeof target === 'object') s = target as JsonSchema;
  }
  const en = (s['x-en'] as { title?: string } | undefined)?.title;
  if (lang === 'en' && en) return en;
  return typeof s.title === 'string' ? s.title : undefined;
}

// Messages by the failing schema: for one schema location, keyword and language the text never
// changes, so it is worked out once (titles behind `$ref`s, templates) and then only looked up.
// One entry per failing schema object, so a lookup is one WeakMap probe and one Map probe.
interface Texts {
  /** By keyword. */
  readonly plain: Map<string, string>;
  /** `required`, by the missing property. */
  readonly required: Map<string, string>;
  /** `dependentRequired`, by the missing property and the one that requires it. */
  readonly dependent: Map<string, string>;
}
interface Entry {
  /** The root the texts were worked out under (titles behind `$ref`s depend on it). */
  readonly root: JsonSchema | undefined;
  readonly da: Texts;
  readonly en: Texts;
}
const messages = new WeakMap<object, Entry>();
const texts = (): Texts => ({ plain: new Map(), required: new Map(), dependent: new Map() });

function messageOf(e: ErrorObject, fieldSchema: unknown, parent: JsonSchema | undefined, lang: Lang, root: JsonSchema | undefined): string {
  const custom = (parent?.['x-messages'] as Record<string, LocalText> | undefined)?.[e.keyword];
  if (custom) return lang === 'en' && custom.en ? custom.en : custom.da;
  const params: Record<string, unknown> = { ...e.params };
  if (e.keyword === 'oneOf' && Array.isArray(parent?.oneOf)) {
    params.choices = (parent.oneOf as unknown[]).every((o) => o !== null && typeof o === 'object' && 'const' in o);
  }
  if (e.keyword === 'dependentRequired' || e.keyword === 'dependencies') {
    // The field that asks for the missing one, by its title where it has one.
    const by = titleOf((parent?.properties as Record<string, unknown> | undefined)?.[String(e.params.property)], lang, root);
    if (by !== undefined) params.propertyTitle = by;
  }
  const title = titleOf(fieldSchema, lang, root);
  if (title !== undefined) params.title = title;
  return keywordMessage(e.keyword, params, lang);
}

function cachedMessage(e: ErrorObject, fieldSchema: unknown, parent: JsonSchema | undefined, lang: Lang, root: JsonSchema | undefined): string {
  if (!parent) return messageOf(e, fieldSchema, parent, lang, root);
  let entry = messages.get(parent);
  if (!entry || entry.root !== root) messages.set(parent, (entry = { root, da: texts(), en: texts() }));
  const t = lang === 'en' ? entry.en : entry.da;
  // The only params the messages read besides the schema's own values.
  let map = t.plain;
  let key = e.keyword;
  if (key === 'required') {
    map = t.required;
    key = String(e.params.missingProperty);
  } else if (key === 'dependentRequired' || key === 'dependencies') {
    map = t.dependent;
    key = `${e.keyword}\u0000${String(e.params.missingProperty)}\u0000${String(e.params.property)}`;
  } else if (key === 'propertyNames') {
    map = t.dependent;
    key = `${e.keyword}\u0000${String(e.params.propertyName)}`;
  } else if (key === 'oneOf') {
    // One option passing too many or none reads differently.
    key = Array.isArray(e.params.passingSchemas) ? 'oneOf:many' : 'oneOf';
  }
  let text = map.get(key);
  if (text !== undefined) return text;
  text = messageOf(e, fieldSchema, parent, lang, root);
  // With a limit taken from the data ($data) the text may differ per error: never kept.
  const value = parent[e.keyword];
  if (!(value !== null && typeof value === 'object' && '$data' in value)) map.set(key, text);
  return text;
}

// Whether an earlier issue has this path and keyword; a scan beats hashing fresh paths for the
// handful of issues a submission has.
function repeated(out: readonly Issue[], path: string, keyword: string): boolean {
  for (const i of out) if (i.keyword === keyword && i.path === path) return true;
  return false;
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
  let collapsed: { at: string; under: string }[] | undefined;
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') (collapsed ??= []).push({ at: e.instancePath, under: `${e.schemaPath}/` });
  }
  const seen = errors.length > 32 ? new Set<string>() : undefined;
  const out: Issue[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    // A key refused by `propertyNames` is reported once, by name, at the key (below).
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    if (collapsed?.some((c) => e.instancePath.startsWith(c.at) && e.schemaPath.startsWith(c.under))) continue;
    const parent = e.parentSchema as JsonSchema | undefined;
    let path = e.instancePath;
    let fieldSchema: unknown = parent;
    if (e.keyword === 'required' || e.keyword === 'dependentRequired' || (e.keyword === 'dependencies' && e.params.missingProperty !== undefined)) {
      const missing = String(e.params.missingProperty);
      path = `${path}/${escapePointer(missing)}`;
      fieldSchema = (parent?.properties as Record<string, unknown> | undefined)?.[missing];
    } else if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const extra = String(e.params.additionalProperty ?? e.params.unevaluatedProperty);
      path = `${path}/${escapePointer(extra)}`;
    } else if (e.keyword === 'propertyNames') {
      path = `${path}/${escapePointer(String(e.params.propertyName))}`;
    }
    if (seen) {
      const key = `${path}\u0000${e.keyword}`;
      if (seen.has(key)) continue;
      seen.add(key);
    } else if (repeated(out, path, e.keyword)) continue;
    out.push({ path, keyword: e.keyword, message: cachedMessage(e, fieldSchema, parent, lang, root) });
  }
  return out;
}
