import type { Request, RequestHandler } from 'express';
import { createElement } from 'react';
import type { User } from '../../engine/db/index.ts';
import { MessagePage, type HeaderUser } from '../../renderer/index.ts';
import { authState, currentUser } from '../auth/index.ts';
import { sendPage } from '../pages/index.ts';

/** The ministry admin behind a round page. */
export interface RoundsAdmin {
  readonly user: User;
  readonly header: HeaderUser;
  readonly csrfToken: string;
}

const admins = new WeakMap<Request, RoundsAdmin>();

/**
 * The admin recorded by {@link requireRoundsAdmin}.
 * @param req the request
 * @returns the admin
 */
export function roundsAdmin(req: Request): RoundsAdmin {
  const a = admins.get(req);
  if (!a) throw new Error('requireRoundsAdmin did not run');
  return a;
}

/**
 * Middleware for the round pages: anonymous visitors go to the login page (and back), a pending
 * one-time password to the password page, everyone but the ministry's admins gets a refusal page.
 * @returns the middleware
 */
export function requireRoundsAdmin(): RequestHandler {
  return (req, res, next) => {
    const user = currentUser(req);
    if (!user) {
      const back = req.method === 'GET' && req.originalUrl.length <= 2000 ? req.originalUrl : '/admin/runder';
      return res.redirect(303, `/login?next=${encodeURIComponent(back)}`);
    }
    if (user.must_change_password) return res.redirect(303, '/adgangskode');
    const csrfToken = authState(req)!.session.csrf_token;
    if (user.role !== 'admin') {
      return sendPage(
        res,
        createElement(MessagePage, { title: 'Ingen adgang', text: 'Runderne administreres af ministeriets administratorer.', user: { navn: user.navn }, csrfToken }),
        403,
      );
    }
    admins.set(req, { user, header: { navn: user.navn, organisation: 'Ligestillingsafdelingen' }, csrfToken });
    next();
  };
}
