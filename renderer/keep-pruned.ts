import type { JsonSchema } from '../engine/index.ts';
import { schemaAt } from './schema-at.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Lays the engine's prepared answers over what the respondent typed, keeping answers the engine
 * dropped as not applicable (a target where the composition turned equal) so they come back if the
 * figures change again. Computed (`readOnly`) values always come from the engine, never from the
 * earlier state. The server stores only `validate(...).value`, so nothing kept here is submitted.
 * @param prepared `form.prepare(raw)`
 * @param raw the answers as typed
 * @param root the form schema
 * @param pointer where `prepared` sits
 * @returns the answers to show
 */
export function keepPruned(prepared: unknown, raw: unknown, root: JsonSchema, pointer = ''): unknown {
  if (Array.isArray(prepared) && Array.isArray(raw)) return prepared.map((v, i) => keepPruned(v, raw[i], root, `${pointer}/${i}`));
  if (!isObject(prepared) || !isObject(raw)) return prepared;
  const out: Record<string, unknown> = { ...prepared };
  for (const [k, v] of Object.entries(raw)) {
    const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (k in prepared) out[k] = keepPruned(prepared[k], v, root, p);
    else if (schemaAt(root, p)?.readOnly !== true) out[k] = v;
  }
  return out;
}
