import { describe, expect, it } from 'vitest';
import express, { type Request } from 'express';
import pino from 'pino';
import { AppError, ERRORS, errorHandler, parseIfMatch, renderMessage, requireRole, requireUser } from '../../server/index.ts';
import { setAuthState } from '../../server/auth/auth-state.ts';
import type { User } from '../../engine/db/index.ts';

function fakeReq(headers: Record<string, string>): Request {
  return { get: (n: string) => headers[n.toLowerCase()] } as unknown as Request;
}

describe('parseIfMatch', () => {
  it('reads quoted, weak and bare versions', () => {
    expect(parseIfMatch(fakeReq({ 'if-match': '"3"' }), true)).toBe(3);
    expect(parseIfMatch(fakeReq({ 'if-match': 'W/"12"' }), true)).toBe(12);
    expect(parseIfMatch(fakeReq({ 'if-match': '0' }), true)).toBe(0);
    expect(parseIfMatch(fakeReq({}), false)).toBeUndefined();
  });
  it('refuses a missing header when required and garbage always', () => {
    expect(() => parseIfMatch(fakeReq({}), true)).toThrow(expect.objectContaining({ code: 'VERSION_REQUIRED', status: 428 }));
    expect(() => parseIfMatch(fakeReq({ 'if-match': '"-1"' }), false)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => parseIfMatch(fakeReq({ 'if-match': '*' }), true)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('error catalog', () => {
  it('has a Danish message and a 4xx/5xx status for every code', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.message, code).toMatch(/[.!]$/);
    }
  });
  it('writes ISO dates the Danish way and leaves other values as given', () => {
    expect(renderMessage('DEADLINE_PASSED', { frist: '2024-02-12' })).toContain('12. februar 2024');
    expect(renderMessage('TOO_MANY_ATTEMPTS', { ventetid: '15 minutter', retryAfter: 900 })).toBe('For mange mislykkede forsøg. Vent 15 minutter, og prøv igen.');
  });
});

describe('errorHandler', () => {
  it('answers unknown errors with a bare 500 and logs them, and AppErrors with their code', async () => {
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (s: string) => void logged.push(JSON.parse(s)) });
    const app = express();
    app.get('/boom', () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    app.get('/async', async () => {
      await Promise.resolve();
      throw new TypeError('undefined is not a function');
    });
    app.get('/known', () => {
      throw new AppError('VERSION_CONFLICT', { expected: 1, current: 2 });
    });
    app.use(errorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      for (const p of ['/boom', '/async']) {
        const r = await fetch(base + p);
        expect(r.status).toBe(500);
        const text = await r.text();
        expect(JSON.parse(text)).toEqual({ code: 'INTERNAL', message: ERRORS.INTERNAL.message });
        expect(text).not.toMatch(/secret|undefined is not/);
      }
      expect(logged).toHaveLength(2);
      const known = await fetch(base + '/known');
      expect(known.status).toBe(409);
      expect(await known.json()).toEqual({ code: 'VERSION_CONFLICT', message: renderMessage('VERSION_CONFLICT', { expected: 1, current: 2 }) });
    } finally {
      server.close();
    }
  });
});

describe('requireRole and requireUser', () => {
  const user = (role: User['role'], mustChange = 0) =>
    ({ id: 'u', email: 'x@y.dk', navn: 'X', role, organisation_id: null, password_hash: '', must_change_password: mustChange, disabled: 0 }) as User;
  const as = (u?: User) => {
    const req = {} as Request;
    if (u) setAuthState(req, { user: u, session: {} as never, token: 't' });
    return req;
  };
  const passes = (mw: ReturnType<typeof requireRole>, req: Request) => {
    let passed = false;
    void mw(req, {} as never, () => (passed = true));
    return passed;
  };

  it('refuses anonymous with 401 and other roles with 403, and lets the named roles through', () => {
    const mw = requireRole('admin', 'analyst');
    expect(() => passes(mw, as())).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', status: 401 }));
    expect(() => passes(mw, as(user('respondent')))).toThrow(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
    expect(passes(mw, as(user('analyst')))).toBe(true);
    expect(passes(mw, as(user('admin')))).toBe(true);
  });

  it('holds a pending password change except where allowed', () => {
    expect(() => passes(requireUser(), as(user('admin', 1)))).toThrow(expect.objectContaining({ code: 'PASSWORD_CHANGE_REQUIRED' }));
    expect(passes(requireUser({ allowPasswordChange: true }), as(user('admin', 1)))).toBe(true);
    expect(() => passes(requireUser(), as())).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });
});
