const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The answers with one value set at a path, copying only the objects and arrays on the way there,
 * so every other part keeps its identity. An absent value (a cleared field) leaves its key out of
 * an object and is `null` in an array, as rjsf stores it.
 * @param data the answers
 * @param path property names and array indexes from the root
 * @param value the value to set
 * @returns the new answers (`data` itself is never changed)
 */
export function setAt(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(data) && typeof key === 'number') {
    const out = data.slice();
    const inner = setAt(data[key], rest, value);
    out[key] = inner === undefined ? null : inner;
    return out;
  }
  const out: Record<string, unknown> = isObject(data) ? { ...data } : {};
  const inner = setAt(out[key], rest, value);
  if (inner === undefined) delete out[key];
  else out[key] = inner;
  return out;
}
