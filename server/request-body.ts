import type { Request } from 'express';
import { AppError } from './errors.ts';

/**
 * The request's parsed JSON body as an object (400 INVALID_INPUT otherwise).
 * @param req the request
 * @returns the body
 */
export function bodyObject(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new AppError('INVALID_INPUT', { field: 'body' });
  // JSON.parse accepts any nesting, but JSON.stringify and structuredClone overflow the stack on
  // a few thousand levels; no form is nested anywhere near this deep.
  if (nestedDeeperThan(b, MAX_DEPTH)) throw new AppError('INVALID_INPUT', { field: 'body' });
  return b as Record<string, unknown>;
}

/** Deepest nesting of objects and arrays a request body may have. */
const MAX_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max`, walked without recursion. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A required string field of the body.
 * @param body the body
 * @param field the field's name
 * @param max the longest accepted length
 * @returns the string
 */
export function stringField(body: Record<string, unknown>, field: string, max = 1000): string {
  const v = body[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw new AppError('INVALID_INPUT', { field });
  return v;
}
