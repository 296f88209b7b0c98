/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the line separators are
 * escaped, so user-written text can never close the element or start markup.
 * @param value any JSON value
 * @returns the escaped text
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
