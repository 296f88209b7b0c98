import type { Request, Response } from 'express';
import { createElement } from 'react';
import type { Round } from '../../engine/compile-round.ts';
import { CONTACT_FORM } from '../../engine/contacts/index.ts';
import { MessagePage } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import { adminPageUser } from './require-admin-page.ts';

/** The board's address for a round. */
export const boardUrl = (roundId: string): string => `/admin/runde/${encodeURIComponent(roundId)}`;

/** A municipality's page for a round. */
export const municipalityUrl = (roundId: string, kommunekode: string): string => `${boardUrl(roundId)}/kommune/${encodeURIComponent(kommunekode)}`;

/** Danish names of mail kinds and statuses, for pages. */
export const MAIL_KIND: Readonly<Record<string, string>> = { credentials: 'Login', reminder: 'Påmindelse' };
export const MAIL_STATUS: Readonly<Record<string, string>> = { pending: 'Venter', sending: 'Sendes', sent: 'Sendt', failed: 'Fejlet', cancelled: 'Annulleret' };

/**
 * Answers an admin page with a 404 message page.
 * @param req the request (after requireAdminPage)
 * @param res the response
 * @param text what was not found, in Danish
 */
export function notFoundPage(req: Request, res: Response, text: string): void {
  const a = adminPageUser(req);
  sendPage(res, createElement(MessagePage, { title: 'Siden findes ikke', text, user: a.header, csrfToken: a.csrfToken }), 404);
}

/**
 * Answers an admin page with a message about a refused action.
 * @param req the request (after requireAdminPage)
 * @param res the response
 * @param title the heading
 * @param text the Danish reason
 * @param status the HTTP status
 */
export function refusedPage(req: Request, res: Response, title: string, text: string, status = 409): void {
  const a = adminPageUser(req);
  sendPage(res, createElement(MessagePage, { title, text, user: a.header, csrfToken: a.csrfToken }), status);
}

/**
 * The round named in the address, or a 404 page (then undefined).
 * @param deps the app's dependencies
 * @param req the request
 * @param res the response
 * @returns the round
 */
export function roundOr404(deps: AppDeps, req: Request, res: Response): Round | undefined {
  const round = deps.registry.round(String(req.params.roundId));
  if (!round) notFoundPage(req, res, 'Runden findes ikke.');
  return round;
}

/**
 * A text field of a posted form.
 * @param req the request
 * @param name the field
 * @param max the longest kept
 * @returns the text ('' when absent)
 */
export function formField(req: Request, name: string, max = 300): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/**
 * The round's regions for selects: its `regioner` table, else those its municipalities name.
 * @param round the round
 * @returns code and name, by code
 */
export function regionsOf(round: Round): Array<{ kode: string; navn: string }> {
  const table = round.tables.regioner;
  if (table) return Object.entries(table).map(([kode, r]) => ({ kode, navn: r.regionsnavn ?? kode }));
  const seen = new Map<string, string>();
  for (const k of Object.values(round.tables.kommuner ?? {})) if (k.regionskode) seen.set(k.regionskode, k.regionsnavn ?? k.regionskode);
  return [...seen].map(([kode, navn]) => ({ kode, navn })).sort((a, b) => a.kode.localeCompare(b.kode));
}

/**
 * The contact-list form's field titles, for labels and messages.
 * @param deps the app's dependencies
 * @param roundId the round
 * @returns property → Danish title
 */
export function contactFieldTitles(deps: AppDeps, roundId: string): Record<string, string> {
  const schema = deps.registry.form(roundId, CONTACT_FORM)?.schema as { properties?: Record<string, { title?: string }> } | undefined;
  return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, v]) => [k, v.title ?? k]));
}
