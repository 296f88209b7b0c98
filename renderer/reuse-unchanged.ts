const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The new answers with every part that equals the old one replaced by the old object itself. The
 * engine's prepare step returns a fresh copy of all answers on every keystroke; handed to rjsf as
 * it is, every field of every unit sees new props and deep-compares them before it can skip its
 * render. Sharing the unchanged parts lets those comparisons stop at the first (identity) check,
 * so a keystroke costs what the changed part costs.
 * @param prev the answers before the change
 * @param next the answers after it
 * @returns `next`, or an equal value sharing every unchanged object and array with `prev`
 */
export function reuseUnchanged<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = prev.length === next.length;
    const out = next.map((v: unknown, i) => {
      const r = reuseUnchanged(prev[i], v);
      if (r !== prev[i]) same = false;
      return r;
    });
    return (same ? prev : out) as T;
  }
  if (isObject(next)) {
    if (!isObject(prev)) return next;
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const r = reuseUnchanged(Object.hasOwn(prev, k) ? prev[k] : undefined, next[k]);
      if (!Object.hasOwn(prev, k) || r !== prev[k]) same = false;
      out[k] = r;
    }
    return (same ? prev : out) as T;
  }
  return next;
}
