/**
 * Stands in for `fast-uri` in the browser bundle, where rjsf only uses it to resolve `$ref`s against a
 * schema's `$id`; the browser's own URL parser does that.
 */
function resolve(base: string, ref: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function normalize(uri: string): string {
  try {
    return new URL(uri).href;
  } catch {
    return uri;
  }
}

/** Whether two URIs name the same resource. */
function equal(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

export default { resolve, equal };
export { resolve, equal };
