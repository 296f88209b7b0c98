import type { Shape } from './shape.ts';

/**
 * Compares a built context with its declared shape both ways: keys the data has that the shape
 * lacks, and keys the shape declares that the data lacks. Arrays are compared item by item.
 * @param value the data
 * @param shape the declared shape
 * @param at the path so far, for messages
 * @returns one line per mismatch, empty when they agree
 */
export function shapeMismatches(value: unknown, shape: Shape, at = ''): string[] {
  switch (shape.t) {
    case 'nullable':
      return value === null || value === undefined ? [] : shapeMismatches(value, shape.of, at);
    case 'value':
      return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? [] : [`${at}: forventede en enkelt værdi`];
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => shapeMismatches(v, shape.items, `${at}[${i}]`)) : [`${at}: forventede en liste`];
    case 'map':
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value).flatMap(([k, v]) => shapeMismatches(v, shape.values, `${at}.${k}`))
        : [`${at}: forventede et opslag`];
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: forventede et objekt`];
      const rec = value as Record<string, unknown>;
      const out: string[] = [];
      for (const k of Object.keys(rec)) if (!(k in shape.props)) out.push(`${at}.${k}: findes i data, men ikke i formen`);
      for (const [k, s] of Object.entries(shape.props)) {
        if (!(k in rec)) out.push(`${at}.${k}: findes i formen, men ikke i data`);
        else out.push(...shapeMismatches(rec[k], s, `${at}.${k}`));
      }
      return out;
    }
  }
}
