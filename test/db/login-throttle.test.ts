import { beforeAll, expect, it } from 'vitest';
import type { Registry } from '../../engine/node.ts';
import {
  changePassword,
  createLoginThrottle,
  createUser,
  DEFAULT_THROTTLE,
  login,
  throttleDelaySeconds,
  type Failure,
  type WorkflowDeps,
} from '../../engine/workflows/index.ts';
import { createDatabase } from '../../engine/db/index.ts';
import { createTestClock, forEachDialect, testRegistry } from '../helpers/index.ts';

const PASSWORD = 'korrekt hest batteri hæfteklamme';
const WRONG = 'forkert gæt nummer et';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

it('pauses an account exponentially after the free failures, up to the ceiling', () => {
  const o = DEFAULT_THROTTLE;
  expect([0, 4, 5, 6, 7, 10, 13, 14, 40].map((n) => throttleDelaySeconds(o, n))).toEqual([0, 0, 1, 2, 4, 32, 256, 300, 300]);
});

forEachDialect('login throttle', (t) => {
  const clock = createTestClock('2024-05-01T10:00:00Z');
  const deps = (): WorkflowDeps => ({ db: t.db, registry, clock: clock.now });
  const statuses = (rs: ReadonlyArray<{ ok: boolean; code?: string }>) =>
    rs.reduce<Record<string, number>>((m, r) => ((m[r.ok ? 'ok' : r.code!] = (m[r.ok ? 'ok' : r.code!] ?? 0) + 1), m), {});

  it('creates the accounts', async () => {
    for (const email of ['maal@example.dk', 'skift@example.dk', 'spray@example.dk', 'to@example.dk']) {
      const u = await createUser(deps(), { email, navn: email, role: 'analyst', password: PASSWORD, actorId: null });
      expect(u.ok).toBe(true);
    }
  });

  it('counts a burst of guesses at one account one by one: only the free failures and one more are checked', async () => {
    const throttle = createLoginThrottle(t.db, { ...DEFAULT_THROTTLE, firstDelaySeconds: 1, maxDelaySeconds: 2 });
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => login(deps(), { email: 'maal@example.dk', password: WRONG, ip: '192.0.2.1' }, throttle)),
    );
    const seen = statuses(burst);
    // Without an atomic count every one of the 30 was checked and answered 401.
    expect(seen.INVALID_CREDENTIALS).toBeGreaterThanOrEqual(DEFAULT_THROTTLE.freeFailures);
    expect(seen.INVALID_CREDENTIALS).toBeLessThanOrEqual(DEFAULT_THROTTLE.freeFailures + 1);
    expect(seen.TOO_MANY_ATTEMPTS).toBe(30 - seen.INVALID_CREDENTIALS!);
    for (const r of burst.filter((x): x is Failure => !x.ok && x.code === 'TOO_MANY_ATTEMPTS')) {
      expect(r.params?.retryAfter).toBeGreaterThanOrEqual(1);
      expect(r.params?.ventetid).toMatch(/^\d+ (sekund|sekunder|minut|minutter)$/);
    }

    // The real user, from another address, waits out the pause at most, then logs in.
    let own = await login(deps(), { email: 'maal@example.dk', password: PASSWORD, ip: '192.0.2.99' }, throttle);
    if (!own.ok) {
      expect(own.code).toBe('TOO_MANY_ATTEMPTS');
      expect(own.params?.retryAfter).toBeLessThanOrEqual(2);
      await sleep(Number(own.params!.retryAfter) * 1000 + 50);
      own = await login(deps(), { email: 'maal@example.dk', password: PASSWORD, ip: '192.0.2.99' }, throttle);
    }
    expect(own.ok).toBe(true);

  });

  it('stops one address after ten failures in a row at one account, and only that address', async () => {
    // No pause per account here, so the limit per address and account is what answers.
    const throttle = createLoginThrottle(t.db, { ...DEFAULT_THROTTLE, freeFailures: 1000 });
    const burst = await Promise.all(Array.from({ length: 15 }, () => login(deps(), { email: 'maal@example.dk', password: WRONG, ip: '192.0.2.7' }, throttle)));
    expect(statuses(burst)).toEqual({ INVALID_CREDENTIALS: DEFAULT_THROTTLE.pairFailures, TOO_MANY_ATTEMPTS: 15 - DEFAULT_THROTTLE.pairFailures });
    const guesser = await login(deps(), { email: 'maal@example.dk', password: PASSWORD, ip: '192.0.2.7' }, throttle);
    expect(guesser).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number((guesser as Failure).params?.retryAfter)).toBeGreaterThan(DEFAULT_THROTTLE.pairBlockSeconds - 60);
    expect((await login(deps(), { email: 'maal@example.dk', password: PASSWORD, ip: '192.0.2.8' }, throttle)).ok).toBe(true);
  });

  // Several instances share PostgreSQL only. SQLite serves one process: two synchronous connections
  // in one process block each other's event loop on a write lock, which no deployment does.
  it.runIf(t.dialect === 'postgres')('holds across two connections to the same database, as two instances would', async () => {
    const other = createDatabase(t.handle.options);
    try {
      const a = createLoginThrottle(t.db, { ...DEFAULT_THROTTLE, firstDelaySeconds: 30 });
      const b = createLoginThrottle(other.db, { ...DEFAULT_THROTTLE, firstDelaySeconds: 30 });
      const otherDeps = { db: other.db, clock: clock.now };
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 ? login(deps(), { email: 'to@example.dk', password: WRONG, ip: `198.51.100.${i}` }, a) : login(otherDeps, { email: 'to@example.dk', password: WRONG, ip: `198.51.100.${i}` }, b),
        ),
      );
      const seen = statuses(burst);
      expect(seen.INVALID_CREDENTIALS).toBeLessThanOrEqual(DEFAULT_THROTTLE.freeFailures + 1);
      expect(seen.TOO_MANY_ATTEMPTS).toBeGreaterThanOrEqual(20 - DEFAULT_THROTTLE.freeFailures - 1);
    } finally {
      await other.destroy();
    }
  });

  it('guards the current-password check of a password change the same way', async () => {
    const throttle = createLoginThrottle(t.db, { ...DEFAULT_THROTTLE, firstDelaySeconds: 30 });
    const s = await login(deps(), { email: 'skift@example.dk', password: PASSWORD, ip: '192.0.2.5' }, throttle);
    if (!s.ok) throw new Error(s.code);
    const burst = await Promise.all(
      Array.from({ length: 15 }, () => changePassword(deps(), { userId: s.user.id, keepToken: s.token, current: WRONG, next: 'et helt nyt og langt kodeord', ip: '192.0.2.5' }, throttle)),
    );
    const seen = statuses(burst);
    expect(seen.INVALID_CREDENTIALS).toBeLessThanOrEqual(DEFAULT_THROTTLE.freeFailures + 1);
    expect(seen.TOO_MANY_ATTEMPTS).toBeGreaterThanOrEqual(15 - DEFAULT_THROTTLE.freeFailures - 1);
    // The login to the same account is paused too: one throttle per account.
    expect(await login(deps(), { email: 'skift@example.dk', password: PASSWORD, ip: '192.0.2.6' }, throttle)).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS' });
  });

  it('stops one address guessing many accounts only at its own, high limit', async () => {
    const throttle = createLoginThrottle(t.db, { ...DEFAULT_THROTTLE, ipFailures: 8 });
    const spray = await Promise.all(Array.from({ length: 12 }, (_, i) => login(deps(), { email: `konto${i}@example.dk`, password: WRONG, ip: '203.0.113.7' }, throttle)));
    expect(statuses(spray)).toEqual({ INVALID_CREDENTIALS: 8, TOO_MANY_ATTEMPTS: 4 });
    expect(await login(deps(), { email: 'spray@example.dk', password: PASSWORD, ip: '203.0.113.7' }, throttle)).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS' });
    expect((await login(deps(), { email: 'spray@example.dk', password: PASSWORD, ip: '203.0.113.8' }, throttle)).ok).toBe(true);
    // The service's own limit is far above what an office makes.
    expect(DEFAULT_THROTTLE.ipFailures).toBeGreaterThanOrEqual(200);
  });
});
