import type { RequestHandler } from 'express';
import { AppError } from './errors.ts';

/**
 * The last handler: any request no route took is a 404 ROUTE_NOT_FOUND.
 * @returns the handler
 */
export function notFound(): RequestHandler {
  return () => {
    throw new AppError('ROUTE_NOT_FOUND');
  };
}
