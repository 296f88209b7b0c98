import { Router, type Request, type Response } from 'express';
import { createElement } from 'react';
import { createUser, resetTotp, type Failure } from '../../engine/workflows/index.ts';
import { clientInfo } from '../auth/index.ts';
import { workflowDeps, type AppDeps } from '../app-deps.ts';
import { renderMessage } from '../errors.ts';
import { sendPage } from '../pages/index.ts';
import type { AdminRuntime } from './admin-runtime.ts';
import { formField } from './page-helpers.ts';
import { UsersPage, type StaffRow, type UsersPageProps } from './pages/UsersPage.tsx';
import { adminPageUser, requireAdminPage } from './require-admin-page.ts';

const FIELD_TEXT: Readonly<Record<string, string>> = {
  navn: 'Skriv brugerens navn.',
  email: 'Skriv en gyldig e-mailadresse, fx navn@lige.dk.',
  role: 'Vælg brugerens rolle.',
};

const errorsOf = (f: Failure): Record<string, string> => {
  const field = String(f.params?.field ?? '');
  if (f.code === 'EMAIL_TAKEN') return { email: renderMessage(f.code, f.params ?? {}) };
  if (f.code === 'INVALID_INPUT' && FIELD_TEXT[field]) return { [field]: FIELD_TEXT[field] };
  return { navn: renderMessage(f.code, f.params ?? {}) };
};

/**
 * The ministry's accounts page: lists analysts and administrators and creates one with a one-time
 * password (the same workflow and audit entry as `POST /api/admin/users`). The password is shown on
 * the answer to the post itself, never put in an address or stored in clear.
 * @param deps the app's dependencies
 * @param rt the admin runtime
 * @returns the router
 */
export function createUsersRoutes(deps: AppDeps, rt: AdminRuntime): Router {
  const router = Router();
  const wf = workflowDeps(deps);
  const guard = requireAdminPage();

  const page = async (req: Request, res: Response, form: Pick<UsersPageProps, 'values' | 'errors' | 'created' | 'reset'>, status = 200) => {
    const a = adminPageUser(req);
    const roundId = deps.registry.current()?.id ?? '';
    const rows = await deps.db
      .selectFrom('users')
      .leftJoin('user_totp', 'user_totp.user_id', 'users.id')
      .select(['users.id', 'navn', 'email', 'role', 'users.created_at', 'must_change_password', 'user_totp.confirmed_at'])
      .where('role', 'in', ['admin', 'analyst'])
      .orderBy('role')
      .orderBy('navn')
      .execute();
    const users: StaffRow[] = rows.map((r) => ({
      id: r.id,
      navn: r.navn,
      email: r.email,
      role: r.role as StaffRow['role'],
      createdAt: r.created_at,
      mustChangePassword: r.must_change_password === 1,
      totp: r.confirmed_at !== null,
    }));
    sendPage(res, createElement(UsersPage, { user: a.header, csrfToken: a.csrfToken, roundId, timeZone: rt.timeZone(roundId), users, ...form }), status);
  };

  router.get('/admin/brugere', guard, async (req, res) => {
    await page(req, res, { values: { navn: '', email: '', role: 'analyst' }, errors: {} });
  });

  router.post('/admin/brugere', guard, async (req, res) => {
    const values = { navn: formField(req, 'navn', 200), email: formField(req, 'email', 254), role: formField(req, 'role', 20) };
    if (values.role !== 'analyst' && values.role !== 'admin') return page(req, res, { values, errors: { role: FIELD_TEXT.role! } }, 422);
    const r = await createUser(wf, { navn: values.navn, email: values.email, role: values.role, actorId: adminPageUser(req).user.id });
    if (!r.ok) return page(req, res, { values, errors: errorsOf(r) }, r.code === 'EMAIL_TAKEN' ? 409 : 422);
    await page(req, res, { values: { navn: '', email: '', role: 'analyst' }, errors: {}, created: { email: r.user.email, password: r.generatedPassword ?? '' } }, 201);
  });

  // The same workflow and audit entry as `POST /api/admin/users/:userId/totp/reset`.
  router.post('/admin/brugere/:userId/totp/nulstil', guard, async (req, res) => {
    const r = await resetTotp(wf, { userId: String(req.params.userId), actorId: adminPageUser(req).user.id, ...clientInfo(req) });
    const blank = { values: { navn: '', email: '', role: 'analyst' }, errors: {} };
    if (!r.ok) return page(req, res, { ...blank, errors: { navn: renderMessage(r.code, r.params ?? {}) } }, 404);
    const who = await deps.db.selectFrom('users').select(['email']).where('id', '=', String(req.params.userId)).executeTakeFirst();
    await page(req, res, { ...blank, reset: who?.email ?? '' });
  });

  return router;
}
