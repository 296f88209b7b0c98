import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import { findCredentialByToken, setPasswordWithLink, type DeadLink } from '../../engine/contacts/index.ts';
import { login, MFA_ROLES, MIN_PASSWORD_LENGTH } from '../../engine/workflows/index.ts';
import { MessagePage } from '../../renderer/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE, cookieOptions, csrfToken, clientInfo, loginThrottleOf } from '../auth/index.ts';
import { sendPage } from '../pages/index.ts';
import { contactsMessage } from './contacts-error.ts';
import { SetPasswordPage } from './pages/SetPasswordPage.tsx';

/** Why a link does not work, in Danish; `who` is whom to write to: the sender of the link's round. */
const DEAD: Record<DeadLink['reason'], (who: string) => string> = {
  ukendt: () => 'Linket findes ikke. Kontrollér, at du har kopieret hele linket fra mailen.',
  brugt: () => 'Linket er allerede brugt. Log ind med dit brugernavn og den adgangskode, du valgte.',
  udloebet: (who) => `Linket er udløbet. Skriv til ${who} for at få et nyt.`,
  lukket: (who) => `Linket er erstattet af et nyere login eller lukket. Brug det seneste link, du har fået, eller skriv til ${who}.`,
};

const field = (req: Request, name: string): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, 1000) : '';
};

/**
 * The page a credential mail's link opens (`/adgang/<token>`): opening it changes nothing (mail
 * scanners fetch links), choosing a password uses the link up and logs the contact person in.
 * @param deps the app's dependencies
 * @returns the router
 */
export function createSetPasswordRoutes(deps: AppDeps): Router {
  const router = Router();
  const wf = workflowDeps(deps);

  // Each round has its own sender (round.json → afsender), so the link's round says whom to ask.
  const senderOf = (roundId: string | undefined): string => {
    const afsender = (roundId ? deps.registry.round(roundId)?.settings.afsender : undefined) as { navn?: unknown; email?: unknown } | undefined;
    if (typeof afsender?.navn === 'string' && typeof afsender.email === 'string') return `${afsender.navn} på ${afsender.email}`;
    return 'den, der sendte dig linket';
  };
  const dead = (res: Response, link: DeadLink) =>
    sendPage(res, createElement(MessagePage, { title: 'Linket virker ikke', text: DEAD[link.reason](senderOf(link.roundId)) }), link.reason === 'ukendt' ? 404 : 410);

  const page = async (req: Request, res: Response, error?: string, status = 200) => {
    const token = String(req.params.token);
    const link = await findCredentialByToken(deps.db, token, wf.clock());
    if (!link.ok) return dead(res, link);
    sendPage(
      res,
      createElement(SetPasswordPage, {
        csrfToken: csrfToken(req, res, deps.config),
        action: `/adgang/${encodeURIComponent(token)}`,
        email: link.email,
        kommune: link.kommune,
        minLength: MIN_PASSWORD_LENGTH,
        ...(error ? { error } : {}),
      }),
      status,
    );
  };

  router.get('/adgang/:token', (req, res) => page(req, res));

  router.post('/adgang/:token', async (req, res) => {
    const password = field(req, 'password');
    const r = await setPasswordWithLink(wf, { token: String(req.params.token), password, repeat: field(req, 'repeat') });
    if (!r.ok) {
      if (r.code === 'LINK_INVALID') {
        const again = await findCredentialByToken(deps.db, String(req.params.token), wf.clock());
        return dead(res, { ok: false, reason: (r.params?.reason as DeadLink['reason']) ?? 'lukket', ...(!again.ok && again.roundId ? { roundId: again.roundId } : {}) });
      }
      const error = r.code === 'INVALID_INPUT' ? 'De to adgangskoder er ikke ens.' : contactsMessage(r);
      return page(req, res, error, 400);
    }
    // The front page sends a session still waiting for its second factor to that step.
    const session = await login(wf, { email: r.email, password, mfaRoles: deps.config.mfaRequired ? MFA_ROLES : [], ...clientInfo(req) }, loginThrottleOf(deps));
    if (!session.ok) return res.redirect(303, '/login');
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, deps.config));
    res.clearCookie(ANON_CSRF_COOKIE, { path: '/' });
    res.redirect(303, '/');
  });

  return router;
}
