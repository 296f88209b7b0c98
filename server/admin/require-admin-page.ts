import type { Request, RequestHandler } from 'express';
import { createElement } from 'react';
import type { User } from '../../engine/db/index.ts';
import { MessagePage, type HeaderUser } from '../../renderer/index.ts';
import { authState, currentUser } from '../auth/index.ts';
import { redirectToLogin, sendPage } from '../pages/index.ts';

/** The ministry admin behind a page request. */
export interface AdminPageUser {
  readonly user: User;
  readonly header: HeaderUser;
  readonly csrfToken: string;
}

const admins = new WeakMap<Request, AdminPageUser>();

/**
 * The admin recorded by {@link requireAdminPage}.
 * @param req the request
 * @returns the admin
 */
export function adminPageUser(req: Request): AdminPageUser {
  const a = admins.get(req);
  if (!a) throw new Error('requireAdminPage did not run');
  return a;
}

/**
 * Middleware for the ministry's pages: anonymous visitors go to the login page (and back), a
 * pending one-time password to the password page, everyone but admins gets a plain refusal.
 * @param refusal what a signed-in non-admin reads
 * @returns the middleware
 */
export function requireAdminPage(refusal = 'Administrationen er kun for ministeriets administratorer.'): RequestHandler {
  return (req, res, next) => {
    const user = currentUser(req);
    if (!user) return redirectToLogin(req, res);
    if (user.must_change_password) return res.redirect(303, '/adgangskode');
    const csrfToken = authState(req)!.session.csrf_token;
    const header = { navn: user.navn, organisation: user.role === 'admin' ? 'Ligestillingsafdelingen' : undefined } as HeaderUser;
    if (user.role !== 'admin') {
      return sendPage(
        res,
        createElement(MessagePage, {
          title: 'Ingen adgang',
          text: refusal,
          user: { navn: user.navn },
          csrfToken,
        }),
        403,
      );
    }
    admins.set(req, { user, header, csrfToken });
    next();
  };
}
