import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../engine/index.ts';
import { DIALECTS, openTestDatabase, seedTestData, testRegistry, validMaaltal, type TestDatabase } from '../helpers/index.ts';
import { startChildServer, type ChildServer } from '../proof/child-server.ts';
import { respondentSessions, type RespondentSession } from '../proof/respondent-sessions.ts';
import { holdRequest } from './held-request.ts';
import { probe, probeUntil } from './probe.ts';

/*
 * SIGTERM to `indberet serve` as a real process: readiness turns 503 at once, new connections are
 * refused once the drain time is over, a request that was running when the signal came is
 * answered (and stored), an idle keep-alive connection is closed, and the process exits 0. A
 * request that outlives the shutdown timeout is cut off and the process still exits 0.
 */

const OWN = '/api/rounds/2024/forms/maaltal/submission';

let registry: Registry;
beforeAll(async () => {
  registry = await testRegistry();
});

for (const dialect of DIALECTS) {
  describe(`graceful shutdown on SIGTERM [${dialect}]`, () => {
    let t: TestDatabase;
    let spare: string;
    let env: Record<string, string>;
    let sessions: RespondentSession[];
    let server: ChildServer | undefined;
    const clock = () => new Date();

    beforeAll(async () => {
      t = await openTestDatabase(dialect);
      const ids = await seedTestData({ db: t.db, registry, clock });
      sessions = await respondentSessions({ db: t.db, registry, clock }, 2, ids.admin);
      spare = await mkdtemp(path.join(tmpdir(), 'indberet-drain-'));
      env = dialect === 'sqlite' ? { INDBERET_DATA_DIR: t.options.dataDir! } : { DATABASE_URL: t.options.url!, INDBERET_DATA_DIR: spare };
    });
    afterAll(async () => {
      await server?.kill9();
      await t?.destroy();
      if (spare) await rm(spare, { recursive: true, force: true });
    });

    const headers = (s: RespondentSession) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

    it('answers readiness 503, finishes the running request, refuses new connections, closes idle ones, exits 0', async () => {
      server = await startChildServer({ ...env, INDBERET_DRAIN_SECONDS: '1', INDBERET_SHUTDOWN_SECONDS: '20' });
      const s = sessions[0]!;
      expect(await probe(server.url)).toBe(200);

      // A keep-alive connection left idle, as a proxy keeps them.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const idleClosed = await new Promise<Promise<void>>((resolve, reject) => {
        http
          .get(`${server!.url}/healthz`, { agent }, (res) => {
            res.resume();
            resolve(new Promise<void>((closed) => res.socket.once('close', () => closed())));
          })
          .once('error', reject);
      });

      const own = await (await fetch(`${server.url}${OWN}`, { headers: headers(s) })).json();
      const version = own.submission.version as number;
      const answers = validMaaltal(s.code, 'Gemt mens tjenesten lukkede');
      const held = await holdRequest(server.url, 'PUT', OWN, { ...headers(s), 'if-match': `"${version}"` }, { answers });
      // The first half is on the wire; give the server a moment to have read the request's head.
      await new Promise((r) => setTimeout(r, 200));

      server.child.kill('SIGTERM');
      // Readiness says stop sending at once, while the listener still accepts for the drain time.
      const seen = await probeUntil(server.url, 'refused');
      // (a probe sent before the signal arrived may still get its 200; one accepted just as the listener closed, a reset)
      expect(seen.filter((x, i) => !(i === 0 && x === 200) && x !== 'reset')).toEqual([503, 'refused']);
      await idleClosed;
      // The process waits for the running request: still alive after the listener closed.
      await new Promise((r) => setTimeout(r, 300));
      expect(server.child.exitCode).toBeNull();

      const answer = await held.finish();
      expect(answer.status).toBe(200);
      expect(answer.connection).toBe('close');
      expect(answer.body.submission.version).toBe(version + 1);
      expect(await server.exited).toEqual({ code: 0, signal: null });

      const stored = await t.db.selectFrom('submission_versions').select(['version', 'answers']).where('version', '=', version + 1).execute();
      expect(stored.map((r) => JSON.parse(r.answers))).toContainEqual(answer.body.submission.answers);
      agent.destroy();
    });

    it('cuts a request that outlives the shutdown timeout and still exits 0', async () => {
      server = await startChildServer({ ...env, INDBERET_DRAIN_SECONDS: '0', INDBERET_SHUTDOWN_SECONDS: '1' });
      const s = sessions[1]!;
      const own = await (await fetch(`${server.url}${OWN}`, { headers: headers(s) })).json();
      const held = await holdRequest(server.url, 'PUT', OWN, { ...headers(s), 'if-match': `"${own.submission.version}"` }, { answers: validMaaltal(s.code) });
      await new Promise((r) => setTimeout(r, 200));
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      expect((await probeUntil(server.url, 'refused')).filter((x) => x !== 200 && x !== 503 && x !== 'reset')).toEqual(['refused']);
      // Never finished: the connection is cut at the timeout, and the process exits as it should.
      expect((await held.failed).message).toMatch(/socket hang up|ECONNRESET/);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(900);
      expect(Date.now() - signalled).toBeLessThan(10_000);
    });
  });
}
