/**
 * The JSON Pointer a local `$ref` names (`#/$defs/to%20ord` → `/$defs/to ord`): the fragment,
 * percent-decoded as URI fragments are. `undefined` for any other reference (an anchor such as
 * `#navn`, another document), which only ajv resolves.
 * @param ref a `$ref` value
 * @returns the pointer ('' for the root) or undefined
 */
export function refPointer(ref: unknown): string | undefined {
  if (typeof ref !== 'string' || (ref !== '#' && !ref.startsWith('#/'))) return undefined;
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return ref.slice(1);
  }
}

/**
 * The value a JSON Pointer names inside a document, through objects and arrays.
 * @param root the document
 * @param pointer '' or `/a/0/b~1c`
 * @returns the value, or undefined where the path leaves the document
 */
export function atPointer(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/**
 * A schema with its local `$ref` chain followed: the referenced schema's keywords under the
 * schema's own (as 2020-12 applies a `$ref` beside other keywords). A cycle or a reference only
 * ajv can resolve stops the walk there.
 * @param root the document the pointers are into
 * @param schema a schema inside it
 * @returns the merged schema (the same object when it has no local `$ref`)
 */
export function followLocalRef<T extends Record<string, unknown>>(root: unknown, schema: T, seen = new Set<string>()): T {
  const ref = refPointer(schema.$ref);
  if (ref === undefined || seen.has(ref)) return schema;
  seen.add(ref);
  const target = atPointer(root, ref);
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return schema;
  const { $ref: _ignored, ...own } = schema;
  return { ...followLocalRef(root, target as T, seen), ...own } as T;
}
