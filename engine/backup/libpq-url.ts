/**
 * The URL as libpq reads it: libpq decodes `%XX` in the query but not `+`, which WHATWG URL
 * encoding (and node-postgres) use for a space, as in `options=-c+search_path%3Dx`.
 * @param url the connection URL
 * @returns the same URL with its query percent-encoded
 */
export function libpqUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.search) return url;
  const query = [...u.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${url.slice(0, url.indexOf('?'))}?${query}`;
}
