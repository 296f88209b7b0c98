import type { Request, RequestHandler, Response } from 'express';
import { createElement } from 'react';
import type { Organisation, User } from '../../engine/db/index.ts';
import { findOrganisation } from '../../engine/workflows/index.ts';
import { MessagePage, type HeaderUser } from '../../renderer/index.ts';
import type { AppDeps } from '../app-deps.ts';
import { authState, currentUser } from '../auth/index.ts';
import { sendPage } from './send-page.ts';

/** The respondent behind a page request and the organisation they report for. */
export interface PageRespondent {
  readonly user: User;
  readonly organisation: Organisation;
  readonly header: HeaderUser;
  readonly csrfToken: string;
}

const respondents = new WeakMap<Request, PageRespondent>();

/**
 * The respondent recorded by {@link requireRespondentPage}.
 * @param req the request
 * @returns the respondent
 */
export function pageRespondent(req: Request): PageRespondent {
  const r = respondents.get(req);
  if (!r) throw new Error('requireRespondentPage did not run');
  return r;
}

/**
 * Middleware for the respondent's pages: anonymous visitors are sent to the login page (and back
 * afterwards), a pending one-time password to the password page, other roles get a plain refusal.
 * @param deps the app's dependencies
 * @returns the middleware
 */
export function requireRespondentPage(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const user = currentUser(req);
    if (!user) return redirectToLogin(req, res);
    if (user.must_change_password) return res.redirect(303, '/adgangskode');
    const state = authState(req)!;
    const header = { navn: user.navn };
    if (user.role !== 'respondent' || !user.organisation_id) {
      return sendPage(
        res,
        createElement(MessagePage, {
          title: 'Ingen indberetning',
          text: 'Du er logget ind med en bruger fra ministeriet. Indberetningssiderne er for de indberettende organisationers brugere.',
          user: header,
          csrfToken: state.session.csrf_token,
        }),
        403,
      );
    }
    const organisation = await findOrganisation(deps.db, user.organisation_id);
    if (!organisation) return sendPage(res, createElement(MessagePage, { title: 'Organisationen findes ikke', text: 'Din bruger er ikke knyttet til en kendt organisation.' }), 403);
    respondents.set(req, { user, organisation, header: { navn: user.navn, organisation: organisation.navn }, csrfToken: state.session.csrf_token });
    next();
  };
}

/** Longest address carried back through the login (the login form reads no more of it). */
const MAX_NEXT = 2000;

/**
 * Sends a visitor without a session to the login page, and back here afterwards where the address
 * is short enough to carry.
 * @param req the request
 * @param res the response
 */
export function redirectToLogin(req: Request, res: Response): void {
  // A longer address would make the Location header outgrow what clients and proxies accept (16 KB
  // in Node, often 4–8 KB in proxies) once percent-encoded; such a visitor starts from the front page.
  const next = req.method === 'GET' && req.originalUrl.length <= MAX_NEXT ? req.originalUrl : '/';
  res.redirect(303, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
}
