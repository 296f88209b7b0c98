import express, { type Request, type RequestHandler } from 'express';
import { AppError } from './errors.ts';
import { parseMultipart, type MultipartFile } from './parse-multipart.ts';

const uploaded = new WeakMap<Request, Record<string, MultipartFile>>();

/**
 * The files of a `multipart/form-data` request read by {@link multipartForm}.
 * @param req the request
 * @returns the files by field name (none for any other request)
 */
export function multipartFiles(req: Request): Readonly<Record<string, MultipartFile>> {
  return uploaded.get(req) ?? {};
}

/**
 * Reads a `multipart/form-data` body (a form with a file input, sent without JavaScript): its text
 * fields become `req.body`, where the CSRF check finds `_csrf`, and its files are kept for
 * {@link multipartFiles}. Mounted only on the routes that take uploads, before the CSRF check.
 * Other content types pass untouched.
 * @param limit the largest body read (as for express's parsers, e.g. '5mb')
 * @returns the middleware
 */
export function multipartForm(limit: string): RequestHandler[] {
  return [
    express.raw({ type: 'multipart/form-data', limit }),
    (req, _res, next) => {
      if (!req.is('multipart/form-data')) return next();
      const parsed = parseMultipart(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.get('content-type') ?? '');
      if (!parsed.ok) throw new AppError('BAD_REQUEST', { reason: parsed.reason });
      req.body = parsed.fields;
      uploaded.set(req, parsed.files);
      next();
    },
  ];
}
