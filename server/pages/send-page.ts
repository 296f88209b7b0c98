import type { Response } from 'express';
import type { ReactElement } from 'react';
import { renderDocument } from '../../renderer/index.ts';

/**
 * The Content-Security-Policy of every page: scripts, styles, fonts and images only from this
 * origin, no inline script, no eval, no framing, forms post only here.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Renders a page and sends it with the strict CSP; personal pages are never cached.
 * @param res the response
 * @param page the page element
 * @param status the HTTP status
 */
export function sendPage(res: Response, page: ReactElement, status = 200): void {
  res.status(status);
  res.set('Content-Security-Policy', PAGE_CSP);
  res.set('Cache-Control', 'no-store');
  res.type('html').send(renderDocument(page));
}
