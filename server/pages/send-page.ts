import type { Response } from 'express';
import type { ReactElement } from 'react';
import { renderDocument, type Shell } from '../../renderer/index.ts';

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
  // A round's page sets its round's shell; other pages take the one the app was made with.
  const shell = (res.locals.shell ?? res.app.locals.shell) as Shell | undefined;
  res.type('html').send(renderDocument(page, shell));
}
