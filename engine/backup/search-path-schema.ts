/**
 * The schema a DATABASE_URL selects with `options=-c search_path=…`, if any.
 * @param url the connection URL
 * @returns the schema, or undefined for the default
 */
export function searchPathSchema(url: string): string | undefined {
  let options: string | null;
  try {
    options = new URL(url).searchParams.get('options');
  } catch {
    return undefined;
  }
  const m = options ? /(?:^|\s)-c\s*search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options) : null;
  return m?.[1];
}
