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
  return b as Record<string, unknown>;
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
