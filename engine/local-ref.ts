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
