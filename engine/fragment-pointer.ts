/**
 * The JSON Pointer a local `$ref` names (`#/$defs/to%20ord` → `/$defs/to ord`): its fragment,
 * percent-decoded as URI fragments are; `~0`/`~1` are left for the pointer's own unescaping.
 * @param ref a `$ref` starting with `#`
 * @returns the pointer ('' for the root)
 */
export function fragmentPointer(ref: string): string {
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return ref.slice(1);
  }
}
