import type { Request, Response } from 'express';
import { createElement } from 'react';
import type { Round } from '../../engine/compile-round.ts';
import { contactFields, contactFormOf } from '../../engine/contacts/index.ts';
import { shellOf } from '../../renderer/index.ts';
import type { ContactField } from './pages/MunicipalityPage.tsx';
import { MessagePage } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { sendPage } from '../pages/index.ts';
import { adminPageUser } from './require-admin-page.ts';

/** The board's address for a round. */
export const boardUrl = (roundId: string): string => `/admin/runde/${encodeURIComponent(roundId)}`;

/** A municipality's page for a round. */
export const municipalityUrl = (roundId: string, code: string): string => `${boardUrl(roundId)}/respondent/${encodeURIComponent(code)}`;

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
  else res.locals.shell = shellOf(round.settings);
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
 * The contact-list form's fields an admin fills in for one respondent, in the form's ui order
 * (the respondent key, which the address gives, left out): titles, hints and labelled choices
 * from the schema.
 * @param round the round
 * @returns the fields ([] when the round collects no contacts)
 */
export function contactPageFields(round: Round): ContactField[] {
  const form = contactFormOf(round);
  const roles = form ? contactFields(form) : undefined;
  if (!form || !roles) return [];
  type Prop = { title?: string; description?: string; enum?: unknown[]; 'x-enumTitles'?: unknown[] };
  const props = ((form.schema as { properties?: Record<string, Prop> }).properties ?? {}) as Record<string, Prop>;
  const order = (form.ui as { 'ui:order'?: unknown })['ui:order'];
  const names = [...(Array.isArray(order) ? (order as string[]).filter((f) => f in props) : []), ...Object.keys(props)];
  return [...new Set(names)]
    .filter((n) => n !== roles.key)
    .map((name) => {
      const p = props[name] ?? {};
      const titles = Array.isArray(p['x-enumTitles']) ? p['x-enumTitles'] : undefined;
      const options = Array.isArray(p.enum) ? p.enum.map((v, i) => ({ value: String(v), label: String(titles?.[i] ?? v) })) : undefined;
      const type = name === roles.email ? ('email' as const) : name === roles.phone ? ('tel' as const) : ('text' as const);
      return { name, title: p.title ?? name, ...(p.description ? { description: p.description } : {}), ...(options ? { options } : {}), type };
    });
}
