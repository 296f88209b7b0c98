/**
 * The shape of a report context as the template check sees it: which names exist where. A leaf
 * may name the field of the form's schema it is read from, so the check can resolve it there too.
 */
export type Shape =
  | { readonly t: 'value'; readonly schemaPath?: string; readonly chart?: true }
  | { readonly t: 'object'; readonly props: Readonly<Record<string, Shape>> }
  | { readonly t: 'array'; readonly items: Shape }
  /** An object with any keys, all of one shape (a lookup table). */
  | { readonly t: 'map'; readonly values: Shape }
  /** Null or absent at times: a template must test it with `#if` or `#with` before reading into it. */
  | { readonly t: 'nullable'; readonly of: Shape };

/** A single value: number, text, true/false or null. */
export const VALUE: Shape = Object.freeze({ t: 'value' });

/** A rendered chart, or null where charts were left out: one value to the check, typed apart. */
export const CHART: Shape = Object.freeze({ t: 'value', chart: true });

/**
 * An object shape.
 * @param props the shape of each property
 * @returns the shape
 */
export const obj = (props: Record<string, Shape>): Shape => ({ t: 'object', props });

/**
 * An array shape.
 * @param items the shape of each item
 * @returns the shape
 */
export const arr = (items: Shape): Shape => ({ t: 'array', items });

/**
 * A shape that may be null.
 * @param of the shape when present
 * @returns the shape
 */
export const nullable = (of: Shape): Shape => ({ t: 'nullable', of });

/**
 * An object shape whose properties are all single values.
 * @param keys the property names
 * @returns the shape
 */
export const values = (...keys: string[]): Shape => obj(Object.fromEntries(keys.map((k) => [k, VALUE])));
